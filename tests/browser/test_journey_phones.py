"""Issue 14, «Phones»: a mentor marks an activity done from «Моя программа». On a phone each
activity is a card with its deadline and status, and its «Отметить выполненным» lies within the
screen (it used to sit at x = 774 of a table scrolled sideways); on a desktop the plan stays a
table with its header."""

import re
from datetime import timedelta

from playwright.sync_api import expect

from nastavnik.dates import format_date, today

SLUG = "tsotsi-yurt"

# What a cell shows before its value on a card: the label from data-label, drawn by app.css.
LABEL_SHOWN = "el => getComputedStyle(el, '::before').content"


def test_a_mentor_marks_an_activity_done_from_its_card(page, ui, live_server, viewport):
    pair = live_server.prepare_pair(SLUG, upto="program", accounts=True)
    ui.login(SLUG, pair.mentor.login, pair.mentor.password)
    ui.goto(f"/s/{SLUG}/programs/my")
    expect(page.get_by_role("heading", name="Моя программа")).to_be_visible()

    plan = page.get_by_test_id("plan")
    card = plan.locator("tbody tr", has_text="Посещение уроков наставника")
    due, status = card.locator("td[data-label='Срок']"), card.locator("td[data-label='Статус']")
    expect(due).to_have_text(format_date(today() + timedelta(days=14)))  # as prepare_pair plans
    expect(status).to_have_text("Запланировано")
    button = card.get_by_role("link", name="Отметить выполненным")
    if viewport == "phone":
        # A card: no header row, each value after its label, the card within the screen.
        expect(plan.locator("thead")).to_be_hidden()
        assert due.evaluate(LABEL_SHOWN) == '"Срок: "'
        assert status.evaluate(LABEL_SHOWN) == '"Статус: "'
        assert card.bounding_box()["width"] <= page.viewport_size["width"]
    else:
        expect(plan.locator("thead")).to_be_visible()
        expect(plan.locator("thead th").nth(1)).to_have_text("Срок")
        assert due.evaluate(LABEL_SHOWN) == "none"
    ui.assert_on_screen(button)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= page.viewport_size["width"]

    ui.click(button)
    page.get_by_label("Результат").fill("Посетил два урока, обсудили приёмы.")
    ui.submit("Отметить выполненным")
    expect(page.locator(".alert").first).to_have_text("Мероприятие отмечено выполненным.")

    ui.goto(f"/s/{SLUG}/programs/my")
    card = page.get_by_test_id("plan").locator("tbody tr", has_text="Посещение уроков наставника")
    expect(card.locator("td[data-label='Статус']")).to_contain_text("Выполнено")
    expect(card).to_contain_text("Посетил два урока, обсудили приёмы.")
    expect(card.get_by_role("link", name="Отметить выполненным")).to_have_count(0)


def test_the_district_sees_how_many_activities_each_roadmap_template_has(page, ui, viewport):
    # The templates' table scrolled sideways on a phone: «Мероприятий» lay past the screen.
    ui.login(None, "methodist")
    ui.goto("/district/published/roadmaps/")
    years = page.get_by_test_id("template-years")
    published = years.locator("tbody tr", has_text="Опубликован")
    count = published.locator("td[data-label='Мероприятий']")
    expect(count).to_have_text(re.compile(r"^\d+$"))
    ui.assert_on_screen(count)
    if viewport == "phone":
        assert count.evaluate(LABEL_SHOWN) == '"Мероприятий: "'
        box = years.bounding_box()
        assert years.evaluate("el => el.parentElement.scrollWidth") <= box["width"] + 1
    else:
        expect(years.locator("thead th").nth(2)).to_have_text("Мероприятий")
