"""The working group of a demo school and its order № 90-од «О реализации целевой модели
наставничества», signed at the start of the year (30 August), made through the services."""

from datetime import date

from sqlalchemy import select

from nastavnik import dates
from nastavnik.extensions import db
from nastavnik.models import Account
from nastavnik.tenants.appointments import services as appointments
from nastavnik.tenants.regulation import basis
from nastavnik.tenants.regulation import order as target_model
from nastavnik.tenants.roadmap.annex import is_approved, roadmap_of_year
from nastavnik.tenants.roadmap.timing import academic_year
from nastavnik.tenants.staff.models import Staff

from . import data


def seed_working_group(position: int, accounts: dict[str, Account]) -> bool:
    """Appointments, the legal basis and the signed order of the bound school; True when made.

    The order needs the roadmap approved by the director: where the demo leaves it a draft,
    the appointments wait for the order."""
    if appointments.in_force() or appointments.pending():
        return False
    year = academic_year(dates.today())
    by_email = {s.email: s for s in db.session.execute(select(Staff)).scalars() if s.email}
    for key, post, written in data.WORKING_GROUP:
        person = by_email.get(f"{key}@school.example")
        if person is not None:
            appointments.appoint(person.id, post, written, accounts.get("curator"))
    basis.save(
        **basis.defaults(),
        council_date=date(year, 8, 30),
        council_protocol="1",
        union_date=date(year, 8, 25),
        union_protocol="1",
        mo_date=date(year, 8, 30),
        mo_protocol="1",
    )
    if is_approved(roadmap_of_year(year)):
        signed_on = date(year, 8, 30)
        effective = date(year, 9, 1)
        # The platform's forms of the names, as the curator would confirm them on screen.
        forms = {n.key: n.form for n in target_model.names_to_confirm(effective)}
        order = target_model.draft(signed_on, effective, accounts.get("curator"), forms=forms)
        target_model.sign(order, f"{90 + position}-од", signed_on, accounts.get("director"))
    db.session.flush()
    return True
