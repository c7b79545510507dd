"""Best practices in figures, per school: one SQL query each, keyed by school_id.

Run under the bound scope: a school sees only itself; the district calls these inside
`nastavnik.tenancy.all_schools()`.
"""

from collections import defaultdict

from sqlalchemy import func, select

from nastavnik.dates import AcademicYear
from nastavnik.extensions import db

from .models import Practice, PracticeStatus


def practices_by_status(year: AcademicYear) -> dict[int, dict[PracticeStatus, int]]:
    """{school_id: {status: practices of the year}}; drafts are not counted."""
    out: dict[int, dict[PracticeStatus, int]] = defaultdict(dict)
    rows = db.session.execute(
        select(Practice.school_id, Practice.status, func.count(Practice.id))
        .where(Practice.year == year.start_year, Practice.status != PracticeStatus.DRAFT)
        .group_by(Practice.school_id, Practice.status)
    )
    for school_id, status, n in rows:
        out[school_id][PracticeStatus(status)] = n
    return dict(out)
