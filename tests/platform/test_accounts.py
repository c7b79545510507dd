"""A school's accounts, managed by its director or system administrator."""

import re

import pytest


@pytest.fixture
def director(make, auth, school):
    account = make.account(school, "director", roles=["director"])
    auth.login(school, "director")
    return account


def test_director_creates_an_account_and_sees_its_one_time_password(client, director, school):
    response = client.post(
        "/s/s1/accounts/new",
        data={"login": "mentor7", "full_name": "Хамзатова Марьям Исаевна", "roles": ["mentor"]},
    )
    page = response.get_data(as_text=True)
    password = re.search(r'data-testid="one-time-password">([^<]+)<', page).group(1)
    assert "Хамзатова Марьям Исаевна" in client.get("/s/s1/accounts/").get_data(as_text=True)
    client.post("/s/s1/logout")
    client.post("/s/s1/login", data={"login": "mentor7", "password": password})
    assert client.get("/s/s1/").headers["Location"] == "/s/s1/password"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"login": "", "full_name": "", "roles": []}, "Укажите логин."),
        ({"login": "а б", "full_name": "Имя", "roles": ["mentor"]}, "латинские буквы"),
        ({"login": "ok-login", "full_name": "Имя", "roles": []}, "Выберите хотя бы одну роль."),
        ({"login": "ok-login", "full_name": "Имя", "roles": ["district_admin"]}, "из списка"),
        ({"login": "director", "full_name": "Имя", "roles": ["mentor"]}, "уже есть"),
    ],
)
def test_bad_account_input_is_refused_and_saves_nothing(client, director, query, data, message):
    before = query("SELECT count(*) FROM account")
    page = client.post("/s/s1/accounts/new", data=data).get_data(as_text=True)
    assert message in page
    assert query("SELECT count(*) FROM account") == before


def test_login_of_another_school_may_repeat(client, make, director):
    make.account(make.school("s2"), "mentor7")
    response = client.post(
        "/s/s1/accounts/new", data={"login": "mentor7", "full_name": "Имя", "roles": ["mentor"]}
    )
    assert "Одноразовый пароль" in response.get_data(as_text=True)


def test_director_cannot_lock_themselves_out(client, director):
    page = client.post(
        f"/s/s1/accounts/{director.id}/edit",
        data={"full_name": "Директор", "roles": ["mentor"], "active": "y"},
    ).get_data(as_text=True)
    assert "Нельзя отключить себя" in page


def test_deactivating_an_account_ends_its_sessions(app, client, make, director, school):
    mentor = make.account(school, "mentor1", roles=["mentor"])
    other = app.test_client()
    other.post("/s/s1/login", data={"login": "mentor1", "password": make.PASSWORD})
    assert other.get("/s/s1/").status_code == 200
    client.post(f"/s/s1/accounts/{mentor.id}/edit", data={"full_name": "Имя", "roles": ["mentor"]})
    assert other.get("/s/s1/").status_code == 302


def test_password_reset_gives_a_new_one_time_password(app, client, make, director, school):
    mentor = make.account(school, "mentor1", roles=["mentor"])
    page = client.post(f"/s/s1/accounts/{mentor.id}/reset-password").get_data(as_text=True)
    password = re.search(r'data-testid="one-time-password">([^<]+)<', page).group(1)
    other = app.test_client()
    assert (
        other.post("/s/s1/login", data={"login": "mentor1", "password": make.PASSWORD}).status_code
        == 200
    )
    assert (
        other.post("/s/s1/login", data={"login": "mentor1", "password": password}).status_code
        == 302
    )
