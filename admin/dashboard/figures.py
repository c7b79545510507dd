"""The district's overview of a year: each school's figures side by side, the district's totals,
the marks on the schools that lag and the charts — the one composition the page, the exports
and the district's report are made of.

Every figure is the school's own: `YearFigures` from the statistics feature's `gather`, the very
numbers of the school's page «Статистика»; this module only puts them side by side and derives
shares and sums from them. Call `overview` and `roadmap_matrix` outside any school's scope: they
open `all_schools()` themselves. Figures only, never people.
"""

from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from datetime import UTC, date, datetime

from sqlalchemy import select

from nastavnik.dates import AcademicYear
from nastavnik.declension import plural
from nastavnik.extensions import cache, db
from nastavnik.models import School
from nastavnik.reports import Chart, bar_chart_png, ru_number
from nastavnik.tenancy import all_schools
from nastavnik.tenants.orders import stats as orders
from nastavnik.tenants.pairings import stats as pairings
from nastavnik.tenants.pairings.models import PairingStatus
from nastavnik.tenants.practices.models import PracticeStatus
from nastavnik.tenants.programs import stats as programs
from nastavnik.tenants.programs.stats import OVERDUE
from nastavnik.tenants.roadmap import stats as roadmap
from nastavnik.tenants.roadmap.models import Stage
from nastavnik.tenants.staff import stats as staff
from nastavnik.tenants.statistics import services as statistics
from nastavnik.tenants.statistics.services import YearFigures, percent
from nastavnik.tenants.vocabulary import MentoringForm
from nastavnik.yearly import Years

CUSTOM_FORMS_LABEL = "Формы, добавленные школами"


# --- the year -----------------------------------------------------------------------------------


class UnknownYear(ValueError):
    """An academic year the district has no data for; `message` says so in Russian."""

    def __init__(self, message: str, years: list[AcademicYear]):
        super().__init__(message)
        self.message = message
        self.years = years


def known_years(today: date) -> list[AcademicYear]:
    """The years the district can look at, newest first: from the first record of any school
    to the current one (the statistics feature's rule, over every school); cached as the
    overview is (a minute)."""
    key = f"district-years:{today.isoformat()}"
    found = cache.get(key)
    if found is not None:
        return found
    with all_schools():
        years = statistics.years(today)
    cache.set(key, years, timeout=OVERVIEW_SECONDS)
    return years


def pick_year(value: str | None, today: date) -> AcademicYear:
    """The year named by its start year (`?year=2024`), the current one when none is named;
    `UnknownYear` with a message for anything else."""
    years = known_years(today)
    year = statistics.parse_year(value, years)
    if year is None:
        raise UnknownYear(statistics.unknown_year(value or "", years), years)
    return year


# --- a row --------------------------------------------------------------------------------------


def add_up(many: list[YearFigures], year: AcademicYear) -> YearFigures:
    """The figures of many schools together, in one pass: counts added, the mappings added key
    by key, the roadmap's stages cell by cell, the questionnaires' rows joined."""
    values: dict = {}
    for f in fields(YearFigures):
        if f.name != "year":
            values[f.name] = f.default_factory() if f.default_factory is not MISSING else 0
    numbers = [name for name, v in values.items() if isinstance(v, int)]
    mappings = [name for name, v in values.items() if isinstance(v, dict) and name != "roadmap"]
    roadmap: dict = values["roadmap"]
    for figures in many:
        for name in numbers:
            values[name] += getattr(figures, name)
        for name in mappings:
            total = values[name]
            for key, n in getattr(figures, name).items():
                total[key] = total.get(key, 0) + n
        for stage, counts in figures.roadmap.items():
            roadmap[stage] = tuple(p + q for p, q in zip(roadmap.get(stage, (0, 0, 0)), counts))
        values["questions"].extend(figures.questions)
    return YearFigures(year, **values)


@dataclass(frozen=True)
class SchoolName:
    """What the overview shows of a school: a plain copy of its record, kept in the cache
    (pickled for Redis) without the database session's objects."""

    id: int
    slug: str
    short_name: str
    settlement: str
    active: bool

    @classmethod
    def of(cls, school: School) -> "SchoolName":
        return cls(school.id, school.slug, school.short_name, school.settlement, school.active)


@dataclass(frozen=True)
class Row:
    """One school's line of the overview (or the district's, with `school` None)."""

    school: SchoolName | None
    figures: YearFigures
    orders_signed: int = 0
    # Why the row lags, in Russian, one reason each; empty for a school that does not lag.
    lags: list[str] = field(default_factory=list)

    # the derived columns, each from the school's own figures
    @property
    def staff(self) -> int:
        return self.figures.staff

    @property
    def young(self) -> int:
        return self.figures.young

    @property
    def young_covered(self) -> int:
        return self.figures.young_covered

    @property
    def young_uncovered(self) -> int:
        return self.figures.young - self.figures.young_covered

    @property
    def covered_percent(self) -> int | None:
        return self.figures.covered_percent

    @property
    def mentors(self) -> int:
        return self.figures.mentors

    @property
    def mentees(self) -> int:
        return self.figures.mentees

    @property
    def mentees_waiting(self) -> int:
        return self.figures.mentees_waiting

    @property
    def pairs_active(self) -> int:
        """Pairs and groups at work: approved by order, their program running."""
        return self.figures.pairings_by_status.get(PairingStatus.ACTIVE, 0)

    @property
    def pairs_without_program(self) -> int:
        """Approved by order (in force, 6.2) but with no program running yet."""
        return self.figures.pairings_by_status.get(PairingStatus.APPROVED, 0)

    @property
    def pairs_in_year(self) -> int:
        """Pairs and groups in force at some time in the year (the trend's figure)."""
        return sum(self.figures.pairings_by_form.values())

    @property
    def programs_running(self) -> int:
        return self.figures.programs_running

    @property
    def programs_ended(self) -> int:
        return self.figures.programs_ended

    @property
    def programs_overdue(self) -> int:
        return self.figures.programs_overdue

    @property
    def plan_activities_overdue(self) -> int:
        return self.figures.activities.get(OVERDUE, 0)

    @property
    def has_roadmap(self) -> bool:
        return bool(self.figures.roadmap)

    @property
    def roadmap_done(self) -> int:
        return sum(done for done, _, _ in self.figures.roadmap.values())

    @property
    def roadmap_total(self) -> int:
        return sum(total for _, total, _ in self.figures.roadmap.values())

    @property
    def roadmap_percent(self) -> int | None:
        """Done ÷ all activities of the year's roadmap, as the school's statistics says it;
        None with no roadmap."""
        if not self.has_roadmap:
            return None
        return percent(self.roadmap_done, self.roadmap_total) or 0

    @property
    def roadmap_overdue(self) -> int:
        return sum(overdue for _, _, overdue in self.figures.roadmap.values())

    @property
    def answers(self) -> int:
        """Answers to the scale questions of the questionnaires filled in the year."""
        return sum(n for _, _, _, n in self.figures.questions)

    @property
    def answers_average(self) -> float | None:
        """The mean score over the questions with enough answers to be shown (3 and more),
        each weighed by its answers; None when no question has enough."""
        shown = [(avg, n) for _, _, avg, n in self.figures.questions if avg is not None]
        weight = sum(n for _, n in shown)
        return round(sum(avg * n for avg, n in shown) / weight, 2) if weight else None

    @property
    def practices_shared(self) -> int:
        """Best practices of the year the district opened to every school."""
        return self.figures.practices.get(PracticeStatus.SHARED, 0)

    @property
    def lagging(self) -> bool:
        return bool(self.lags)


# --- the columns --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of the overview: its key in `?sort=`, its header, its group of headers, and
    the value it shows and sorts by (None: nothing to show, «—»)."""

    key: str
    title: str
    group: str
    value: Callable[[Row], int | float | str | None]
    unit: str = ""
    # The header on the page, with soft hyphens where a long word may break (`title` elsewhere).
    header: str = ""

    @property
    def label(self) -> str:
        return self.header or self.title

    def text(self, row: Row) -> str:
        v = self.value(row)
        if v is None:
            return "—"
        if isinstance(v, float):
            return ru_number(v)
        return f"{v}{self.unit}"


def _school_name(row: Row) -> str:
    return row.school.short_name if row.school else "Итого по району"


COLUMNS: list[Column] = [
    Column("school", "Школа", "", _school_name),
    Column("staff", "Педагогов", "Педагоги", lambda r: r.staff, header="Педа\u00adгогов"),
    Column("young", "Молодых", "Педагоги", lambda r: r.young),
    Column("covered", "Молодых с наставником", "Педагоги", lambda r: r.covered_percent, " %"),
    Column("mentors", "Наставников", "Банки", lambda r: r.mentors, header="Настав\u00adников"),
    Column("mentees", "Наставляемых", "Банки", lambda r: r.mentees, header="Настав\u00adляемых"),
    Column("waiting", "из них ждут", "Банки", lambda r: r.mentees_waiting),
    Column("pairs", "Действуют", "Пары и группы", lambda r: r.pairs_active),
    Column(
        "approved",
        "Без программы",
        "Пары и группы",
        lambda r: r.pairs_without_program,
        header="Без про\u00adграммы",
    ),
    Column(
        "running",
        "Выполняется",
        "Программы",
        lambda r: r.programs_running,
        header="Выпол\u00adняется",
    ),
    Column("ended", "Завершено", "Программы", lambda r: r.programs_ended, header="Завер\u00adшено"),
    Column("overdue", "После срока", "Программы", lambda r: r.programs_overdue),
    Column(
        "roadmap",
        "Выполнено",
        "Дорожная карта",
        lambda r: r.roadmap_percent,
        " %",
        "Выпол\u00adнено",
    ),
    Column(
        "roadmap_overdue",
        "Просрочено",
        "Дорожная карта",
        lambda r: r.roadmap_overdue,
        header="Просро\u00adчено",
    ),
    Column("average", "Средняя оценка", "Анкеты", lambda r: r.answers_average),
    Column("answers", "Ответов", "Анкеты", lambda r: r.answers),
    Column("practices", "Для всех школ", "Лучшие практики", lambda r: r.practices_shared),
]
COLUMN = {c.key: c for c in COLUMNS}
DEFAULT_SORT = "school"


def sort_rows(rows: list[Row], key: str, descending: bool = False) -> list[Row]:
    """The rows by a column; rows with nothing to show («—») go last either way, and equal
    values keep the schools' alphabetical order."""
    column = COLUMN.get(key, COLUMN[DEFAULT_SORT])
    by_name = sorted(rows, key=lambda r: _school_name(r).casefold())
    shown = [r for r in by_name if column.value(r) is not None]
    empty = [r for r in by_name if column.value(r) is None]

    def value(r: Row):
        v = column.value(r)
        return v.casefold() if isinstance(v, str) else v

    return sorted(shown, key=value, reverse=descending) + empty


# --- why a school lags --------------------------------------------------------------------------


def _n(n: int, one: str, few: str, many: str) -> str:
    return f"{n} {plural(n, one, few, many)}"


def lags(row: Row, year: AcademicYear) -> list[str]:
    """The reasons a school lags in the year, each a short Russian phrase."""
    out = []
    if not row.has_roadmap:
        out.append(f"нет дорожной карты на {year.label} учебный год")
    overdue = []
    if row.roadmap_overdue:
        overdue.append(
            _n(row.roadmap_overdue, "мероприятие", "мероприятия", "мероприятий") + " дорожной карты"
        )
    if row.plan_activities_overdue:
        overdue.append(
            _n(row.plan_activities_overdue, "мероприятие", "мероприятия", "мероприятий")
            + " планов программ"
        )
    if row.programs_overdue:
        overdue.append(
            _n(row.programs_overdue, "программа", "программы", "программ")
            + " после планового срока"
        )
    if overdue:
        out.append("просрочено: " + ", ".join(overdue))
    if row.young_uncovered > 0:
        out.append(
            _n(row.young_uncovered, "молодой педагог", "молодых педагога", "молодых педагогов")
            + " без наставника"
        )
    if not row.orders_signed:
        out.append(f"ни одного приказа, подписанного в {year.label} учебном году")
    return out


# --- the charts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # what the bar says: «12», «75 %», «нет карты»


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart: drawn as SVG on the page, as PNG (`png()`) in a document."""

    key: str
    title: str
    bars: tuple[Bar, ...]
    scale: float
    caption: str = ""  # the column's header in the chart's table (its text alternative)

    @property
    def chart(self) -> Chart:
        return Chart(
            self.title,
            tuple(b.label for b in self.bars),
            tuple(b.value for b in self.bars),
            self.scale,
        )

    def png(self) -> bytes:
        return bar_chart_png(self.chart)


def _percent_text(value: int | None, missing: str) -> str:
    return missing if value is None else f"{value} %"


def forms_chart(rows: list[Row], year: AcademicYear) -> BarChart:
    """Pairs and groups in force in the year by form of mentoring (2.3), in the list's order."""
    labels = {**MentoringForm.labels(), pairings.CUSTOM: CUSTOM_FORMS_LABEL}
    counts: dict[str, int] = {}
    for row in rows:
        for code, n in row.figures.pairings_by_form.items():
            counts[code] = counts.get(code, 0) + n
    bars = tuple(
        Bar(label, counts[code], str(counts[code]))
        for code, label in labels.items()
        if counts.get(code)
    )
    return BarChart(
        "forms",
        f"Пары и группы {year.label} учебного года по формам наставничества",
        bars,
        max((b.value for b in bars), default=1),
        "Пар и групп",
    )


LOWEST = 15  # the schools a chart of schools shows: the lowest; the table has them all
BANDS = ((0, 24), (25, 49), (50, 74), (75, 99), (100, 100))


def _bands_chart(
    key: str, title: str, values: list[int | None], missing: str, caption: str
) -> BarChart:
    """The schools by bands of a share (0–24 %, …, 100 %), and those without it: five or six
    bars, readable at 500 schools."""
    counts = [sum(1 for v in values if v is not None and lo <= v <= hi) for lo, hi in BANDS]
    labels = [f"{lo}–{hi} %" if lo != hi else f"{lo} %" for lo, hi in BANDS]
    bars = [Bar(label, n, str(n)) for label, n in zip(labels, counts)]
    none = sum(1 for v in values if v is None)
    if none:
        bars.insert(0, Bar(missing, none, str(none)))
    return BarChart(key, title, tuple(bars), max([b.value for b in bars] + [1]), caption)


def _lowest(rows: list[Row], value: Callable[[Row], int | None], missing_first: bool) -> list:
    """The LOWEST schools by a share, in the alphabetical order among equals; schools without it
    first (no roadmap: they lag most) or last (no young teachers: nothing to cover)."""
    missing = 0 if missing_first else 1000
    return sorted(
        rows, key=lambda r: (missing if value(r) is None else value(r), r.school.short_name)
    )[:LOWEST]


def roadmap_chart(rows: list[Row], year: AcademicYear) -> BarChart:
    """The schools with the least of their roadmap done (those without one first)."""
    bars = tuple(
        Bar(
            r.school.short_name,
            r.roadmap_percent or 0,
            _percent_text(r.roadmap_percent, "нет карты"),
        )
        for r in _lowest(rows, lambda r: r.roadmap_percent, missing_first=True)
    )
    return BarChart(
        "roadmap",
        f"Выполнение дорожных карт {year.label} учебного года, %"
        + (f": {LOWEST} школ с наименьшим" if len(rows) > LOWEST else ""),
        bars,
        100,
        "Выполнено",
    )


def roadmap_bands(rows: list[Row], year: AcademicYear) -> BarChart:
    return _bands_chart(
        "roadmap-bands",
        f"Школы по выполнению дорожной карты {year.label} учебного года",
        [r.roadmap_percent for r in rows],
        "нет карты",
        "Школ",
    )


def coverage_chart(rows: list[Row], year: AcademicYear) -> BarChart:
    """The schools with the smallest share of young teachers with a mentor."""
    bars = tuple(
        Bar(
            r.school.short_name,
            r.covered_percent or 0,
            _percent_text(r.covered_percent, "нет молодых")
            + (f" ({r.young_covered} из {r.young})" if r.young else ""),
        )
        for r in _lowest(rows, lambda r: r.covered_percent, missing_first=False)
    )
    return BarChart(
        "coverage",
        f"Молодые педагоги с наставником, {year.label} учебный год, %"
        + (f": {LOWEST} школ с наименьшим" if len(rows) > LOWEST else ""),
        bars,
        100,
        "С наставником",
    )


def coverage_bands(rows: list[Row], year: AcademicYear) -> BarChart:
    return _bands_chart(
        "coverage-bands",
        f"Школы по доле молодых педагогов с наставником, {year.label} учебный год",
        [r.covered_percent for r in rows],
        "нет молодых педагогов",
        "Школ",
    )


@dataclass(frozen=True)
class YearPoint:
    """The district's main figures of one academic year (the trend)."""

    year: AcademicYear
    staff: int
    young: int
    young_covered: int
    pairs: int
    programs_ended: int

    @property
    def covered_percent(self) -> int | None:
        return percent(self.young_covered, self.young)


TREND = {
    "staff": "Педагогических работников",
    "covered_percent": "Молодых педагогов с наставником, %",
    "pairs": "Пар и групп, действовавших в году",
    "programs_ended": "Программ завершено",
}


def _total_of(by_school: dict[int, int], ids: set[int]) -> int:
    return sum(n for school_id, n in by_school.items() if school_id in ids)


def trend(
    years: list[AcademicYear], today: date, ids: set[int], known: dict[AcademicYear, Row]
) -> list[YearPoint]:
    """The main figures of each year, oldest first; by the same `stats` functions that
    `gather` calls, each one statement for all the years (grouped by year), whatever the number
    of schools and of years. `known`: the rows already gathered (the chosen year's totals)."""
    others = [year for year in years if year not in known]
    if others:
        span = Years(others, today)
        forms = pairings.pairings_by_form(span)
        register = staff.register_figures(span)
        covered = pairings.young_covered(span)
        ended = programs.programs_ended(span)
    points = []
    for year in sorted(years):
        if year in known:
            t = known[year]
            points.append(
                YearPoint(
                    year, t.staff, t.young, t.young_covered, t.pairs_in_year, t.programs_ended
                )
            )
            continue
        points.append(
            YearPoint(
                year,
                _total_of(register[year]["staff"], ids),
                _total_of(register[year]["young"], ids),
                _total_of(covered[year], ids),
                sum(sum(f.values()) for school_id, f in forms[year].items() if school_id in ids),
                _total_of(ended[year], ids),
            )
        )
    return points


def trend_charts(points: list[YearPoint]) -> list[BarChart]:
    charts = []
    for name, title in TREND.items():
        values = [getattr(p, name) for p in points]
        is_percent = name == "covered_percent"
        bars = tuple(
            Bar(
                p.year.label,
                v or 0,
                ("—" if v is None else f"{v} %") if is_percent else str(v),
            )
            for p, v in zip(points, values)
        )
        scale = 100 if is_percent else max([b.value for b in bars] + [1])
        charts.append(BarChart(f"trend-{name}", title, bars, scale, title))
    return charts


# --- the overview -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    year: AcademicYear
    day: date  # the day the stock figures are taken on (today, or the year's last day)
    rows: list[Row]  # the schools by name
    total: Row  # the district's sums (school None); shares of the sums
    forms: BarChart
    roadmap: BarChart
    coverage: BarChart
    trend: list[YearPoint]
    trend_charts: list[BarChart]
    years: list[AcademicYear]  # the years there are data for, newest first
    computed_at: datetime  # when these figures were taken from the database (UTC)
    roadmap_bands: BarChart  # the schools by bands of a share (readable at 500 schools)
    coverage_bands: BarChart

    @property
    def charts(self) -> list[BarChart]:
        return [
            self.forms,
            self.coverage_bands,
            self.coverage,
            self.roadmap_bands,
            self.roadmap,
            *self.trend_charts,
        ]

    @property
    def lagging(self) -> list[Row]:
        return [r for r in self.rows if r.lags]


def schools() -> list[School]:
    return list(db.session.execute(select(School).order_by(School.short_name, School.id)).scalars())


# The figures of a year are recomputed at most once a minute, whatever the number of schools
# and of their writes (README, «Район: скорость»): a write in any of 500 schools would invalidate
# a per-write cache all the time, and a district's figures need not be live to the second.
OVERVIEW_SECONDS = 60


def overview_key(year: AcademicYear, today: date) -> str:
    return f"district-overview:{year.start_year}:{today.isoformat()}"


def overview(year: AcademicYear, today: date) -> Overview:
    """`compute_overview`, from the cache when computed less than a minute ago for the same
    year and day (the page says when: `computed_at`)."""
    key = overview_key(year, today)
    found = cache.get(key)
    if isinstance(found, Overview):
        return found
    fresh = compute_overview(year, today)
    cache.set(key, fresh, timeout=OVERVIEW_SECONDS)
    return fresh


def compute_overview(year: AcademicYear, today: date) -> Overview:
    """Every school's figures of the year, the district's totals and the charts."""
    computed_at = datetime.now(UTC)
    school_list = schools()
    ids = {s.id for s in school_list}
    years = known_years(today)
    with all_schools():
        stats = statistics.gather(year, today)
        signed = orders.orders_signed(year)
        rows = []
        for school in school_list:
            row = Row(
                SchoolName.of(school),
                statistics.of_school(stats, school.id, year),
                signed.get(school.id, 0),
            )
            reasons = lags(row, year) if school.active else []
            rows.append(Row(row.school, row.figures, row.orders_signed, reasons))
        total = Row(
            None, add_up([r.figures for r in rows], year), sum(r.orders_signed for r in rows)
        )
        # Up to the chosen year: a past year reads as on its last day, and so does its report.
        points = trend([y for y in years if y <= year], today, ids, {year: total})
    return Overview(
        year=year,
        day=year.as_of(today),
        rows=rows,
        total=total,
        forms=forms_chart(rows, year),
        roadmap=roadmap_chart(rows, year),
        coverage=coverage_chart(rows, year),
        roadmap_bands=roadmap_bands(rows, year),
        coverage_bands=coverage_bands(rows, year),
        trend=points,
        trend_charts=trend_charts(points),
        years=years,
        computed_at=computed_at,
    )


# --- the roadmap matrix -------------------------------------------------------------------------


@dataclass(frozen=True)
class StageCell:
    stage: Stage
    done: int
    total: int
    overdue: int

    @property
    def percent(self) -> int | None:
        return percent(self.done, self.total) if self.total else None


@dataclass(frozen=True)
class MatrixRow:
    school: SchoolName
    cells: list[StageCell]  # the seven stages in order; empty without a roadmap

    @property
    def has_roadmap(self) -> bool:
        return bool(self.cells)

    @property
    def overall(self) -> StageCell | None:
        if not self.cells:
            return None
        return StageCell(
            None,
            sum(c.done for c in self.cells),
            sum(c.total for c in self.cells),
            sum(c.overdue for c in self.cells),
        )


def roadmap_matrix(year: AcademicYear, today: date) -> list[MatrixRow]:
    """`compute_roadmap_matrix`, recomputed at most once a minute, as the overview is."""
    key = f"district-matrix:{year.start_year}:{today.isoformat()}"
    found = cache.get(key)
    if found is not None:
        return found
    fresh = compute_roadmap_matrix(year, today)
    cache.set(key, fresh, timeout=OVERVIEW_SECONDS)
    return fresh


def compute_roadmap_matrix(year: AcademicYear, today: date) -> list[MatrixRow]:
    """Schools × the seven stages of the year's roadmap: done, all and overdue activities
    (the roadmap feature's one definition, as in the statistics)."""
    school_list = schools()
    with all_schools():
        progress = roadmap.stage_progress(year.start_year, year.as_of(today))
    rows = []
    for school in school_list:
        stages = progress.get(school.id)
        cells = (
            [StageCell(stage, *stages.get(stage, (0, 0, 0))) for stage in Stage] if stages else []
        )
        rows.append(MatrixRow(SchoolName.of(school), cells))
    return rows


def column_groups() -> list[tuple[str, list[Column]]]:
    """The columns after the school's, by their group of headers, in the table's order."""
    groups: list[tuple[str, list[Column]]] = []
    for column in COLUMNS[1:]:
        if groups and groups[-1][0] == column.group:
            groups[-1][1].append(column)
        else:
            groups.append((column.group, [column]))
    return groups


def cells() -> list[tuple[Column, bool, str]]:
    """The columns after the school's: each with whether it opens its group (a border) and the
    label a narrow screen shows before its figure («Педагоги: молодых»)."""
    return [
        (column, k == 0, f"{group}: {column.title[:1].lower()}{column.title[1:]}")
        for group, columns in column_groups()
        for k, column in enumerate(columns)
    ]
