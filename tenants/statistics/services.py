"""One school's figures for an academic year, composed from the features that own the data.

Every figure is computed by a `stats` function of its feature (SQL grouped by school), the
very function the district's overview calls; here they are taken for the bound school. Over
several years each is still one statement, grouped by year as well (`nastavnik.yearly`).
"""

from dataclasses import MISSING, dataclass, field, fields
from datetime import date

from sqlalchemy import func, select

from nastavnik.dates import AcademicYear
from nastavnik.extensions import db
from nastavnik.models import Account, RoleGrant
from nastavnik.permissions import Role
from nastavnik.refusals import Refusal
from nastavnik.tenants.banks import stats as banks
from nastavnik.tenants.banks.models import MenteeEntry, MentorEntry
from nastavnik.tenants.events import stats as events
from nastavnik.tenants.pairings import stats as pairings
from nastavnik.tenants.practices import stats as practices
from nastavnik.tenants.programs import stats as programs
from nastavnik.tenants.programs.models import Program
from nastavnik.tenants.questionnaires import stats as questionnaires
from nastavnik.tenants.roadmap import stats as roadmap
from nastavnik.tenants.staff import stats as staff
from nastavnik.yearly import Years

from .models import TEXT_LIMIT, AnnualReport

EARLIEST_YEAR = 2015  # before the district's order on mentoring there is nothing to count


@dataclass(frozen=True)
class YearFigures:
    """One school's figures of one academic year; mappings keyed by the codes of their lists."""

    year: AcademicYear
    staff: int = 0
    young: int = 0
    under_35: int = 0
    age_known: int = 0
    mentors: int = 0
    mentees: int = 0
    mentees_waiting: int = 0
    mentees_by_category: dict = field(default_factory=dict)
    mentees_by_area: dict = field(default_factory=dict)
    mentors_by_area: dict = field(default_factory=dict)
    pairings_by_form: dict = field(default_factory=dict)
    pairings_by_status: dict = field(default_factory=dict)
    young_covered: int = 0
    programs_started: int = 0
    programs_running: int = 0
    programs_ended: int = 0
    programs_overdue: int = 0
    ended_by_reason: dict = field(default_factory=dict)
    changed_by_kind: dict = field(default_factory=dict)
    activities: dict = field(default_factory=dict)
    trainings: dict = field(default_factory=dict)
    events: dict = field(default_factory=dict)
    practices: dict = field(default_factory=dict)
    # (done, total, overdue) of each stage of the year's roadmap, if the school has one
    roadmap: dict = field(default_factory=dict)
    # [(questionnaire, question, average or None under 3 answers, answers)]
    questions: list = field(default_factory=list)

    @property
    def covered_percent(self) -> int | None:
        return percent(self.young_covered, self.young)


FIELDS = {f.name: f for f in fields(YearFigures)}


def percent(part: int, whole: int) -> int | None:
    """Whole percent, or None when there is nothing to take a share of."""
    return round(100 * part / whole) if whole else None


def gather(year: AcademicYear, today: date) -> dict[str, dict]:
    """Every statistic of the year, {name: {school_id: value}}, for the schools in scope."""
    return gather_years([year], today)[year]


def gather_years(chosen: list[AcademicYear], today: date) -> dict[AcademicYear, dict[str, dict]]:
    """`gather` of each of the years, {year: {name: {school_id: value}}}: each statistic one
    statement for all the years (grouped by year), however many they are (issue 8)."""
    years = Years(chosen, today)
    register = staff.register_figures(years)  # staff, young, under_35, age_known
    by_name = {
        "mentors": banks.mentors_in_bank(years),
        "mentees": pairings.mentees_in_bank(years),
        "mentees_waiting": pairings.mentees_waiting(years),
        "mentees_by_category": pairings.mentees_by_category(years),
        "mentees_by_area": pairings.mentees_by_area(years),
        "mentors_by_area": banks.mentors_by_area(years),
        "pairings_by_form": pairings.pairings_by_form(years),
        "pairings_by_status": pairings.pairings_by_status(years),
        "young_covered": pairings.young_covered(years),
        "programs_started": programs.programs_started(years),
        "programs_running": programs.programs_running(years),
        "programs_ended": programs.programs_ended(years),
        "programs_overdue": programs.programs_overdue(years),
        "ended_by_reason": programs.programs_ended_by_reason(years),
        "changed_by_kind": programs.programs_changed_by_kind(years),
        "activities": programs.activities_by_timeliness(years),
        "trainings": banks.trainings_by_kind(years),
        "events": events.events_by_kind(years),
        "practices": practices.practices_by_status(years),
        "roadmap": roadmap.stage_progress_of_years(years),
        "questions": questionnaires.question_averages(years),
    }
    return {
        year: {**register[year], **{name: by_year[year] for name, by_year in by_name.items()}}
        for year in years.years
    }


def figures(school_id: int, year: AcademicYear, today: date) -> YearFigures:
    return of_school(gather(year, today), school_id, year)


def figures_of_years(school_id: int, chosen: list[AcademicYear], today: date) -> list[YearFigures]:
    """The school's figures of each year, in the order given, in one statement a figure."""
    by_year = gather_years(chosen, today)
    return [of_school(by_year[year], school_id, year) for year in chosen]


def of_school(stats: dict[str, dict], school_id: int, year: AcademicYear) -> YearFigures:
    """One school's figures out of `gather`'s: the school's page and the district's row alike."""
    values = {}
    for name, by_school in stats.items():
        factory = FIELDS[name].default_factory
        values[name] = by_school.get(school_id, factory() if factory is not MISSING else 0)
    return YearFigures(year, **values)


def years(today: date) -> list[AcademicYear]:
    """The years a school can look at, newest first: from its first record to this one."""
    firsts = (
        db.session.execute(select(func.min(column))).scalar()
        for column in (MenteeEntry.added_on, MentorEntry.added_on, Program.starts_on)
    )
    known = [d for d in firsts if d is not None]
    current = AcademicYear.containing(today)
    earliest = AcademicYear.containing(min(known)) if known else current.previous
    earliest = max(min(earliest, current.previous), AcademicYear(EARLIEST_YEAR))
    return [AcademicYear(y) for y in range(current.start_year, earliest.start_year - 1, -1)]


def parse_year(value: str | None, choices: list[AcademicYear]) -> AcademicYear | None:
    """The year named in the address by its starting year; this year when none is named;
    None for a year the school has no data for (or not a year at all)."""
    if value in (None, ""):
        return choices[0]
    text = value.strip()
    year = AcademicYear(int(text)) if text.isdigit() and len(text) == 4 else None
    return year if year in choices else None


def unknown_year(value: str, choices: list[AcademicYear]) -> str:
    return (
        f"Нет данных за учебный год «{value[:20]}»: выберите год из списка "
        f"(с {choices[-1].label} по {choices[0].label})."
    )


TEXT_PARTS = {
    "aims": "Цели и задачи учебного года",
    "conclusions": "Выводы",
    "tasks": "Задачи на следующий учебный год",
}


def save_text_parts(year: AcademicYear, account, **texts: str) -> AnnualReport:
    """The curator's text of the year's report (3.4); kept per school and year."""
    values = {}
    for name, label in TEXT_PARTS.items():
        text = (texts.pop(name, "") or "").replace("\r\n", "\n").strip()
        if len(text) > TEXT_LIMIT:
            raise Refusal(f"«{label}»: не более {TEXT_LIMIT} символов, сейчас {len(text)}.", name)
        values[name] = text
    if texts:
        raise TypeError(f"Unknown report parts: {sorted(texts)}")
    report = db.session.execute(
        select(AnnualReport).where(AnnualReport.year_start == year.start_year)
    ).scalar_one_or_none()
    if report is None:
        report = AnnualReport(year_start=year.start_year)
        db.session.add(report)
    for name, text in values.items():
        setattr(report, name, text)
    report.updated_by_id = account.id
    db.session.flush()
    return report


def curator_name(school_id: int) -> str:
    """The name the report is signed with: the school's curator, if it has one account as such."""
    names = db.session.execute(
        select(Account.full_name)
        .join(RoleGrant, RoleGrant.account_id == Account.id)
        .where(
            Account.school_id == school_id,
            Account.active.is_(True),
            RoleGrant.role == Role.CURATOR.value,
        )
        .order_by(Account.id)
    ).scalars()
    return next(iter(names), "")
