"""The page «Статистика» and the annual report's draft: who sees and writes what, and bad input
refused with nothing saved."""

import re
from datetime import date, timedelta
from io import BytesIO

import pytest
from docx import Document
from openpyxl import load_workbook

from nastavnik.dates import AcademicYear, today

THIS = AcademicYear.containing(today())


@pytest.fixture
def stats_school(make):
    school = make.school("stats")
    make.mentor_entry(school, added_on=date(2024, 9, 4))
    return school


def test_the_page_shows_this_year_by_default_and_offers_the_years_with_data(
    client, as_curator, stats_school
):
    as_curator(stats_school)
    page = client.get("/s/stats/statistics/").get_data(as_text=True)
    assert f"Статистика за {THIS.label} учебный год" in page
    for start in range(2024, THIS.start_year + 1):
        assert f'<option value="{start}"' in page
    assert '<option value="2023"' not in page


@pytest.mark.parametrize("year", ["2031", "1999", "2023", "двадцать", "2025/2026", "-1"])
def test_an_unknown_year_gets_a_clear_message(client, as_curator, stats_school, year):
    as_curator(stats_school)
    for url in ("", "report", "report.docx", "report.xlsx"):
        response = client.get(f"/s/stats/statistics/{url}?year={year}")
        assert response.status_code == 404
        body = response.get_data(as_text=True)
        assert "Нет данных за учебный год" in body and "выберите год из списка" in body
        assert f"с 2024/2025 по {THIS.label}" in body


def test_the_curator_writes_the_text_parts_and_they_go_into_the_report(
    client, as_curator, stats_school, query
):
    as_curator(stats_school)
    response = client.post(
        "/s/stats/statistics/report?year=2024",
        data={"aims": "Цель: адаптация.", "conclusions": "Вывод один.", "tasks": "Задача 1."},
    )
    assert response.status_code == 302
    assert query("SELECT year_start, aims, conclusions, tasks FROM annual_report") == [
        (2024, "Цель: адаптация.", "Вывод один.", "Задача 1.")
    ]
    draft = client.get("/s/stats/statistics/report?year=2024").get_data(as_text=True)
    assert "Текст отчёта сохранён." in draft and "Вывод один." in draft
    document = Document(BytesIO(client.get("/s/stats/statistics/report.docx?year=2024").data))
    body = [p.text for p in document.paragraphs]
    assert "Цель: адаптация." in body and "Задача 1." in body
    assert "Куратор системы наставничества ____________ Куратор Тестовый" in body
    # Another year's report is untouched: its parts are still to be written.
    other = client.get("/s/stats/statistics/report?year=2025").get_data(as_text=True)
    assert "(раздел заполняет куратор)" in other


def test_a_text_part_too_long_is_refused_and_nothing_is_saved(
    client, as_curator, stats_school, snapshot
):
    as_curator(stats_school)
    before = snapshot()
    response = client.post(
        "/s/stats/statistics/report?year=2024",
        data={"aims": "ц" * 5001, "conclusions": "Вывод", "tasks": ""},
    )
    assert response.status_code == 422
    assert "Не более 5000 символов." in response.get_data(as_text=True)
    assert snapshot() == before


def test_a_save_for_an_unknown_year_saves_nothing(client, as_curator, stats_school, snapshot):
    as_curator(stats_school)
    before = snapshot()
    response = client.post("/s/stats/statistics/report?year=2040", data={"aims": "Цель"})
    assert response.status_code == 404
    assert snapshot() == before


def test_the_director_sees_the_draft_without_the_form_and_cannot_save(
    client, make, auth, stats_school, snapshot
):
    make.account(stats_school, "dir", roles=["director"])
    auth.login(stats_school, "dir")
    draft = client.get("/s/stats/statistics/report").get_data(as_text=True)
    assert "Черновик отчёта" in draft and "Сохранить текст отчёта" not in draft
    before = snapshot()
    assert client.post("/s/stats/statistics/report", data={"aims": "x"}).status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("role", ["mentor", "mentee", "psychologist", "sysadmin"])
def test_others_of_the_school_do_not_see_the_statistics(client, make, auth, stats_school, role):
    make.account(stats_school, f"only-{role}", roles=[role])
    auth.login(stats_school, f"only-{role}")
    for url in ("", "report", "report.docx", "report.xlsx"):
        assert client.get(f"/s/stats/statistics/{url}").status_code == 403


def test_another_schools_curator_is_sent_to_log_in_there(client, make, as_curator, stats_school):
    other = make.school("other-stats")
    as_curator(other)
    response = client.get("/s/stats/statistics/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/s/stats/login")


def test_an_empty_school_gets_zeros_and_sentences_that_say_so(client, make, as_curator):
    school = make.school("empty-stats")
    as_curator(school)
    page = client.get("/s/empty-stats/statistics/").get_data(as_text=True)
    assert "Молодых педагогов (педагогический стаж менее трёх лет) в этом учебном году нет." in page
    assert "Завершённых программ в этом учебном году нет." in page
    book = load_workbook(BytesIO(client.get("/s/empty-stats/statistics/report.xlsx").data))
    totals = [s for s in book.worksheets if s.cell(s.max_row, 1).value == "Итого"]
    assert totals and all(
        s.cell(s.max_row, c).value == 0 for s in totals for c in range(2, s.max_column + 1)
    )
    assert all(s.column_dimensions["A"].width >= 10 for s in book.worksheets)


def test_an_event_planned_for_later_in_the_year_is_not_yet_counted_as_held(
    client, as_curator, stats_school, make
):
    """«Проведено мероприятий» counts what was held up to today; an event in the calendar for
    later in the year joins the count on its day, and the district reads the same figure."""
    as_curator(stats_school)
    held, planned = today() - timedelta(days=1), today() + timedelta(days=1)
    make.event(stats_school, title="Установочная сессия", held_on=max(held, THIS.start))
    make.event(stats_school, kind="conference", title="Конференция", held_on=planned)

    page = client.get("/s/stats/statistics/").get_data(as_text=True)
    note = re.search(r'data-testid="table-events-note">([^<]*)<', page).group(1)
    assert note.startswith("Проведено мероприятий по наставничеству — 1 ")
    assert "Конференция" in client.get("/s/stats/events/").get_data(as_text=True)
