"""Journey: the curator ends a program; its mentor and mentee find their questionnaires on
their home pages and fill them (saving first, then sending); the curator sees the results
with the chart. Runs on a desktop and on a phone (390×844)."""

from playwright.sync_api import expect

SLUG = "geldagan"


def answer_everything(page, scale: str) -> None:
    """Each question of the form answered: a scale's point, the first option, a sentence."""
    for fieldset in page.locator("[data-testid=fill-form] fieldset").all():
        if fieldset.locator("textarea").count():
            fieldset.locator("textarea").fill("Больше совместных уроков и обсуждений.")
        elif fieldset.locator(".scale").count():
            fieldset.locator("label.scale-point", has_text=scale).first.click()
        else:
            fieldset.locator("input.form-check-input").first.check()


def fill_from_home(ui, page, person, title: str, scale: str) -> None:
    ui.login(SLUG, person.login, person.password)
    waiting = page.get_by_test_id("questionnaires-waiting")
    expect(waiting).to_contain_text("Анкеты, ждущие ответа")
    expect(waiting).to_contain_text(title)
    item = waiting.get_by_role("listitem").filter(has_text=title)
    ui.click(item.get_by_role("link", name="Заполнить"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    # Save the first answer and come back to it, then answer the rest and send.
    page.locator("label.scale-point", has_text=scale).first.click()
    ui.submit("Сохранить и вернуться позже")
    expect(page.locator(".alert").first).to_contain_text("Ответы сохранены")
    expect(page.locator("input.btn-check:checked")).to_have_count(1)
    answer_everything(page, scale)
    ui.submit("Отправить ответы")
    expect(page.locator(".alert").first).to_have_text("Спасибо! Ваши ответы отправлены.")
    ui.follow("Главная", exact=True)
    expect(page.locator("main")).not_to_contain_text(title)
    ui.logout()


def test_mentor_and_mentee_fill_their_questionnaires_and_the_curator_sees_the_chart(
    page, ui, live_server
):
    pair = live_server.prepare_pair(SLUG, upto="program", accounts=True)

    # The curator ends the program (7.1).
    ui.login(SLUG, "curator")
    ui.goto(f"/s/{SLUG}/programs/{pair.program_id}/end")
    page.get_by_label("Основание завершения (п. 7.1)").select_option(
        label="По инициативе куратора: форс-мажорные обстоятельства"
    )
    page.get_by_label("Причина", exact=True).fill("Наставник переведён в другую школу.")
    ui.submit("Завершить программу")
    ui.submit("Да, завершить программу")  # 7.1: asked once more
    expect(page.locator(".alert").first).to_have_text("Программа завершена.")
    ui.logout()

    fill_from_home(
        ui, page, pair.mentor, "Анкета наставника по итогам программы наставничества", "4"
    )
    fill_from_home(
        ui, page, pair.mentee, "Анкета наставляемого по итогам программы наставничества", "5"
    )

    # The curator sees the results: the school's, with a chart; the pair's own, too few.
    ui.login(SLUG, "curator")
    ui.follow("Анкеты", exact=True)
    card = page.locator(".card", has_text="Анкета наставляемого по итогам программы")
    ui.click(card.get_by_role("link", name="Итоги"))
    # The demo's three from last year and this pair's (both screens share the database).
    assert int(page.get_by_test_id("responses").inner_text()) >= 4
    expect(page.get_by_test_id("chart").first).to_be_visible()
    expect(page.get_by_test_id("average").first).to_be_visible()
    # A pair's program is not offered: its one mentee's answers would be hers.
    expect(
        page.get_by_label("Программа").locator("option", has_text=pair.program_title)
    ).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text(pair.mentee.name)
    # Per form of mentoring: this pair's form alone has too few answers.
    page.get_by_label("Форма наставничества").select_option(
        label="Традиционная форма наставничества («один на один»)"
    )
    ui.submit("Показать")
    assert int(page.get_by_test_id("responses").inner_text()) >= 1
