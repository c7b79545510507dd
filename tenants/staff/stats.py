"""The staff register's figures, per school: one SQL query each, {school_id: value}.

Run under the bound scope: a school sees only itself; the district calls these inside
`nastavnik.tenancy.all_schools()`. A year's figures are taken on `year.as_of(today)`: the
staff hired by then (the register keeps no leaving date).
"""

from datetime import date

from sqlalchemy import func, or_, select

from nastavnik.dates import AcademicYear
from nastavnik.extensions import db

from .models import YOUNG_AGE, YOUNG_TEACHING_YEARS, Staff


def is_young(year: AcademicYear | None = None, today: date | None = None):
    """The one condition 'a young (beginning) teacher': teaching experience under three years;
    an unknown length of service is not young. `Staff.is_young` says the same of today.

    For an earlier year the register's experience is taken back by the years gone since: one
    with 3 years now had 2 the year before (and one with 1 year now was not teaching then)."""
    back = (
        0 if year is None else max(AcademicYear.containing(today).start_year - year.start_year, 0)
    )
    then = Staff.teaching_years - back
    return (then >= 0) & (then < YOUNG_TEACHING_YEARS)


def on_register(day: date):
    """On the register on `day`: hired by then, or with no hire date."""
    return or_(Staff.hired_on.is_(None), Staff.hired_on <= day)


def _count(*conditions) -> dict[int, int]:
    rows = db.session.execute(
        select(Staff.school_id, func.count(Staff.id)).where(*conditions).group_by(Staff.school_id)
    )
    return dict(rows.all())


def staff_count(year: AcademicYear, today: date) -> dict[int, int]:
    """Teaching staff on the register (those whose details are hidden count too)."""
    return _count(on_register(year.as_of(today)))


def young_teachers(year: AcademicYear, today: date) -> dict[int, int]:
    return _count(on_register(year.as_of(today)), is_young(year, today))


def _born_before(years: int, day: date) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def under_35(year: AcademicYear, today: date) -> dict[int, int]:
    """Under 35 on the first day of the year; counted only where the birth date is known."""
    threshold = _born_before(YOUNG_AGE, year.start)
    return _count(on_register(year.as_of(today)), Staff.born_on > threshold)


def age_known(year: AcademicYear, today: date) -> dict[int, int]:
    return _count(on_register(year.as_of(today)), Staff.born_on.is_not(None))
