"""Programs and their plans in figures, per school: one SQL query each, keyed by school_id.

Run under the bound scope: a school sees only itself; the district calls these inside
`nastavnik.tenancy.all_schools()`.
"""

from collections import defaultdict
from datetime import date

from sqlalchemy import func, select

from nastavnik.extensions import db

from .models import Activity, ActivityStatus, Program, ProgramStatus


def programs_by_status() -> dict[int, dict[ProgramStatus, int]]:
    """{school_id: {status: number of programs}}."""
    out: dict[int, dict[ProgramStatus, int]] = defaultdict(dict)
    rows = db.session.execute(
        select(Program.school_id, Program.status, func.count(Program.id)).group_by(
            Program.school_id, Program.status
        )
    )
    for school_id, status, n in rows:
        out[school_id][status] = n
    return dict(out)


def overdue_activities(today: date) -> dict[int, int]:
    """Planned activities of running programs whose date has passed."""
    rows = db.session.execute(
        select(Activity.school_id, func.count(Activity.id))
        .join(
            Program,
            (Program.id == Activity.program_id) & (Program.school_id == Activity.school_id),
        )
        .where(
            Activity.status == ActivityStatus.PLANNED,
            Activity.due_on < today,
            Program.status == ProgramStatus.ACTIVE,
        )
        .group_by(Activity.school_id)
    )
    return dict(rows.all())
