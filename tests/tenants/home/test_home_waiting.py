"""«Ждёт вашего решения»: each person sees on the home page what waits for them, and only that,
with a link to where it is done; it goes away once done; the menu shows how many."""

import re
from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest

from nastavnik import dates

TODAY = date(2025, 1, 15)  # a Wednesday, in the middle of the program's term
SIGNED_ON = dates.today()  # the orders' rules read the clock themselves


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)


def waiting(client, school) -> str:
    page = client.get(f"/s/{school.slug}/").get_data(as_text=True)
    start = page.find('data-testid="waiting"')
    assert start >= 0, "на главной нет блока «Ждёт вашего решения»"
    return page[start : page.find("</section>", start)]


def menu_count(client, school, path="/") -> int:
    page = client.get(f"/s/{school.slug}{path}").get_data(as_text=True)
    found = re.search(r'data-testid="waiting-count"[^>]*>(\d+)</span>', page)
    return int(found.group(1)) if found else 0


class School:
    """A school in the middle of its year: one pair with a program, and its people."""

    def __init__(self, make, slug, marker=""):
        self.make = make
        self.school = school = make.school(slug)
        mentor = make.mentor_entry(
            school, make.consenting_staff(school, mentor=True, last_name=f"{marker}Наставникова")
        )
        self.mentee_staff = make.consenting_staff(school, last_name=f"{marker}Молодова")
        make.mentee_entry(school, self.mentee_staff)
        self.pairing = make.pairing(school, mentor.staff_id, [self.mentee_staff.id])
        self.program = make.program(school, self.pairing, title=f"{marker}Адаптация")
        self.mentor_staff_id = mentor.staff_id
        make.link(self.mentee_staff, make.account(school, "mentee", roles=("mentee",)))
        mentor = SimpleNamespace(id=mentor.staff_id, school_id=school.id)
        make.link(mentor, make.account(school, "mentor", roles=("mentor",)))
        for login in ("director", "curator", "coordinator", "psychologist"):
            make.account(school, login, roles=(login,))


@pytest.fixture
def year(make):
    return School(make, "year")


def sees(auth, client, year, login) -> str:
    auth.logout(year.school)
    auth.login(year.school, login)
    return waiting(client, year.school)


EVERYONE = ("mentor", "mentee", "director", "curator", "coordinator", "psychologist")


def who_sees(auth, client, year, words) -> set[str]:
    return {login for login in EVERYONE if words in sees(auth, client, year, login)}


def test_nothing_waits_in_a_quiet_school_and_the_menu_shows_no_count(auth, client, year):
    assert "Сейчас ничего не ждёт вашего решения." in sees(auth, client, year, "mentee")
    assert menu_count(client, year.school) == 0


def test_a_change_waits_for_each_participant_until_they_agree(auth, client, make, year):
    change = make.change(year.school, year.program, kind="extend")
    words = "Изменение программы «Адаптация» ждёт вашего согласия: продление срока"
    assert who_sees(auth, client, year, words) == {"mentor", "mentee"}
    block = sees(auth, client, year, "mentee")
    assert f'href="/s/year/programs/{year.program.id}"' in block

    client.post(f"/s/year/programs/changes/{change.id}/agree")  # the mentee agrees (7.2)
    assert who_sees(auth, client, year, words) == {"mentor"}
    auth.login(year.school, "mentor")
    client.post(f"/s/year/programs/changes/{change.id}/agree")
    assert who_sees(auth, client, year, words) == set()


def test_a_draft_order_waits_for_the_directors_signature_until_signed(auth, client, make, year):
    order = make.order(
        year.school,
        kind="other",
        title="Об итогах первого полугодия",
        created_at=datetime(2025, 1, 10, 9, 0),
    )
    words = "Приказ «Об итогах первого полугодия» ждёт вашей подписи"
    assert who_sees(auth, client, year, words) == {"director"}
    assert f'href="/s/year/orders/{order.id}"' in sees(auth, client, year, "director")

    client.post(
        f"/s/year/orders/{order.id}/sign",
        data={"number": "12-од", "signed_on": SIGNED_ON.isoformat()},
    )
    assert who_sees(auth, client, year, words) == set()


def test_a_request_waits_for_an_answer_from_those_who_answer(auth, client, make, year):
    req = make.participant_request(year.school, year.pairing, reason="Не совпадает расписание")
    words = "Просьба наставляемого о смене наставника (Молодова М.И."
    assert who_sees(auth, client, year, words) == {"director", "curator", "coordinator"}
    assert f'href="/s/year/requests/{req.id}"' in sees(auth, client, year, "curator")

    client.post(
        f"/s/year/requests/{req.id}", data={"decision": "refused", "answer": "Пара работает"}
    )
    assert who_sees(auth, client, year, words) == set()


def test_a_consent_ending_within_30_days_waits_for_the_curator_and_the_coordinator(
    auth, client, make, year
):
    make.consent(
        year.school, year.mentee_staff, kind="publication", valid_until=TODAY + timedelta(days=30)
    )
    make.consent(
        year.school, year.mentee_staff, kind="mentor_duty", valid_until=TODAY + timedelta(days=31)
    )
    words = "Согласие на публикацию ФИО и результатов: Молодова"
    assert who_sees(auth, client, year, words) == {"curator", "coordinator"}
    block = sees(auth, client, year, "curator")
    assert "действует до 14 февраля 2025 г." in block
    assert "обязанностей" not in block  # 31 days ahead: not yet
    assert f"/s/year/consents/new?staff_id={year.mentee_staff.id}&amp;kind=publication" in block

    # A new consent of the same kind recorded: nothing waits any more.
    client.post(
        "/s/year/consents/new?kind=publication",
        data={
            "staff_id": year.mentee_staff.id,
            "purpose": "Публикация на сайте школы",
            "data_list": "ФИО, результаты",
            "signed_on": "2025-01-15",
            "valid_until": "2026-01-15",
            "paper_number": "С-77",
        },
    )
    assert who_sees(auth, client, year, words) == set()


def test_a_revoked_or_already_ended_consent_does_not_wait(auth, client, make, year):
    make.consent(
        year.school,
        year.mentee_staff,
        kind="publication",
        valid_until=TODAY + timedelta(days=10),
        revoked_on=date(2025, 1, 10),
    )
    make.consent(
        year.school, year.mentee_staff, kind="mentor_duty", valid_until=TODAY - timedelta(days=1)
    )
    assert "Согласие" not in sees(auth, client, year, "curator")


def test_an_activity_due_this_week_waits_for_the_mentor_and_the_mentee_until_marked(
    auth, client, make, year
):
    activity = make.activity(
        year.school, year.program, title="Открытый урок", due_on=TODAY + timedelta(days=6)
    )
    make.activity(year.school, year.program, title="Мастер-класс", due_on=TODAY + timedelta(7))
    words = "До 21 января 2025 г. — мероприятие «Открытый урок» программы «Адаптация»."
    assert who_sees(auth, client, year, words) == {"mentor", "mentee"}
    assert "Мастер-класс" not in sees(auth, client, year, "mentor")

    client.post(f"/s/year/programs/activities/{activity.id}/done", data={"result": "Проведён"})
    assert who_sees(auth, client, year, words) == set()


def test_a_questionnaire_waits_for_the_person_asked_until_filled(auth, client, make, year):
    questionnaire = make.questionnaire(year.school, "Анкета наставляемого о первом полугодии")
    assignment = make.assignment(
        year.school, questionnaire, year.mentee_staff, on=TODAY, due_on=TODAY + timedelta(10)
    )
    words = "Анкета «Анкета наставляемого о первом полугодии» ждёт ваших ответов до 25 января"
    assert who_sees(auth, client, year, words) == {"mentee"}
    # The sentence ends with the date's own «г.», not «г..».
    assert f"{words} {(TODAY + timedelta(10)).year} г.<" in sees(auth, client, year, "mentee")
    assert f'href="/s/year/questionnaires/fill/{assignment.id}"' in sees(
        auth, client, year, "mentee"
    )

    make.answer(year.school, assignment, **{f"q{questionnaire.questions[0].id}": 4})
    assert who_sees(auth, client, year, words) == set()


def test_mentees_without_a_mentor_wait_for_the_psychologist_until_paired(auth, client, make, year):
    # Stage 5: until a pair is found the psychologist supports them; one item, with how many.
    first, second = (make.consenting_staff(year.school, last_name=n) for n in ("Ждёт", "Тоже"))
    for staff in (first, second):
        make.mentee_entry(year.school, staff)
    make.mentee_entry(year.school, make.consenting_staff(year.school), status="left")
    other = School(make, "other", marker="Чужая")
    make.mentee_entry(other.school, make.consenting_staff(other.school))
    words = "Наставляемых без наставника: 2."
    assert who_sees(auth, client, year, words) == {"psychologist"}
    block = sees(auth, client, year, "psychologist")
    assert 'href="/s/year/matching/unmatched"' in block
    assert menu_count(client, year.school, "/banks/mentors/") == 1

    make.pairing(year.school, year.mentor_staff_id, [first.id], status="proposed")
    assert "Наставляемых без наставника: 1." in sees(auth, client, year, "psychologist")
    make.pairing(year.school, year.mentor_staff_id, [second.id], status="proposed")
    assert "Сейчас ничего не ждёт вашего решения." in sees(auth, client, year, "psychologist")
    assert menu_count(client, year.school, "/banks/mentors/") == 0


def test_the_menu_counts_what_waits_on_every_page(auth, client, make, year):
    make.change(year.school, year.program)
    make.activity(year.school, year.program, title="Открытый урок", due_on=TODAY)
    questionnaire = make.questionnaire(year.school, "Анкета")
    make.assignment(year.school, questionnaire, year.mentee_staff, on=TODAY)
    sees(auth, client, year, "mentee")
    assert len(re.findall('data-testid="waiting-item"', waiting(client, year.school))) == 3
    assert menu_count(client, year.school) == 3
    assert menu_count(client, year.school, "/programs/my") == 3
    # A screen reader hears the link as «Главная», described by the count.
    page = client.get("/s/year/programs/my").get_data(as_text=True)
    assert 'id="waiting-count-text">Ждёт вашего решения: 3</span>' in page
    auth.logout(year.school)
    auth.login(year.school, "psychologist")
    assert menu_count(client, year.school) == 0


def test_every_persons_menu_count_is_the_length_of_their_list(auth, client, make, year):
    """The menu counts in one statement what the home page lists: the same number for everyone,
    with every kind of item waiting at once, and another school's items not counted."""
    make.change(year.school, year.program)
    make.order(year.school, kind="other", title="Приказ")
    make.participant_request(year.school, year.pairing)
    make.consent(
        year.school, year.mentee_staff, kind="publication", valid_until=TODAY + timedelta(days=3)
    )
    make.activity(year.school, year.program, title="Урок", due_on=TODAY)
    make.assignment(
        year.school, make.questionnaire(year.school, "Анкета"), year.mentee_staff, on=TODAY
    )
    make.mentee_entry(year.school, make.consenting_staff(year.school))  # no mentor yet
    other = School(make, "other", marker="Чужая")
    make.order(other.school, kind="other", title="Чужой приказ")
    make.participant_request(other.school, other.pairing)
    counts = {}
    for login in EVERYONE:
        items = len(re.findall('data-testid="waiting-item"', sees(auth, client, year, login)))
        # Another page than home (home counts its own list): the first this person may open.
        page = next(
            p
            for p in ("/requests/", "/calendar/", "/banks/mentors/")
            if client.get(f"/s/year{p}").status_code == 200
        )
        counts[login] = (items, menu_count(client, year.school, page))
    assert all(items == menu for items, menu in counts.values()), counts
    assert counts["director"][0] == 2 and counts["mentee"][0] == 3, counts
    assert counts["psychologist"] == (1, 1), counts


def test_another_schools_items_never_appear(auth, client, make, year):
    before = {login: sees(auth, client, year, login) for login in EVERYONE}
    other = School(make, "other", marker="Чужая")
    make.change(other.school, other.program)
    make.order(other.school, kind="other", title="Чужой приказ")
    make.participant_request(other.school, other.pairing)
    make.consent(other.school, other.mentee_staff, kind="publication", valid_until=TODAY)
    make.activity(other.school, other.program, title="Чужое мероприятие", due_on=TODAY)
    questionnaire = make.questionnaire(other.school, "Чужая анкета")
    make.assignment(other.school, questionnaire, other.mentee_staff, on=TODAY)
    for login in EVERYONE:
        block = sees(auth, client, year, login)
        assert "Чуж" not in block and block == before[login], login
    # …while in their own school the same people are told.
    auth.login(other.school, "mentee")
    assert "Чужое мероприятие" in waiting(client, other.school)


def test_the_menu_keeps_its_count_a_minute_but_counts_again_after_the_persons_own_form(
    app, auth, client, make, year, monkeypatch
):
    """Production keeps the menu's number per person for a minute (the tests' NullCache never
    does): what others do shows within the minute, and at once on the home page; what the
    person does shows on the very next page."""
    import time as clock

    import cachelib.simple
    from cachelib import SimpleCache

    from nastavnik.extensions import cache
    from nastavnik.tenants.home import waiting as menu

    monkeypatch.setitem(app.extensions["cache"], cache, SimpleCache(default_timeout=60))
    first = make.participant_request(year.school, year.pairing, reason="Первая")
    auth.login(year.school, "curator")
    assert menu_count(client, year.school, "/requests/") == 1

    counted = []
    real = menu.waiting_count
    monkeypatch.setattr(menu, "waiting_count", lambda *a: counted.append(a) or real(*a))
    make.participant_request(year.school, year.pairing, reason="Вторая")  # someone else's doing
    assert menu_count(client, year.school, "/requests/") == 1  # kept: not counted again
    assert counted == []
    # The home page lists afresh, and the menu keeps what it listed.
    assert len(re.findall('data-testid="waiting-item"', waiting(client, year.school))) == 2
    assert menu_count(client, year.school, "/requests/") == 2 and counted == []

    # The person's own form: the next page counts again.
    client.post(
        f"/s/year/requests/{first.id}", data={"decision": "refused", "answer": "Пара работает"}
    )
    assert menu_count(client, year.school, "/requests/") == 1
    assert len(counted) == 1

    make.participant_request(year.school, year.pairing, reason="Третья")
    assert menu_count(client, year.school, "/requests/") == 1
    later = clock.time() + menu.COUNT_SECONDS + 1
    monkeypatch.setattr(cachelib.simple, "time", lambda: later)
    assert menu_count(client, year.school, "/requests/") == 2  # within the minute, at most
    assert len(counted) == 2
