"""On the demo district: every figure of the page, the report and the workbook equals a direct
count in the database, this year and last; the district's row equals each school's page."""

import re
from io import BytesIO
from urllib.parse import unquote

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from nastavnik.admin.demo import data
from nastavnik.dates import AcademicYear, today
from nastavnik.extensions import db
from nastavnik.models import School
from nastavnik.tenancy import Scope, scoped
from nastavnik.tenants.statistics import services

from .conftest import (
    counted,
    docx_tables,
    expected_document,
    page_tables,
    table_cells,
    xlsx_tables,
)

THIS = AcademicYear.containing(today())
LAST = THIS.previous


@pytest.fixture(scope="module")
def demo(app, shared):
    with shared.kept():
        result = app.test_cli_runner().invoke(args=["seed-demo"])
        assert result.exit_code == 0, result.output
        with app.app_context():
            schools = list(db.session.execute(select(School).order_by(School.id)).scalars())
            db.session.expunge_all()
        yield schools


def login(client, school, who="curator"):
    response = client.post(
        f"/s/{school.slug}/login", data={"login": who, "password": data.DEMO_PASSWORD}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("year", [THIS, LAST], ids=["this-year", "last-year"])
def test_every_figure_of_every_school_equals_a_direct_count(app, query, demo, year):
    for school in demo:
        with app.app_context(), scoped(Scope.school(school.id)):
            computed = services.figures(school.id, year, today())
        assert computed == counted(app, query, school, year), school.slug


def test_this_year_and_last_differ_as_the_demo_tells(app, query, demo):
    now, before = counted(app, query, demo[1], THIS), counted(app, query, demo[1], LAST)
    assert before.programs_ended >= 1 and now.programs_ended == 0
    assert now.programs_started >= 3 and before.questions
    assert before.mentees < now.mentees and before.trainings != now.trainings
    assert now.mentees_waiting >= 2


@pytest.mark.parametrize("year", [THIS, LAST], ids=["this-year", "last-year"])
def test_the_page_shows_the_counted_tables(app, client, query, demo, year):
    school = demo[1]
    login(client, school)
    response = client.get(f"/s/{school.slug}/statistics/?year={year.start_year}")
    assert response.status_code == 200
    expected = [table_cells(t) for t in expected_document(app, query, school, year).all_tables()]
    assert page_tables(response.get_data(as_text=True)) == expected


def test_the_report_docx_has_the_header_the_counted_tables_the_texts_and_the_signature(
    app, client, query, demo
):
    school = demo[2]
    login(client, school)
    response = client.get(f"/s/{school.slug}/statistics/report.docx?year={LAST.start_year}")
    assert response.status_code == 200
    expected = expected_document(app, query, school, LAST)
    assert docx_tables(response.data) == [table_cells(t) for t in expected.all_tables()]
    document = Document(BytesIO(response.data))
    header = " ".join(c.text for c in document.tables[0].rows[0].cells)
    assert "ЧЕЧЕНСКАЯ РЕСПУБЛИКА" in header and "НОХЧИЙН РЕСПУБЛИКА" in header
    assert school.name_ru.upper() in header
    body = "\n".join(p.text for p in document.paragraphs)
    assert (
        "Итоговый аналитический отчёт о реализации системы наставничества педагогических "
        f"работников за {LAST.label} учебный год" in body
    )
    assert f"31 августа {LAST.start_year + 1} г." in body
    # Last year's text parts, written by the curator in the demo.
    assert "Цель года — создать условия" in body
    assert "Охватить наставничеством всех молодых педагогов." in body
    assert re.search(r"Куратор системы наставничества _+ \S+ \S+", body)
    coverage = counted(app, query, school, LAST)
    assert f"Охвачено наставничеством {coverage.young_covered} из {coverage.young}" in body


def test_the_workbook_has_a_sheet_per_table_with_headers_and_totals(app, client, query, demo):
    school = demo[3]
    login(client, school, "director")  # the director sees and downloads it too
    response = client.get(f"/s/{school.slug}/statistics/report.xlsx?year={THIS.start_year}")
    assert response.status_code == 200
    expected = expected_document(app, query, school, THIS).all_tables()
    sheets = xlsx_tables(response.data)
    assert len(sheets) == len(expected)
    # one file from each school reaches the district: the school is in the name
    name = unquote(response.headers["Content-Disposition"].split("filename*=UTF-8''")[1])
    assert (
        name
        == f"Показатели наставничества — {school.short_name} — {THIS.label.replace('/', '-')}.xlsx"
    )
    report = client.get(f"/s/{school.slug}/statistics/report.docx?year={THIS.start_year}")
    name = unquote(report.headers["Content-Disposition"].split("filename*=UTF-8''")[1])
    assert name.startswith(f"Итоговый отчёт о наставничестве — {school.short_name} — ")
    for (name, rows), table in zip(sheets.items(), expected, strict=True):
        assert rows == table_cells(table), name
        if table.totals:
            assert rows[-1][0] == "Итого"


def _district_cells(html: str, slug: str) -> list[str]:
    row = re.search(rf'<tr[^>]*data-testid="school-{slug}".*?</tr>', html, re.S).group(0)
    texts = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>|&nbsp;", " ", t)).strip() for t in texts]


def _percent_of(share: str) -> str:
    """«4 из 5 (80 %)» → «80 %»."""
    return "—" if share == "—" else share.rsplit("(", 1)[1].rstrip(")")


def test_the_district_row_shows_the_numbers_of_each_schools_page(app, client, demo):
    client.post("/district/login", data={"login": "district", "password": data.DEMO_PASSWORD})
    district = client.get("/district/").get_data(as_text=True)
    client.post("/district/logout")
    for school in demo:
        login(client, school)
        tables = page_tables(client.get(f"/s/{school.slug}/statistics/").get_data(as_text=True))
        client.post(f"/s/{school.slug}/logout")
        value = {row[0]: row[1] for t in tables for row in t[1:]}
        by_status = {row[0]: row[1] for row in tables[5][1:]}
        roadmap = [t for t in tables if t[0][0] == "Этап дорожной карты"]
        assert _district_cells(district, school.slug)[:13] == [
            value["Педагогических работников"],
            value["из них молодых (педагогический стаж менее 3 лет)"],
            _percent_of(value["Молодых педагогов с наставником"]),
            value["Наставников в банке"],
            value["Наставляемых в банке"],
            value["из них ожидают наставника"],
            by_status["Действует"],
            by_status["Утверждена приказом"],
            value["Выполняется (на конец года или сегодня)"],
            value["Завершено программ"],
            value["Выполняется после планового срока"],
            _percent_of(roadmap[0][-1][-1]) if roadmap else "—",
            roadmap[0][-1][3] if roadmap else "0",
        ], school.slug


def test_the_average_marks_are_numbers_in_the_workbook_and_russian_in_the_report(client, demo):
    school = demo[0]
    login(client, school, "director")
    url = f"/s/{school.slug}/statistics/report.{{}}?year={LAST.start_year}"
    book = load_workbook(BytesIO(client.get(url.format("xlsx")).data))
    sheet = book["Анкеты"]
    marks = [row[2] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert marks and all(isinstance(m, int | float) and 1 <= m <= 5 for m in marks), marks
    document = Document(BytesIO(client.get(url.format("docx")).data))
    shown = [c.text for t in document.tables for row in t.rows for c in row.cells[2:3]]
    assert any(re.fullmatch(r"\d,\d\d?", text) for text in shown), shown
    assert not any(re.fullmatch(r"\d\.\d+", text) for text in shown)
    page = client.get(f"/s/{school.slug}/statistics/?year={LAST.start_year}").get_data(as_text=True)
    assert re.search(r">\d,\d\d?</td>", page) and not re.search(r">\d\.\d+</td>", page)
