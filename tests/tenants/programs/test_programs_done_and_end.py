"""5.2: an activity is marked done on the day it was done (today unless said, within the term,
never in the future); 7.1: ending a program is confirmed, and what was not done is «не выполнено».
"""

from datetime import timedelta

import pytest

from nastavnik.dates import today as local_today

TODAY = local_today()


def done_url(activity):
    return f"/s/s1/programs/activities/{activity.id}/done"


def end_url(program):
    return f"/s/s1/programs/{program.id}/end"


def test_the_done_form_offers_today_within_the_term(login, running):
    program, activity = running
    page = login("mentee1").get(done_url(activity)).get_data(as_text=True)
    assert f'value="{TODAY.isoformat()}"' in page
    assert f'max="{TODAY.isoformat()}"' in page
    assert f'min="{program.starts_on.isoformat()}"' in page


def test_an_activity_done_last_week_is_recorded_on_that_day(login, running, query):
    _, activity = running
    last_week = TODAY - timedelta(days=7)
    mentee = login("mentee1")
    response = mentee.post(
        done_url(activity), data={"result": "Провела урок", "done_on": last_week.isoformat()}
    )
    assert response.status_code == 302
    [(status, done_on)] = query("SELECT status, done_on FROM activity")
    assert (status, str(done_on)) == ("done", last_week.isoformat())
    page = mentee.get("/s/s1/programs/my").get_data(as_text=True)
    assert "Выполнено" in page


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (TODAY + timedelta(days=1), "не может быть позже сегодняшнего дня"),
        (TODAY - timedelta(days=31), "в пределах срока программы"),  # the day before the start
    ],
)
def test_a_done_date_in_the_future_or_before_the_start_is_refused_at_the_field(
    login, running, snapshot, when, message
):
    _, activity = running
    mentee = login("mentee1")
    before = snapshot()
    page = mentee.post(
        done_url(activity), data={"result": "Провела урок", "done_on": when.isoformat()}
    ).get_data(as_text=True)
    field = page[page.index('id="done_on"') - 400 : page.index('id="done_on"') + 600]
    assert message in field
    assert "is-invalid" in field
    assert snapshot() == before


def test_ending_asks_to_confirm_and_names_what_was_not_done(login, make, people, running, snapshot):
    program, activity = running
    make.activity(people.school, program, title="Открытый урок", due_on=TODAY + timedelta(20))
    mentor = login("mentor1")
    before = snapshot()
    page = mentor.post(
        end_url(program), data={"reason": "mutual", "comment": "Переезд наставляемой"}
    ).get_data(as_text=True)
    assert "Завершить программу?" in page
    assert "Основание: По обоюдному решению наставника и наставляемого." in page
    assert "Не выполнено мероприятий: 2" in page
    assert "Посещение уроков наставника" in page and "Открытый урок" in page
    assert "Да, завершить программу" in page and "Нет, вернуться к программе" in page
    assert 'name="confirmed" type="hidden" value="yes"' in page
    assert snapshot() == before


def test_a_refused_ending_is_not_asked_about(login, running, snapshot):
    program, _ = running
    mentor = login("mentor1")
    before = snapshot()
    page = mentor.post(end_url(program), data={"reason": "completed"}).get_data(as_text=True)
    assert "План выполнен не полностью" in page
    assert "Завершить программу?" not in page
    assert snapshot() == before


def test_confirmed_ending_marks_the_unfinished_activities_not_done(
    login, make, people, running, query
):
    program, activity = running
    done = make.activity(people.school, program, title="Анкета", status="done", result="Заполнена")
    cancelled = make.activity(people.school, program, title="Семинар", status="cancelled")
    mentor = login("mentor1")
    response = mentor.post(
        end_url(program),
        data={"confirmed": "yes", "reason": "mutual", "comment": "Переезд наставляемой"},
    )
    assert response.status_code == 302
    assert dict(query("SELECT id, status FROM activity")) == {
        activity.id: "not_done",
        done.id: "done",
        cancelled.id: "cancelled",
    }
    page = mentor.get(f"/s/s1/programs/{program.id}").get_data(as_text=True)
    row = page[page.index(f'data-testid="activity-{activity.id}"') :]
    assert "Не выполнено" in row[: row.index("</tr>")]
    assert "Запланировано" not in page
