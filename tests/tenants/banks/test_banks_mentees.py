"""The mentee bank (roadmap stage 2): who needs mentoring and why, with consent."""

import re
from datetime import date, timedelta

import pytest

from nastavnik.dates import today as local_today
from nastavnik.tenants.staff.models import HIDDEN

NO_CONSENT = "Нет действующего согласия на обработку персональных данных"


def add(client, staff, **data):
    data = {"staff_id": staff.id, "category": "young", "requests": ["methods"], **data}
    return client.post("/s/s1/banks/mentees/new", data=data, follow_redirects=True)


def test_curator_enters_a_consenting_teacher_with_requests_in_russian(
    client, make, school, curator, query
):
    staff = make.consenting_staff(school, last_name="Хамзатова")
    assert "Хамзатова" in client.get("/s/s1/banks/mentees/new").get_data(as_text=True)
    page = add(
        client,
        staff,
        category="new_to_school",
        requests=["subject", "digital"],
        difficulties="Не получается дисциплина на уроке",
    ).get_data(as_text=True)
    assert "Хамзатова Марьям Исаевна — в банке наставляемых." in page
    assert "Педагог, впервые пришедший в школу" in page
    assert "Предметное содержание" in page
    assert "Цифровая образовательная среда" in page
    assert "Ожидает наставника" in page
    assert query("SELECT category, requests, status FROM mentee_entry") == [
        ("new_to_school", "subject,digital", "waiting")
    ]


@pytest.mark.parametrize(
    "consent",
    [
        None,
        {"revoked_on": date(2024, 10, 1)},
        {"valid_until": local_today() - timedelta(days=1)},
        {"kind": "mentor_duty"},
    ],
    ids=["no-consent", "revoked", "expired", "only-duty-consent"],
)
def test_person_without_valid_data_consent_cannot_enter_the_mentee_bank(
    client, make, school, curator, query, consent
):
    staff = make.staff(school, last_name="Безсогласия")
    if consent is not None:
        make.consent(school, staff, **consent)
    assert "Безсогласия" not in client.get("/s/s1/banks/mentees/new").get_data(as_text=True)
    response = add(client, staff)
    assert response.status_code == 200
    assert NO_CONSENT in response.get_data(as_text=True)
    assert query("SELECT count(*) FROM mentee_entry") == [(0,)]


def test_a_teacher_already_in_the_bank_is_not_offered_nor_added_twice(
    client, make, school, curator, query
):
    staff = make.consenting_staff(school, last_name="Уже")
    make.mentee_entry(school, staff)
    assert "Уже Марьям" not in client.get("/s/s1/banks/mentees/new").get_data(as_text=True)
    page = add(client, staff).get_data(as_text=True)
    assert "уже есть в банке наставляемых" in page
    assert query("SELECT count(*) FROM mentee_entry") == [(1,)]


def test_a_teacher_who_finished_may_come_back_with_a_new_request(
    client, make, school, curator, query
):
    staff = make.consenting_staff(school)
    make.mentee_entry(school, staff, status="finished")
    add(client, staff, category="difficulties")
    assert query("SELECT status FROM mentee_entry ORDER BY id") == [("finished",), ("waiting",)]


def test_no_teacher_chosen_is_refused_and_saves_nothing(client, school, curator, query):
    page = client.post("/s/s1/banks/mentees/new", data={"category": "young"}).get_data(as_text=True)
    assert "Выберите педагога." in page
    assert query("SELECT count(*) FROM mentee_entry") == [(0,)]


def test_html_in_the_difficulties_is_shown_escaped(client, make, school, curator):
    add(client, make.consenting_staff(school), difficulties="<script>alert(1)</script>")
    page = client.get("/s/s1/banks/mentees/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_bank_filters_by_status_and_category(client, make, school, curator):
    make.mentee_entry(school, make.consenting_staff(school, last_name="Молодая"))
    make.mentee_entry(
        school, make.consenting_staff(school, last_name="Опытная"), category="reverse"
    )
    make.mentee_entry(school, make.consenting_staff(school, last_name="Выбывшая"), status="left")
    page = client.get("/s/s1/banks/mentees/").get_data(as_text=True)
    assert "Молодая" in page and "Опытная" in page and "Выбывшая" not in page
    page = client.get("/s/s1/banks/mentees/?category=reverse").get_data(as_text=True)
    assert "Опытная" in page and "Молодая" not in page
    page = client.get("/s/s1/banks/mentees/?status=left").get_data(as_text=True)
    assert "Выбывшая" in page and "Молодая" not in page


def test_the_bank_shows_the_mentor_of_a_mentee_in_a_pair(client, make, school, curator):
    mentor = make.mentor_entry(
        school, make.consenting_staff(school, mentor=True, last_name="Асхабов")
    )
    mentee = make.mentee_entry(school)
    make.pairing(school, mentor.staff_id, [mentee.staff_id], status="approved")
    page = client.get("/s/s1/banks/mentees/").get_data(as_text=True)
    assert "Наставник: Асхабов Марьям Исаевна" in page
    assert "Утверждена приказом" in page


def test_a_person_whose_data_is_hidden_is_shown_by_the_hidden_name_only(
    client, make, school, curator
):
    staff = make.staff(school, last_name="Скрытова")
    consent = make.consent(school, staff)
    make.mentee_entry(school, staff, difficulties="Личные трудности")
    make.revoke(school, consent)  # the person is hidden and leaves the bank
    page = client.get("/s/s1/banks/mentees/?status=left").get_data(as_text=True)
    assert HIDDEN in page
    assert "Скрытова" not in page
    assert "Личные трудности" not in page


def test_curator_edits_the_requests_of_a_mentee(client, make, school, curator, query):
    entry = make.mentee_entry(school)
    page = client.get(f"/s/s1/banks/mentees/{entry.id}/edit").get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="methods"', page)
    response = client.post(
        f"/s/s1/banks/mentees/{entry.id}/edit",
        data={"category": "difficulties", "requests": ["upbringing"], "difficulties": "Классы"},
        follow_redirects=True,
    )
    assert "Запись банка наставляемых сохранена." in response.get_data(as_text=True)
    assert query("SELECT category, requests, difficulties FROM mentee_entry") == [
        ("difficulties", "upbringing", "Классы")
    ]


def test_an_unknown_area_is_refused(client, make, school, curator, query):
    entry = make.mentee_entry(school)
    page = client.post(
        f"/s/s1/banks/mentees/{entry.id}/edit",
        data={"category": "young", "requests": ["astrology"]},
    ).get_data(as_text=True)
    assert "Выберите значение из списка." in page
    assert query("SELECT requests FROM mentee_entry") == [("methods,digital",)]


def test_a_mentee_leaves_the_bank_today(client, make, school, curator, query):
    entry = make.mentee_entry(school)
    page = client.post(f"/s/s1/banks/mentees/{entry.id}/remove", follow_redirects=True).get_data(
        as_text=True
    )
    assert "выбыл(а) из банка наставляемых" in page
    [(status, left_on)] = query("SELECT status, left_on FROM mentee_entry")
    assert (status, str(left_on)) == ("left", local_today().isoformat())


@pytest.mark.parametrize("status", ["proposed", "approved", "active"])
def test_a_mentee_in_a_pair_cannot_leave_the_bank(client, make, school, curator, query, status):
    entry = make.mentee_entry(school)
    make.pairing(school, mentees=[entry.staff_id], status=status)
    page = client.post(f"/s/s1/banks/mentees/{entry.id}/remove", follow_redirects=True).get_data(
        as_text=True
    )
    assert "сначала завершите её" in page
    assert query("SELECT status FROM mentee_entry") == [("waiting",)]


def test_psychologist_sees_the_bank_but_cannot_change_it(client, make, auth, school):
    make.mentee_entry(school, make.consenting_staff(school, last_name="Видимая"))
    make.account(school, "psy", roles=["psychologist"])
    auth.login(school, "psy")
    page = client.get("/s/s1/banks/mentees/").get_data(as_text=True)
    assert "Видимая" in page
    assert "Добавить наставляемого" not in page
    assert client.get("/s/s1/banks/mentees/new").status_code == 403
