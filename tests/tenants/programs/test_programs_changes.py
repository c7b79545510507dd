"""7.2: the term is extended, the plan or the form corrected, by mutual consent — recorded."""

from datetime import date, timedelta

import pytest

from nastavnik.dates import today as local_today

TODAY = local_today()


def change_url(program):
    return f"/s/s1/programs/{program.id}/changes/new"


def agree_url(change_id):
    return f"/s/s1/programs/changes/{change_id}/agree"


def ends_on(query):
    (value,) = query("SELECT ends_on FROM program")[0]
    return value if isinstance(value, date) else date.fromisoformat(value)


def test_extension_by_the_mentor_is_applied_only_after_the_mentee_agrees(
    login, people, running, query
):
    program, _ = running
    new_end = program.ends_on + timedelta(days=60)
    mentor = login("mentor1")
    response = mentor.post(
        change_url(program),
        data={
            "kind": "extend",
            "description": "Не успели провести открытый урок",
            "ends_on": new_end.isoformat(),
        },
        follow_redirects=True,
    )
    assert "будет внесено, когда согласятся" in response.get_data(as_text=True)
    assert ends_on(query) == program.ends_on
    assert query("SELECT status FROM program_change") == [("proposed",)]
    assert query("SELECT staff_id FROM change_agreement") == [(people.one.mentor.id,)]

    (change_id,) = query("SELECT id FROM program_change")[0]
    mentee = login("mentee1")
    page = mentee.get(f"/s/s1/programs/{program.id}").get_data(as_text=True)
    assert ">Согласна</button>" in page  # the mentee is Марьям Исаевна
    assert "Ожидается согласие: Наставляемая1" in page
    page = mentee.post(agree_url(change_id), follow_redirects=True).get_data(as_text=True)
    assert "изменение внесено в программу" in page
    assert ends_on(query) == new_end
    assert query("SELECT status FROM program_change") == [("applied",)]
    assert query("SELECT count(*) FROM program_change WHERE applied_at IS NOT NULL") == [(1,)]

    history = login("curator").get(f"/s/s1/programs/{program.id}").get_data(as_text=True)
    assert "Продление срока" in history
    assert "Не успели провести открытый урок" in history
    assert "Согласие: Наставникова1 Марьям Исаевна" in history
    assert "Согласие: Наставляемая1 Марьям Исаевна" in history
    assert "Принято и внесено" in history
    assert "Внесено в программу" in history


def test_a_group_change_waits_for_every_mentee(make, login, people, program_of, query):
    third = make.consenting_staff(people.school, last_name="Третья")
    make.link(third, make.account(people.school, "mentee3", roles=("mentee",)))
    pairing = make.pairing(people.school, people.two.mentor, [people.two.mentee, third], "active")
    program = make.program(people.school, pairing, starts_on=TODAY - timedelta(10))
    login("mentor2").post(
        change_url(program),
        data={"kind": "form", "description": "Перейти на групповую", "forms": ["group"]},
    )
    (change_id,) = query("SELECT id FROM program_change")[0]
    login("mentee2").post(agree_url(change_id))
    assert query("SELECT forms FROM program") == [("traditional",)]
    login("mentee3").post(agree_url(change_id))
    assert query("SELECT forms FROM program") == [("group",)]
    assert query("SELECT count(*) FROM change_agreement") == [(3,)]


def test_a_change_proposed_by_the_curator_needs_mentor_and_mentee(login, people, running, query):
    program, _ = running
    login("curator").post(
        change_url(program),
        data={
            "kind": "form",
            "description": "Добавить дистанционную форму",
            "forms": ["traditional", "virtual"],
        },
    )
    assert query("SELECT count(*) FROM change_agreement") == [(0,)]
    (change_id,) = query("SELECT id FROM program_change")[0]
    page = login("curator").post(agree_url(change_id), follow_redirects=True)
    assert "дают наставник и наставляемые" in page.get_data(as_text=True)
    login("mentor1").post(agree_url(change_id))
    assert query("SELECT forms FROM program") == [("traditional",)]
    login("mentee1").post(agree_url(change_id))
    assert query("SELECT forms FROM program") == [("traditional,virtual",)]


def test_plan_correction_adds_and_cancels_activities(login, people, running, query):
    program, activity = running
    due = (TODAY + timedelta(days=20)).isoformat()
    login("mentee1").post(
        change_url(program),
        data={
            "kind": "plan",
            "description": "Заменить посещение уроков вебинаром",
            "cancel": [str(activity.id)],
            "add-0-title": "Вебинар по цифровым ресурсам",
            "add-0-due_on": due,
            "add-0-responsible": "Наставник",
        },
    )
    (change_id,) = query("SELECT id FROM program_change")[0]
    assert query("SELECT status FROM activity") == [("planned",)]
    login("mentor1").post(agree_url(change_id))
    assert query("SELECT title, status FROM activity ORDER BY id") == [
        ("Посещение уроков наставника", "cancelled"),
        ("Вебинар по цифровым ресурсам", "planned"),
    ]
    page = login("mentee1").get(f"/s/s1/programs/{program.id}").get_data(as_text=True)
    assert "Отменить: Посещение уроков наставника" in page
    assert "Добавить: Вебинар по цифровым ресурсам" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "extend", "ends_on": ""}, "Укажите новую дату окончания"),
        ({"kind": "extend", "ends_on": "2000-01-01"}, "должна быть позже нынешней"),
        ({"kind": "plan"}, "Добавьте мероприятие в план или отметьте"),
        ({"kind": "form", "forms": []}, "Выберите хотя бы одну форму"),
    ],
)
def test_bad_change_proposals_are_refused(login, running, query, data, message):
    program, _ = running
    data = {"description": "Причина", **data}
    page = login("mentor1").post(change_url(program), data=data).get_data(as_text=True)
    assert message in page
    assert query("SELECT count(*) FROM program_change") == [(0,)]


def test_an_extension_past_one_year_from_the_start_is_refused(login, running, query):
    program, _ = running
    too_late = program.starts_on.replace(year=program.starts_on.year + 1)
    page = login("mentor1").post(
        change_url(program),
        data={"kind": "extend", "description": "Ещё год", "ends_on": too_late.isoformat()},
    )
    assert "не больше 1 года" in page.get_data(as_text=True)
    assert query("SELECT count(*) FROM program_change") == [(0,)]


def test_a_new_activity_outside_the_term_is_refused_in_a_plan_change(login, running, query):
    program, _ = running
    page = login("mentor1").post(
        change_url(program),
        data={
            "kind": "plan",
            "description": "После окончания",
            "add-0-title": "Итоговый семинар",
            "add-0-due_on": (program.ends_on + timedelta(1)).isoformat(),
            "add-0-responsible": "Куратор",
        },
    )
    assert "в пределах срока программы" in page.get_data(as_text=True)
    assert query("SELECT count(*) FROM program_change") == [(0,)]


def test_nobody_agrees_twice(login, running, query):
    program, _ = running
    mentor = login("mentor1")
    mentor.post(
        change_url(program),
        data={"kind": "form", "description": "Виртуальная", "forms": ["virtual"]},
    )
    (change_id,) = query("SELECT id FROM program_change")[0]
    page = mentor.post(agree_url(change_id), follow_redirects=True).get_data(as_text=True)
    assert "уже дали согласие" in page
    assert query("SELECT count(*) FROM change_agreement") == [(1,)]


def test_a_change_for_an_ended_program_is_refused(login, make, people, program_of, query):
    program = program_of(people.one, status="ended", ended_on=TODAY, end_reason="mutual")
    change = make.change(people.school, program)
    before = query("SELECT ends_on, status FROM program")
    mentor = login("mentor1")
    page = mentor.post(
        change_url(program),
        data={
            "kind": "extend",
            "description": "Продлить",
            "ends_on": (program.ends_on + timedelta(10)).isoformat(),
        },
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Программа завершена" in page
    login("mentee1").post(agree_url(change.id))
    assert query("SELECT count(*) FROM program_change") == [(1,)]
    assert query("SELECT count(*) FROM change_agreement") == [(0,)]
    assert query("SELECT ends_on, status FROM program") == before


def test_agreeing_to_a_change_the_program_has_outgrown_is_refused_and_changes_nothing(
    login, people, running, query
):
    """The reproduction of issue 7: +30 days (A) and +60 days (B) proposed, B applied, then A."""
    program, _ = running
    mentor, mentee = login("mentor1"), login("mentee1")
    for days in (30, 60):
        mentor.post(
            change_url(program),
            data={
                "kind": "extend",
                "description": f"Продлить на {days} дней",
                "ends_on": (program.ends_on + timedelta(days=days)).isoformat(),
            },
        )
    (a,), (b,) = query("SELECT id FROM program_change ORDER BY id")
    mentee.post(agree_url(b))
    assert ends_on(query) == program.ends_on + timedelta(days=60)
    before = (
        query("SELECT id, status FROM program_change ORDER BY id"),
        query("SELECT change_id, staff_id FROM change_agreement ORDER BY id"),
    )

    page = mentee.post(agree_url(a), follow_redirects=True).get_data(as_text=True)
    assert "Новая дата окончания должна быть позже нынешней" in page
    after = (
        query("SELECT id, status FROM program_change ORDER BY id"),
        query("SELECT change_id, staff_id FROM change_agreement ORDER BY id"),
    )
    assert after == before
    assert ends_on(query) == program.ends_on + timedelta(days=60)
    # A retry is refused for the same reason, not because the first attempt was half-saved.
    again = mentee.post(agree_url(a), follow_redirects=True).get_data(as_text=True)
    assert "Вы уже дали согласие" not in again


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "extend", "ends_on": ""}, "Укажите новую дату окончания программы."),
        ({"kind": "form", "forms": []}, "Выберите хотя бы одну форму наставничества."),
    ],
)
def test_an_empty_change_says_everything_missing_at_once(login, running, query, data, message):
    """A mentee sending an empty extension saw only «Опишите, что и почему меняется.»; the
    missing date was told only on the second try."""
    program, _ = running
    page = login("mentee1").post(change_url(program), data=data).get_data(as_text=True)
    assert "Опишите, что и почему меняется." in page
    assert message in page
    assert query("SELECT count(*) FROM program_change") == [(0,)]
