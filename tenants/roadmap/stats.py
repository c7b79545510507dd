"""The roadmap in figures, per school: the one definition of a stage's progress.

A stage's progress is its done activities ÷ all its activities, an activity counting as done when
it is marked done by hand or when its automatic check (progress.py) finds it done; overdue: not
done and its due date passed. Run under the bound scope: a school sees only itself; the district
calls these inside `nastavnik.tenancy.all_schools()`.
"""

from collections import defaultdict
from datetime import date

from sqlalchemy import case, func, select

from nastavnik.dates import AcademicYear, today
from nastavnik.extensions import db
from nastavnik.yearly import Years

from . import progress
from .models import Roadmap, RoadmapActivity, Stage, StepStatus

STAGE = {stage.value: stage for stage in Stage}


def stage_progress(
    year: int, on: date | None = None
) -> dict[int, dict[Stage, tuple[int, int, int]]]:
    """{school_id: {stage: (done, total, overdue)}} of the year's roadmaps."""
    academic = AcademicYear(year)
    return stage_progress_of_years(Years.on(academic, on or today()))[academic]


def stage_progress_of_years(
    years: Years,
) -> dict[AcademicYear, dict[int, dict[Stage, tuple[int, int, int]]]]:
    """`stage_progress` of each of the years (taken on each one's day), in one statement and
    the checks' one statement each."""
    on = years.day
    done_checks = {
        year: {
            school_id: {key for key, f in found.items() if f.status == StepStatus.DONE}
            for school_id, found in by_school.items()
        }
        for year, by_school in progress.findings_of_years(years).items()
    }
    marked_done = case((RoadmapActivity.status == StepStatus.DONE, 1), else_=0)
    past_due = case((RoadmapActivity.due_on < on, 1), else_=0)
    rows = db.session.execute(
        select(
            *years.key,
            RoadmapActivity.school_id,
            RoadmapActivity.stage,
            RoadmapActivity.check_key,
            marked_done,
            past_due,
            func.count(RoadmapActivity.id),
        )
        .join(
            Roadmap,
            (Roadmap.id == RoadmapActivity.roadmap_id)
            & (Roadmap.school_id == RoadmapActivity.school_id),
        )
        .where(Roadmap.year == years.start_year)
        .group_by(
            *years.key,
            RoadmapActivity.school_id,
            RoadmapActivity.stage,
            RoadmapActivity.check_key,
            marked_done,
            past_due,
        )
    ).all()
    return {year: _tally(found, done_checks[year]) for year, found in years.split(rows).items()}


def _tally(rows, done_checks: dict[int, set]) -> dict[int, dict[Stage, tuple[int, int, int]]]:
    stages = tuple(Stage)  # once, not an enum's iteration per school
    tally: dict[int, dict[Stage, list[int]]] = defaultdict(
        lambda: {stage: [0, 0, 0] for stage in stages}
    )
    for school_id, stage, check_key, is_marked, is_past, n in rows:
        done = bool(is_marked) or check_key in done_checks.get(school_id, set())
        counts = tally[school_id][STAGE[stage]]
        counts[1] += n
        if done:
            counts[0] += n
        elif is_past:
            counts[2] += n
    return {
        school_id: {stage: tuple(c) for stage, c in stages.items()}
        for school_id, stages in tally.items()
    }


def percent(done: int, total: int) -> int:
    """The stage's progress in whole percent, rounded as the statistics page rounds its shares
    (2 of 3 is 67 % on the roadmap, the statistics and the district's pages alike); 0 for a
    stage without activities."""
    return round(100 * done / total) if total else 0


def overdue_counts(year: int, on: date | None = None) -> dict[int, int]:
    """{school_id: overdue activities of the year's roadmap}."""
    return {
        school_id: sum(c[2] for c in stages.values())
        for school_id, stages in stage_progress(year, on).items()
    }
