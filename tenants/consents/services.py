"""The rules of consent: who may be in the banks and who may be a mentor."""

from datetime import date

from sqlalchemy import select

from nastavnik.extensions import db

from .models import Consent


def valid_kinds(staff_ids, on: date) -> dict[int, set[str]]:
    """For each staff member, the kinds of consent valid on the day."""
    ids = list(staff_ids)
    found: dict[int, set[str]] = {i: set() for i in ids}
    if not ids:
        return found
    for consent in db.session.execute(select(Consent).where(Consent.staff_id.in_(ids))).scalars():
        if consent.is_valid(on):
            found[consent.staff_id].add(consent.kind)
    return found


def has_valid(staff_id: int, kind: str, on: date) -> bool:
    return kind in valid_kinds([staff_id], on)[staff_id]
