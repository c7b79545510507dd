"""The journal (152-ФЗ): logins, changes of personal and regulated records, views and exports
of teachers' data, denied access — who, what, which record, when, from where; append-only."""

import pytest
from sqlalchemy import delete, select, update

from nastavnik.extensions import db
from nastavnik.journal.models import JournalAction, JournalEntry
from nastavnik.journal.services import JournalIsAppendOnly

from ..tenants.staff.test_staff_views import teacher_form

DESK = "10.0.0.7"


@pytest.fixture
def school(make):
    return make.school("maitrup", short_name="Майртупская СШ")


def journal(query, **where) -> list:
    statement = select(
        JournalEntry.action,
        JournalEntry.login,
        JournalEntry.address,
        JournalEntry.record_kind,
        JournalEntry.record_id,
        JournalEntry.detail,
        JournalEntry.school_id,
    ).order_by(JournalEntry.id)
    for name, value in where.items():
        statement = statement.where(getattr(JournalEntry, name) == value)
    return query(statement)


def test_logins_are_journalled_with_their_address(client, make, school, query):
    make.account(school, "curator")
    client.post(
        "/s/maitrup/login",
        data={"login": "curator", "password": "не тот"},
        environ_base={"REMOTE_ADDR": DESK},
    )
    client.post(
        "/s/maitrup/login",
        data={"login": "curator", "password": make.PASSWORD},
        environ_base={"REMOTE_ADDR": DESK},
    )
    rows = [r for r in journal(query) if r.record_kind == ""]  # not the account's creation
    assert [(r.action, r.login, r.address) for r in rows] == [
        (JournalAction.LOGIN_FAILED, "curator", DESK),
        (JournalAction.LOGIN, "curator", DESK),
    ]
    assert {r.school_id for r in rows} == {school.id}


def test_a_change_of_a_teacher_is_journalled_without_the_values(
    client, make, curator, school, query
):
    client.post("/s/maitrup/staff/new", data=teacher_form())
    [(staff_id,)] = query("SELECT id FROM staff")
    client.post(f"/s/maitrup/staff/{staff_id}/edit", data=teacher_form(phone="+7 999 000-11-22"))
    rows = journal(query, record_kind="Педагог")
    assert [(r.action, r.login, r.record_id) for r in rows] == [
        (JournalAction.CREATED, "curator", staff_id),
        (JournalAction.CHANGED, "curator", staff_id),
    ]
    assert rows[1].detail == "изменено полей: 1"
    assert not any("999" in str(value) for row in journal(query) for value in row)


def test_a_refused_change_leaves_no_entry(client, make, curator, school, query):
    client.post("/s/maitrup/staff/new", data=teacher_form())
    [(staff_id,)] = query("SELECT id FROM staff")
    before = journal(query, record_kind="Педагог")
    response = client.post(f"/s/maitrup/staff/{staff_id}/edit", data=teacher_form(last_name=""))
    assert response.status_code == 200
    assert journal(query, record_kind="Педагог") == before


def test_viewing_a_card_or_the_register_and_exporting_it_are_journalled(
    client, make, curator, school, query
):
    staff = make.staff(school)
    assert client.get(f"/s/maitrup/staff/{staff.id}").status_code == 200
    assert client.get("/s/maitrup/staff/").status_code == 200
    assert client.get("/s/maitrup/staff/export.xlsx").status_code == 200
    rows = journal(query, login="curator")
    seen = [(r.action, r.record_kind, r.record_id) for r in rows if r.action != JournalAction.LOGIN]
    assert seen == [
        (JournalAction.VIEWED, "Карточка педагога", staff.id),
        (JournalAction.VIEWED, "Реестр педагогов", None),
        (JournalAction.EXPORTED, "Реестр педагогов", None),
    ]


def test_a_cross_school_attempt_is_journalled_as_denied(client, make, curator, school, query):
    other = make.school("other")
    theirs = make.staff(other)
    assert client.get(f"/s/maitrup/staff/{theirs.id}").status_code == 404
    assert client.get("/s/other/staff/").status_code in (302, 403, 404)
    denied = journal(query, action=JournalAction.DENIED)
    assert denied, "отказ не записан"
    assert denied[0].login == "curator"
    # The director reads it: in words, not the HTTP method («GET»).
    assert denied[0].detail == f"404 не найдено: страница /s/maitrup/staff/{theirs.id}"
    # The entry is the school's: the other school's journal knows nothing of it.
    assert {r.school_id for r in denied} == {school.id}


def test_the_director_reads_the_school_journal_with_filters(client, make, auth, school, query):
    make.account(school, "director", roles=["director"])
    make.account(school, "curator")
    other = make.school("other")
    make.account(other, "stranger")
    auth.login(other, "stranger")
    auth.logout(other)
    auth.login(school, "curator", "не тот")
    auth.login(school, "director")
    page = client.get("/s/maitrup/journal/").get_data(as_text=True)
    assert "Неудачный вход" in page and "curator" in page
    assert "stranger" not in page  # another school's logins are not this school's
    page = client.get("/s/maitrup/journal/?action=login_failed&login=curator").get_data(
        as_text=True
    )
    assert page.count("Неудачный вход") >= 1
    assert ">director<" not in page
    bad = client.get("/s/maitrup/journal/?since=31.02.2026&action=нет")
    assert bad.status_code == 200
    assert "Записей по этому отбору нет." in bad.get_data(as_text=True)


def test_a_period_ending_before_it_begins_is_pointed_out(client, make, auth, school):
    make.account(school, "director", roles=["director"])
    auth.login(school, "director")
    page = client.get("/s/maitrup/journal/?since=2026-12-01&until=2026-01-01")
    assert page.status_code == 200
    assert "Дата «По» раньше даты «С»." in page.get_data(as_text=True)
    same_day = client.get("/s/maitrup/journal/?since=2026-12-01&until=2026-12-01")
    assert "Дата «По» раньше" not in same_day.get_data(as_text=True)


def test_a_login_row_says_no_record_and_no_details_instead_of_empty_labels(
    client, make, auth, school
):
    # On a phone each row is a card of «label: value»: an empty value leaves a bare label.
    make.account(school, "director", roles=["director"])
    auth.login(school, "director")
    page = client.get("/s/maitrup/journal/").get_data(as_text=True)
    assert '<td data-label="Запись">—</td>' in page
    assert 'data-label="Подробности">—</td>' in page


@pytest.mark.parametrize("role", ["curator", "coordinator", "mentor", "mentee"])
def test_others_in_the_school_cannot_read_the_journal(client, make, auth, school, role):
    make.account(school, "someone", roles=[role])
    auth.login(school, "someone")
    assert client.get("/s/maitrup/journal/").status_code == 403


def test_the_district_reads_logins_and_denials_of_every_school_not_contents(
    client, make, auth, school, query
):
    make.account(school, "curator")
    auth.login(school, "curator", "не тот")
    auth.login(school, "curator")
    client.post("/s/maitrup/staff/new", data=teacher_form())
    auth.logout(school)
    make.account(None, "district", roles=["district_admin"])
    auth.login(None, "district")
    page = client.get("/district/journal/").get_data(as_text=True)
    assert "Майртупская СШ" in page and "Неудачный вход" in page
    assert "Педагог" not in page and "Создание" not in page.split("<table")[-1]
    # A school's logins are made of its teachers' names: the district sees accounts by number.
    table = page.split("<table")[-1]
    assert "curator" not in table
    (curator_id,) = query("SELECT id FROM account WHERE login = 'curator'")[0]
    assert f"учётная запись школы № {curator_id}" in table
    assert "логин виден только школе" in table  # the failed attempt: no account behind it
    found = client.get("/district/journal/?login=curator").get_data(as_text=True)
    assert "Записей по этому отбору нет." in found
    own = client.get("/district/journal/?login=district").get_data(as_text=True)
    assert 'data-label="Кто">district</td>' in own  # the district's own accounts: by login
    make.account(None, "methodist", roles=["methodologist"])
    auth.logout(None)
    auth.login(None, "methodist")
    assert client.get("/district/journal/").status_code == 403


def test_no_page_changes_or_deletes_an_entry(app, client, make, auth, school, query):
    make.account(school, "director", roles=["director", "sysadmin"])
    auth.login(school, "director")
    before = journal(query)
    for method in (client.post, client.put, client.delete):
        assert method("/s/maitrup/journal/").status_code == 405
    assert journal(query)[: len(before)] == before


def test_the_journal_refuses_to_be_changed_even_from_code(app, make, school):
    make.account(school, "curator")
    with app.app_context():
        entry = JournalEntry(action=JournalAction.LOGIN, login="x")
        db.session.add(entry)
        db.session.flush()
        entry.login = "подделка"
        with pytest.raises(JournalIsAppendOnly):
            db.session.flush()
        db.session.rollback()
        with pytest.raises(JournalIsAppendOnly):
            db.session.execute(delete(JournalEntry))
        with pytest.raises(JournalIsAppendOnly):
            db.session.execute(update(JournalEntry).values(login="подделка"))
        db.session.rollback()
