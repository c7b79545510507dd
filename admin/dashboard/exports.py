"""The overview for reporting upward: .xlsx, .csv and the district's summary report (.docx).

Each is made of the overview's own rows, totals and charts (`figures.overview`), so every
number in a file is the number on the page: the columns are the page's columns, their values
the same `Column.value` of the same `Row`. Figures only, never people.
"""

from nastavnik.dates import AcademicYear, format_date
from nastavnik.documents import SchoolLetterhead
from nastavnik.models import District
from nastavnik.reports import Chart, Part, ReportDocument, Table

from . import figures
from .figures import BarChart, Column, Overview, Row

REPORT_TITLE = "Сводный отчёт района о реализации системы наставничества педагогических работников"
LAGS = "Почему отстаёт"
INACTIVE = " (отключена)"


def header(column: Column) -> str:
    """The column's header in a file: its group and title, «%» where the page writes it."""
    title = column.title if not column.group else f"{column.group}: {column.title.lower()}"
    return f"{title}, %" if column.unit.strip() == "%" else title


def report_header(column: Column) -> str:
    """The header in the report, where each table holds one group: the column's title."""
    return f"{column.title}, %" if column.unit.strip() == "%" else column.title


def school_name(row: Row) -> str:
    if row.school is None:
        return "Итого по району"
    return row.school.short_name + ("" if row.school.active else INACTIVE)


def _line(row: Row, columns: list[Column]) -> tuple:
    return (school_name(row), *(c.value(row) for c in columns))


def schools_table(ov: Overview, columns: list[Column] | None = None) -> Table:
    """The schools side by side with the district's totals: the overview's table."""
    columns = columns if columns is not None else figures.COLUMNS[1:]
    return Table(
        f"Показатели наставничества школ района за {ov.year.label} учебный год",
        ("Школа", *(header(c) for c in columns)),
        tuple(_line(r, columns) for r in ov.rows),
        _line(ov.total, columns),
        f"Численность — на {format_date(ov.day)}, события — за весь учебный год.",
        "Школы",
        (2.6, *([1.0] * len(columns))),
    )


def lags_table(ov: Overview) -> Table:
    """The schools that lag and why, as under their names on the page."""
    return Table(
        f"Школы, отстающие в {ov.year.label} учебном году",
        ("Школа", LAGS),
        tuple((school_name(r), "; ".join(r.lags)) for r in ov.lagging),
        None,
        "" if ov.lagging else "Отстающих школ нет.",
        "Отстающие школы",
        (1.0, 2.5),
    )


def forms_table(ov: Overview) -> Table:
    chart = ov.forms
    total = sum(int(b.value) for b in chart.bars)
    return Table(
        chart.title,
        ("Форма наставничества (п. 2.3)", "Пар и групп"),
        tuple((b.label, int(b.value)) for b in chart.bars),
        ("Итого", total) if chart.bars else None,
        "" if chart.bars else "Пар и групп в этом учебном году нет.",
        "Формы наставничества",
        (3.0, 1.0),
    )


def trend_table(ov: Overview) -> Table:
    return Table(
        "Основные показатели района по учебным годам",
        (
            "Учебный год",
            "Педагогических работников",
            "Молодых педагогов",
            "из них с наставником",
            "Охват молодых педагогов, %",
            "Пар и групп, действовавших в году",
            "Программ завершено",
        ),
        tuple(
            (
                p.year.label,
                p.staff,
                p.young,
                p.young_covered,
                p.covered_percent,
                p.pairs,
                p.programs_ended,
            )
            for p in ov.trend
        ),
        None,
        "",
        "По годам",
        (1.4, 1.3, 1.0, 1.0, 1.0, 1.3, 1.1),
    )


def workbook_tables(ov: Overview) -> list[Table]:
    return [schools_table(ov), lags_table(ov), forms_table(ov), trend_table(ov)]


def file_title(ov: Overview) -> str:
    return f"Наставничество в школах района, {ov.year.label} учебный год"


def file_name(ov: Overview, ext: str) -> str:
    return f"Наставничество в школах района {ov.year.label.replace('/', '-')}.{ext}"


# --- the district's summary report -------------------------------------------------------------


def _chart(chart: BarChart) -> Chart:
    """The page's chart as the report draws it (PNG), saying on each bar what the page says."""
    return Chart(
        chart.title,
        tuple(b.label for b in chart.bars),
        tuple(float(b.value) for b in chart.bars),
        chart.scale,
        tuple(b.text for b in chart.bars),
    )


# The overview's columns by group, a table each in the report (a page is narrower than a screen).
REPORT_GROUPS = (
    ("Педагогические кадры", ("Педагоги",)),
    ("Банки наставников и наставляемых", ("Банки",)),
    ("Наставнические пары и группы", ("Пары и группы",)),
    ("Персонализированные программы наставничества", ("Программы",)),
    ("Дорожные карты", ("Дорожная карта",)),
    ("Анкетирование и лучшие практики", ("Анкеты", "Лучшие практики")),
)


def _group_tables(ov: Overview) -> list[Table]:
    tables = []
    for title, groups in REPORT_GROUPS:
        columns = [c for c in figures.COLUMNS[1:] if c.group in groups]
        table = schools_table(ov, columns)
        tables.append(
            Table(
                f"{title}, {ov.year.label} учебный год",
                ("Школа", *(report_header(c) for c in columns)),
                table.rows,
                table.totals,
                "",
                title,
                (1.8, *([1.0] * len(columns))),
            )
        )
    return tables


def _totals_text(ov: Overview) -> str:
    t = ov.total
    active = sum(1 for r in ov.rows if r.school.active)
    covered = (
        f"наставник есть у {t.young_covered} из {t.young} молодых педагогов ({t.covered_percent} %)"
        if t.young
        else "молодых педагогов в школах района нет"
    )
    return (
        f"Отчёт составлен по данным платформы «Наставник» на {format_date(ov.day)}: "
        f"{len(ov.rows)} школ района, из них действующих — {active}. "
        f"В школах {t.staff} педагогических работников; {covered}. "
        f"В банках наставников — {t.mentors}, наставляемых — {t.mentees} "
        f"(ожидают наставника — {t.mentees_waiting}); действуют пар и групп — {t.pairs_active}; "
        f"программ выполняется — {t.programs_running}, завершено — {t.programs_ended}. "
        "Каждое число — то же, что школа видит на своей странице «Статистика»."
    )


def _lags_text(ov: Overview) -> str:
    if not ov.lagging:
        return "Отстающих школ в этом учебном году нет."
    return "\n".join(f"{r.school.short_name}: {'; '.join(r.lags)}." for r in ov.lagging)


def report(ov: Overview, district: District | None, signer: tuple[str, str]) -> ReportDocument:
    """«Сводный отчёт района…» of the overview's year: its tables and charts, as on the page."""
    parts = (
        Part("Общие сведения", (_totals_text(ov),)),
        Part(
            "Основные показатели района по учебным годам",
            (trend_table(ov), *(_chart(c) for c in ov.trend_charts)),
        ),
        Part("Показатели школ", tuple(_group_tables(ov))),
        Part("Пары и группы по формам наставничества", (forms_table(ov), _chart(ov.forms))),
        Part("Охват молодых педагогов наставничеством", (_chart(ov.coverage),)),
        Part("Выполнение дорожных карт", (_chart(ov.roadmap),)),
        Part("Школы, отстающие в реализации системы наставничества", (_lags_text(ov),)),
    )
    name = district.name if district else "Управление образования"
    return ReportDocument(
        letterhead=SchoolLetterhead(name, "", "г. Курчалой"),
        title=f"{REPORT_TITLE} за {ov.year.label} учебный год",
        dated=ov.day,
        parts=parts,
        signer_position=signer[0],
        signer_name=signer[1],
    )


def report_name(year: AcademicYear) -> str:
    return f"Сводный отчёт района о наставничестве {year.label.replace('/', '-')}.docx"
