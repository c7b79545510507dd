"""«Моя программа» (5.2): the plan, activities marked done with a result, overdue ones stand out."""

import io
from datetime import timedelta

import pytest

from nastavnik.dates import today as local_today

TODAY = local_today()


@pytest.fixture
def running(make, people, program_of):
    """Pair 1's program, started a month ago, with one activity due in a week."""
    program = program_of(people.one, title="Программа первой пары")
    activity = make.activity(
        people.school, program, title="Посещение уроков наставника", due_on=TODAY + timedelta(7)
    )
    return program, activity


def test_mentee_sees_the_activity_the_mentor_marked_done_with_its_result(
    login, people, running, query
):
    program, activity = running
    mentor = login("mentor1")
    response = mentor.post(
        f"/s/s1/programs/activities/{activity.id}/done",
        data={"result": "Посещено 4 урока, составлен анализ"},
    )
    assert response.status_code == 302
    mentee_page = login("mentee1").get("/s/s1/programs/my").get_data(as_text=True)
    assert "Посещение уроков наставника" in mentee_page
    assert "Выполнено" in mentee_page
    assert "Посещено 4 урока, составлен анализ" in mentee_page
    mentor_account_id = query("SELECT account_id FROM staff WHERE last_name = 'Наставникова1'")
    assert query("SELECT status, result, marked_by_id FROM activity") == [
        ("done", "Посещено 4 урока, составлен анализ", mentor_account_id[0][0])
    ]
    assert query(f"SELECT count(*) FROM activity WHERE done_on = '{TODAY}'") == [(1,)]


def test_an_overdue_activity_is_marked_overdue(login, make, people, running):
    program, _ = running
    make.activity(people.school, program, title="Анкета наставляемого", due_on=TODAY - timedelta(1))
    page = login("mentee1").get("/s/s1/programs/my").get_data(as_text=True)
    row = page[page.index("Анкета наставляемого") :]
    row = row[: row.index("</tr>")]
    assert "просрочено" in row
    assert 'class="text-nowrap overdue"' in row
    on_time = page[page.index("Посещение уроков наставника") :]
    assert "просрочено" not in on_time[: on_time.index("</tr>")]
    assert "Просрочено мероприятий: 1" in page


def test_a_result_is_required_to_mark_an_activity_done(login, running, query):
    _, activity = running
    page = (
        login("mentee1")
        .post(f"/s/s1/programs/activities/{activity.id}/done", data={"result": "  "})
        .get_data(as_text=True)
    )
    assert "Опишите результат мероприятия." in page
    assert query("SELECT status FROM activity") == [("planned",)]


def test_evidence_file_is_kept_and_downloaded_by_the_participants(login, running, query):
    _, activity = running
    mentee = login("mentee1")
    mentee.post(
        f"/s/s1/programs/activities/{activity.id}/done",
        data={"result": "Конспект урока", "evidence": (io.BytesIO(b"%PDF-1.4 x"), "конспект.pdf")},
        content_type="multipart/form-data",
    )
    assert query("SELECT count(*) FROM activity WHERE evidence_file_id IS NOT NULL") == [(1,)]
    for name in ("mentor1", "mentee1", "curator"):
        with login(name).get(f"/s/s1/programs/activities/{activity.id}/evidence") as response:
            assert response.status_code == 200, name
            assert response.data == b"%PDF-1.4 x"
            assert "attachment" in response.headers["Content-Disposition"]
    assert login("mentor2").get(
        f"/s/s1/programs/activities/{activity.id}/evidence"
    ).status_code == (404)


def test_an_evidence_file_of_a_forbidden_kind_is_refused(login, running, query):
    _, activity = running
    page = (
        login("mentee1")
        .post(
            f"/s/s1/programs/activities/{activity.id}/done",
            data={"result": "Готово", "evidence": (io.BytesIO(b"MZ"), "virus.exe")},
            content_type="multipart/form-data",
        )
        .get_data(as_text=True)
    )
    assert "Допустимы файлы PDF" in page
    assert query("SELECT status FROM activity") == [("planned",)]
    assert query("SELECT count(*) FROM stored_file") == [(0,)]


def test_a_program_renamed_pdf_is_refused_as_evidence(login, running, query):
    # A phone user picks a file called «отчёт.pdf» that is in fact a Windows program: the
    # content decides, not the name; nothing is marked nor stored.
    _, activity = running
    page = (
        login("mentee1")
        .post(
            f"/s/s1/programs/activities/{activity.id}/done",
            data={
                "result": "Готово",
                "evidence": (io.BytesIO(b"MZ\x90\x00" + b"\x00" * 200), "отчёт.pdf"),
            },
            content_type="multipart/form-data",
        )
        .get_data(as_text=True)
    )
    assert "Файл «отчёт.pdf» не подходит: по содержимому это не PDF." in page
    assert query("SELECT status FROM activity") == [("planned",)]
    assert query("SELECT count(*) FROM stored_file") == [(0,)]


def test_a_result_of_ten_thousand_characters_is_refused(login, running, query):
    # A pasted wall of text would stretch the program page on a phone to metres of scrolling.
    _, activity = running
    page = (
        login("mentee1")
        .post(f"/s/s1/programs/activities/{activity.id}/done", data={"result": "я" * 10000})
        .get_data(as_text=True)
    )
    assert "Результат — не длиннее 4000 символов." in page
    assert query("SELECT status FROM activity") == [("planned",)]


def test_an_activity_is_marked_done_only_once(login, running, query):
    _, activity = running
    mentor = login("mentor1")
    mentor.post(f"/s/s1/programs/activities/{activity.id}/done", data={"result": "Первый"})
    page = mentor.post(
        f"/s/s1/programs/activities/{activity.id}/done",
        data={"result": "Второй"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "уже отмечено" in page
    assert query("SELECT result FROM activity") == [("Первый",)]


def test_working_group_sees_but_does_not_mark(login, running, query):
    _, activity = running
    group = login("group")
    page = group.get(
        f"/s/s1/programs/activities/{activity.id}/done", follow_redirects=True
    ).get_data(as_text=True)
    assert "Отмечать мероприятия могут участники программы и куратор." in page
    group.post(f"/s/s1/programs/activities/{activity.id}/done", data={"result": "Хочу"})
    assert query("SELECT status FROM activity") == [("planned",)]


def test_curator_may_mark_an_activity_done(login, running, query):
    _, activity = running
    login("curator").post(
        f"/s/s1/programs/activities/{activity.id}/done", data={"result": "Подтверждено куратором"}
    )
    assert query("SELECT status, result FROM activity") == [("done", "Подтверждено куратором")]


# Before the start the plan is edited directly; after it, only by a change (7.2).


def test_mentor_adds_an_activity_before_the_start(login, people, program_of, query):
    program = program_of(people.one, started=False)
    response = login("mentor1").post(
        f"/s/s1/programs/{program.id}/activities/new",
        data={
            "title": "Взаимопосещение уроков",
            "due_on": (program.starts_on + timedelta(20)).isoformat(),
            "responsible": "Наставник и наставляемый",
        },
    )
    assert response.status_code == 302
    assert query("SELECT title, status FROM activity") == [("Взаимопосещение уроков", "planned")]


def test_an_added_activity_outside_the_term_is_refused(login, people, program_of, query):
    program = program_of(people.one, started=False)
    for due_on in (program.starts_on - timedelta(1), program.ends_on + timedelta(1)):
        page = (
            login("curator")
            .post(
                f"/s/s1/programs/{program.id}/activities/new",
                data={"title": "Вне срока", "due_on": due_on.isoformat(), "responsible": "Куратор"},
            )
            .get_data(as_text=True)
        )
        assert "в пределах срока программы" in page
    assert query("SELECT count(*) FROM activity") == [(0,)]


def test_a_mentee_does_not_edit_the_plan_directly(login, people, program_of, query):
    program = program_of(people.one, started=False)
    page = (
        login("mentee1")
        .post(
            f"/s/s1/programs/{program.id}/activities/new",
            data={"title": "Своё", "due_on": program.ends_on.isoformat(), "responsible": "Я"},
            follow_redirects=True,
        )
        .get_data(as_text=True)
    )
    assert "Мероприятия в план добавляют куратор и наставник." in page
    assert query("SELECT count(*) FROM activity") == [(0,)]


def test_after_the_start_the_plan_and_program_are_not_edited_directly(
    login, people, running, query
):
    program, _ = running
    curator = login("curator")
    page = curator.post(
        f"/s/s1/programs/{program.id}/activities/new",
        data={"title": "Новое", "due_on": program.ends_on.isoformat(), "responsible": "Куратор"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "п. 7.2" in page
    page = curator.post(
        f"/s/s1/programs/{program.id}/edit",
        data={"title": "Другое название", "goals": "Другие", "forms": ["traditional"]},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "п. 7.2" in page
    assert query("SELECT title FROM program") == [("Программа первой пары",)]
    assert query("SELECT count(*) FROM activity") == [(1,)]


def test_curator_edits_the_program_before_the_start(login, people, program_of, query):
    program = program_of(people.one, started=False)
    starts = program.starts_on
    data = {
        "title": "Уточнённая программа",
        "goals": "Уточнённые цели",
        "forms": ["traditional", "virtual"],
        "starts_on": starts.isoformat(),
        "ends_on": (starts + timedelta(days=200)).isoformat(),
    }
    assert login("curator").post(f"/s/s1/programs/{program.id}/edit", data=data).status_code == 302
    assert query("SELECT title, goals, forms FROM program") == [
        ("Уточнённая программа", "Уточнённые цели", "traditional,virtual")
    ]
    data["ends_on"] = (starts + timedelta(days=30)).isoformat()
    page = login("curator").post(f"/s/s1/programs/{program.id}/edit", data=data)
    assert "не меньше 3 месяцев" in page.get_data(as_text=True)
