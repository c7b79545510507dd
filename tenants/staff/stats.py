"""The staff register's figures, per school: one SQL query each, {school_id: value}.

Run under the bound scope: a school sees only itself; the district calls these inside
`nastavnik.tenancy.all_schools()`. A year's figures are taken on `year.as_of(today)`: the
staff hired by then (the register keeps no leaving date).
"""

from datetime import date

from sqlalchemy import case, func, or_, select

from nastavnik.dates import AcademicYear
from nastavnik.extensions import db
from nastavnik.yearly import Years, yearly

from .models import YOUNG_AGE, YOUNG_TEACHING_YEARS, Staff


def is_young(years: Years | None = None, today: date | None = None):
    """The one condition 'a young (beginning) teacher': teaching experience under three years;
    an unknown length of service is not young. `Staff.is_young` says the same of today.

    For an earlier year the register's experience is taken back by the years gone since: one
    with 3 years now had 2 the year before (and one with 1 year now was not teaching then)."""
    back = 0
    if years is not None:
        current = AcademicYear.containing(today).start_year
        back = years.each(lambda y: max(current - y.start_year, 0))
    then = Staff.teaching_years - back
    return (then >= 0) & (then < YOUNG_TEACHING_YEARS)


def on_register(day: date):
    """On the register on `day`: hired by then, or with no hire date."""
    return or_(Staff.hired_on.is_(None), Staff.hired_on <= day)


@yearly
def register_figures(years: Years) -> dict[AcademicYear, dict[str, dict[int, int]]]:
    """The register's four figures of the year in ONE statement grouped by school (and year):
    {"staff" | "young" | "under_35" | "age_known": {school_id: count}}; the district's overview
    and a school's «Статистика» both read them here (the functions below are their parts)."""
    on = on_register(years.day)
    threshold = years.each(lambda y: _born_before(YOUNG_AGE, y.start))
    conditions = {
        "young": is_young(years, years.today),
        "under_35": Staff.born_on > threshold,
        "age_known": Staff.born_on.is_not(None),
    }
    rows = db.session.execute(
        select(
            *years.key,
            Staff.school_id,
            func.count(Staff.id),
            *(func.sum(case((c, 1), else_=0)) for c in conditions.values()),
        )
        .where(on)
        .group_by(*years.key, Staff.school_id)
    ).all()
    names = ("staff", *conditions)
    by_year = {}
    for year, found in years.split(rows).items():
        out: dict[str, dict[int, int]] = {name: {} for name in names}
        for school_id, *counts in found:
            for name, n in zip(names, counts, strict=True):
                if n:
                    out[name][school_id] = int(n)
        by_year[year] = out
    return by_year


def staff_count(year: AcademicYear, today: date) -> dict[int, int]:
    """Teaching staff on the register (those whose details are hidden count too)."""
    return register_figures(year, today)["staff"]


def young_teachers(year: AcademicYear, today: date) -> dict[int, int]:
    return register_figures(year, today)["young"]


def _born_before(years: int, day: date) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def under_35(year: AcademicYear, today: date) -> dict[int, int]:
    """Under 35 on the first day of the year; counted only where the birth date is known."""
    return register_figures(year, today)["under_35"]


def age_known(year: AcademicYear, today: date) -> dict[int, int]:
    return register_figures(year, today)["age_known"]
