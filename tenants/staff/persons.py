"""The staff record behind a login (Staff.account_id), for other features' queries."""

from sqlalchemy import Select, select

from .models import Staff


def own_staff(account_id: int) -> Select:
    """The ids of the staff records whose login is this account (one, or none)."""
    return select(Staff.id).where(Staff.account_id == account_id)
