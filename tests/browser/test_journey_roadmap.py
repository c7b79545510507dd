"""Journey: the curator opens this year's roadmap, sees the stages that completed themselves with
the records that did it, adds an activity of the school and an event that fulfils one."""

from playwright.sync_api import expect

from nastavnik.dates import today
from nastavnik.tenants.roadmap.timing import academic_year, span, year_label

SLUG = "ilskhan-yurt"


def test_curator_sees_automatic_stages_adds_an_activity_and_an_event(page, ui, serial):
    number, tag = serial()
    year = academic_year()
    ui.login(SLUG, "curator")
    ui.follow("Дорожная карта")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Дорожная карта на {year_label(year)} учебный год"
    )

    # Stage 2 completed itself: the mentee bank, with the people who made it.
    stage2 = page.get_by_test_id("stage-2")
    automatic = stage2.get_by_test_id("automatic")
    expect(automatic).to_contain_text("наставляемых с действующим согласием")
    expect(stage2.get_by_role("link").first).to_be_visible()
    expect(stage2).to_contain_text("2 из 2")

    # The pairs are approved by the demo's signed order: the order is named with its link.
    stage5 = page.get_by_test_id("stage-5")
    expect(stage5.get_by_role("link", name="Приказ №").first).to_be_visible()

    # An activity of the school's own, in stage 7.
    content = f"Страница наставничества в школьной газете {tag}"
    stage7 = page.get_by_test_id("stage-7")
    ui.click(stage7.get_by_role("link", name="+ мероприятие в этап 7"))
    page.get_by_label("Содержание мероприятия").fill(content)
    page.get_by_label("Срок (как в дорожной карте)").fill("Декабрь")
    page.get_by_label("Ответственный (роль)").fill("Куратор по наставничеству")
    ui.submit("Сохранить")
    expect(page.locator(".alert-success")).to_contain_text("Мероприятие добавлено")
    added = page.get_by_test_id("stage-7").locator("article", has_text=content)
    expect(added).to_contain_text(f"до 31 декабря {year} г.")
    expect(added).to_contain_text("мероприятие школы")

    # An event held and with results: it marks the school's new activity done.
    ui.follow("Мероприятия школы (события)")
    ui.follow("Добавить мероприятие")
    page.get_by_label("Вид мероприятия").select_option(label="Конференция или семинар")
    page.get_by_label("Название").fill(f"Семинар «Наставник и газета» {tag}")
    held = max(span(year)[0], today())
    page.get_by_label("Дата проведения").fill(held.isoformat())
    page.get_by_label("Место проведения").fill("Библиотека школы")
    page.get_by_label("Мероприятие дорожной карты, которое оно выполняет").select_option(
        label=f"{year_label(year)} · этап 7: {content}"
    )
    page.get_by_test_id("participants").locator("input").first.check()
    page.get_by_label("Итоги").fill("Подготовлен выпуск газеты о наставничестве.")
    ui.submit("Сохранить")
    expect(page.get_by_test_id("results")).to_contain_text("Подготовлен выпуск газеты")
    ui.click(page.get_by_test_id("linked").get_by_role("link"))
    done = page.get_by_test_id("stage-7").locator("article", has_text=content)
    expect(done.get_by_test_id("status")).to_contain_text("Выполнено")
    expect(done.get_by_test_id("events-evidence")).to_contain_text(
        f"Семинар «Наставник и газета» {tag}"
    )
    assert number
