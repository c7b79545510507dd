"""`flask send-digests`: each person with an address gets their own items, in Russian, over
their school's SMTP server; nobody who opted out, nothing from another school, nothing at all
where the school has no server."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from nastavnik.tenancy import Scope, scoped
from nastavnik.tenants.notifications import services

from .conftest import AIOSMTPD_WARNINGS, SMTP_LOGIN, SMTP_PASSWORD

pytestmark = AIOSMTPD_WARNINGS

TODAY = date(2025, 1, 15)


def turn_mail_on(app, school, port):
    with app.test_request_context(), scoped(Scope.school(school.id)):
        services.save_settings(
            "127.0.0.1",
            port,
            "none",
            SMTP_LOGIN,
            SMTP_PASSWORD,
            f"nastavnik@{school.slug}.example.ru",
            "https://nastavnik.example.ru/",
        )
        from nastavnik.extensions import db

        db.session.commit()


def a_school(make, slug, marker):
    """A pair with a program; the mentee, the mentor and the director have addresses."""
    school = make.school(slug)
    mentor = make.mentor_entry(
        school,
        make.consenting_staff(
            school, mentor=True, last_name=f"{marker}Наставникова", email=f"mentor@{slug}.ru"
        ),
    )
    mentee = make.consenting_staff(school, last_name=f"{marker}Молодова", email=f"mentee@{slug}.ru")
    make.mentee_entry(school, mentee)
    pairing = make.pairing(school, mentor.staff_id, [mentee.id])
    program = make.program(school, pairing, title=f"{marker}Адаптация")
    accounts = SimpleNamespace(
        mentee=make.account(school, "mentee", roles=("mentee",), full_name="Молодова Марьям"),
        mentor=make.account(school, "mentor", roles=("mentor",)),
        director=make.account(school, "director", roles=("director",)),
        curator=make.account(school, "curator", roles=("curator",)),  # no staff record: no address
    )
    make.link(mentee, accounts.mentee)
    make.link(SimpleNamespace(id=mentor.staff_id, school_id=school.id), accounts.mentor)
    make.link(make.staff(school, email=f"director@{slug}.ru"), accounts.director)
    make.activity(school, program, title=f"{marker}Открытый урок", due_on=TODAY + timedelta(2))
    make.participant_request(school, pairing)  # waits for the curator: who has no address
    return SimpleNamespace(school=school, program=program, accounts=accounts)


def send(app, *args):
    result = app.test_cli_runner().invoke(args=["send-digests", "--date", TODAY.isoformat(), *args])
    return result


@pytest.fixture
def two_schools(app, make, smtp_server):
    first, second = a_school(make, "first", ""), a_school(make, "second", "Чужая")
    turn_mail_on(app, first.school, smtp_server.port)
    turn_mail_on(app, second.school, smtp_server.port)
    return first, second


def test_each_person_gets_only_their_own_items_in_russian(app, two_schools, smtp_server):
    first, second = two_schools
    result = send(app)
    assert result.exit_code == 0, result.output
    assert "first: писем отправлено — 3 (15 января 2025 г.)" in result.output
    (letter,) = smtp_server.to("mentee@first.ru")
    assert letter["Subject"].strip() == "Наставник: ждёт вашего решения (1) — Школа first"
    assert letter["From"] == "nastavnik@first.example.ru"
    body = letter.get_content()
    assert "Здравствуйте, Молодова Марьям!" in body
    assert "До 17 января 2025 г. — мероприятие «Открытый урок» программы «Адаптация»." in body
    assert f"https://nastavnik.example.ru/s/first/programs/{first.program.id}" in body
    assert "https://nastavnik.example.ru/s/first/notifications/mine" in body
    assert "Чуж" not in body and "/s/second/" not in body
    assert smtp_server.logins and set(smtp_server.logins) == {SMTP_LOGIN}


def test_only_people_with_an_address_and_something_waiting_are_written_to(
    app, make, two_schools, smtp_server
):
    first, _ = two_schools
    psychologist = make.account(first.school, "psychologist", roles=("psychologist",))
    make.link(make.staff(first.school, email="psy@first.ru"), psychologist)  # nothing waits
    send(app)
    # The curator has the request waiting too, but no address in the staff register.
    assert smtp_server.recipients == {
        f"{who}@{slug}.ru"
        for who in ("mentee", "mentor", "director")
        for slug in ("first", "second")
    }
    (director,) = smtp_server.to("director@first.ru")
    body = director.get_content()
    assert "Просьба наставляемого о смене наставника (Молодова М.И." in body
    assert "Открытый урок" not in body


def test_a_person_who_opted_out_gets_nothing(app, client, auth, two_schools, smtp_server):
    first, _ = two_schools
    auth.login(first.school, "mentee")
    client.post("/s/first/notifications/mine", data={})
    send(app)
    assert smtp_server.to("mentee@first.ru") == []
    assert smtp_server.to("mentee@second.ru") != []


def test_a_school_without_smtp_sends_nothing_and_says_so(app, make, smtp_server):
    quiet = a_school(make, "quiet", "")
    result = send(app, "--school", "quiet")
    assert result.exit_code == 0, result.output
    assert "quiet: почта не настроена" in result.output
    assert smtp_server.received == []
    assert quiet.school.slug == "quiet"


def test_a_server_that_does_not_answer_is_reported_and_the_run_fails(app, make, smtp_server):
    from .conftest import free_port

    down = a_school(make, "down", "")
    turn_mail_on(app, down.school, free_port())  # nobody listens there
    result = send(app, "--school", "down")
    assert result.exit_code == 1
    assert "down: ошибка SMTP" in result.output
