"""The mentor bank (roadmap stage 3): competences, capacity, the survey, training records."""

from datetime import date

import pytest

from nastavnik.tenants.staff.models import HIDDEN

NO_CONSENT = "Нет действующего согласия на обработку персональных данных"


def mentor_data(**data):
    return {
        "competences": ["methods", "subject"],
        "capacity": "2",
        "preferred_forms": ["traditional"],
        **data,
    }


def add(client, staff, **data):
    return client.post(
        "/s/s1/banks/mentors/new",
        data=mentor_data(staff_id=staff.id, **data),
        follow_redirects=True,
    )


def test_curator_enters_a_mentor_and_the_card_shows_the_survey(
    client, make, school, curator, query
):
    staff = make.consenting_staff(
        school, mentor=True, last_name="Асхабов", subjects="Математика", teaching_years=22
    )
    custom = make.custom_form(school, "Наставничество в проектах")
    form_page = client.get("/s/s1/banks/mentors/new").get_data(as_text=True)
    assert "Асхабов" in form_page and "Наставничество в проектах" in form_page
    page = add(
        client,
        staff,
        preferred_forms=["traditional", f"custom:{custom.id}"],
        digital_strong="y",
    ).get_data(as_text=True)
    assert "Асхабов Марьям Исаевна — в банке наставников." in page
    for text in (
        "Анкета потенциального наставника",
        "Анкета отправлена педагогу и ещё не заполнена.",
        "Методика преподавания",
        "Традиционная форма наставничества",
        "Наставничество в проектах",
        "занято 0 из 2",
    ):
        assert text in page
    assert query("SELECT capacity, preferred_forms, digital_strong FROM mentor_entry") == [
        (2, f"traditional,custom:{custom.id}", True)
    ]


@pytest.mark.parametrize(
    "consent",
    [None, {"revoked_on": date(2024, 10, 1)}, {"kind": "mentor_duty"}],
    ids=["no-consent", "revoked", "only-duty-consent"],
)
def test_person_without_valid_data_consent_cannot_enter_the_mentor_bank(
    client, make, school, curator, query, consent
):
    staff = make.staff(school, last_name="Безсогласия")
    if consent is not None:
        make.consent(school, staff, **consent)
    assert "Безсогласия" not in client.get("/s/s1/banks/mentors/new").get_data(as_text=True)
    response = add(client, staff)
    assert response.status_code == 200
    assert NO_CONSENT in response.get_data(as_text=True)
    assert query("SELECT count(*) FROM mentor_entry") == [(0,)]


def test_mentor_without_the_duty_consent_is_in_the_bank_marked_as_such(
    client, make, school, curator
):
    add(client, make.consenting_staff(school, last_name="Безобязанностей"))
    page = client.get("/s/s1/banks/mentors/").get_data(as_text=True)
    assert "Безобязанностей" in page
    assert '<span class="badge text-bg-warning">нет</span>' in page


@pytest.mark.parametrize("capacity", ["0", "6", ""])
def test_capacity_is_from_one_to_five(client, make, school, curator, query, capacity):
    page = add(client, make.consenting_staff(school), capacity=capacity).get_data(as_text=True)
    assert "От 1 до 5." in page or "Укажите число наставляемых." in page
    assert query("SELECT count(*) FROM mentor_entry") == [(0,)]


def test_an_unknown_form_of_mentoring_is_refused(client, make, school, curator, query):
    page = add(client, make.consenting_staff(school), preferred_forms=["custom:999"])
    assert "Выберите значение из списка." in page.get_data(as_text=True)
    assert query("SELECT count(*) FROM mentor_entry") == [(0,)]


def test_the_bank_counts_places_taken_by_pairs_until_they_end(client, make, school, curator):
    mentor = make.mentor_entry(school, capacity=3)
    for status in ("proposed", "active", "ended"):
        make.pairing(school, mentor.staff_id, status=status)
    make.training(school, mentor)
    page = client.get("/s/s1/banks/mentors/").get_data(as_text=True)
    assert "занято 2 из 3" in page
    assert '<span class="badge text-bg-success">есть</span>' in page
    assert 'data-label="Обучение">1</td>' in page  # one training record


def test_a_mentor_whose_data_is_hidden_is_shown_by_the_hidden_name_only(
    client, make, school, curator
):
    staff = make.staff(school, last_name="Скрытов", subjects="Химия")
    consent = make.consent(school, staff)
    entry = make.mentor_entry(school, staff)
    make.revoke(school, consent)  # the person is hidden and leaves the bank
    page = client.get("/s/s1/banks/mentors/?status=left").get_data(as_text=True)
    assert HIDDEN in page and "Скрытов" not in page and "Химия" not in page
    card = client.get(f"/s/s1/banks/mentors/{entry.id}").get_data(as_text=True)
    assert "Скрытов" not in card and "Личное" not in card


def test_curator_edits_a_mentor(client, make, school, curator, query):
    entry = make.mentor_entry(school)
    response = client.post(
        f"/s/s1/banks/mentors/{entry.id}/edit",
        data=mentor_data(capacity="4", competences=["psychology"]),
        follow_redirects=True,
    )
    assert "Запись банка наставников сохранена." in response.get_data(as_text=True)
    assert query("SELECT capacity, competences FROM mentor_entry") == [(4, "psychology")]


def test_capacity_cannot_drop_below_the_mentees_a_mentor_already_has(
    client, make, school, curator, query
):
    entry = make.mentor_entry(school, capacity=3)
    make.pairing(school, entry.staff_id)
    make.pairing(school, entry.staff_id)
    page = client.post(
        f"/s/s1/banks/mentors/{entry.id}/edit", data=mentor_data(capacity="1")
    ).get_data(as_text=True)
    assert "У наставника уже 2 наставляемых" in page
    assert query("SELECT capacity FROM mentor_entry") == [(3,)]


def test_curator_records_and_deletes_a_training(client, make, school, curator, query):
    entry = make.mentor_entry(school)
    response = client.post(
        f"/s/s1/banks/mentors/{entry.id}/trainings/new",
        data={
            "kind": "internship",
            "title": "Стажировка в базовой школе",
            "held_on": "2024-10-15",
            "hours": "16",
        },
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "Обучение записано." in page
    assert (
        "Стажировка" in page
        and "15 октября 2024 г." in page
        and "Стажировка в базовой школе" in page
    )
    [(training_id,)] = query("SELECT id FROM mentor_training")
    page = client.post(
        f"/s/s1/banks/trainings/{training_id}/delete", follow_redirects=True
    ).get_data(as_text=True)
    assert "Запись об обучении удалена." in page
    assert query("SELECT count(*) FROM mentor_training") == [(0,)]


def test_a_training_without_a_date_is_refused(client, make, school, curator, query):
    entry = make.mentor_entry(school)
    page = client.post(
        f"/s/s1/banks/mentors/{entry.id}/trainings/new",
        data={"kind": "session", "title": "Установочная сессия", "held_on": ""},
    ).get_data(as_text=True)
    assert "Укажите дату." in page
    assert query("SELECT count(*) FROM mentor_training") == [(0,)]


def test_a_mentor_leaves_the_bank(client, make, school, curator, query):
    entry = make.mentor_entry(school, make.consenting_staff(school, last_name="Ушедший"))
    page = client.post(f"/s/s1/banks/mentors/{entry.id}/remove", follow_redirects=True).get_data(
        as_text=True
    )
    assert "Ушедший Марьям Исаевна выбыл(а) из банка наставников." in page
    assert query("SELECT status FROM mentor_entry") == [("left",)]
    assert "Ушедший" not in client.get("/s/s1/banks/mentors/").get_data(as_text=True)
    assert "Ушедший" in client.get("/s/s1/banks/mentors/?status=left").get_data(as_text=True)


def test_a_mentor_with_pairs_cannot_leave_the_bank(client, make, school, curator, query):
    entry = make.mentor_entry(school)
    make.pairing(school, entry.staff_id, status="approved")
    page = client.post(f"/s/s1/banks/mentors/{entry.id}/remove", follow_redirects=True).get_data(
        as_text=True
    )
    assert "сначала завершите их" in page
    assert query("SELECT status FROM mentor_entry") == [("active",)]


def test_the_mentor_card_and_list_say_the_teaching_experience_is_in_years(
    client, make, school, curator
):
    """The card read «Педагогический стаж 23», a bare number (the register's card: «…, лет»)."""
    entry = make.mentor_entry(school)
    for page in (f"/s/s1/banks/mentors/{entry.id}", "/s/s1/banks/mentors/"):
        text = client.get(page).get_data(as_text=True)
        assert "Педагогический стаж, лет" in text, page
