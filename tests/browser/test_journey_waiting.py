"""Journey: the director finds the order waiting for her signature on the home page, with the
count in the menu, follows its link, signs it, and it is no longer waiting. On a desktop and on
a phone (390×844)."""

import re

from playwright.sync_api import expect

SLUG = "kurchaloy-2"


def test_the_director_signs_the_order_announced_on_the_home_page(page, ui, live_server):
    pair = live_server.prepare_pair(SLUG, upto="drafted")
    ui.login(SLUG, "director")
    waiting = page.get_by_test_id("waiting")
    expect(waiting.get_by_role("heading")).to_contain_text("Ждёт вашего решения")
    item = waiting.get_by_test_id("waiting-item").filter(
        has=page.locator(f"a[href$='/orders/{pair.order_id}']")
    )
    expect(item).to_contain_text(
        "Приказ «О закреплении наставнических пар/групп» ждёт вашей подписи"
    )
    count = int(waiting.locator(".badge").inner_text())
    ui.open_menu()
    expect(page.get_by_test_id("waiting-count")).to_have_text(str(count))

    ui.click(item.get_by_role("link", name=re.compile("^Подписать")))
    page.get_by_label("Номер приказа").fill(f"{pair.number}-од")
    ui.submit("Записать номер и дату: приказ подписан")
    expect(page.locator(".alert").first).to_contain_text("подписан")

    ui.follow("Главная", exact=True)
    expect(page.locator(f"[data-testid=waiting] a[href$='/orders/{pair.order_id}']")).to_have_count(
        0
    )
    if count > 1:
        ui.open_menu()
        expect(page.get_by_test_id("waiting-count")).to_have_text(str(count - 1))
    else:
        expect(page.get_by_test_id("waiting-count")).to_have_count(0)
    ui.logout()
