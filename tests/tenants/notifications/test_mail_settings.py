"""The school's e-mail: off until the director or the system administrator gives an SMTP
server; the password is kept encrypted and never shown back; each person may opt out."""

import re

import pytest

from nastavnik.tenancy import Scope, scoped
from nastavnik.tenants.notifications import services

from .conftest import AIOSMTPD_WARNINGS, SMTP_LOGIN, SMTP_PASSWORD

pytestmark = AIOSMTPD_WARNINGS


@pytest.fixture
def school(make):
    school = make.school("mail")
    make.account(school, "director", roles=("director",))
    make.account(school, "sysadmin", roles=("sysadmin",))
    make.account(school, "curator", roles=("curator",))
    return school


def settings_form(port=2525, **changes):
    return {
        "host": "smtp.example.ru",
        "port": str(port),
        "security": "starttls",
        "login": SMTP_LOGIN,
        "password": SMTP_PASSWORD,
        "sender": "nastavnik@example.ru",
        **changes,
    }


def test_without_smtp_the_settings_page_says_mail_is_off_and_nothing_breaks(client, auth, school):
    auth.login(school, "director")
    page = client.get("/s/mail/notifications/").get_data(as_text=True)
    assert "Почта выключена: сервер SMTP не указан, письма не отправляются." in page
    assert client.get("/s/mail/").status_code == 200


def test_only_the_director_and_the_system_administrator_set_the_mail(client, auth, school):
    auth.login(school, "curator")
    assert client.get("/s/mail/notifications/").status_code == 403
    assert "Почта" not in client.get("/s/mail/").get_data(as_text=True).split("</nav>")[0]
    auth.logout(school)
    auth.login(school, "sysadmin")
    assert client.get("/s/mail/notifications/").status_code == 200


def test_saving_the_server_turns_mail_on_and_keeps_the_password_encrypted(
    app, client, auth, school, query
):
    auth.login(school, "director")
    response = client.post("/s/mail/notifications/", data=settings_form(), follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Почта включена: сервер smtp.example.ru:2525" in page
    assert SMTP_PASSWORD not in page  # never shown back
    assert "Пароль сохранён (зашифрован)" in page
    (sealed,) = query("SELECT password_sealed FROM mail_settings")[0]
    assert sealed and SMTP_PASSWORD not in sealed
    with app.test_request_context(), scoped(Scope.school(school.id)):
        assert services.password_of(services.settings()) == SMTP_PASSWORD

    # Saved again with an empty password: the stored one is kept.
    client.post("/s/mail/notifications/", data=settings_form(password=""))
    assert query("SELECT password_sealed FROM mail_settings")[0][0] == sealed


def test_a_new_secret_key_makes_the_password_unreadable_and_the_page_asks_for_it(
    app, client, auth, school
):
    auth.login(school, "director")
    client.post("/s/mail/notifications/", data=settings_form())
    app.secret_key, kept = "another-secret-key", app.secret_key
    try:
        auth.login(school, "director")
        page = client.get("/s/mail/notifications/").get_data(as_text=True)
    finally:
        app.secret_key = kept
    assert "Сохранённый пароль не читается" in page


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"host": "smtp example"}, "Укажите имя сервера SMTP"),
        ({"sender": "не-адрес"}, "Укажите адрес отправителя в виде name@example.ru."),
        ({"password": "пароль"}, "Пароль SMTP — латинские буквы"),
        ({"port": "70000"}, "Порт — число от 1 до 65535."),
    ],
)
def test_wrong_settings_are_refused_next_to_their_field_and_nothing_is_saved(
    client, auth, school, query, changes, says
):
    auth.login(school, "director")
    page = client.post("/s/mail/notifications/", data=settings_form(**changes))
    assert says in page.get_data(as_text=True)
    assert query("SELECT count(*) FROM mail_settings")[0][0] == 0


def test_turning_mail_off_forgets_the_server_and_the_password(client, auth, school, query):
    auth.login(school, "director")
    client.post("/s/mail/notifications/", data=settings_form())
    page = client.post("/s/mail/notifications/off", follow_redirects=True).get_data(as_text=True)
    assert "Почта выключена: сводки не отправляются." in page
    assert query("SELECT host, login, password_sealed FROM mail_settings") == [("", "", "")]


def test_the_test_message_reaches_the_directors_own_address(
    client, auth, make, school, smtp_server
):
    director = make.account(school, "director2", roles=("director",))
    make.link(make.staff(school, email="director@example.ru"), director)
    auth.login(school, "director2")
    client.post(
        "/s/mail/notifications/",
        data=settings_form(port=smtp_server.port, host="127.0.0.1", security="none"),
    )
    page = client.post("/s/mail/notifications/test", follow_redirects=True)
    assert "Пробное письмо отправлено на director@example.ru." in page.get_data(as_text=True)
    (message,) = smtp_server.to("director@example.ru")
    assert message["Subject"].strip() == "Наставник: пробное письмо"
    assert smtp_server.logins == [SMTP_LOGIN]


def ticked(page: str) -> bool:
    """The digest's checkbox is ticked."""
    (tag,) = re.findall(r'<input[^>]*name="digest"[^>]*>', page)
    return " checked" in tag


def test_a_person_opts_out_of_the_digest_on_their_own_page_and_back_in(
    client, auth, make, school, query
):
    mentee = make.account(school, "mentee", roles=("mentee",))
    make.link(make.staff(school, email="mentee@example.ru"), mentee)
    auth.login(school, "mentee")
    page = client.get("/s/mail/notifications/mine").get_data(as_text=True)
    assert "mentee@example.ru" in page
    assert "выключена — письма сейчас никому не отправляются" in page
    assert ticked(page)
    page = client.post("/s/mail/notifications/mine", data={}, follow_redirects=True)
    assert "Сводка больше не будет приходить." in page.get_data(as_text=True)
    assert query("SELECT account_id FROM digest_opt_out") == [(mentee.id,)]
    assert not ticked(client.get("/s/mail/notifications/mine").get_data(as_text=True))
    client.post("/s/mail/notifications/mine", data={"digest": "y"})
    assert query("SELECT account_id FROM digest_opt_out") == []


def test_without_an_address_the_page_says_no_letters_come(client, auth, make, school):
    auth.login(school, "curator")
    page = client.get("/s/mail/notifications/mine").get_data(as_text=True)
    assert "в реестре педагогов у вас нет адреса почты — письма не приходят" in page
