"""A person's private calendar feed of their activity deadlines: secret, revocable, own only."""

import re
from datetime import date
from types import SimpleNamespace

import pytest

from nastavnik import dates

TODAY = date(2025, 1, 15)


def parse_ics(text: str) -> list[dict[str, str]]:
    """The events of an iCalendar text, read back line by line (RFC 5545 3.1)."""
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    physical = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    assert "\n" not in "".join(physical)
    lines: list[str] = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    events, current = [], None
    for line in lines:
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            current[name] = re.sub(r"\\([\\;,nN])", _unescape, value)
    return events


def _unescape(match) -> str:
    char = match.group(1)
    return "\n" if char in "nN" else char


@pytest.fixture
def person(make, monkeypatch):
    """A mentee with a login, in an active pair with a program of three activities."""
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    school = make.school("calendar")
    mentor = make.consenting_staff(school, mentor=True)
    mentee = make.consenting_staff(school)
    pairing = make.pairing(school, mentor, [mentee])
    program = make.program(school, pairing, title="Адаптация молодого педагога")
    planned = make.activity(school, program, title="Открытый урок", due_on=date(2025, 2, 3))
    make.activity(school, program, title="Сделанное", due_on=date(2024, 12, 1), status="done")
    make.activity(school, program, title="Отменённое", due_on=date(2025, 3, 1), status="cancelled")
    late = make.activity(school, program, title="Просроченное", due_on=date(2025, 1, 10))
    # Someone else's program, and an ended one of the same pair: not in the feed.
    other = make.program(school, make.pairing(school), title="Чужая программа")
    make.activity(school, other, title="Чужое мероприятие", due_on=date(2025, 2, 4))
    ended = make.program(school, pairing, title="Прошлая программа", status="ended")
    make.activity(school, ended, title="Из завершённой", due_on=date(2025, 2, 5))
    account = make.account(school, "mentee", roles=("mentee",))
    make.link(mentee, account)
    mentor_account = make.account(school, "mentor", roles=("mentor",))
    make.link(mentor, mentor_account)
    return SimpleNamespace(
        school=school, account=account, program=program, planned=planned, late=late
    )


def create_feed(client, auth, person, login="mentee") -> str:
    auth.login(person.school, login)
    client.post(f"/s/{person.school.slug}/calendar/create")
    page = client.get(f"/s/{person.school.slug}/calendar/").get_data(as_text=True)
    match = re.search(r'value="(http://localhost/s/calendar/calendar/[^"]+\.ics)"', page)
    assert match, page
    return match.group(1)


def test_a_person_creates_a_secret_address_and_sees_it(client, auth, person, query):
    address = create_feed(client, auth, person)
    (token,) = query("SELECT token FROM calendar_feed WHERE revoked_at IS NULL")[0]
    assert address == f"http://localhost/s/calendar/calendar/{token}.ics"
    assert len(token) >= 43


def test_the_feed_lists_exactly_the_persons_planned_activities(client, auth, person):
    address = create_feed(client, auth, person)
    auth.logout(person.school)
    response = client.get(address)  # a calendar app: no login
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    events = parse_ics(response.get_data(as_text=True))
    assert [(e["SUMMARY"], e["DTSTART;VALUE=DATE"]) for e in events] == [
        ("Просроченное", "20250110"),
        ("Открытый урок", "20250203"),
    ]
    lesson = events[1]
    assert lesson["UID"] == f"activity-{person.planned.id}@calendar.nastavnik"
    assert lesson["DTEND;VALUE=DATE"] == "20250204"
    assert lesson["DESCRIPTION"] == "Программа наставничества: Адаптация молодого педагога"
    assert lesson["DTSTAMP"] == "20250115T000000Z"


def test_the_mentor_of_the_pair_gets_the_same_deadlines(client, auth, person):
    address = create_feed(client, auth, person, login="mentor")
    events = parse_ics(client.get(address).get_data(as_text=True))
    assert [e["SUMMARY"] for e in events] == ["Просроченное", "Открытый урок"]


def test_a_revoked_address_gives_404(client, auth, person, query):
    address = create_feed(client, auth, person)
    response = client.post(f"/s/{person.school.slug}/calendar/revoke")
    assert response.status_code == 302
    assert client.get(address).status_code == 404
    assert query("SELECT count(*) FROM calendar_feed WHERE revoked_at IS NULL") == [(0,)]
    page = client.get(f"/s/{person.school.slug}/calendar/").get_data(as_text=True)
    assert "Создать адрес календаря" in page


def test_a_new_address_replaces_the_previous_one(client, auth, person):
    first = create_feed(client, auth, person)
    second = create_feed(client, auth, person)
    assert first != second
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_an_unknown_token_gives_404(client, person):
    assert client.get(f"/s/{person.school.slug}/calendar/no-such-token.ics").status_code == 404


def test_a_token_used_under_another_schools_address_gives_404(client, auth, make, person):
    address = create_feed(client, auth, person)
    make.school("neighbour")
    foreign = address.replace("/s/calendar/", "/s/neighbour/")
    assert client.get(foreign).status_code == 404


def test_a_deactivated_account_has_no_feed(client, auth, person, app):
    from nastavnik.extensions import db
    from nastavnik.models import Account
    from nastavnik.tenancy import Scope, scoped

    address = create_feed(client, auth, person)
    with app.app_context(), scoped(Scope.school(person.school.id)):
        db.session.execute(
            db.update(Account).where(Account.id == person.account.id).values(active=False)
        )
        db.session.commit()
    assert client.get(address).status_code == 404


def test_special_characters_in_titles_are_escaped(client, auth, make, person):
    title = "Урок; тема: «дроби», анализ\\разбор\nи выводы"
    make.activity(person.school, person.program, title=title, due_on=date(2025, 1, 20))
    address = create_feed(client, auth, person)
    text = client.get(address).get_data(as_text=True)
    assert "Урок\\; тема: «дроби»\\, анализ\\\\разбор\\nи выводы" in text.replace("\r\n ", "")
    summaries = [e["SUMMARY"] for e in parse_ics(text)]
    assert title in summaries


def test_a_person_without_a_linked_staff_card_gets_an_empty_calendar(client, auth, make, person):
    make.account(person.school, "lonely", roles=("mentor",))
    address = create_feed(client, auth, person, login="lonely")
    assert parse_ics(client.get(address).get_data(as_text=True)) == []
    page = client.get(f"/s/{person.school.slug}/calendar/").get_data(as_text=True)
    assert "не связана с карточкой педагога" in page
