"""The district's overview of a year: every figure of a school's row is the one its own page
«Статистика» shows for that year; sorted by any column; the lagging schools marked with why."""

import re
from datetime import timedelta
from io import BytesIO

import pytest
from docx import Document
from sqlalchemy import select

from nastavnik.admin.dashboard import figures as overview_figures
from nastavnik.admin.dashboard.figures import COLUMNS, Row, lags
from nastavnik.dates import AcademicYear, today
from nastavnik.tenants.roadmap.models import RoadmapActivity
from nastavnik.tenants.roadmap.services import mark
from nastavnik.tenants.statistics.services import YearFigures

from ...conftest import Auth

THIS = AcademicYear.containing(today())
LAST = THIS.previous
DAY = THIS.start + timedelta(days=1)  # 2 September: everything below happens in this year
FIGURES = [c.key for c in COLUMNS[1:]]


def _school(make, slug, name, n, *, signed, roadmap_done, uncovered, overdue_program):
    """A school whose every figure grows with `n` (1 or 2), so that two of them differ."""
    school = make.school(slug, short_name=name, settlement="с. Майртуп")
    mentors = [make.mentor_entry(school, added_on=DAY) for _ in range(n)]
    mentor = mentors[0].staff_id
    for _ in range(n):  # a young teacher in a pair at work, with a running program
        young = make.consenting_staff(school, teaching_years=1)
        make.mentee_entry(school, young, status="in_program", added_on=DAY)
        pair = make.pairing(school, mentor, [young], created_on=DAY)
        make.program(school, pair, starts_on=DAY, ends_on=DAY + timedelta(days=250))
        make.program(school, pair, status="ended", starts_on=DAY, ends_on=DAY + timedelta(days=3))
    for _ in range(n - 1):  # approved by order, no program yet
        senior = make.consenting_staff(school, teaching_years=12)
        make.pairing(school, mentor, [senior], status="approved", created_on=DAY)
    for _ in range(n):  # waiting for a mentor
        make.mentee_entry(school, added_on=DAY)
    for _ in range(uncovered):
        make.staff(school, teaching_years=0)
    if overdue_program:  # still running after its planned term
        senior = make.consenting_staff(school, teaching_years=15)
        pair = make.pairing(school, mentor, [senior], created_on=DAY)
        make.program(school, pair, starts_on=DAY, ends_on=DAY + timedelta(days=1))
    if signed:
        make.order(school, status="signed", number="7-од", signed_on=DAY)
    make.order(school, title="Проект приказа")  # a draft: not signed
    roadmap = make.roadmap(school, THIS.start_year)
    if roadmap_done:
        with make.in_school(school) as session:
            activities = session.execute(
                select(RoadmapActivity).where(RoadmapActivity.roadmap_id == roadmap.id)
            ).scalars()
            for activity in activities:
                mark(activity, "done", note="Выполнено", on=DAY)
    questionnaire = make.questionnaire(school, "Анкета наставляемого")
    question = questionnaire.questions[0].id
    for value in ((4, 5, 5), (3, 4, 5, 2, 4, 3))[n - 1]:
        asked = make.assignment(school, questionnaire, make.staff(school), on=DAY)
        make.answer(school, asked, **{f"q{question}": value})
    for _ in range(n):
        make.practice(school, status="shared", year=THIS.start_year)
    make.practice(school, status="published", year=THIS.start_year)  # in the school only
    return school


def _district(make):
    a = _school(
        make, "alpha", "Школа Альфа", 1,
        signed=True, roadmap_done=True, uncovered=0, overdue_program=False,
    )  # fmt: skip
    b = _school(
        make, "beta", "Школа Бета", 2,
        signed=False, roadmap_done=False, uncovered=1, overdue_program=True,
    )  # fmt: skip
    c = make.school("gamma", short_name="Школа Гамма", settlement="г. Курчалой")
    make.account(None, "district", roles=["district_admin"])
    for school in (a, b, c):
        make.account(school, "curator", roles=["curator"])
    return a, b, c


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>|&nbsp;", " ", html).replace("\u00ad", "")).strip()


def district_rows(html: str) -> dict[str, dict[str, str]]:
    """{slug: {column: text}} of the overview's table, in the table's order."""
    table = re.search(r'data-testid="district-schools".*?</table>', html, re.S).group(0)
    rows = {}
    for slug, row in re.findall(
        r'<tr data-testid="school-([a-z0-9-]+)"[^>]*>(.*?)</tr>', table, re.S
    ):
        rows[slug] = {
            key: text_of(cell)
            for key, cell in re.findall(r'<td[^>]*data-col="([a-z_]+)"[^>]*>(.*?)</td>', row, re.S)
        }
    return rows


def statistics_tables(html: str) -> list[list[list[str]]]:
    """The tables of the school's page «Статистика»: the rows of cells of each."""
    tables = []
    for section in re.findall(r'data-testid="table-[a-z_]+">(.*?)</section>', html, re.S):
        rows = [
            [text_of(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", section, re.S)
        ]
        tables.append(rows)
    return tables


def _percent(share: str) -> str:
    """«4 из 5 (80 %)» → «80 %»."""
    return "—" if share == "—" else share.rsplit("(", 1)[1].rstrip(")")


def expected_row(html: str) -> dict[str, str]:
    """What the district's row must say, read off the school's own statistics page."""
    tables = statistics_tables(html)
    t = {rows[0][0]: rows for rows in tables if rows[0][0] != "Показатель"}
    value = {row[0]: row[1] for rows in tables for row in rows[1:]}
    status = {row[0]: row[1] for row in next(r for h, r in t.items() if h.startswith("Статус"))}
    roadmap = t.get("Этап дорожной карты")
    scale = t.get("Анкета", [])[1:]
    shown = [(float(r[2].replace(",", ".")), int(r[3])) for r in scale if r[2][0].isdigit()]
    weight = sum(n for _, n in shown)
    average = round(sum(a * n for a, n in shown) / weight, 2) if weight else None
    practices = {row[0]: row[1] for row in t["Лучшие практики года"][1:]}
    return {
        "staff": value["Педагогических работников"],
        "young": value["из них молодых (педагогический стаж менее 3 лет)"],
        "covered": _percent(value["Молодых педагогов с наставником"]),
        "mentors": value["Наставников в банке"],
        "mentees": value["Наставляемых в банке"],
        "waiting": value["из них ожидают наставника"],
        "pairs": status["Действует"],
        "approved": status["Утверждена приказом"],
        "running": value["Выполняется (на конец года или сегодня)"],
        "ended": value["Завершено программ"],
        "overdue": value["Выполняется после планового срока"],
        "roadmap": _percent(roadmap[-1][-1]) if roadmap else "—",
        "roadmap_overdue": roadmap[-1][3] if roadmap else "0",
        "average": "—" if average is None else overview_figures.ru_number(average),
        "answers": str(sum(int(r[3]) for r in scale)),
        "practices": practices["Доступна всем школам"],
    }


@pytest.fixture(scope="module")
def seen(app, shared):
    """The district's page and each school's own statistics page, this year and last."""
    with shared.kept():
        schools = _district(shared.make)
        pages = {}
        for year in (THIS, LAST):
            client = app.test_client()
            Auth(client).login(None, "district")
            response = client.get(f"/district/?year={year.start_year}")
            assert response.status_code == 200
            district = district_rows(response.get_data(as_text=True))
            for school in schools:
                client = app.test_client()
                Auth(client).login(school, "curator")
                page = client.get(f"/s/{school.slug}/statistics/?year={year.start_year}")
                assert page.status_code == 200
                own = expected_row(page.get_data(as_text=True))
                pages[year, school.slug] = (district[school.slug], own)
        yield schools, pages


@pytest.mark.parametrize("key", FIGURES)
def test_each_figure_of_the_year_is_the_schools_own(seen, key):
    _, pages = seen
    for slug in ("alpha", "beta", "gamma"):
        district, own = pages[THIS, slug]
        assert district[key] == own[key], (slug, key)
    # The two schools differ in it: a figure taken from the wrong school would show.
    assert pages[THIS, "alpha"][0][key] != pages[THIS, "beta"][0][key], key


@pytest.mark.parametrize("key", FIGURES)
def test_each_figure_of_last_year_is_the_schools_own_too(seen, key):
    _, pages = seen
    for slug in ("alpha", "beta", "gamma"):
        district, own = pages[LAST, slug]
        assert district[key] == own[key], (slug, key)


def test_the_two_schools_figures_as_a_person_reads_them(seen):
    _, pages = seen
    alpha, beta = pages[THIS, "alpha"][0], pages[THIS, "beta"][0]
    assert (alpha["young"], alpha["covered"], beta["young"], beta["covered"]) == (
        *("1", "100 %"),
        *("3", "67 %"),
    )
    assert (alpha["pairs"], alpha["approved"], beta["pairs"], beta["approved"]) == (
        *("1", "0"),
        *("3", "1"),
    )
    assert (alpha["average"], alpha["answers"]) == ("4,67", "3")
    assert (beta["average"], beta["answers"]) == ("3,5", "6")
    assert (alpha["roadmap"], alpha["roadmap_overdue"]) == ("100 %", "0")
    assert (alpha["practices"], beta["practices"]) == ("1", "2")


# --- the totals --------------------------------------------------------------------------


@pytest.fixture
def as_district(client, auth, seen):
    auth.login(None, "district")
    return client


def page_of(client, url="/district/") -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_the_district_total_adds_the_schools_up_and_takes_shares_of_the_sums(as_district):
    html = page_of(as_district)
    rows = district_rows(html)
    total_row = re.search(
        r'<tr class="fw-bold" data-testid="district-total">(.*?)</tr>', html, re.S
    )
    total = dict(re.findall(r'data-col="([a-z_]+)"[^>]*>(.*?)</td>', total_row.group(1), re.S))
    for key in ("staff", "young", "mentors", "mentees", "waiting", "pairs", "approved"):
        assert int(total[key]) == sum(int(r[key]) for r in rows.values()), key
    for key in ("running", "ended", "overdue", "roadmap_overdue", "answers", "practices"):
        assert int(total[key]) == sum(int(r[key]) for r in rows.values()), key
    assert total["covered"] == "75 %"  # 3 of 4 young teachers, not the mean of 100 and 67
    assert total["average"] == "3,89"  # (4 + 5 + 5 + 3 + 4 + 5 + 2 + 4 + 3) / 9


# --- sorting ------------------------------------------------------------------------------


def _number(text: str) -> float:
    return float(text.replace(" %", "").replace(",", "."))


@pytest.mark.parametrize("key", FIGURES)
def test_the_table_sorts_by_each_column_both_ways(as_district, key):
    orders = {}
    for direction in ("asc", "desc"):
        html = page_of(as_district, f"/district/?sort={key}&dir={direction}")
        rows = district_rows(html)
        shown = [r[key] for r in rows.values() if r[key] != "—"]
        values = [_number(v) for v in shown]
        assert values == sorted(values, reverse=direction == "desc"), (key, direction)
        # Nothing to show («—») goes last either way.
        assert [r[key] for r in rows.values()][len(shown) :] == ["—"] * (len(rows) - len(shown))
        header = re.search(rf'<th[^>]*data-testid="sort-{key}"[^>]*>', html).group(0)
        assert f'aria-sort="{"descending" if direction == "desc" else "ascending"}"' in header
        orders[direction] = [slug for slug in rows if rows[slug][key] != "—"]
    assert orders["asc"] != orders["desc"] or len(set(orders["asc"])) < 2, key


def test_a_header_is_a_plain_link_that_turns_the_order_round(as_district):
    html = page_of(as_district, "/district/?sort=covered&dir=desc")
    link = re.search(
        r'data-testid="sort-covered"[^>]*>\s*<a class="sort-link" href="([^"]+)"', html
    )
    assert link.group(1).replace("&amp;", "&").endswith("sort=covered&dir=asc")
    # Another column's first click puts the largest first.
    other = re.search(r'data-testid="sort-staff"[^>]*>\s*<a class="sort-link" href="([^"]+)"', html)
    assert other.group(1).replace("&amp;", "&").endswith("sort=staff&dir=desc")
    assert "<script>" not in html.split("</main>")[0]


def test_by_default_the_schools_are_in_alphabetical_order(as_district):
    assert list(district_rows(page_of(as_district))) == ["alpha", "beta", "gamma"]
    # An unknown column is no error: the default order.
    assert list(district_rows(page_of(as_district, "/district/?sort=salary"))) == [
        "alpha",
        "beta",
        "gamma",
    ]


# --- lagging schools -----------------------------------------------------------------------


def test_a_lagging_school_is_marked_with_each_reason(as_district):
    html = page_of(as_district)
    beta = text_of(re.search(r'data-testid="lags-beta".*?</div>', html, re.S).group(0))
    assert "Отстаёт" in beta
    assert "просрочено:" in beta and "1 программа после планового срока" in beta
    assert "1 молодой педагог без наставника" in beta
    assert f"ни одного приказа, подписанного в {THIS.label} учебном году" in beta
    # Alpha: its roadmap done, nothing overdue, every young teacher with a mentor, an order.
    assert 'data-testid="lags-alpha"' not in html
    gamma = text_of(re.search(r'data-testid="lags-gamma".*?</div>', html, re.S).group(0))
    assert f"нет дорожной карты на {THIS.label} учебный год" in gamma


ROADMAP_DONE = {"1": (2, 2, 0)}


@pytest.mark.parametrize(
    ("figures", "orders", "reason"),
    [
        ({}, 1, f"нет дорожной карты на {THIS.label} учебный год"),
        (
            {"roadmap": {"4": (1, 5, 3)}},
            1,
            "просрочено: 3 мероприятия дорожной карты",
        ),
        (
            {"roadmap": ROADMAP_DONE, "activities": {"overdue": 5}, "programs_overdue": 2},
            1,
            "просрочено: 5 мероприятий планов программ, 2 программы после планового срока",
        ),
        (
            {"roadmap": ROADMAP_DONE, "young": 7, "young_covered": 2},
            1,
            "5 молодых педагогов без наставника",
        ),
        (
            {"roadmap": ROADMAP_DONE},
            0,
            f"ни одного приказа, подписанного в {THIS.label} учебном году",
        ),
    ],
)
def test_each_reason_a_school_lags(figures, orders, reason):
    row = Row(None, YearFigures(THIS, **figures), orders)
    assert lags(row, THIS) == [reason]


def test_a_school_with_its_roadmap_done_and_nothing_overdue_does_not_lag():
    row = Row(None, YearFigures(THIS, young=3, young_covered=3, roadmap=ROADMAP_DONE), 2)
    assert lags(row, THIS) == []


# --- the year -----------------------------------------------------------------------------


def test_the_current_year_is_shown_by_default_and_another_can_be_chosen(as_district):
    html = page_of(as_district)
    assert f"Школы района за {THIS.label} учебный год" in html
    assert f'<option value="{THIS.start_year}" selected>' in html
    assert f'<option value="{LAST.start_year}">' in html
    last = page_of(as_district, f"/district/?year={LAST.start_year}")
    assert f"Школы района за {LAST.label} учебный год" in last


@pytest.mark.parametrize("path", ["/district/", "/district/roadmaps"])
@pytest.mark.parametrize("value", ["1999", "2099", "двадцатый", "<b>2024</b>", "2024-25", " "])
def test_an_unknown_year_gets_a_clear_message_in_the_sites_page(as_district, path, value):
    response = as_district.get(path, query_string={"year": value})
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    message = text_of(re.search(r'data-testid="unknown-year">(.*?)</div>', html, re.S).group(1))
    assert message.startswith("Нет данных за учебный год")
    assert f"по {THIS.label}" in message
    assert "<b>2024</b>" not in html
    assert 'data-testid="year-picker"' in html  # and the way to a year that has data
    assert "Управление образования" in html  # the site's own page, with its menu


@pytest.mark.parametrize("path", ["/district/", "/district/roadmaps"])
def test_school_accounts_cannot_reach_the_district_pages(client, auth, seen, path):
    alpha = seen[0][0]
    auth.login(alpha, "curator")
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/district/login")


# --- the charts ----------------------------------------------------------------------------


def test_the_charts_are_drawn_without_script_and_have_their_numbers_as_text(as_district):
    html = page_of(as_district)
    for key in ("forms", "roadmap", "coverage", "trend-staff", "trend-covered_percent"):
        figure = re.search(rf'data-testid="chart-{key}">(.*?)</figure>', html, re.S).group(1)
        assert "<svg" in figure and "<title>" in figure, key
        assert "<table" in figure, key  # the text alternative
    coverage = re.search(r'data-testid="chart-coverage">(.*?)</figure>', html, re.S).group(1)
    table = text_of(re.search(r"<table.*?</table>", coverage, re.S).group(0))
    assert "Школа Альфа 100 % (1 из 1)" in table
    assert "Школа Бета 67 % (2 из 3)" in table
    assert "Школа Гамма нет молодых" in table


def test_each_chart_has_a_png_for_the_report(app, seen):
    with app.app_context():
        ov = overview_figures.overview(THIS, today())
    for chart in ov.charts:
        assert chart.png().startswith(b"\x89PNG"), chart.key
    assert [p.year for p in ov.trend][-1] == THIS
    assert ov.trend[-1].staff == ov.total.staff
    assert ov.trend[-1].pairs == ov.total.pairs_in_year


def test_the_trend_of_each_year_is_that_years_district_total(app, seen):
    with app.app_context():
        points = {p.year: p for p in overview_figures.overview(THIS, today()).trend}
        assert sorted(points) == sorted(overview_figures.known_years(today()))
        for year in points:
            total = overview_figures.overview(year, today()).total
            got = points[year]
            assert (got.staff, got.young, got.young_covered) == (
                total.staff,
                total.young,
                total.young_covered,
            ), year.label
            assert (got.pairs, got.programs_ended) == (total.pairs_in_year, total.programs_ended)


def test_a_past_years_trend_and_report_end_with_that_year(app, seen):
    """The report of 2025/2026 is dated 31 August 2026: no row of a later year in it."""
    with app.app_context():
        years = overview_figures.known_years(today())
        past = sorted(years)[-2]
        trend = overview_figures.overview(past, today()).trend
    assert [p.year for p in trend] == [y for y in sorted(years) if y <= past]
    assert sorted(years)[-1] == THIS and past == LAST
    client = app.test_client()
    Auth(client).login(None, "district")
    report = Document(BytesIO(client.get(f"/district/report.docx?year={past.start_year}").data))
    rows = next(t for t in report.tables if t.rows[0].cells[0].text == "Учебный год").rows
    assert rows[-1].cells[0].text == past.label


# --- the roadmap matrix --------------------------------------------------------------------


def matrix_cells(html: str, slug: str) -> list[str]:
    row = re.search(rf'<tr data-testid="matrix-{slug}">(.*?)</tr>', html, re.S).group(1)
    return [text_of(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def test_the_matrix_shows_each_stage_as_the_schools_statistics_does(
    as_district, client, auth, seen
):
    schools = seen[0]
    html = page_of(as_district, f"/district/roadmaps?year={THIS.start_year}")
    expected = {}
    for school in schools[:2]:
        auth.login(school, "curator")
        own = statistics_tables(page_of(client, f"/s/{school.slug}/statistics/"))
        stages = next(t for t in own if t[0][0] == "Этап дорожной карты")[1:]
        expected[school.slug] = [
            _percent(share) + (f" просрочено: {overdue}" if overdue != "0" else "")
            for _, _, _, overdue, share in stages
        ]
        auth.logout(school)
    auth.login(None, "district")
    for slug, cells in expected.items():
        assert matrix_cells(html, slug) == cells, slug
    assert matrix_cells(html, "alpha")[-1] == "100 %"  # its roadmap done, nothing overdue
    assert "просрочено" in " ".join(matrix_cells(html, "beta"))
    assert matrix_cells(html, "gamma") == ["Дорожной карты на этот учебный год нет."]


def test_a_school_and_a_stage_of_the_matrix_open_that_schools_roadmap(as_district):
    html = page_of(as_district, f"/district/roadmaps?year={THIS.start_year}")
    row = re.search(r'<tr data-testid="matrix-beta">(.*?)</tr>', html, re.S).group(1)
    links = re.findall(r'href="([^"]+)"', row)
    target = f"/district/schools/beta/roadmap?year={THIS.start_year}"
    assert links[0] == target
    assert links[1:] == [f"{target}#stage-{n}" for n in range(1, 8)]


def test_each_school_name_on_the_overview_opens_its_page_of_the_year(as_district):
    html = page_of(as_district, f"/district/?year={LAST.start_year}")
    row = re.search(r'<tr data-testid="school-alpha"[^>]*>(.*?)</tr>', html, re.S).group(1)
    assert f'href="/district/schools/alpha?year={LAST.start_year}"' in row


def test_a_chart_draws_a_schools_name_as_text_and_keeps_the_bars_within_the_scale():
    from nastavnik.admin.dashboard.figures import Bar, BarChart
    from nastavnik.admin.dashboard.svg import BAR, bar_chart

    chart = BarChart(
        "x", "Охват", (Bar("<script>alert(1)</script> & Co", 250, "250 %"), Bar("", 0, "0")), 100
    )
    svg = str(bar_chart(chart))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    widths = [float(w) for w in re.findall(r'<rect x="0" y="\d+" width="([\d.]+)"', svg)]
    assert max(widths) == BAR  # 250 % of a 100 % scale stops at the end of the track
    assert "<title>Охват</title>" in svg


def test_one_table_serves_every_screen_each_figure_labelled_for_a_phone(as_district):
    html = page_of(as_district)
    assert html.count('data-testid="school-alpha"') == 1  # not a table and a card list
    cells = re.findall(r"<td[^>]*data-col=[^>]*>", html)
    assert cells and all("data-label=" in cell for cell in cells)
    assert 'data-label="Педагоги: молодых с наставником"' in html


def test_a_chart_of_five_hundred_schools_shows_bands_and_the_fifteen_lowest():
    from nastavnik.admin.dashboard.figures import SchoolName, coverage_bands, coverage_chart

    rows = [
        Row(
            SchoolName(k, f"s{k}", f"Школа {k:03}", "с. Майртуп", True),
            YearFigures(THIS, young=4 if k % 10 else 0, young_covered=k % 5),
        )
        for k in range(500)
    ]
    bands = coverage_bands(rows, THIS)
    assert [(b.label, b.value) for b in bands.bars] == [
        ("нет молодых педагогов", 50),
        ("0–24 %", 50),
        ("25–49 %", 100),
        ("50–74 %", 100),
        ("75–99 %", 100),
        ("100 %", 100),
    ]
    lowest = coverage_chart(rows, THIS)
    assert len(lowest.bars) == 15
    assert {b.text for b in lowest.bars} == {"0 % (0 из 4)"}
    assert "15 школ с наименьшим" in lowest.title
