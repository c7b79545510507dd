"""Light pages in a real Chromium (issue 8): what the first visit and the next page transfer."""

from playwright.sync_api import expect

WIRE = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const assets = performance.getEntriesByType('resource');
  return {
    page: nav.transferSize,
    assets: assets.reduce((sum, e) => sum + e.transferSize, 0),
    fetched: assets.filter(e => e.transferSize > 0).map(e => e.name),
  };
}"""


def test_the_first_visit_is_light_and_the_next_page_asks_for_no_asset(page, ui):
    ui.goto("/s/mairtup-1/login")
    first = page.evaluate(WIRE)
    assert first["page"] + first["assets"] <= 100 * 1024, first
    assert first["fetched"], "стили и скрипты загружены"

    page.get_by_label("Логин").fill("curator")
    page.get_by_label("Пароль").fill("nastavnik-demo")
    ui.submit("Войти")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    second = page.evaluate(WIRE)
    # Every asset comes from the browser's cache, unasked (immutable): nothing on the wire.
    assert second["fetched"] == [], second
    assert second["page"] <= 15 * 1024, second
