"""Pairs and groups in figures, per school: one SQL query each, keyed by school_id.

Run under the bound scope: a school sees only itself; the district calls these inside
`nastavnik.tenancy.all_schools()`.
"""

from collections import defaultdict

from sqlalchemy import case, distinct, func, select

from nastavnik.extensions import db
from nastavnik.tenants.staff.models import Staff
from nastavnik.tenants.staff.stats import is_young

from .models import IN_FORCE, Pairing, PairingMember, PairingStatus

CUSTOM = "custom"  # every form a school added itself (CustomForm), taken together


def _nested(rows) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = defaultdict(dict)
    for school_id, key, n in rows:
        out[school_id][key] = n
    return dict(out)


def pairings_by_status() -> dict[int, dict[PairingStatus, int]]:
    """{school_id: {status: number of pairs and groups}}."""
    return _nested(
        db.session.execute(
            select(Pairing.school_id, Pairing.status, func.count(Pairing.id)).group_by(
                Pairing.school_id, Pairing.status
            )
        ).all()
    )


def active_pairings_by_form() -> dict[int, dict[str, int]]:
    """{school_id: {form code: active pairs and groups}}; a school's own forms as 'custom'."""
    form = case((Pairing.form.like("custom:%"), CUSTOM), else_=Pairing.form)
    return _nested(
        db.session.execute(
            select(Pairing.school_id, form, func.count(Pairing.id))
            .where(Pairing.status == PairingStatus.ACTIVE)
            .group_by(Pairing.school_id, form)
        ).all()
    )


def young_covered() -> dict[int, int]:
    """Young teachers who are mentees of an approved or active pair or group."""
    # One join from the pairs' members to the staff, grouped (no correlated EXISTS per teacher:
    # the costliest statement of the district page at 500 schools); DISTINCT, since a teacher
    # may be in two pairs. Entities joined, so that a school's filter reaches each of them.
    rows = db.session.execute(
        select(Staff.school_id, func.count(distinct(Staff.id)))
        .select_from(PairingMember)
        .join(
            Pairing,
            (Pairing.id == PairingMember.pairing_id)
            & (Pairing.school_id == PairingMember.school_id),
        )
        .join(
            Staff,
            (Staff.id == PairingMember.mentee_staff_id)
            & (Staff.school_id == PairingMember.school_id),
        )
        .where(is_young(), Pairing.status.in_(IN_FORCE))
        .group_by(Staff.school_id)
    )
    return dict(rows.all())
