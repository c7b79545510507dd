"""The school's events in figures, per school: one SQL query each, keyed by school_id.

Run under the bound scope: a school sees only itself; the district calls these inside
`nastavnik.tenancy.all_schools()`.
"""

from sqlalchemy import func, select

from nastavnik.dates import AcademicYear, today
from nastavnik.extensions import db
from nastavnik.yearly import Years, nested_by_year, yearly

from .models import EventKind, SchoolEvent


@yearly
def events_by_kind(years: Years) -> dict[AcademicYear, dict[int, dict[EventKind, int]]]:
    """{school_id: {kind: events held in the year}}: held, so up to today; an event planned
    for later in the year is in the calendar, not yet among those «проведено»."""
    rows = db.session.execute(
        select(*years.key, SchoolEvent.school_id, SchoolEvent.kind, func.count(SchoolEvent.id))
        .where(SchoolEvent.held_on.between(years.start, years.end), SchoolEvent.held_on <= today())
        .group_by(*years.key, SchoolEvent.school_id, SchoolEvent.kind)
    ).all()
    return nested_by_year(years, rows, EventKind)
