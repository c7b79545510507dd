"""The district's overview as .xlsx, .csv and the summary report (.docx): every figure of every
file is the figure on the page, and the schools' own statistics."""

import csv
import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook

from nastavnik.admin.dashboard import exports, figures
from nastavnik.dates import format_date, today
from nastavnik.extensions import db
from nastavnik.tenancy import Scope, scoped
from nastavnik.tenants.statistics import services as statistics

from .conftest import THIS

COLUMNS = figures.COLUMNS[1:]  # after the school's name


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>|&nbsp;|\u00ad", " ", html)).strip()


def number(shown: str):
    """A figure as the page writes it («75 %», «4,5», «—») → the number (None for «—»)."""
    shown = shown.removesuffix(" %").strip()
    if shown == "—":
        return None
    return float(shown.replace(",", ".")) if "," in shown else int(shown)


def screen(html: str) -> dict[str, dict[str, object]]:
    """{school's slug or "total": {column key: figure}} from the overview's table."""
    out = {}
    for testid, row in re.findall(
        r'<tr[^>]*data-testid="(school-[^"]+|district-total)"[^>]*>(.*?)</tr>', html, re.S
    ):
        cells = dict(re.findall(r'<td[^>]*data-col="([^"]+)"[^>]*>(.*?)</td>', row, re.S))
        key = "total" if testid == "district-total" else testid.removeprefix("school-")
        out[key] = {k: number(text(v)) for k, v in cells.items()}
    return out


@pytest.fixture
def page(client, methodist, district):
    response = client.get(f"/district/?year={THIS.start_year}")
    assert response.status_code == 200
    shown = screen(response.get_data(as_text=True))
    assert set(shown) == {"alpha", "beta", "total"}
    return shown


def by_name(district) -> dict[str, str]:
    """The name a file gives each school → its slug."""
    return {
        "Школа Альфа": "alpha",
        "Школа Бета" + exports.INACTIVE: "beta",
        "Итого по району": "total",
    }


def test_the_xlsx_is_the_overview_with_its_title_date_and_totals(client, page, district):
    response = client.get(f"/district/export.xlsx?year={THIS.start_year}")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    sheet = book["Школы"]
    assert THIS.label in sheet["A1"].value
    assert sheet["A2"].value == f"Данные на {format_date(THIS.as_of(today()))}"
    header = [c.value for c in sheet[3]]
    assert header == ["Школа", *(exports.header(c) for c in COLUMNS)]
    assert all(cell.font.bold for cell in sheet[3])
    names = by_name(district)
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert [names[r[0]] for r in rows] == ["alpha", "beta", "total"]  # the totals row last
    assert all(c.font.bold for c in sheet[sheet.max_row])
    for name, *values in rows:
        expected = page[names[name]]
        for column, value in zip(COLUMNS, values, strict=True):
            assert value == expected[column.key], (name, column.key)
            assert value is None or isinstance(value, int | float), (name, column.key)
    assert sheet.column_dimensions["A"].width >= 12
    assert {"Отстающие школы", "Формы наставничества", "По годам"} <= set(book.sheetnames)


@pytest.mark.parametrize("path", ["/district/export.xlsx", "/district/schools/alpha/figures.xlsx"])
def test_the_xlsx_prints_on_a4_as_the_districts_documents_do(client, methodist, district, path):
    # Without a paper size a spreadsheet program took its own default: US Letter in LibreOffice.
    response = client.get(f"{path}?year={THIS.start_year}")
    book = load_workbook(io.BytesIO(response.data))
    for sheet in book.worksheets:
        assert sheet.page_setup.paperSize == 9, sheet.title  # A4 in the OOXML numbering


def test_the_csv_is_what_excel_opens_on_a_russian_desktop(client, page, district):
    response = client.get(f"/district/export.csv?year={THIS.start_year}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbf")
    header, *rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert header == ["Школа", *(exports.header(c) for c in COLUMNS)]
    names = by_name(district)
    for name, *values in rows:
        expected = page[names[name]]
        for column, value in zip(COLUMNS, values, strict=True):
            shown = None if value == "" else number(value)
            assert shown == expected[column.key], (name, column.key)
    assert len(rows) == 3


def test_the_figures_are_the_schools_own_statistics(app, page, district):
    """Each school's row, on the page and so in the files, is its own «Статистика»."""
    own = {
        "staff": lambda f: f.staff,
        "young": lambda f: f.young,
        "covered": lambda f: f.covered_percent,
        "mentors": lambda f: f.mentors,
        "mentees": lambda f: f.mentees,
        "waiting": lambda f: f.mentees_waiting,
        "running": lambda f: f.programs_running,
        "ended": lambda f: f.programs_ended,
        "overdue": lambda f: f.programs_overdue,
    }
    for slug in ("alpha", "beta"):
        school = district[slug]
        with app.app_context(), scoped(Scope.school(school.id)):
            mine = statistics.figures(school.id, THIS, today())
            db.session.rollback()
        for key, get in own.items():
            assert page[slug][key] == get(mine), (slug, key)
    # The district's totals add the schools up (shares are shares of the sums).
    for key in ("staff", "young", "mentors", "mentees", "waiting", "running", "ended"):
        assert page["total"][key] == page["alpha"][key] + page["beta"][key], key
    assert page["alpha"]["mentors"] >= 1


def test_the_report_holds_the_pages_figures_and_its_charts(client, page, district):
    response = client.get(f"/district/report.docx?year={THIS.start_year}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    doc = Document(io.BytesIO(response.data))
    paragraphs = "\n".join(p.text for p in doc.paragraphs)
    assert f"{exports.REPORT_TITLE} за {THIS.label} учебный год" in paragraphs
    names = by_name(district)
    checked = set()
    for table in doc.tables:
        header = [c.text for c in table.rows[0].cells]
        if header[0] != "Школа":
            continue
        keys = [next(c.key for c in COLUMNS if exports.report_header(c) == h) for h in header[1:]]
        for row in table.rows[1:]:
            name, *values = (c.text for c in row.cells)
            for key, value in zip(keys, values):
                assert number(value) == page[names[name]][key], (name, key)
                checked.add(key)
    assert checked == {c.key for c in COLUMNS}  # every column of the page is in the report
    # The charts as pictures: the trend's four, the forms, the coverage and the roadmaps.
    assert len(doc.inline_shapes) == 7
    # The lagging schools and why, as under their names on the page.
    assert "Школа Альфа:" in paragraphs or "Отстающих школ в этом учебном году нет." in paragraphs


@pytest.mark.parametrize("path", ["export.xlsx", "export.csv", "report.docx"])
@pytest.mark.parametrize("year", ["1990", "год", "9" * 5000])
def test_an_unknown_year_is_a_clear_message_not_a_file(client, methodist, path, year):
    response = client.get(f"/district/{path}", query_string={"year": year})
    assert response.status_code == 404
    assert "Нет данных за учебный год" in text(response.get_data(as_text=True))


def test_the_overview_offers_the_three_files_of_its_year(client, methodist, district):
    page = client.get(f"/district/?year={THIS.previous.start_year}").get_data(as_text=True)
    for path in ("report.docx", "export.xlsx", "export.csv"):
        assert f'href="/district/{path}?year={THIS.previous.start_year}"' in page, path
    # Each school's name leads to its page of the same year.
    assert f'href="/district/schools/alpha?year={THIS.previous.start_year}"' in page
