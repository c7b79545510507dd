"""Journey: a curator gives accounts to 20 teachers at once from the staff register and prints
their slips (one .docx, downloaded from the page that made the passwords), then records the
consents of several teachers at once and downloads the papers they will sign."""

import io
from pathlib import Path

from docx import Document
from playwright.sync_api import expect
from sqlalchemy import func, select

from nastavnik.models import Account
from nastavnik.tenants.consents.models import Consent
from nastavnik.tenants.staff.models import Staff

SLUG = "mairtup-1"
SURNAMES = (
    "Магомадова", "Джамалдинова", "Денилханов", "Шахбиев", "Юсупова", "Цуев", "Хасанова",
    "Эльмурзаев", "Абдулаева", "Чапаев", "Ясаева", "Вахаева", "Гайрбекова", "Зубайраев",
    "Ибрагимова", "Кадыров", "Лорсанова", "Муртазалиев", "Подъячева", "Бисултанова",
)  # fmt: skip


def twenty_teachers(live_server, tag: str) -> list[int]:
    from nastavnik.tenants.staff.services import create_staff

    ids = []
    with live_server.in_school(SLUG):
        for surname in SURNAMES:
            staff = create_staff(
                last_name=f"{surname}-{tag}",
                first_name="Марьям",
                middle_name="Исаевна",
                position="учитель начальных классов",
            )
            ids.append(staff.id)
    return ids


def test_a_curator_gives_accounts_to_twenty_teachers_and_their_consents(
    page, ui, live_server, serial, viewport
):
    _, tag = serial()
    ids = twenty_teachers(live_server, tag)
    accounts_before = len(live_server.accounts(SLUG))

    ui.login(SLUG, "curator")
    ui.follow("Педагоги")
    page.get_by_role("searchbox", name="Поиск по ФИО").fill(f"-{tag}")
    ui.submit("Найти")
    expect(page.locator('input[name="staff_id"]')).to_have_count(20)
    ui.click(page.get_by_test_id("choose-all"))
    expect(page.locator('input[name="staff_id"]:checked')).to_have_count(20)
    page.screenshot(path=f"test-output/browser/many-register-{viewport}.png")
    ui.submit("Создать учётные записи")

    expect(page.get_by_role("heading", level=1)).to_have_text("Учётные записи педагогам")
    logins = page.locator('input[name$="-login"]')
    expect(logins).to_have_count(20)
    suggested = [logins.nth(i).input_value() for i in range(20)]
    assert len(set(suggested)) == 20
    assert f"magomadova-{tag_latin(tag)}.m" in suggested
    # One login changed by hand before confirming. The logins are the teachers' data, as
    # the passwords are: not the site's English.
    logins.nth(0).fill(f"{suggested[0]}.new")
    ui.shown_as_typed(f"{suggested[0]}.new", *suggested)
    page.screenshot(path=f"test-output/browser/many-accounts-form-{viewport}.png", full_page=True)
    ui.submit("Создать учётные записи и памятки")

    expect(page.get_by_role("heading", level=1)).to_have_text("Учётные записи созданы")
    shown = page.get_by_test_id("created-accounts").locator("li")
    expect(shown).to_have_count(20)
    page.screenshot(path=f"test-output/browser/many-accounts-made-{viewport}.png")
    sheet = Document(io.BytesIO(ui.download("Скачать памятки для печати (.docx)")))
    slips = [c.text for t in sheet.tables for r in t.rows for c in r.cells if c.text.strip()]
    assert len(slips) == 20
    first = shown.nth(0)
    name, login, password = (
        first.get_by_test_id(part).inner_text() for part in ("person", "login", "one-time-password")
    )
    slip = next(s for s in slips if f"Логин: {login}\n" in s)
    assert name in slip and f"Пароль: {password}" in slip
    assert f"{live_server.url}/s/{SLUG}/login" in slip
    assert f"{suggested[0]}.new" in shown.get_by_test_id("login").all_inner_texts()
    assert len(live_server.accounts(SLUG)) == accounts_before + 20
    with live_server.in_school(SLUG) as session:
        linked = session.execute(
            select(func.count())
            .select_from(Staff)
            .where(Staff.id.in_(ids), Staff.account_id.is_not(None))
        ).scalar_one()
        changes = session.execute(
            select(Account.must_change_password).where(Account.login == login)
        ).scalar_one()
    assert linked == 20 and changes

    # Consents of three of them at once, then the papers to sign.
    ui.follow("← К реестру педагогов")
    page.get_by_role("searchbox", name="Поиск по ФИО").fill(f"-{tag}")
    ui.submit("Найти")
    for n in range(3):
        page.locator('input[name="staff_id"]').nth(n).check()
    with page.expect_download() as started:
        page.get_by_role("button", name="Бланки согласий (.docx)").click()
    papers = Document(io.BytesIO(Path(started.value.path()).read_bytes()))
    assert sum(p.text.startswith("Я, ") for p in papers.paragraphs) == 3
    ui.submit("Записать согласия")
    expect(page.get_by_role("heading", level=1)).to_have_text("Согласия нескольких педагогов")
    numbers = page.locator('input[name$="-paper_number"]')
    expect(numbers).to_have_count(3)
    ui.submit("Записать согласия")  # without the numbers: refused, beside each row
    expect(page.locator(".invalid-feedback")).to_have_count(3)
    for n in range(3):
        numbers.nth(n).fill(f"{tag}-{n + 1}")
    page.screenshot(path=f"test-output/browser/many-consents-form-{viewport}.png", full_page=True)
    ui.submit("Записать согласия")
    expect(page.locator(".alert").first).to_have_text("Записано согласий: 3.")
    with live_server.in_school(SLUG) as session:
        recorded = session.execute(
            select(func.count()).select_from(Consent).where(Consent.staff_id.in_(ids))
        ).scalar_one()
    assert recorded == 3


def tag_latin(tag: str) -> str:
    from nastavnik.tenants.staff.services import PASSPORT_SPELLING

    return PASSPORT_SPELLING.translate(tag).lower()
