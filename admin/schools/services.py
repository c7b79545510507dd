"""One school as the district sees it: read in that school's own scope, never written.

The figures are the school's own (`statistics.services.figures`, which make its page
«Статистика»), taken with the school bound as the scope; the rest is what the school has signed
or published: its orders register, its roadmap, questionnaire averages from three answers up,
the practices it sent to the district, its events. Only columns that name no person are read:
no names of mentees, no contacts, difficulties, consents or answers.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from flask import abort
from sqlalchemy import func, select

from nastavnik.dates import AcademicYear, format_date
from nastavnik.extensions import db
from nastavnik.models import School
from nastavnik.publication import PUBLIC_DOCUMENTS, PublicDocument
from nastavnik.reports import Table
from nastavnik.tenancy import Scope, scoped
from nastavnik.tenants.events.models import EventKind, EventParticipant, SchoolEvent
from nastavnik.tenants.orders.models import OrderKind, OrderStatus, SchoolOrder
from nastavnik.tenants.practices.models import Practice, PracticeStatus
from nastavnik.tenants.questionnaires import stats as questionnaires
from nastavnik.tenants.roadmap import services as roadmap_services
from nastavnik.tenants.roadmap.models import Roadmap, Stage
from nastavnik.tenants.statistics import services as statistics
from nastavnik.tenants.statistics.services import YearFigures, percent

# --- the figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One figure of a school's year: a count, or (with `of`) a share of `get` in `of`, in %."""

    label: str
    get: Callable[[YearFigures], int]
    of: Callable[[YearFigures], int] | None = None

    def value(self, f: YearFigures) -> int | None:
        return percent(self.get(f), self.of(f)) if self.of else self.get(f)

    def total(self, many: list[YearFigures]) -> int | None:
        """The district's figure: the sum, or the share of the sums (never a sum of shares)."""
        part = sum(self.get(f) for f in many)
        return percent(part, sum(self.of(f) for f in many)) if self.of else part


def _roadmap(i: int) -> Callable[[YearFigures], int]:
    """Done (0), all (1) or overdue (2) activities of the year's roadmap, over its stages."""
    return lambda f: sum(counts[i] for counts in f.roadmap.values())


def _pairings(f: YearFigures) -> int:
    return sum(f.pairings_by_form.values())


# The figures of a school's year, in the order of the export's columns and the page's rows; each
# is a field (or a sum of one) of the school's own statistics, nothing computed a second way.
FIGURES: tuple[Figure, ...] = (
    Figure("Педагогических работников", lambda f: f.staff),
    Figure("Молодых педагогов (стаж менее 3 лет)", lambda f: f.young),
    Figure("Молодых педагогов с наставником", lambda f: f.young_covered),
    Figure("Охват молодых педагогов, %", lambda f: f.young_covered, lambda f: f.young),
    Figure("Наставников в банке", lambda f: f.mentors),
    Figure("Наставляемых в банке", lambda f: f.mentees),
    Figure("из них ожидают наставника", lambda f: f.mentees_waiting),
    Figure("Пар и групп, действовавших в учебном году", _pairings),
    Figure("Программ начато", lambda f: f.programs_started),
    Figure("Программ выполняется", lambda f: f.programs_running),
    Figure("из них после планового срока", lambda f: f.programs_overdue),
    Figure("Программ завершено", lambda f: f.programs_ended),
    Figure("Мероприятий дорожной карты", _roadmap(1)),
    Figure("из них выполнено", _roadmap(0)),
    Figure("из них просрочено", _roadmap(2)),
    Figure("Выполнение дорожной карты, %", _roadmap(0), _roadmap(1)),
    Figure("Проведено мероприятий школы", lambda f: sum(f.events.values())),
    Figure("Лучших практик описано", lambda f: sum(f.practices.values())),
    Figure(
        "из них открыто районом для всех школ",
        lambda f: f.practices.get(PracticeStatus.SHARED, 0),
    ),
)


# --- the school and its scope ------------------------------------------------------------------


def school_or_404(slug: str) -> School:
    """The school of the address, active or not (the district keeps seeing a closed one's past)."""
    school = db.session.execute(select(School).where(School.slug == slug)).scalar_one_or_none()
    if school is None:
        abort(404)
    return school


@contextmanager
def in_school(school: School) -> Iterator[None]:
    """The school bound as the scope, to read its data the way its own pages do; read only."""
    with scoped(Scope.school(school.id)):
        yield


def years(today: date) -> list[AcademicYear]:
    """The years the school has figures for, newest first (call inside `in_school`)."""
    return statistics.years(today)


def figures_over_years(school: School, chosen: list[AcademicYear], today: date):
    """The school's figures of each year, in the order given (call inside `in_school`): each
    figure one statement for all the years, however many the school has."""
    return statistics.figures_of_years(school.id, chosen, today)


def figures_table(school: School, over_years: list[YearFigures], today: date) -> Table:
    """The figures by year: what the page shows and the .xlsx and .csv hold."""
    labels = [f.year.label for f in over_years]
    span = f"{labels[-1]} — {labels[0]}" if len(labels) > 1 else labels[0]
    return Table(
        f"Показатели наставничества: {school.short_name}, {span} учебные годы",
        ("Показатель", *labels),
        tuple((figure.label, *(figure.value(f) for f in over_years)) for figure in FIGURES),
        None,
        f"Данные на {format_date(today)}; численность — на конец учебного года "
        "(текущего — на сегодня), события — за весь учебный год.",
        "Показатели",
        (3.0, *([1.0] * len(labels))),
    )


# --- what the school signed or published -------------------------------------------------------


@dataclass(frozen=True)
class OrderLine:
    title: str
    kind: str
    number: str
    signed_on: date | None
    public: bool


def orders() -> list[OrderLine]:
    """The register of signed orders, latest first: title, number, date (never their content,
    which names people)."""
    rows = db.session.execute(
        select(
            SchoolOrder.title,
            SchoolOrder.kind,
            SchoolOrder.number,
            SchoolOrder.signed_on,
            SchoolOrder.public,
        )
        .where(SchoolOrder.status == OrderStatus.SIGNED)
        .order_by(SchoolOrder.signed_on.desc(), SchoolOrder.id.desc())
    )
    return [
        OrderLine(title, OrderKind(kind).label, number or "", signed_on, bool(public))
        for title, kind, number, signed_on, public in rows
    ]


def public_documents() -> list[PublicDocument]:
    """What later features told the public section the school published (the regulation…)."""
    return [d for answer in PUBLIC_DOCUMENTS.answers() for d in answer() if d.level == "school"]


@dataclass(frozen=True)
class PracticeLine:
    id: int
    title: str
    year: int
    shared: bool

    @property
    def year_label(self) -> str:
        return AcademicYear(self.year).label


def practices() -> list[PracticeLine]:
    """The practices the school sent to the district (waiting for review, or shared)."""
    rows = db.session.execute(
        select(Practice.id, Practice.title, Practice.year, Practice.status)
        .where(Practice.status.in_((PracticeStatus.SUBMITTED, PracticeStatus.SHARED)))
        .order_by(Practice.year.desc(), Practice.id.desc())
    )
    return [
        PracticeLine(pid, title, year, status == PracticeStatus.SHARED)
        for pid, title, year, status in rows
    ]


@dataclass(frozen=True)
class EventLine:
    held_on: date
    kind: str
    title: str
    place: str
    participants: int


def events(year: AcademicYear) -> list[EventLine]:
    """The school's events of the year: what, when, where and how many took part (not who)."""
    taking_part = (
        select(func.count(EventParticipant.id))
        .where(
            EventParticipant.event_id == SchoolEvent.id,
            EventParticipant.school_id == SchoolEvent.school_id,
        )
        .correlate(SchoolEvent)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(
            SchoolEvent.held_on,
            SchoolEvent.kind,
            SchoolEvent.title,
            SchoolEvent.place,
            taking_part,
        )
        .where(SchoolEvent.held_on.between(year.start, year.end))
        .order_by(SchoolEvent.held_on, SchoolEvent.id)
    )
    return [
        EventLine(held_on, EventKind(kind).label, title, place or "", n)
        for held_on, kind, title, place, n in rows
    ]


@dataclass(frozen=True)
class Questions:
    """The year's scale questions: averages from MIN_ANSWERS answers up, and how many are not
    shown because fewer people answered them."""

    shown: list[tuple[str, str, float, int]]
    hidden: int
    asked: int
    answered: int


def questions(school: School, f: YearFigures) -> Questions:
    asked, answered = questionnaires.answer_counts(f.year.start_year).get(school.id, (0, 0))
    shown = [q for q in f.questions if q[2] is not None]
    return Questions(shown, len(f.questions) - len(shown), asked, answered)


# --- the roadmap ---------------------------------------------------------------------------------


def roadmap_years(today: date) -> list[int]:
    """The years the district may ask a roadmap of: those with figures and those with a roadmap."""
    known = {y.start_year for y in years(today)}
    known |= {r.year for r in roadmap_services.roadmaps()}
    return sorted(known, reverse=True)


def roadmap_of(year: AcademicYear) -> Roadmap | None:
    return roadmap_services.roadmap_of_year(year.start_year)


@dataclass(frozen=True)
class ReadOnlyStep:
    """An activity of the roadmap as the district reads it: what, when, which role, its status;
    not the evidence (notes and files name people)."""

    content: str
    timing: str
    due_on: date
    responsible: str
    status: str
    status_label: str
    overdue: bool
    done_on: date | None
    summary: str  # what the platform's data show, in figures (no records)
    own: bool  # added by the school, not from the district's template


def roadmap_steps(roadmap: Roadmap, on: date) -> dict[Stage, list[ReadOnlyStep]]:
    out: dict[Stage, list[ReadOnlyStep]] = {}
    for stage, items in roadmap_services.steps(roadmap, on, with_records=False).items():
        out[stage] = [
            ReadOnlyStep(
                content=s.activity.content,
                timing=s.activity.timing,
                due_on=s.activity.due_on,
                # The role as written; a named person is left in the school.
                responsible=s.activity.responsible or "педагог школы",
                status=s.status,
                status_label=s.status_label,
                overdue=s.overdue,
                done_on=s.activity.done_on,
                summary=s.finding.summary if s.finding else "",
                own=not s.activity.from_template,
            )
            for s in items
        ]
    return out


def progress_of(grouped: dict[Stage, list[ReadOnlyStep]]) -> dict[Stage, tuple[int, int, int]]:
    return {
        stage: (
            sum(1 for s in items if s.status == "done"),
            len(items),
            sum(1 for s in items if s.overdue),
        )
        for stage, items in grouped.items()
    }
