"""Login on a school's own page and on the district's; sessions, throttling, redirects."""

import re
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from nastavnik.app import CSP, behind_tls_proxies


@pytest.fixture
def school(make):
    return make.school("maitrup", short_name="Майртупская СШ")


def test_curator_logs_in_on_the_school_page_and_sees_the_school(client, make, auth, school):
    make.account(school, "curator", roles=["curator"], full_name="Батаева Айна Хасановна")
    response = auth.login(school, "curator")
    assert response.status_code == 302
    assert response.headers["Location"] == "/s/maitrup/"
    page = client.get("/s/maitrup/").get_data(as_text=True)
    assert "Батаева Айна Хасановна" in page
    assert "Куратор" in page


def test_wrong_password_and_unknown_login_get_the_same_russian_message(client, make, auth, school):
    make.account(school, "curator")
    wrong = auth.login(school, "curator", "не-тот-пароль").get_data(as_text=True)
    unknown = auth.login(school, "nobody", "не-тот-пароль").get_data(as_text=True)
    assert "Неверный логин или пароль." in wrong
    assert "Неверный логин или пароль." in unknown
    assert client.get("/s/maitrup/").status_code == 302


def test_account_of_one_school_cannot_log_in_on_another_schools_page(client, make, auth, school):
    other = make.school("geldagan")
    make.account(school, "curator")
    page = auth.login(other, "curator").get_data(as_text=True)
    assert "Неверный логин или пароль." in page


def test_district_account_logs_in_only_at_the_district_page(client, make, auth, school):
    make.account(None, "district", roles=["district_admin"])
    assert auth.login(school, "district").status_code == 200  # refused: not a school account
    response = auth.login(None, "district")
    assert response.headers["Location"] == "/district/"
    assert "Школы района" in client.get("/district/").get_data(as_text=True)


def test_district_account_is_asked_to_log_in_on_school_pages(client, make, auth, school):
    make.account(None, "district", roles=["district_admin"])
    auth.login(None, "district")
    response = client.get("/s/maitrup/accounts/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/s/maitrup/login")
    assert client.post("/s/maitrup/accounts/new", data={"login": "x"}).status_code == 302


def test_login_page_of_ones_own_school_leads_a_signed_in_account_home(client, make, auth, school):
    make.account(school, "curator")
    auth.login(school, "curator")
    response = client.get("/s/maitrup/login")
    assert response.status_code == 302
    assert response.headers["Location"] == "/s/maitrup/"
    asked = client.get("/s/maitrup/login?next=/s/maitrup/password")
    assert asked.headers["Location"] == "/s/maitrup/password"
    other = make.school("geldagan")
    assert "Войти" in client.get(f"/s/{other.slug}/login").get_data(as_text=True)


def test_district_login_page_leads_a_signed_in_district_account_home(client, make, auth):
    make.account(None, "district", roles=["district_admin"])
    auth.login(None, "district")
    response = client.get("/district/login")
    assert response.headers["Location"] == "/district/"


def test_logout_returns_to_the_schools_login_page_and_ends_the_session(client, make, auth, school):
    make.account(school, "curator")
    auth.login(school, "curator")
    response = auth.logout(school)
    assert response.headers["Location"] == "/s/maitrup/login"
    assert client.get("/s/maitrup/").status_code == 302


def test_logout_ends_the_accounts_sessions_everywhere(app, make, auth, school):
    make.account(school, "curator")
    other_device = app.test_client()
    auth.login(school, "curator")
    other_device.post("/s/maitrup/login", data={"login": "curator", "password": make.PASSWORD})
    assert other_device.get("/s/maitrup/").status_code == 200
    auth.logout(school)
    assert other_device.get("/s/maitrup/").status_code == 302


def test_password_change_ends_other_sessions_and_keeps_this_one(app, client, make, auth, school):
    make.account(school, "curator")
    other_device = app.test_client()
    auth.login(school, "curator")
    other_device.post("/s/maitrup/login", data={"login": "curator", "password": make.PASSWORD})
    response = client.post(
        "/s/maitrup/password",
        data={"current": make.PASSWORD, "new": "Новый-надёжный-1", "confirm": "Новый-надёжный-1"},
    )
    assert response.status_code == 302
    assert client.get("/s/maitrup/").status_code == 200
    assert other_device.get("/s/maitrup/").status_code == 302
    auth.logout(school)
    assert auth.login(school, "curator", "Новый-надёжный-1").status_code == 302


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("коротко", "не менее 8 символов"),
        ("qwerty123", "легко подобрать"),
        ("qwertyui", "легко подобрать"),
        ("Nastavnik2024", "легко подобрать"),
        ("aaaaaaaaaa", "легко подобрать"),
        ("йцукенгш", "легко подобрать"),  # qwertyui typed with the Russian layout on
        ("ghjcnjgfhjkm", "легко подобрать"),  # «простопароль» typed with the Latin one
        ("curator", "не менее 8 символов"),
    ],
)
def test_weak_passwords_are_refused(client, make, auth, school, new, message):
    make.account(school, "curator")
    auth.login(school, "curator")
    page = client.post(
        "/s/maitrup/password", data={"current": make.PASSWORD, "new": new, "confirm": new}
    ).get_data(as_text=True)
    assert message in page
    auth.logout(school)
    assert auth.login(school, "curator", new).status_code == 200  # still the old password


def test_one_time_password_must_be_changed_first(client, make, auth, school):
    make.account(school, "newbie", must_change_password=True)
    auth.login(school, "newbie")
    response = client.get("/s/maitrup/")
    assert response.headers["Location"] == "/s/maitrup/password"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        # A browser drops tabs and line breaks: each of these would lead to //evil.example.
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r/evil.example",
        "\t//evil.example",
        " //evil.example",
        "/%09/evil.example".replace("%09", "\t"),
    ],
)
def test_next_redirect_stays_within_the_site(make, auth, school, target):
    make.account(school, "curator")
    response = auth.login(school, "curator", next_url=target)
    assert response.headers["Location"] == "/s/maitrup/"


def test_a_tab_in_the_next_address_from_the_query_string_does_not_lead_away(client, make, school):
    make.account(school, "curator")
    data = {"login": "curator", "password": make.PASSWORD}
    response = client.post("/s/maitrup/login?next=/%09/evil.example", data=data)
    assert response.headers["Location"] == "/s/maitrup/"


def test_an_unknown_login_costs_one_verification_like_a_known_one(
    monkeypatch, client, make, auth, school
):
    """The dummy hash is made once, not per attempt: otherwise an unknown login takes longer
    (a hash and a verification) and tells which accounts exist."""
    make.account(school, "curator")
    auth.login(school, "nobody", "неверный-пароль")  # the dummy hash may be made here, once
    hashed = []
    original = PasswordHasher.hash
    monkeypatch.setattr(
        PasswordHasher, "hash", lambda self, p, **kw: hashed.append(p) or original(self, p, **kw)
    )
    verified = []
    original_verify = PasswordHasher.verify
    monkeypatch.setattr(
        PasswordHasher,
        "verify",
        lambda self, h, p: verified.append(h) or original_verify(self, h, p),
    )
    for login in ("nobody", "someone-else", "curator"):
        auth.login(school, login, "неверный-пароль")
    assert hashed == []
    assert len(verified) == 3


def test_pages_behind_a_login_are_not_stored_and_public_ones_may_be(client, make, auth, school):
    assert "no-store" not in client.get("/s/maitrup/login").headers.get("Cache-Control", "")
    make.account(school, "director", roles=["director"])
    auth.login(school, "director")
    for url in ("/s/maitrup/", "/s/maitrup/staff/", "/s/maitrup/accounts/"):
        assert client.get(url).headers["Cache-Control"] == "no-store", url


def test_next_redirect_within_the_site_is_followed(make, auth, school):
    make.account(school, "director", roles=["director"])
    response = auth.login(school, "director", next_url="/s/maitrup/accounts/")
    assert response.headers["Location"] == "/s/maitrup/accounts/"


def test_asking_for_a_page_while_logged_out_remembers_it(client, school):
    response = client.get("/s/maitrup/accounts/")
    assert response.headers["Location"] == "/s/maitrup/login?next=/s/maitrup/accounts/"


def test_forms_without_csrf_token_are_rejected(app, make, school):
    make.account(school, "curator")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        client = app.test_client()
        response = client.post(
            "/s/maitrup/login", data={"login": "curator", "password": make.PASSWORD}
        )
        assert response.status_code == 400
        assert "Форма устарела" in response.get_data(as_text=True)
        login_page = client.get("/s/maitrup/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page).group(1)
        response = client.post(
            "/s/maitrup/login",
            data={"login": "curator", "password": make.PASSWORD, "csrf_token": token},
        )
        assert response.status_code == 302
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_session_cookie_is_httponly_samesite_and_secure_over_https(make, school, app):
    make.account(school, "curator")
    data = {"login": "curator", "password": make.PASSWORD}
    plain = app.test_client().post("/s/maitrup/login", data=data)
    cookie = plain.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    secure = app.test_client().post("/s/maitrup/login", data=data, base_url="https://localhost")
    assert "Secure" in secure.headers["Set-Cookie"]


def test_every_page_carries_security_headers_with_a_csp_without_inline_script(client, school):
    response = client.get("/s/maitrup/login")
    assert response.headers["Content-Security-Policy"] == CSP
    assert "unsafe-inline" not in CSP
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "<script>" not in response.get_data(as_text=True)


def test_behind_a_tls_proxy_the_cookie_is_secure_and_hsts_is_sent(app, make, school):
    saved = app.wsgi_app, dict(app.config)
    app.config["TRUSTED_PROXIES"] = 1
    behind_tls_proxies(app)
    try:
        make.account(school, "curator")
        forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
        response = app.test_client().post(
            "/s/maitrup/login",
            data={"login": "curator", "password": make.PASSWORD},
            headers=forwarded,
        )
        assert response.status_code == 302
        assert "Secure" in response.headers["Set-Cookie"]
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    finally:
        app.wsgi_app = saved[0]
        app.config.clear()
        app.config.update(saved[1])


def test_without_a_configured_proxy_forwarded_headers_are_not_believed(app, make, school):
    make.account(school, "curator")
    response = app.test_client().post(
        "/s/maitrup/login",
        data={"login": "curator", "password": make.PASSWORD},
        headers={"X-Forwarded-Proto": "https"},
    )
    assert "Secure" not in response.headers["Set-Cookie"]
    assert "Strict-Transport-Security" not in response.headers


def test_no_template_has_an_inline_style_the_csp_would_refuse():
    # style-src 'self': the browser drops a style="" attribute and logs an error on the page.
    root = Path(__file__).resolve().parents[2]
    found = [
        f"{path.relative_to(root)}:{n}"
        for folder in ("platform", "tenants", "admin")
        for path in (root / folder).rglob("*.html")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\sstyle=[\"']", line)
    ]
    assert found == []
