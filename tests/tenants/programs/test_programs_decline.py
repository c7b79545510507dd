"""7.2 without consent: the form asks only what the chosen kind of change needs, the other side
agrees («Согласна» / «Согласен», as the person is) or declines with a reason; a declined change
leaves the program as it was and stays in its history."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from nastavnik.tenants.programs.views import agree_label
from nastavnik.tenants.staff.models import Staff

from .test_programs_changes import agree_url, change_url, ends_on


def decline_url(change_id):
    return f"/s/s1/programs/changes/{change_id}/decline"


@pytest.fixture
def proposed(login, running, query):
    """The mentor proposes to extend pair 1's program by 60 days; the mentee's «да» awaits."""
    program, _ = running
    login("mentor1").post(
        change_url(program),
        data={
            "kind": "extend",
            "description": "Не успели провести открытый урок",
            "ends_on": (program.ends_on + timedelta(days=60)).isoformat(),
        },
    )
    [(change_id,)] = query("SELECT id FROM program_change")
    return program, change_id


def test_the_change_form_first_asks_what_to_change(login, running):
    program, _ = running
    page = login("mentor1").get(change_url(program)).get_data(as_text=True)
    assert "Продление срока" in page and "Корректировка плана" in page
    assert 'data-testid="proposal-form"' not in page
    assert 'name="ends_on"' not in page and 'name="add-0-title"' not in page


@pytest.mark.parametrize(
    ("kind", "shown", "hidden"),
    [
        ("extend", ['name="ends_on"'], ['name="add-0-title"', 'name="forms"']),
        ("plan", ['name="add-0-title"', 'name="cancel"', "Добавить строку"], ['name="ends_on"']),
        ("form", ['name="forms"'], ['name="ends_on"', 'name="add-0-title"']),
    ],
)
def test_the_change_form_shows_only_what_the_kind_needs(login, running, kind, shown, hidden):
    program, _ = running
    page = login("mentor1").get(f"{change_url(program)}?kind={kind}").get_data(as_text=True)
    assert f'name="kind" type="hidden" value="{kind}"' in page
    for text in shown:
        assert text in page, text
    for text in hidden:
        assert text not in page, text


def test_a_plan_change_adds_rows_on_request_and_marks_the_row_with_the_error(login, running, query):
    program, _ = running
    mentor = login("mentor1")
    data = {
        "kind": "plan",
        "description": "Добавим мероприятия",
        "add-0-title": "Открытый урок",
        "add-0-due_on": (program.ends_on - timedelta(days=5)).isoformat(),
        "add-0-responsible": "Наставляемый",
    }
    page = mentor.post(change_url(program), data={**data, "rows": "add"}).get_data(as_text=True)
    assert page.count('data-testid="plan-row"') == 2 and "Открытый урок" in page
    data.update(
        {
            "add-1-title": "Анкета",
            "add-1-due_on": (program.ends_on + timedelta(days=5)).isoformat(),
            "add-1-responsible": "Куратор",
        }
    )
    page = mentor.post(change_url(program), data=data).get_data(as_text=True)
    second = page.split('data-testid="plan-row"')[2]
    assert "в пределах срока программы" in second
    assert query("SELECT count(*) FROM program_change") == [(0,)]


def test_the_mentee_declines_with_a_reason_and_the_program_stays_as_it_was(
    login, people, proposed, query
):
    program, change_id = proposed
    mentee = login("mentee1")
    page = mentee.get(f"/s/s1/programs/{program.id}").get_data(as_text=True)
    assert "Не согласна: отклонить" in page
    response = mentee.post(decline_url(change_id), data={"reason": "Открытый урок проведём в срок"})
    assert response.status_code == 302
    assert ends_on(query) == program.ends_on
    assert query("SELECT status, decline_reason FROM program_change") == [
        ("declined", "Открытый урок проведём в срок")
    ]
    page = mentee.get(f"/s/s1/programs/{program.id}").get_data(as_text=True)
    assert "Отклонено" in page
    assert "<div>Причина: Открытый урок проведём в срок</div>" in page
    assert "Программа осталась прежней." in page
    assert 'data-testid="agree"' not in page
    # a declined change is no longer agreed to, by anyone
    mentee.post(agree_url(change_id))
    assert query("SELECT status FROM program_change") == [("declined",)]
    assert ends_on(query) == program.ends_on


def test_declining_without_a_reason_is_refused_at_the_field_and_changes_nothing(
    login, proposed, query, snapshot
):
    program, change_id = proposed
    mentee = login("mentee1")
    before = snapshot()
    page = mentee.post(decline_url(change_id), data={"reason": "  "})
    page = page.get_data(as_text=True)
    assert "Укажите, почему вы не согласны с изменением." in page
    form = page[page.index('data-testid="decline-form"') :]
    assert "is-invalid" in form[: form.index("</form>")]
    assert snapshot() == before


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("mentor1", "Вы уже согласились с этим изменением"),
        ("curator", "Отклонить изменение могут наставник и наставляемые"),
    ],
)
def test_only_one_whose_agreement_awaits_may_decline(login, proposed, snapshot, who, message):
    _, change_id = proposed
    browser = login(who)
    before = snapshot()
    page = browser.post(decline_url(change_id), data={"reason": "Против"}, follow_redirects=True)
    assert message in page.get_data(as_text=True)
    assert snapshot() == before


def test_another_pairs_mentor_cannot_reach_the_change(login, proposed, snapshot):
    _, change_id = proposed
    other = login("mentor2")
    before = snapshot()
    assert other.post(decline_url(change_id), data={"reason": "x"}).status_code == 404
    assert snapshot() == before


def test_the_agree_button_speaks_as_a_man_to_a_man(login, make, people, proposed):
    program, _ = proposed
    with make.in_school(people.school) as session:
        session.execute(
            sa.update(Staff)
            .where(Staff.id == people.one.mentee.id)
            .values(first_name="Ахмед", middle_name="Русланович")
        )
    page = login("mentee1").get(f"/s/s1/programs/{program.id}").get_data(as_text=True)
    assert ">Согласен</button>" in page
    assert "Не согласен: отклонить" in page


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Джамалдинова Седа Лечаевна", "Согласна"),
        ("Денилханов Адам Русланович", "Согласен"),
        ("Денилханов Адам Руслан оглы", "Согласен"),
        ("Smith John", "Согласен(на)"),
    ],
)
def test_the_agree_label_follows_the_patronymic(name, label):
    assert agree_label(SimpleNamespace(full_name=name)) == label


def test_a_declined_change_is_kept_when_the_program_ends(login, proposed, query):
    program, change_id = proposed
    login("mentee1").post(decline_url(change_id), data={"reason": "Не нужно"})
    login("curator").post(
        f"/s/s1/programs/{program.id}/end",
        data={"confirmed": "yes", "reason": "mutual", "comment": "Договорились"},
    )
    assert query("SELECT status FROM program_change") == [("declined",)]
