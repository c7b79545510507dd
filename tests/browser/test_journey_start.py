"""Journey: the director of a school just registered opens the home page and sees «Начало
работы» — the steps of the year, none done, the first one linked; gives the curator an account
from there; the step is marked done and the next one (the staff register) comes up. The curator
then sees the register's step linked, a mentee of the demo school sees no such block."""

from playwright.sync_api import expect

PASSWORD = "пароль-руководителя-1"


def new_school(live_server, number: int) -> str:
    """A school of the district with its director's account and nothing else."""
    from nastavnik.accounts.services import create_account
    from nastavnik.extensions import db
    from nastavnik.schools import create_school
    from nastavnik.tenancy import Scope, scoped

    slug = f"novaya-{number}"
    with live_server.app.app_context():
        school = create_school(
            slug=slug,
            name_ru=f"МБОУ «СОШ № {number} с. Цоци-Юрт»",
            name_ce=f"ЦОЦИ-ЮЬРТАН {number} ЙОЛУ ЮККЪЕРА ШКОЛА",
            short_name=f"Новая школа № {number}",
            settlement="с. Цоци-Юрт",
        )
        with scoped(Scope.school(school.id)):
            create_account(
                school.id, "director", "Мусаев Руслан Ахмедович", ["director"], PASSWORD, False
            )
        db.session.commit()
    return slug


def steps(page) -> list[tuple[str, str]]:
    items = page.get_by_test_id("start-step")
    return [
        (items.nth(i).get_attribute("data-step"), items.nth(i).get_attribute("data-done"))
        for i in range(items.count())
    ]


def test_a_new_school_knows_where_to_start(page, ui, live_server, serial, viewport):
    number, tag = serial()
    slug = new_school(live_server, number)

    ui.login(slug, "director", PASSWORD)
    block = page.get_by_test_id("start")
    expect(block.get_by_role("heading", name="Начало работы")).to_be_visible()
    expect(block).to_contain_text("Выполнено 0 из 7")
    assert [key for key, _ in steps(page)] == [
        "accounts",
        "staff",
        "consents",
        "banks",
        "pairs",
        "order",
        "programs",
    ]
    assert {done for _, done in steps(page)} == {"нет"}
    link = block.get_by_test_id("start-next")
    expect(link).to_have_count(1)
    expect(link).to_have_text("Создать учётную запись")
    assert link.bounding_box()["x"] + link.bounding_box()["width"] <= page.viewport_size["width"]
    block.screenshot(path=f"test-output/browser/start-empty-{viewport}.png")

    ui.click(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Новая учётная запись")
    page.get_by_label("Логин").fill(f"curator-{number}")
    page.get_by_label("ФИО").fill(f"Хасанова-{tag} Луиза Магомедовна")
    ui.shown_as_typed(f"curator-{number}")
    page.get_by_label("Куратор", exact=True).check()
    ui.submit("Создать учётную запись")
    expect(page.get_by_role("heading", level=1)).to_have_text("Одноразовый пароль")
    password = page.get_by_test_id("one-time-password").inner_text()

    ui.goto(f"/s/{slug}/")
    expect(block).to_contain_text("Выполнено 1 из 7")
    assert steps(page)[:2] == [("accounts", "да"), ("staff", "нет")]
    expect(block.locator("[aria-current=step]")).to_contain_text("Реестр педагогов")
    expect(block.get_by_test_id("start-next")).to_have_text("Загрузить реестр")
    block.screenshot(path=f"test-output/browser/start-next-{viewport}.png")
    ui.logout()

    # The curator, at her first login, changes the one-time password and finds the same steps.
    ui.login(slug, f"curator-{number}", password)
    page.get_by_label("Текущий пароль").fill(password)
    page.get_by_label("Новый пароль", exact=True).fill(f"свой-пароль-{number}")
    page.get_by_label("Повторите новый пароль").fill(f"свой-пароль-{number}")
    ui.submit("Сменить пароль")
    ui.goto(f"/s/{slug}/")
    ui.click(page.get_by_test_id("start").get_by_test_id("start-next"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Загрузка реестра из Excel")


def test_a_mentee_is_not_shown_the_steps_of_the_year(page, ui):
    ui.login("mairtup-1", "mentee1")
    expect(page.get_by_test_id("waiting")).to_be_visible()
    expect(page.get_by_test_id("start")).to_have_count(0)
