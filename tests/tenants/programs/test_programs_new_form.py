"""Drawing up a program in one form (issue 14): as many plan rows as the plan needs, added and
removed by the server without JavaScript, the difficulties taken from the mentee bank, and a
refusal shown at the row that has it."""

import re
from datetime import date

import pytest
import sqlalchemy as sa

from nastavnik.tenants.banks.models import MenteeEntry

from .test_programs_term import NEW, program_data


@pytest.fixture
def curator(client, auth, people):
    auth.login(people.school, "curator")
    return people.curator


def test_the_form_opens_with_three_rows_and_adds_a_fourth_without_saving(
    client, curator, people, snapshot
):
    page = client.get(f"{NEW}?pairing={people.one.pairing.id}").get_data(as_text=True)
    assert page.count('data-testid="plan-row"') == 3
    assert "Добавить строку" in page
    before = snapshot()
    data = program_data(people.one.pairing, date(2024, 9, 1), date(2025, 5, 31), rows="add")
    page = client.post(NEW, data=data).get_data(as_text=True)
    assert page.count('data-testid="plan-row"') == 2  # the one filled in, and the one added
    assert "Посещение уроков наставника" in page  # what was typed stays
    assert "Адаптация молодого учителя математики" in page
    assert 'name="activities-1-title"' in page
    assert "Программа составлена" not in page
    assert snapshot() == before


def test_a_row_is_removed_with_what_was_typed_in_it_and_the_others_stay(
    client, curator, people, snapshot
):
    data = program_data(
        people.one.pairing,
        date(2024, 9, 1),
        date(2025, 5, 31),
        rows="remove-1",
        **{
            "activities-1-title": "Лишняя строка",
            "activities-1-due_on": "2024-10-01",
            "activities-1-responsible": "Никто",
            "activities-2-title": "Открытый урок наставляемого",
            "activities-2-due_on": "2025-04-20",
            "activities-2-responsible": "Наставляемый",
        },
    )
    before = snapshot()
    page = client.post(NEW, data=data).get_data(as_text=True)
    assert page.count('data-testid="plan-row"') == 2
    assert "Лишняя строка" not in page
    assert "Посещение уроков наставника" in page and "Открытый урок наставляемого" in page
    assert snapshot() == before


def test_a_plan_of_ten_activities_is_saved_in_one_form(client, curator, people, query):
    data = program_data(people.one.pairing, date(2024, 9, 1), date(2025, 5, 31))
    for n in range(1, 10):
        data[f"activities-{n}-title"] = f"Мероприятие {n + 1}"
        data[f"activities-{n}-due_on"] = f"2024-10-{n + 10}"
        data[f"activities-{n}-responsible"] = "Наставник"
    page = client.post(NEW, data=data, follow_redirects=True).get_data(as_text=True)
    assert "Программа составлена" in page
    assert query("SELECT count(*) FROM activity") == [(10,)]


def test_a_deadline_outside_the_term_is_shown_at_its_own_row(client, curator, people, query):
    data = program_data(
        people.one.pairing,
        date(2024, 9, 1),
        date(2025, 5, 31),
        **{
            "activities-1-title": "Открытый урок наставляемого",
            "activities-1-due_on": "2025-06-20",
            "activities-1-responsible": "Наставляемый",
        },
    )
    page = client.post(NEW, data=data).get_data(as_text=True)
    first, second = page.split('data-testid="plan-row"')[1:3]
    assert "в пределах срока программы" in second
    assert 'id="activities-1-due_on"' in second and "is-invalid" in second
    assert "в пределах срока программы" not in first
    assert 'data-testid="form-errors"' not in page
    assert query("SELECT count(*) FROM program") == [(0,)]


def test_an_incomplete_row_is_marked_at_its_empty_field(client, curator, people, query):
    data = program_data(
        people.one.pairing,
        date(2024, 9, 1),
        date(2025, 5, 31),
        **{
            "activities-1-title": "",  # a blank row between, as the browser sends it
            "activities-1-due_on": "",
            "activities-1-responsible": "",
            "activities-2-title": "Анкета наставляемого",
            "activities-2-due_on": "2024-12-01",
            "activities-2-responsible": "",
        },
    )
    page = client.post(NEW, data=data).get_data(as_text=True)
    third = page.split('data-testid="plan-row"')[3]
    assert "Укажите ответственного." in third
    assert query("SELECT count(*) FROM program") == [(0,)]


def test_difficulties_are_filled_in_from_the_mentee_bank(client, curator, make, people):
    with make.in_school(people.school) as session:
        session.execute(
            sa.update(MenteeEntry)
            .where(MenteeEntry.staff_id == people.two.mentee.id)
            .values(
                requests=("upbringing", "psychology"),
                difficulties="Не получается выстроить дисциплину на уроке",
            )
        )
    page = client.get(f"{NEW}?pairing={people.two.pairing.id}").get_data(as_text=True)
    assert "Не получается выстроить дисциплину на уроке</textarea>" in page
    checked = re.findall(r'<input checked[^>]*name="difficulties"[^>]*value="(\w+)"', page)
    assert sorted(checked) == ["psychology", "upbringing"]


def test_choosing_another_pair_fills_in_its_difficulties_on_request(client, curator, make, people):
    with make.in_school(people.school) as session:
        session.execute(
            sa.update(MenteeEntry)
            .where(MenteeEntry.staff_id == people.two.mentee.id)
            .values(difficulties="Оценивание")
        )
    data = program_data(people.two.pairing, date(2024, 9, 1), date(2025, 5, 31), fill="1")
    data["difficulties_text"] = ""
    page = client.post(NEW, data=data).get_data(as_text=True)
    assert "Оценивание</textarea>" in page
    assert "Программа составлена" not in page
