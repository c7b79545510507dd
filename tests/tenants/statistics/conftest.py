import re
from io import BytesIO

import pytest
from docx import Document
from openpyxl import load_workbook

from nastavnik.dates import AcademicYear, today
from nastavnik.reports import ru_number
from nastavnik.tenancy import Scope, scoped
from nastavnik.tenants.roadmap import stats as roadmap
from nastavnik.tenants.statistics import report
from nastavnik.tenants.statistics.services import YearFigures, curator_name

from . import oracle


def text(value) -> str:
    """A cell as the report shows it: an average mark with the Russian comma («4,25»)."""
    if isinstance(value, float):
        return ru_number(value)
    return "—" if value is None else str(value)


def table_cells(t) -> list[list[str]]:
    rows = [list(t.columns), *([text(v) for v in row] for row in t.rows)]
    if t.totals:
        rows.append([text(v) for v in t.totals])
    return rows


def counted(app, query, school, year: AcademicYear) -> YearFigures:
    """The direct counts; the roadmap's progress is its own feature's one definition (its
    automatic checks are tested there)."""
    with app.app_context(), scoped(Scope.school(school.id)):
        progress = roadmap.stage_progress(year.start_year, year.as_of(today()))
    counts = oracle.count(query, school.id, year, today())
    return YearFigures(year, **counts, roadmap=progress.get(school.id, {}))


def expected_document(app, query, school, year: AcademicYear):
    """The report as it must be, built from the direct counts."""
    years = report.Years(
        counted(app, query, school, year), counted(app, query, school, year.previous)
    )
    with app.test_request_context(), scoped(Scope.school(school.id)):
        texts = report.text_parts(year)
        return report.document(years, today(), school, texts, curator_name(school.id))


def page_tables(html: str) -> list[list[list[str]]]:
    out = []
    for section in re.findall(
        r'<section class="mb-4" data-testid="table-[a-z_]+">(.*?)</section>', html, re.S
    ):
        rows = []
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", section, re.S):
            cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
            rows.append([re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
        out.append(rows)
    return out


def docx_tables(data: bytes) -> list[list[list[str]]]:
    document = Document(BytesIO(data))
    # The first table is the school's bilingual header.
    return [[[c.text for c in row.cells] for row in t.rows] for t in document.tables[1:]]


def xlsx_tables(data: bytes) -> dict[str, list[list[str]]]:
    book = load_workbook(BytesIO(data))
    return {
        sheet.title: [
            [text(v) for v in row] for row in sheet.iter_rows(min_row=2, values_only=True)
        ]
        for sheet in book.worksheets
    }


@pytest.fixture
def as_curator(client, make, auth):
    def login(school):
        make.account(school, f"cur{school.id}", roles=["curator"], full_name="Куратор Тестовый")
        auth.login(school, f"cur{school.id}")
        return client

    return login
