"""Programs and their plans in figures, per school: one SQL query each, keyed by school_id.

Run under the bound scope: a school sees only itself; the district calls these inside
`nastavnik.tenancy.all_schools()`. A year counts what happened in it: a program ended on
15 June 2025 is of 2024/2025; one running on 31 August runs in both years it spans.
"""

from datetime import date, datetime, time

from sqlalchemy import case, func, or_, select

from nastavnik.dates import AcademicYear
from nastavnik.extensions import db
from nastavnik.yearly import Years, count_by_school, nested_by_year, yearly

from .models import (
    Activity,
    ActivityStatus,
    ChangeKind,
    ChangeStatus,
    EndReason,
    Program,
    ProgramChange,
)

# How an activity of the year's plan stands (7.1 asks for the plan «в полном объёме»).
ON_TIME, LATE, OVERDUE, AHEAD = "on_time", "late", "overdue", "ahead"
TIMELINESS = {
    ON_TIME: "Выполнено в срок",
    LATE: "Выполнено с опозданием",
    OVERDUE: "Просрочено (не выполнено)",
    AHEAD: "Срок ещё не наступил",
}


def running_on(day: date):
    """Started by `day` and not ended before it."""
    return (Program.starts_on <= day) & or_(Program.ended_on.is_(None), Program.ended_on > day)


@yearly
def programs_started(years: Years) -> dict[AcademicYear, dict[int, int]]:
    return count_by_school(years, Program, Program.starts_on.between(years.start, years.end))


@yearly
def programs_running(years: Years) -> dict[AcademicYear, dict[int, int]]:
    """Running on the year's day of account (its last day, or today while it runs)."""
    return count_by_school(years, Program, running_on(years.day))


@yearly
def programs_ended(years: Years) -> dict[AcademicYear, dict[int, int]]:
    return count_by_school(years, Program, Program.ended_on.between(years.start, years.end))


@yearly
def programs_overdue(years: Years) -> dict[AcademicYear, dict[int, int]]:
    """Running on the day of account past their planned end and not ended (1.2)."""
    day = years.day
    return count_by_school(years, Program, running_on(day), Program.ends_on < day)


@yearly
def programs_ended_by_reason(years: Years) -> dict[AcademicYear, dict[int, dict[EndReason, int]]]:
    """{school_id: {7.1 reason: programs ended in the year}}."""
    rows = db.session.execute(
        select(*years.key, Program.school_id, Program.end_reason, func.count(Program.id))
        .where(Program.ended_on.between(years.start, years.end), Program.end_reason.is_not(None))
        .group_by(*years.key, Program.school_id, Program.end_reason)
    ).all()
    return nested_by_year(years, rows, EndReason)


@yearly
def programs_changed_by_kind(years: Years) -> dict[AcademicYear, dict[int, dict[ChangeKind, int]]]:
    """{school_id: {7.2 kind: programs with such a change agreed and applied in the year}}."""
    # applied_at is a timestamp: from the year's first midnight to the next year's
    start = years.each(lambda y: datetime.combine(y.start, time.min))
    end = years.each(lambda y: datetime.combine(AcademicYear(y.start_year + 1).start, time.min))
    rows = db.session.execute(
        select(
            *years.key,
            ProgramChange.school_id,
            ProgramChange.kind,
            func.count(ProgramChange.program_id.distinct()),
        )
        .where(
            ProgramChange.status == ChangeStatus.APPLIED,
            ProgramChange.applied_at >= start,
            ProgramChange.applied_at < end,
        )
        .group_by(*years.key, ProgramChange.school_id, ProgramChange.kind)
    ).all()
    return nested_by_year(years, rows, ChangeKind)


@yearly
def activities_by_timeliness(years: Years) -> dict[AcademicYear, dict[int, dict[str, int]]]:
    """{school_id: {on_time/late/overdue/ahead: activities due in the year}}; cancelled ones
    (7.2), and planned ones of a program ended by their date, are not counted. Overdue: still
    planned when its date had passed by the day of account."""
    day = years.day
    done = Activity.status == ActivityStatus.DONE
    standing = case(
        (done & (Activity.done_on > Activity.due_on), LATE),
        (done, ON_TIME),
        (Activity.due_on < day, OVERDUE),
        else_=AHEAD,
    )
    # A planned activity whose program had ended by its date was dropped with the program.
    dropped = (Activity.status == ActivityStatus.PLANNED) & (Program.ended_on <= Activity.due_on)
    return nested_by_year(
        years,
        db.session.execute(
            select(*years.key, Activity.school_id, standing, func.count(Activity.id))
            .join(
                Program,
                (Program.id == Activity.program_id) & (Program.school_id == Activity.school_id),
            )
            .where(
                Activity.due_on.between(years.start, years.end),
                Activity.status != ActivityStatus.CANCELLED,
                ~func.coalesce(dropped, False),
            )
            .group_by(*years.key, Activity.school_id, standing)
        ).all(),
    )


def overdue_activities(year: AcademicYear, today: date) -> dict[int, int]:
    """Activities due in the year, still planned after their date (the district's column)."""
    return {
        school_id: counts[OVERDUE]
        for school_id, counts in activities_by_timeliness(year, today).items()
        if counts.get(OVERDUE)
    }
