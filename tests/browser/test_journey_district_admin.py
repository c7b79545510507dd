"""The district registers a school, prints the director's slip, and that director logs in with
the one-time password, sets their own, and logs in with it."""

import io
import re

from docx import Document
from playwright.sync_api import expect

NEW_PASSWORD = "свой-пароль-руководителя"


def test_district_registers_a_school_and_its_director_logs_in_with_the_slip(
    page, ui, live_server, serial
):
    number, tag = serial()
    slug = f"mairtup-{100 + number}"
    short_name = f"МБОУ «Майртупская СШ № {tag}»"

    ui.login(None, "district")
    ui.follow("Управление школами")
    ui.follow("Зарегистрировать школу")

    # Sent empty, then with an address in capitals: messages beside the fields, nothing made.
    ui.submit("Зарегистрировать школу")
    assert ui.field_errors("slug") == ["Укажите адрес школы."]
    assert ui.field_errors("name_ce") == ["Заполните это поле."]
    page.locator("#slug").fill(slug.capitalize())
    page.locator("#short_name").fill(short_name)
    page.locator("#name_ru").fill(f"Муниципальное бюджетное общеобразовательное учреждение {tag}")
    page.locator("#name_ce").fill(f"Муниципальни бюджетан йукъардешаран хъукмат {tag}")
    page.locator("#settlement").fill("с. Майртуп")
    page.locator("#kind").select_option(label="Основная общеобразовательная школа")
    page.locator("#director_name").fill("Абдулаева Хава Ильясовна")
    ui.submit("Зарегистрировать школу")
    assert ui.field_errors("slug") == [
        "Только строчные латинские буквы, цифры и дефис между ними, например mairtup-2."
    ]
    page.locator("#slug").fill(slug)
    ui.submit("Зарегистрировать школу")
    expect(page.get_by_role("heading", level=1)).to_have_text("Школа зарегистрирована")
    shown = page.get_by_test_id("one-time-password").inner_text()

    slip = Document(io.BytesIO(ui.download("Скачать памятку для руководителя (.docx)")))
    fields = {row.cells[0].text: row.cells[1].text for row in slip.tables[0].rows}
    assert fields["Адрес для входа"] == f"{live_server.url}/s/{slug}/login"
    assert fields["Логин"] == "director"
    assert fields["Одноразовый пароль"] == shown

    ui.logout()
    ui.goto(fields["Адрес для входа"])
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Вход: {short_name}")
    page.get_by_label("Логин").fill(fields["Логин"])
    page.get_by_label("Пароль", exact=True).fill(fields["Одноразовый пароль"])
    ui.click(page.get_by_role("button", name="Войти"))
    # The one-time password leads to one page only: the one that replaces it.
    expect(page).to_have_url(re.compile(rf"/s/{slug}/password$"))
    page.get_by_label("Текущий пароль").fill(fields["Одноразовый пароль"])
    page.get_by_label("Новый пароль", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Повторите новый пароль").fill(NEW_PASSWORD)
    ui.submit("Сменить пароль")
    expect(page).to_have_url(re.compile(rf"/s/{slug}/$"))

    ui.logout()
    ui.login(slug, "director", NEW_PASSWORD)
    expect(page).to_have_url(re.compile(rf"/s/{slug}/$"))
    ui.open_menu()
    expect(page.get_by_test_id("current-user")).to_contain_text("Абдулаева Хава Ильясовна")
    expect(page.get_by_test_id("current-user")).to_contain_text("Руководитель ОО")
