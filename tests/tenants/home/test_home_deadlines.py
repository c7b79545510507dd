"""Keeping programs alive: a participant's deadlines, and the pairs that stalled."""

import re
from datetime import date, datetime, timedelta

import pytest

from nastavnik import dates

TODAY = date(2025, 1, 15)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)


def section(page: str, testid: str) -> str:
    start = page.find(f'data-testid="{testid}"')
    if start < 0:
        return ""
    return page[start : page.find("</section>", start)]


@pytest.fixture
def mentee(make):
    school = make.school("home")
    staff = make.consenting_staff(school)
    pairing = make.pairing(school, mentees=[staff])
    program = make.program(school, pairing, title="Адаптация молодого педагога")
    make.link(staff, make.account(school, "mentee", roles=("mentee",)))
    return school, program


def test_an_activity_due_in_ten_days_is_shown_under_soon_and_one_in_twenty_is_not(
    client, auth, make, mentee
):
    school, program = mentee
    make.activity(school, program, title="Открытый урок", due_on=TODAY + timedelta(days=10))
    make.activity(school, program, title="Мастер-класс", due_on=TODAY + timedelta(days=20))
    auth.login(school, "mentee")
    page = client.get(f"/s/{school.slug}/").get_data(as_text=True)
    soon = section(page, "due-soon")
    assert "Скоро" in soon
    assert "Открытый урок" in soon and "25 января 2025 г." in soon
    assert "Адаптация молодого педагога" in soon
    assert "Мастер-класс" not in page


def test_an_overdue_activity_is_shown_under_overdue(client, auth, make, mentee):
    school, program = mentee
    make.activity(school, program, title="Анализ урока", due_on=TODAY - timedelta(days=3))
    make.activity(
        school, program, title="Уже сделано", due_on=TODAY - timedelta(days=5), status="done"
    )
    auth.login(school, "mentee")
    page = client.get(f"/s/{school.slug}/").get_data(as_text=True)
    overdue = section(page, "overdue")
    assert "Просрочено" in overdue
    assert "Анализ урока" in overdue
    assert 'class="text-nowrap overdue">12 января 2025 г.' in overdue
    assert "Анализ урока" not in section(page, "due-soon")
    assert "Уже сделано" not in page


def test_someone_elses_deadlines_are_not_on_my_home(client, auth, make, mentee):
    school, _ = mentee
    other = make.program(school, title="Чужая программа")
    make.activity(school, other, title="Чужое мероприятие", due_on=TODAY + timedelta(days=2))
    auth.login(school, "mentee")
    page = client.get(f"/s/{school.slug}/").get_data(as_text=True)
    assert "На ближайшие две недели сроков нет." in page
    assert "Чужое мероприятие" not in page


def mark(make, school, program, days_ago, title="Отмеченное"):
    at = datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time()).replace(hour=10)
    make.activity(
        school,
        program,
        title=title,
        due_on=at.date(),
        status="done",
        done_on=at.date(),
        marked_at=at,
    )


def test_the_curator_sees_a_pair_with_no_marks_for_31_days_and_not_one_marked_5_days_ago(
    client, auth, make
):
    school = make.school("idle")
    mentor = make.consenting_staff(school, mentor=True, last_name="Молчанова")
    stalled = make.program(school, make.pairing(school, mentor), title="Программа без движения")
    mark(make, school, stalled, days_ago=31)
    lively = make.program(school, title="Живая программа")
    mark(make, school, lively, days_ago=40)
    mark(make, school, lively, days_ago=5)
    make.program(school, title="Ни разу не отмечали", starts_on=TODAY - timedelta(days=45))
    make.program(school, title="Только началась", starts_on=TODAY - timedelta(days=10))
    ended = make.program(school, title="Завершённая", status="ended")
    mark(make, school, ended, days_ago=100)
    make.account(school, "curator", roles=("curator",))

    auth.login(school, "curator")
    page = client.get(f"/s/{school.slug}/").get_data(as_text=True)
    idle = section(page, "idle-pairings")
    assert "Пары без движения" in idle
    assert "Программа без движения" in idle and "Молчанова" in idle
    assert "15 декабря 2024 г." in idle  # its last mark, 31 days ago
    assert "Ни разу не отмечали" in idle and "не отмечалось" in idle
    assert "Живая программа" not in idle
    assert "Только началась" not in idle
    assert "Завершённая" not in idle


def test_the_home_page_shows_the_ten_longest_idle_and_links_to_all_of_them(client, auth, make):
    school = make.school("stalled")
    for k in range(12):  # never marked; started 45 + k days ago: the older, the longer idle
        make.program(school, title=f"Стоит {45 + k} дней", starts_on=TODAY - timedelta(days=45 + k))
    make.account(school, "curator", roles=("curator",))
    auth.login(school, "curator")

    idle = section(client.get(f"/s/{school.slug}/").get_data(as_text=True), "idle-pairings")
    shown = re.findall(r"Стоит (\d+) дней", idle)
    assert shown == [str(45 + k) for k in range(11, 1, -1)]  # the ten longest, longest first
    assert "Все пары без движения (12)" in idle

    everything = client.get(f"/s/{school.slug}/idle-pairings")
    assert everything.status_code == 200
    listed = re.findall(r"Стоит (\d+) дней", everything.get_data(as_text=True))
    assert listed == [str(45 + k) for k in range(11, -1, -1)]
    assert "Всего: 12." in everything.get_data(as_text=True)


def test_no_link_to_all_idle_pairs_when_the_home_page_shows_them_all(client, auth, make):
    school = make.school("few-stalled")
    make.program(school, title="Стоит давно", starts_on=TODAY - timedelta(days=50))
    make.account(school, "curator", roles=("curator",))
    auth.login(school, "curator")
    idle = section(client.get(f"/s/{school.slug}/").get_data(as_text=True), "idle-pairings")
    assert "Стоит давно" in idle
    assert "Все пары без движения" not in idle


def test_a_mentor_or_mentee_does_not_see_the_curators_lists(client, auth, mentee):
    school, _ = mentee
    auth.login(school, "mentee")
    page = client.get(f"/s/{school.slug}/").get_data(as_text=True)
    assert "Пары без движения" not in page
    assert 'data-testid="open-requests"' not in page


def test_the_curator_sees_how_many_requests_await_an_answer(client, auth, make):
    school = make.school("asks")
    pairing = make.pairing(school)
    make.participant_request(school, pairing)
    make.participant_request(school, pairing, status="granted", answer="Да")
    make.account(school, "director", roles=("director",))
    auth.login(school, "director")
    page = client.get(f"/s/{school.slug}/").get_data(as_text=True)
    assert "Просьбы участников, ожидающие ответа: 1" in page
    assert f'href="/s/{school.slug}/requests/"' in page
