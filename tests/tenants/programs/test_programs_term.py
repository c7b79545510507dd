"""Drawing up a program (1.2): goals, difficulties, forms, a plan, a term of 3 months to 1 year."""

import re
from datetime import date

import pytest

NEW = "/s/s1/programs/new"


def program_data(pairing, starts_on, ends_on, due_on=None, **fields):
    data = {
        "pairing": pairing.id,
        "title": "Адаптация молодого учителя математики",
        "goals": "Освоить методику проведения урока",
        "difficulties": ["methods", "digital"],
        "difficulties_text": "Трудно удерживать внимание класса",
        "forms": ["traditional"],
        "expected_results": "Самостоятельно проводит открытый урок",
        "starts_on": starts_on.isoformat(),
        "ends_on": ends_on.isoformat(),
        "activities-0-title": "Посещение уроков наставника",
        "activities-0-due_on": (due_on or starts_on).isoformat(),
        "activities-0-responsible": "Наставник",
    }
    data.update(fields)
    return data


@pytest.fixture
def curator(client, auth, people):
    auth.login(people.school, "curator")
    return people.curator


def test_a_term_of_whole_months_ends_the_day_before_the_same_date(app):
    from nastavnik.tenants.programs.term import add_months, term_end

    assert term_end(date(2024, 9, 1), 3) == date(2024, 11, 30)
    assert term_end(date(2024, 9, 1), 12) == date(2025, 8, 31)
    assert term_end(date(2024, 9, 15), 3) == date(2024, 12, 14)
    # A day the last month lacks: the term runs to that month's end.
    assert add_months(date(2024, 11, 30), 3) == date(2025, 3, 1)
    assert term_end(date(2024, 11, 30), 3) == date(2025, 2, 28)
    assert term_end(date(2023, 11, 30), 3) == date(2024, 2, 29)
    assert term_end(date(2024, 12, 31), 12) == date(2025, 12, 30)


@pytest.mark.parametrize(
    ("ends_on", "message"),
    [
        (date(2024, 10, 31), "не меньше 3 месяцев"),  # 2 months
        (date(2024, 11, 29), "не меньше 3 месяцев"),  # a day short of 3 months
        (date(2025, 9, 1), "не больше 1 года"),  # a day over a year
        (date(2025, 9, 30), "не больше 1 года"),  # 13 months
        (date(2024, 8, 31), "раньше даты начала"),
    ],
)
def test_program_shorter_than_three_months_or_longer_than_a_year_is_refused(
    client, curator, people, query, ends_on, message
):
    data = program_data(people.one.pairing, date(2024, 9, 1), ends_on)
    response = client.post(NEW, data=data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert query("SELECT count(*) FROM program") == [(0,)]
    assert query("SELECT count(*) FROM activity") == [(0,)]
    assert query("SELECT status FROM pairing ORDER BY id") == [("approved",), ("approved",)]


def test_refusal_names_the_allowed_end_date(client, curator, people):
    data = program_data(people.one.pairing, date(2024, 9, 1), date(2024, 10, 31))
    page = client.post(NEW, data=data).get_data(as_text=True)
    assert "не раньше 30 ноября 2024 г." in page


@pytest.mark.parametrize("ends_on", [date(2024, 11, 30), date(2025, 8, 31)])
def test_program_of_exactly_three_months_or_one_year_is_accepted(
    client, curator, people, query, ends_on
):
    data = program_data(people.one.pairing, date(2024, 9, 1), ends_on)
    response = client.post(NEW, data=data)
    assert response.status_code == 302
    assert query(
        f"SELECT status FROM program WHERE starts_on = '2024-09-01' AND ends_on = '{ends_on}'"
    ) == [("active",)]


def test_curator_draws_up_a_program_and_the_pairing_starts_work(client, curator, people, query):
    data = program_data(
        people.one.pairing,
        date(2024, 9, 1),
        date(2025, 5, 31),
        due_on=date(2024, 10, 15),
        **{
            "activities-1-title": "Открытый урок наставляемого",
            "activities-1-due_on": "2025-04-20",
            "activities-1-responsible": "Наставляемый",
        },
    )
    response = client.post(NEW, data=data, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Программа составлена" in page
    assert "Адаптация молодого учителя математики" in page
    assert "Методика преподавания" in page
    assert "Трудно удерживать внимание класса" in page
    assert "Традиционная форма наставничества" in page
    assert "15 октября 2024 г." in page
    assert "Открытый урок наставляемого" in page
    assert query("SELECT title, responsible, status FROM activity ORDER BY due_on") == [
        ("Посещение уроков наставника", "Наставник", "planned"),
        ("Открытый урок наставляемого", "Наставляемый", "planned"),
    ]
    assert query(f"SELECT status FROM pairing WHERE id = {people.one.pairing.id}") == [("active",)]


def test_activity_deadline_outside_the_term_is_refused(client, curator, people, query):
    data = program_data(
        people.one.pairing, date(2024, 9, 1), date(2025, 5, 31), due_on=date(2025, 6, 1)
    )
    page = client.post(NEW, data=data).get_data(as_text=True)
    assert "в пределах срока программы" in page
    assert query("SELECT count(*) FROM program") == [(0,)]


def test_a_plan_needs_at_least_one_activity_and_each_row_complete(client, curator, people, query):
    data = program_data(people.one.pairing, date(2024, 9, 1), date(2025, 5, 31))
    data["activities-0-title"] = ""
    data["activities-0-due_on"] = ""
    data["activities-0-responsible"] = ""
    page = client.post(NEW, data=data).get_data(as_text=True)
    assert "хотя бы одно мероприятие" in page
    data["activities-0-title"] = "Посещение уроков"
    page = client.post(NEW, data=data).get_data(as_text=True)
    assert "Укажите срок." in page
    assert "Укажите ответственного." in page
    assert query("SELECT count(*) FROM program") == [(0,)]


def test_a_pairing_has_one_program_at_a_time(client, curator, people, program_of, query):
    program_of(people.one)
    data = program_data(people.one.pairing, date(2024, 9, 1), date(2025, 5, 31))
    page = client.post(NEW, data=data).get_data(as_text=True)
    assert "Выберите значение из списка." in page
    assert query("SELECT count(*) FROM program") == [(1,)]


def test_a_proposed_pairing_gets_no_program_before_the_order(client, curator, make, people, query):
    proposed = make.pairing(people.school, people.one.mentor, [people.two.mentee], "proposed")
    page = client.get(NEW).get_data(as_text=True)
    assert f'value="{people.one.pairing.id}"' in page
    assert f'value="{proposed.id}"' not in page
    data = program_data(proposed, date(2024, 9, 1), date(2025, 5, 31))
    client.post(NEW, data=data)
    assert query("SELECT count(*) FROM program") == [(0,)]


def test_html_typed_into_a_program_is_shown_as_text(client, curator, people):
    data = program_data(
        people.one.pairing,
        date(2024, 9, 1),
        date(2025, 5, 31),
        goals="<script>alert(1)</script>",
        title="<b>Жирная</b> программа",
        **{"activities-0-title": "<img src=x onerror=alert(2)>"},
    )
    page = client.post(NEW, data=data, follow_redirects=True).get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert "&lt;b&gt;Жирная&lt;/b&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page


def test_the_form_preselects_the_pairing_and_its_form(client, curator, people):
    page = client.get(f"{NEW}?pairing={people.two.pairing.id}").get_data(as_text=True)
    assert f'<option selected value="{people.two.pairing.id}">' in page
    assert re.search(r'<input checked[^>]*name="forms"[^>]*value="traditional"', page)
