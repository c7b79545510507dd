"""What the programs' pages list and name: read-only lookups, no rules."""

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from nastavnik.accounts.names import names_of
from nastavnik.extensions import db
from nastavnik.tenants.pairings.models import Pairing, PairingMember
from nastavnik.tenants.pairings.services import describe, form_labels
from nastavnik.tenants.staff.models import Staff
from nastavnik.tenants.vocabulary import Area

from .models import Activity, ActivityStatus, Program, ProgramStatus

__all__ = [
    "account_names",
    "all_programs",
    "area_labels",
    "form_labels",
    "overdue_counts",
    "pairing_title",
    "program_links",
    "staff_names",
]


def program_links(pairing_id: int) -> list[tuple[str, str, dict, str]]:
    """A pair's programs as its card links them, the oldest first (pairings.PROGRAMS)."""
    programs = db.session.execute(
        select(Program)
        .where(Program.pairing_id == pairing_id)
        .order_by(Program.starts_on, Program.id)
    ).scalars()
    return [(p.title, "programs.show", {"program_id": p.id}, p.status_label) for p in programs]


def all_programs(status: ProgramStatus | None = None):
    """The programs of the school (of one status), in the list's order: a statement, for the list
    to take a page of."""
    statement = (
        select(Program)
        .order_by(Program.status, Program.starts_on.desc(), Program.id)
        .options(*with_pairing())
    )
    if status:
        statement = statement.where(Program.status == status)
    return statement


def with_pairing():
    """Loader options: each program's pair and its people, in a fixed number of queries."""
    return (
        joinedload(Program.pairing).joinedload(Pairing.mentor),
        joinedload(Program.pairing).selectinload(Pairing.members).joinedload(PairingMember.mentee),
    )


def overdue_counts(today: date) -> dict[int, int]:
    """Per program, how many activities are past their deadline and not done."""
    statement = (
        select(Activity.program_id, func.count())
        .where(Activity.status == ActivityStatus.PLANNED, Activity.due_on < today)
        .group_by(Activity.program_id)
    )
    return dict(db.session.execute(statement).all())


def pairing_title(pairing: Pairing) -> str:
    return describe(pairing)


def area_labels() -> dict[str, str]:
    return Area.labels()


def account_names(ids) -> dict[int, str]:
    """Who marked, proposed, declined or ended: hidden once their data consent is revoked."""
    return names_of(ids)


def staff_names(ids) -> dict[int, str]:
    ids = set(ids)
    if not ids:
        return {}
    staff = db.session.execute(select(Staff).where(Staff.id.in_(ids))).scalars()
    return {s.id: s.display_name for s in staff}
