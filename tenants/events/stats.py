"""The school's events in figures, per school: one SQL query each, keyed by school_id.

Run under the bound scope: a school sees only itself; the district calls these inside
`nastavnik.tenancy.all_schools()`.
"""

from collections import defaultdict

from sqlalchemy import func, select

from nastavnik.dates import AcademicYear
from nastavnik.extensions import db

from .models import EventKind, SchoolEvent


def events_by_kind(year: AcademicYear) -> dict[int, dict[EventKind, int]]:
    """{school_id: {kind: events held in the year}}."""
    out: dict[int, dict[EventKind, int]] = defaultdict(dict)
    rows = db.session.execute(
        select(SchoolEvent.school_id, SchoolEvent.kind, func.count(SchoolEvent.id))
        .where(SchoolEvent.held_on.between(year.start, year.end))
        .group_by(SchoolEvent.school_id, SchoolEvent.kind)
    )
    for school_id, kind, n in rows:
        out[school_id][EventKind(kind)] = n
    return dict(out)
