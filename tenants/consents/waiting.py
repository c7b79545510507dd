"""What waits for the curator and the coordinator: consents that expire within 30 days."""

from datetime import date, timedelta

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import aliased

from nastavnik.dates import format_date
from nastavnik.permissions import Role
from nastavnik.tenants.staff.models import Staff
from nastavnik.waiting import Waiting, rows_of

from .models import Consent, ConsentKind

AHEAD = 30  # days
WHO = frozenset({Role.CURATOR, Role.COORDINATOR})


def expiring(today: date, days: int = AHEAD) -> Select:
    """(Consent, Staff): valid consents ending within `days` days that no later consent of the
    kind replaces."""
    later = aliased(Consent)
    replaced = (
        select(later.id)
        .where(
            later.staff_id == Consent.staff_id,
            later.kind == Consent.kind,
            later.id != Consent.id,
            later.revoked_on.is_(None),
            or_(later.valid_until.is_(None), later.valid_until > Consent.valid_until),
        )
        .exists()
    )
    return (
        select(Consent, Staff)
        .join(Staff, Staff.id == Consent.staff_id)
        .where(
            Consent.revoked_on.is_(None),
            Consent.signed_on <= today,
            Consent.valid_until >= today,
            Consent.valid_until <= today + timedelta(days=days),
            ~replaced,
        )
        .order_by(Consent.valid_until, Consent.id)
    )


def waiting_rows(account, today: date) -> list[Select]:
    """The statements whose rows wait (one row, one item): the menu counts them in SQL."""
    return [expiring(today)] if account.roles & WHO else []


def waiting_for(account, today: date) -> list[Waiting]:
    rows = rows_of(waiting_rows(account, today))
    return [
        Waiting(
            f"{ConsentKind(consent.kind).label}: {staff.display_name} — действует до "
            f"{format_date(consent.valid_until)}; запишите новое.",
            "consents.create",
            {"staff_id": staff.id, "kind": consent.kind},
            "Записать согласие",
            consent.valid_until,
        )
        for consent, staff in rows
    ]
