"""The staff register's figures, per school: one SQL query each, {school_id: value}.

Run under the bound scope: a school sees only itself; the district calls these inside
`nastavnik.tenancy.all_schools()`.
"""

from sqlalchemy import func, select

from nastavnik.extensions import db

from .models import YOUNG_TEACHING_YEARS, Staff


def is_young():
    """The condition 'a young teacher'; an unknown length of service is not young."""
    return Staff.teaching_years <= YOUNG_TEACHING_YEARS


def staff_count() -> dict[int, int]:
    """Teaching staff on the register (those whose details are hidden count too)."""
    rows = db.session.execute(
        select(Staff.school_id, func.count(Staff.id)).group_by(Staff.school_id)
    )
    return dict(rows.all())


def young_teachers() -> dict[int, int]:
    rows = db.session.execute(
        select(Staff.school_id, func.count(Staff.id)).where(is_young()).group_by(Staff.school_id)
    )
    return dict(rows.all())
