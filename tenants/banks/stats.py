"""The banks' figures, per school: one SQL query each, {school_id: value}.

Run under the bound scope: a school sees only itself; the district calls these inside
`nastavnik.tenancy.all_schools()`.
"""

from sqlalchemy import func, select

from nastavnik.extensions import db

from .models import MENTEE_IN_BANK, MenteeEntry, MenteeStatus, MentorEntry, MentorStatus


def _count_by_school(model, *conditions) -> dict[int, int]:
    rows = db.session.execute(
        select(model.school_id, func.count(model.id)).where(*conditions).group_by(model.school_id)
    )
    return dict(rows.all())


def mentors_in_bank() -> dict[int, int]:
    return _count_by_school(MentorEntry, MentorEntry.status == MentorStatus.ACTIVE)


def mentees_in_bank() -> dict[int, int]:
    """Mentees still in the bank: waiting for a mentor or already in a program."""
    return _count_by_school(MenteeEntry, MenteeEntry.status.in_(MENTEE_IN_BANK))


def mentees_waiting() -> dict[int, int]:
    """Mentees in the bank with no mentor yet."""
    return _count_by_school(MenteeEntry, MenteeEntry.status == MenteeStatus.WAITING)
