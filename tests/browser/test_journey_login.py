"""Journey 1 (portal → a school's login → in → out) and journey 6 for its forms."""

import re

from playwright.sync_api import expect

from nastavnik.admin.demo.data import SCHOOLS

LONG = "я" * 10_000
SCRIPT = "<script>alert(1)</script>"


def test_curator_finds_the_school_on_the_portal_logs_in_and_out(page, ui, live_server):
    curator_name = live_server.accounts("mairtup-1")["curator"][1]

    ui.goto("/")
    schools = page.get_by_test_id("school-list").locator(".card")
    expect(schools).to_have_count(len(SCHOOLS))
    for _slug, short_name, *_ in SCHOOLS:
        expect(schools.filter(has_text=short_name)).to_have_count(1)

    ui.click(
        schools.filter(has_text="Майртупская СШ № 1").get_by_role(
            "link", name="Вход для сотрудников"
        )
    )
    expect(page).to_have_url(re.compile(r"/s/mairtup-1/login$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Вход: МБОУ «Майртупская СШ № 1»")

    page.get_by_label("Логин").fill("curator")
    page.get_by_label("Пароль").fill("не-тот-пароль")
    ui.submit("Войти")
    expect(page.get_by_test_id("form-errors")).to_have_text("Неверный логин или пароль.")
    expect(page).to_have_url(re.compile(r"/s/mairtup-1/login$"))

    page.get_by_label("Логин").fill("curator")
    page.get_by_label("Пароль").fill("nastavnik-demo")
    ui.submit("Войти")
    expect(page).to_have_url(re.compile(r"/s/mairtup-1/$"))
    ui.open_menu()  # on the phone the header's account block is behind the toggler
    user = page.get_by_test_id("current-user")
    expect(user).to_contain_text(curator_name)
    expect(user).to_contain_text("Куратор")

    ui.logout()
    expect(page).to_have_url(re.compile(r"/s/mairtup-1/login$"))
    expect(page.get_by_role("alert")).to_have_text("Вы вышли из системы.")

    # The session really ended: the school's page asks to log in again.
    ui.goto("/s/mairtup-1/")
    expect(page).to_have_url(re.compile(r"/s/mairtup-1/login\?next="))
    expect(page.get_by_test_id("current-user")).to_have_count(0)


def test_login_form_sent_empty_or_hostile_shows_russian_errors_beside_fields(page, ui):
    ui.goto("/s/ilskhan-yurt/login")
    ui.submit("Войти")
    assert ui.field_errors("login") == ["Введите логин."]
    assert ui.field_errors("password") == ["Введите пароль."]

    # The browser itself stops at the length the server accepts...
    page.get_by_label("Логин").fill(LONG)
    expect(page.get_by_label("Логин")).to_have_value(LONG[:64])
    # ...and a hostile user who removes that limit gets the server's errors.
    ui.force_fill(page.get_by_label("Логин"), LONG)
    ui.force_fill(page.get_by_label("Пароль"), LONG)
    ui.submit("Войти")
    assert ui.field_errors("login") == ["Значение не должно содержать более 64 символов."]
    assert ui.field_errors("password") == ["Значение не должно содержать более 128 символов."]

    page.get_by_label("Логин").fill(SCRIPT)
    page.get_by_label("Пароль").fill(SCRIPT)
    ui.submit("Войти")
    expect(page.get_by_test_id("form-errors")).to_have_text("Неверный логин или пароль.")
    expect(page.get_by_label("Логин")).to_have_value(SCRIPT)  # shown back as text, not run
    expect(page.get_by_test_id("current-user")).to_have_count(0)


def test_password_change_refuses_bad_new_passwords_and_keeps_the_old_one(page, ui):
    ui.login("geldagan", "mentor1")
    ui.goto("/s/geldagan/password")

    def send(current="", new="", confirm=""):
        page.get_by_label("Текущий пароль").fill(current)
        ui.force_fill(page.get_by_label("Новый пароль", exact=True), new)
        page.get_by_label("Повторите новый пароль").fill(confirm)
        ui.submit("Сменить пароль")
        expect(page).to_have_url(re.compile(r"/s/geldagan/password$"))

    send()
    assert ui.field_errors("current") == ["Введите текущий пароль."]
    assert ui.field_errors("new") == ["Введите новый пароль."]
    assert ui.field_errors("confirm") == ["Повторите новый пароль."]

    send("nastavnik-demo", "коротк1", "коротк1")
    assert ui.field_errors("new") == ["Пароль должен содержать не менее 8 символов."]

    send("nastavnik-demo", LONG, LONG)
    assert ui.field_errors("new") == ["Значение не должно содержать более 128 символов."]

    send(SCRIPT, "новый-надёжный-пароль-7", "новый-надёжный-пароль-7")
    assert ui.field_errors("current") == ["Текущий пароль указан неверно."]

    send("nastavnik-demo", SCRIPT, "<script>alert(2)</script>")
    assert ui.field_errors("confirm") == ["Пароли не совпадают."]

    # Nothing was changed: the old password still opens the school.
    ui.logout()
    ui.login("geldagan", "mentor1", "nastavnik-demo")
    expect(page).to_have_url(re.compile(r"/s/geldagan/$"))


def test_new_account_form_sent_empty_or_hostile_creates_nothing(page, ui, live_server):
    before = live_server.accounts("kurchaloy-2")
    ui.login("kurchaloy-2", "director")
    ui.goto("/s/kurchaloy-2/accounts/")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(len(before))

    ui.follow("Новая учётная запись")
    expect(page).to_have_url(re.compile(r"/s/kurchaloy-2/accounts/new$"))

    ui.submit("Создать учётную запись")
    assert ui.field_errors("login") == ["Укажите логин."]
    assert ui.field_errors("full_name") == ["Укажите ФИО."]
    assert ui.field_errors("roles") == ["Выберите хотя бы одну роль."]

    page.get_by_label("Логин").fill(SCRIPT)
    ui.force_fill(page.get_by_label("ФИО"), LONG)
    page.get_by_label("Наставник", exact=True).check()
    ui.submit("Создать учётную запись")
    assert ui.field_errors("login") == [
        "Логин: латинские буквы, цифры, точка, дефис и подчёркивание."
    ]
    assert ui.field_errors("full_name") == ["Значение не должно содержать более 200 символов."]
    expect(page.get_by_label("Логин")).to_have_value(SCRIPT)

    page.get_by_label("Логин").fill("new.teacher")
    page.get_by_label("ФИО").fill(SCRIPT)
    page.get_by_label("Наставник", exact=True).uncheck()
    ui.submit("Создать учётную запись")
    assert ui.field_errors("roles") == ["Выберите хотя бы одну роль."]

    ui.goto("/s/kurchaloy-2/accounts/")
    expect(rows).to_have_count(len(before))
    expect(page.locator("table")).not_to_contain_text("script")
    assert live_server.accounts("kurchaloy-2") == before
