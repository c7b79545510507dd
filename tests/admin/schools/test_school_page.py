"""One school's page in the district: its figures over the years are the school's own statistics,
on the screen, in the .xlsx and in the .csv alike; its roadmap read-only; what it signed and
published; questionnaire averages from three answers up; no unknown school, no unknown year."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from nastavnik.admin.schools.services import FIGURES
from nastavnik.dates import format_date, today
from nastavnik.extensions import db
from nastavnik.tenancy import Scope, scoped
from nastavnik.tenants.statistics import services as statistics

from .conftest import EARLY, PERSONAL, THIS


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>|&nbsp;", " ", html)).strip()


def figures_on_page(html: str) -> dict[str, dict[str, int | None]]:
    """{figure: {year label: value}} as the page's table shows them."""
    table = re.search(r'<table[^>]*data-testid="figures-table".*?</table>', html, re.S).group(0)
    years = re.findall(r'data-year="([^"]+)"', table)
    out = {}
    for row in re.findall(r'<tr data-testid="figure-\d+">(.*?)</tr>', table, re.S):
        cells = [text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        out[cells[0]] = dict(zip(years, (None if c == "—" else int(c) for c in cells[1:])))
    return out


def own_statistics(app, school) -> dict[str, dict[str, int | None]]:
    """What the school's own statistics give, figure by figure, for each of its years."""
    with app.app_context(), scoped(Scope.school(school.id)):
        years = statistics.years(today())
        by_year = [statistics.figures(school.id, y, today()) for y in years]
        db.session.rollback()
    return {f.label: {y.year.label: f.value(y) for y in by_year} for f in FIGURES}


@pytest.fixture
def page(client, methodist, district):
    response = client.get("/district/schools/alpha")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_every_figure_of_every_year_is_the_schools_own_statistics(app, page, district):
    shown = figures_on_page(page)
    assert shown == own_statistics(app, district["alpha"])
    # From this year back to the first records of the school (the world's, of September 2024).
    years = list(next(iter(shown.values())))
    assert years[0] == THIS.label and years[-1] == "2024/2025"


def test_the_figures_are_what_the_school_sees_on_its_statistics_page(app, make, page, district):
    """The same numbers as on the school's page «Статистика», read by its curator."""
    mine = figures_on_page(page)
    make.account(district["alpha"], "alpha-curator", roles=("curator",))
    school_client = app.test_client()
    school_client.post("/s/alpha/login", data={"login": "alpha-curator", "password": make.PASSWORD})
    theirs = {  # the school page's row → this page's
        "Педагогических работников": "Педагогических работников",
        "из них молодых (педагогический стаж менее 3 лет)": "Молодых педагогов (стаж менее 3 лет)",
        "Наставников в банке": "Наставников в банке",
        "Наставляемых в банке": "Наставляемых в банке",
        "из них ожидают наставника": "из них ожидают наставника",
        "Начато программ": "Программ начато",
        "Завершено программ": "Программ завершено",
    }
    for year in (THIS, THIS.previous):
        html = school_client.get(f"/s/alpha/statistics/?year={year.start_year}")
        assert html.status_code == 200
        rows = {}
        for row in re.findall(r"<tr>(.*?)</tr>", html.get_data(as_text=True), re.S):
            cells = [text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            rows.setdefault(cells[0], cells[1:])
        for school_label, label in theirs.items():
            assert rows[school_label][0] == str(mine[label][year.label]), (year, label)
    # This year's people of the module's world are counted (not a table of zeros).
    assert mine["Наставников в банке"][THIS.label] >= 1
    assert mine["Пар и групп, действовавших в учебном году"][THIS.label] >= 1
    assert mine["Охват молодых педагогов, %"][THIS.label] == 100


def test_the_xlsx_holds_the_figures_of_the_page_as_numbers(client, page):
    response = client.get("/district/schools/alpha/figures.xlsx")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert "Школа Альфа" in sheet["A1"].value and THIS.label in sheet["A1"].value
    assert sheet["A2"].value == f"Данные на {format_date(today())}"
    assert sheet["A3"].font.bold and sheet["A3"].value == "Показатель"
    years = [c.value for c in sheet[3][1:]]
    shown = figures_on_page(page)
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert [r[0] for r in rows] == list(shown)
    for label, *values in rows:
        assert dict(zip(years, values)) == shown[label], label
        assert all(v is None or isinstance(v, int) for v in values), label
    assert sheet.column_dimensions["A"].width > 30  # the figures' names are readable


def test_the_csv_opens_in_excel_on_a_russian_desktop(client, page):
    response = client.get("/district/schools/alpha/figures.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.data.startswith("\ufeff".encode())  # UTF-8 with BOM
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    header, *body = rows
    assert header[:3] == ["Показатель", THIS.label, THIS.previous.label]
    shown = figures_on_page(page)
    assert [r[0] for r in body] == list(shown)
    for label, *values in body:
        assert dict(zip(header[1:], (int(v) if v else None for v in values))) == shown[label]


def test_the_orders_register_lists_signed_orders_and_marks_the_public_one(page):
    orders = text(re.search(r'data-testid="orders".*?</section>', page, re.S).group(0))
    assert "О наставниках опубликован школой № 12-од" in orders
    assert "О рабочей группе № 13-од" in orders
    assert "Черновик приказа о проекте" not in orders  # a draft is no order yet
    assert "Нормативная база в открытом разделе школы" in orders


def test_questionnaire_results_only_from_three_answers_up(page):
    part = text(re.search(r'data-testid="questionnaires".*?</section>', page, re.S).group(0))
    assert "Польза встреч с наставником 4 3" in part  # (5 + 4 + 3) / 3 from three answers
    assert "Удобство расписания" not in part  # two answers: not shown
    assert "меньше трёх человек: 1" in part
    assert PERSONAL["free answer"] not in page


def test_practices_sent_to_the_district_lead_to_its_review(page, district):
    part = re.search(r'data-testid="practices".*?</section>', page, re.S).group(0)
    assert f'href="/district/practices/{district["shared_practice"]}"' in part
    assert f'href="/district/practices/{district["waiting_practice"]}"' in part
    assert "доступна всем школам" in part and "ожидает решения района" in part


def test_the_district_administrator_reads_the_page_and_shared_practices_in_the_library(
    client, make, auth, district
):
    make.account(None, "district", roles=["district_admin"])
    auth.login(None, "district")
    page = client.get("/district/schools/alpha").get_data(as_text=True)
    part = re.search(r'data-testid="practices".*?</section>', page, re.S).group(0)
    assert f'href="/practices/{district["shared_practice"]}"' in part
    assert "/district/practices/" not in part  # the review is the methodologist's
    assert "Школа молодого педагога" in part


def test_events_of_the_year_say_how_many_took_part_not_who(page):
    part = text(re.search(r'data-testid="events".*?</section>', page, re.S).group(0))
    assert "Семинар наставников района" in part
    assert re.search(r"Семинар наставников района.*? 2$", part)
    assert PERSONAL["event results"] not in page and PERSONAL["participant"] not in page


def test_the_roadmap_is_read_only_and_its_figures_match(client, page):
    assert "Утверждена директором" in page
    response = client.get(f"/district/schools/alpha/roadmap?year={THIS.start_year}")
    assert response.status_code == 200
    roadmap = response.get_data(as_text=True)
    assert "Методический день наставников" in roadmap
    assert "Утверждена" in roadmap
    # No way to change it: no buttons of the school's roadmap, no post but the logout.
    assert "Отметить" not in roadmap and "Добавить мероприятие" not in roadmap
    assert roadmap.count('method="post"') == 1
    assert PERSONAL["evidence note"] not in roadmap
    # Its stages add up to the figures of the page.
    done = sum(map(int, re.findall(r"(\d+) из \d+ · \d+ %", roadmap)))
    total = sum(map(int, re.findall(r"\d+ из (\d+) · \d+ %", roadmap)))
    shown = figures_on_page(page)
    assert total == shown["Мероприятий дорожной карты"][THIS.label] > 0
    assert done == shown["из них выполнено"][THIS.label]


def test_the_roadmap_says_approved_and_when_once(page):
    # «Утверждена директором утверждена 30 августа 2026 г.» said it twice.
    section = text(re.search(r'data-testid="roadmap">(.*?)</section>', page, re.S).group(1))
    assert f"Утверждена директором {format_date(EARLY)}" in section
    assert section.lower().count("утверждена") == 1


def test_a_year_without_a_roadmap_says_so(client, methodist):
    # The world's records begin in September 2024; its roadmap is of 2025, this module's of now.
    response = client.get("/district/schools/alpha/roadmap?year=2024")
    assert response.status_code == 200
    page = text(response.get_data(as_text=True))
    assert "Дорожной карты на 2024/2025 учебный год у школы" in page


@pytest.mark.parametrize("path", ["", "/roadmap", "/figures.xlsx", "/figures.csv"])
@pytest.mark.parametrize("slug", ["no-such-school", "a" * 5000, "%D1%88%D0%BA%D0%BE%D0%BB%D0%B0"])
def test_an_unknown_school_is_not_found(client, methodist, path, slug):
    response = client.get(f"/district/schools/{slug}{path}")
    assert response.status_code == 404
    assert "Страница не найдена" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["", "/roadmap"])
@pytest.mark.parametrize("year", ["1990", "2999", "год", "20255", "-1", " "])
def test_an_unknown_year_gets_a_clear_message(client, methodist, path, year):
    response = client.get(f"/district/schools/alpha{path}", query_string={"year": year})
    assert response.status_code == 404
    page = text(response.get_data(as_text=True))
    assert "Нет данных за учебный год" in page
    assert f"(с 2024/2025 по {THIS.label})" in page  # the years the school has figures for
    assert "Школа Альфа" in page


def test_a_deactivated_school_still_shows_its_past_figures(client, methodist, district):
    response = client.get(f"/district/schools/beta?year={THIS.previous.start_year}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "школа отключена" in page
    shown = figures_on_page(page)
    assert shown["Наставников в банке"][THIS.previous.label] == 1
    assert shown["Наставляемых в банке"][THIS.previous.label] == 1
    # Its public section is closed: no link to it.
    assert "/s/beta/public" not in page
    assert client.get("/district/schools/beta/figures.xlsx").status_code == 200
