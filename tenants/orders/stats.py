"""Orders in figures, per school: one SQL query each, keyed by school_id.

Run under the bound scope: a school sees only itself; the district calls these inside
`nastavnik.tenancy.all_schools()`.
"""

from sqlalchemy import func, select

from nastavnik.dates import AcademicYear
from nastavnik.extensions import db

from .models import OrderStatus, SchoolOrder


def orders_signed(year: AcademicYear) -> dict[int, int]:
    """{school_id: orders the director signed in the academic year}."""
    rows = db.session.execute(
        select(SchoolOrder.school_id, func.count(SchoolOrder.id))
        .where(
            SchoolOrder.status == OrderStatus.SIGNED,
            SchoolOrder.signed_on.between(year.start, year.end),
        )
        .group_by(SchoolOrder.school_id)
    )
    return dict(rows.all())
