"""Best practices in figures, per school: one SQL query each, keyed by school_id.

Run under the bound scope: a school sees only itself; the district calls these inside
`nastavnik.tenancy.all_schools()`.
"""

from sqlalchemy import func, select

from nastavnik.dates import AcademicYear
from nastavnik.extensions import db
from nastavnik.yearly import Years, nested_by_year, yearly

from .models import Practice, PracticeStatus


@yearly
def practices_by_status(years: Years) -> dict[AcademicYear, dict[int, dict[PracticeStatus, int]]]:
    """{school_id: {status: practices of the year}}; drafts are not counted."""
    rows = db.session.execute(
        select(*years.key, Practice.school_id, Practice.status, func.count(Practice.id))
        .where(Practice.year == years.start_year, Practice.status != PracticeStatus.DRAFT)
        .group_by(*years.key, Practice.school_id, Practice.status)
    ).all()
    return nested_by_year(years, rows, PracticeStatus)
