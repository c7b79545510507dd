"""The banks' figures, per school: one SQL query each, {school_id: value}.

Run under the bound scope: a school sees only itself; the district calls these inside
`nastavnik.tenancy.all_schools()`. A year counts whoever was in a bank at some time in it:
entered by its last day, and not gone before its first. The mentee bank's figures need the
pairings (a mentee who finished a program is out of the bank from its end): they are in
`nastavnik.tenants.pairings.stats`.
"""

from collections import defaultdict
from datetime import date

from sqlalchemy import Text, case, cast, func, literal, or_, select

from nastavnik.dates import AcademicYear
from nastavnik.extensions import db
from nastavnik.tenants.vocabulary import Area
from nastavnik.yearly import Years, count_by_school, nested_by_year, yearly

from .models import MentorEntry, MentorTraining


def in_bank_during(model, year: AcademicYear | Years):
    """In the bank at some time in the year."""
    return (model.added_on <= year.end) & or_(model.left_on.is_(None), model.left_on >= year.start)


def in_bank_on(model, day: date):
    """In the bank on `day`."""
    return (model.added_on <= day) & or_(model.left_on.is_(None), model.left_on > day)


def has_code(column, code: str):
    """A CodeList column ('a,b,c') holds `code`."""
    padded = literal(",", Text) + cast(column, Text) + literal(",", Text)
    return padded.like(f"%,{code},%")


def _nested(rows) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = defaultdict(dict)
    for school_id, key, n in rows:
        if n:
            out[school_id][key] = n
    return dict(out)


@yearly
def mentors_in_bank(years: Years) -> dict[AcademicYear, dict[int, int]]:
    return count_by_school(years, MentorEntry, in_bank_during(MentorEntry, years))


def by_area(years: Years, model, column, *conditions) -> dict[AcademicYear, dict[int, dict]]:
    """{school_id: {area: entries whose list names it}}: one request names several areas."""
    areas = [area.value for area in Area]  # once, not an enum's iteration per school
    sums = [func.sum(case((has_code(column, area), 1), else_=0)) for area in areas]
    rows = db.session.execute(
        select(*years.key, model.school_id, *sums)
        .where(*conditions)
        .group_by(*years.key, model.school_id)
    ).all()
    return {
        year: _nested(
            (school_id, area, n or 0)
            for school_id, *counts in found
            for area, n in zip(areas, counts, strict=True)
        )
        for year, found in years.split(rows).items()
    }


@yearly
def mentors_by_area(years: Years) -> dict[AcademicYear, dict[int, dict[str, int]]]:
    """{school_id: {area: mentors competent in it}}."""
    return by_area(years, MentorEntry, MentorEntry.competences, in_bank_during(MentorEntry, years))


@yearly
def trainings_by_kind(years: Years) -> dict[AcademicYear, dict[int, dict[str, int]]]:
    """Mentors' training held in the year (sessions, internships, courses, seminars)."""
    kind = MentorTraining.kind
    return nested_by_year(
        years,
        db.session.execute(
            select(*years.key, MentorTraining.school_id, kind, func.count(MentorTraining.id))
            .where(MentorTraining.held_on.between(years.start, years.end))
            .group_by(*years.key, MentorTraining.school_id, kind)
        ).all(),
    )
