"""7.1: how a program ends, recorded with who and why; then read-only; 8.2: its results."""

import re

import pytest

from nastavnik.dates import today as local_today

TODAY = local_today()


def end_url(program):
    return f"/s/s1/programs/{program.id}/end"


def snapshot(query):
    return [
        query("SELECT * FROM program ORDER BY id"),
        query("SELECT * FROM activity ORDER BY id"),
        query("SELECT * FROM program_change ORDER BY id"),
        query("SELECT * FROM change_agreement ORDER BY id"),
    ]


def test_ending_with_a_reason_records_who_and_why(login, people, running, query):
    program, _ = running
    mentee = login("mentee1")
    response = mentee.post(
        end_url(program),
        data={
            "confirmed": "yes",
            "reason": "mentee_initiative",
            "comment": "Переезд в другой район",
        },
    )
    assert response.status_code == 302
    mentee_account = query("SELECT account_id FROM staff WHERE last_name = 'Наставляемая1'")[0][0]
    assert query("SELECT status, end_reason, end_comment, ended_by_id FROM program") == [
        ("ended", "mentee_initiative", "Переезд в другой район", mentee_account)
    ]
    assert query(f"SELECT count(*) FROM program WHERE ended_on = '{TODAY}'") == [(1,)]
    page = login("curator").get(f"/s/s1/programs/{program.id}").get_data(as_text=True)
    assert "По инициативе наставляемого" in page
    assert "Переезд в другой район" in page
    assert "Завершил(а): Тестовый Пользователь mentee1" in page


def test_ending_the_program_ends_the_pairing_and_the_mentees_finish(login, people, running, query):
    program, _ = running
    login("mentor1").post(
        end_url(program), data={"confirmed": "yes", "reason": "mutual", "comment": "Договорились"}
    )
    assert query(f"SELECT status FROM pairing WHERE id = {people.one.pairing.id}") == [("ended",)]
    assert query(f"SELECT status FROM mentee_entry WHERE staff_id = {people.one.mentee.id}") == [
        ("finished",)
    ]
    assert query(f"SELECT status FROM pairing WHERE id = {people.two.pairing.id}") == [
        ("approved",)
    ]


def test_an_ended_program_is_read_only(login, make, people, running, query):
    program, activity = running
    change = make.change(people.school, program)
    login("curator").post(
        end_url(program), data={"confirmed": "yes", "reason": "force_majeure", "comment": "Паводок"}
    )
    before = snapshot(query)
    for name in ("mentor1", "mentee1", "curator"):
        browser = login(name)
        page = browser.get(f"/s/s1/programs/{program.id}").get_data(as_text=True)
        assert "Программа доступна только для чтения" in page
        assert "Отметить выполненным" not in page
        assert 'data-testid="agree"' not in page
        assert "Завершить программу" not in page
        posts = {
            f"/s/s1/programs/activities/{activity.id}/done": {"result": "Поздно"},
            f"/s/s1/programs/{program.id}/changes/new": {
                "kind": "form",
                "description": "Поздно",
                "forms": ["virtual"],
            },
            f"/s/s1/programs/changes/{change.id}/agree": {},
            end_url(program): {"confirmed": "yes", "reason": "mutual", "comment": "Ещё раз"},
            f"/s/s1/programs/{program.id}/activities/new": {
                "title": "Поздно",
                "due_on": program.ends_on.isoformat(),
                "responsible": "Я",
            },
        }
        for path, data in posts.items():
            response = browser.post(path, data=data)
            assert response.status_code in (302, 403), (name, path)
        assert snapshot(query) == before, name
    participant_page = login("mentor1").get(f"/s/s1/programs/{program.id}").get_data(as_text=True)
    main = participant_page[participant_page.index("<main") :]
    assert "<form" not in main


def test_pending_changes_are_withdrawn_when_the_program_ends(login, make, people, running, query):
    program, _ = running
    make.change(people.school, program)
    login("curator").post(
        end_url(program), data={"confirmed": "yes", "reason": "improper", "comment": "Не ведётся"}
    )
    assert query("SELECT status FROM program_change") == [("withdrawn",)]


def test_completed_is_refused_while_activities_remain(login, running, query):
    program, activity = running
    mentor = login("mentor1")
    page = mentor.post(end_url(program), data={"confirmed": "yes", "reason": "completed"}).get_data(
        as_text=True
    )
    assert "План выполнен не полностью" in page
    assert query("SELECT status FROM program") == [("active",)]
    mentor.post(f"/s/s1/programs/activities/{activity.id}/done", data={"result": "Готово"})
    assert (
        mentor.post(end_url(program), data={"confirmed": "yes", "reason": "completed"}).status_code
        == 302
    )
    assert query("SELECT status, end_reason, end_comment FROM program") == [
        ("ended", "completed", "")
    ]


@pytest.mark.parametrize("reason", ["improper", "force_majeure", "mentee_initiative"])
def test_curator_only_and_the_other_sides_reasons_are_refused_for_a_mentor(
    login, running, query, reason
):
    program, _ = running
    mentor = login("mentor1")
    page = mentor.get(end_url(program)).get_data(as_text=True)
    assert f'value="{reason}"' not in page
    page = mentor.post(
        end_url(program), data={"confirmed": "yes", "reason": reason, "comment": "Причина"}
    )
    assert "Выберите значение из списка." in page.get_data(as_text=True)
    assert query("SELECT status FROM program") == [("active",)]


def test_curator_ends_a_program_for_improper_execution(login, running, query):
    program, _ = running
    page = login("curator").get(end_url(program)).get_data(as_text=True)
    for reason in ("improper", "force_majeure", "completed", "mutual"):
        assert f'value="{reason}"' in page
    login("curator").post(
        end_url(program), data={"confirmed": "yes", "reason": "improper", "comment": "Не ведётся"}
    )
    assert query("SELECT end_reason FROM program") == [("improper",)]


def test_a_reason_is_required_except_for_a_completed_plan(login, running, query):
    program, _ = running
    page = login("mentor1").post(
        end_url(program), data={"confirmed": "yes", "reason": "mutual", "comment": " "}
    )
    assert "Укажите причину завершения программы." in page.get_data(as_text=True)
    assert query("SELECT status FROM program") == [("active",)]


def test_working_group_does_not_end_programs(login, running, query):
    program, _ = running
    page = login("group").post(
        end_url(program),
        data={"confirmed": "yes", "reason": "mutual", "comment": "Так"},
        follow_redirects=True,
    )
    assert "Завершить программу могут её участники и куратор." in page.get_data(as_text=True)
    assert query("SELECT status FROM program") == [("active",)]


def test_results_are_published_only_after_the_end(login, running, query):
    program, _ = running
    curator = login("curator")
    publish = f"/s/s1/programs/{program.id}/publish"
    page = curator.post(publish, data={"results": "Рано"}, follow_redirects=True)
    assert "только после её завершения" in page.get_data(as_text=True)
    assert query("SELECT results, results_published FROM program") == [("", False)]
    curator.post(
        end_url(program), data={"confirmed": "yes", "reason": "mutual", "comment": "Договорились"}
    )
    page = curator.post(publish, data={"results": ""}).get_data(as_text=True)
    assert "Опишите результаты программы." in page
    curator.post(publish, data={"results": "Наставляемая провела <b>открытый</b> урок"})
    assert query("SELECT results_published FROM program") == [(True,)]
    page = login("mentee1").get(f"/s/s1/programs/{program.id}").get_data(as_text=True)
    assert "Наставляемая провела &lt;b&gt;открытый&lt;/b&gt; урок" in page
    assert "Результаты опубликованы." in page


def test_only_managers_publish_results(login, make, people, program_of, query):
    program = program_of(people.two, status="ended", ended_on=TODAY, end_reason="mutual")
    response = login("mentor2").post(
        f"/s/s1/programs/{program.id}/publish", data={"results": "Сам"}
    )
    assert response.status_code == 403
    assert query("SELECT results_published FROM program") == [(False,)]


def test_the_end_page_lists_only_the_participants_reasons(login, running):
    program, _ = running
    page = login("mentee1").get(end_url(program)).get_data(as_text=True)
    reasons = re.findall(r'<option[^>]*value="([a-z_]+)"', page)
    assert reasons == ["completed", "mentee_initiative", "mutual"]
