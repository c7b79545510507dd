"""Issue 14, «A new school knows where to start» (the menu) and «Phones».

The school's menu stands under a few headings instead of twenty links in four wrapped rows; the
current heading and page are marked (aria-current); the count of what waits stays in view; the
menu's text reads at WCAG AA (4.5:1, it was 2.36:1). Every page of every demo role's menu fits
a phone: no sideways scroll, no button beyond the screen's right edge."""

import re

import pytest
from playwright.sync_api import expect

DEMO_PASSWORD = "nastavnik-demo"  # the demo accounts' (README)

SLUG = "bachi-yurt"
HOME = re.compile(r"^Главная( \d+)?$")  # with the count of what waits, if any
HEADINGS = [HOME, "Люди", "Наставничество", "Документы", "Мониторинг", "Школа"]


def top_level(page):
    return page.locator("#nav-main > ul.navbar-nav > li > a")


def heading(page, name: str):
    return page.locator("#nav-main .dropdown-toggle", has_text=name)


def test_the_director_finds_the_register_under_people(page, ui, live_server, viewport):
    live_server.prepare_pair(SLUG, upto="drafted")  # an order waits for the director
    ui.login(SLUG, "director")

    expect(top_level(page)).to_have_text(HEADINGS)
    if viewport == "desktop":
        # One row of six, not four wrapped rows of twenty.
        tops = {round(box["y"]) for box in map(lambda a: a.bounding_box(), top_level(page).all())}
        assert len(tops) == 1, tops
    expect(page.locator("#nav-main a", has_text="Главная")).to_have_attribute(
        "aria-current", "page"
    )
    # Without scripts a heading leads to its first link.
    expect(heading(page, "Люди")).to_have_attribute("href", re.compile(r"/staff/$"))

    ui.open_menu()
    expect(page.get_by_test_id("waiting-count")).to_be_visible()
    register = page.locator("#nav-main").get_by_role(
        "link", name="Педагоги", exact=True, include_hidden=True
    )
    expect(register).to_be_hidden()
    heading(page, "Люди").click()
    people = page.locator("#nav-main .dropdown-menu.show a")
    expect(people).to_have_text(
        ["Педагоги", "Согласия", "Банк наставляемых", "Банк наставников", "Рабочая группа"]
    )
    ui.assert_on_screen(people.last)
    ui.click(register)
    expect(page).to_have_url(re.compile(rf"/s/{SLUG}/staff/$"))

    # The heading of the page shown is marked, and the page itself in its list.
    expect(heading(page, "Люди")).to_have_attribute("aria-current", "true")
    expect(heading(page, "Наставничество")).not_to_have_attribute("aria-current", re.compile("."))
    expect(register).to_have_attribute("aria-current", "page")
    ui.open_menu()
    expect(page.get_by_test_id("waiting-count")).to_be_visible()

    # A link the journeys follow by name opens its heading first.
    ui.follow("Приказы")
    expect(page).to_have_url(re.compile(rf"/s/{SLUG}/orders/$"))
    expect(heading(page, "Документы")).to_have_attribute("aria-current", "true")
    expect(heading(page, "Люди")).not_to_have_attribute("aria-current", re.compile("."))


# --- contrast -----------------------------------------------------------------------------

# Each visible text of the header: its colour, and the colour of the nearest box behind it
# that paints a background (the page's white when none does).
_COLOURS = """els => els.filter(el => el.offsetParent && el.innerText.trim()).map(el => {
    let back = el;
    while (back && getComputedStyle(back).backgroundColor.match(/[\\d.]+/g).length === 4
           && Number(getComputedStyle(back).backgroundColor.match(/[\\d.]+/g)[3]) === 0) {
        back = back.parentElement;
    }
    return [el.innerText.trim().split('\\n')[0], getComputedStyle(el).color,
            back ? getComputedStyle(back).backgroundColor : 'rgb(255, 255, 255)'];
})"""


def rgba(css: str) -> tuple[float, float, float, float]:
    parts = [float(p) for p in re.findall(r"[\d.]+", css)]
    return (*parts[:3], parts[3] if len(parts) == 4 else 1.0)


def luminance(rgb) -> float:
    def linear(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fore: str, back: str) -> float:
    """WCAG 2 contrast ratio of a text colour (maybe translucent) over an opaque background."""
    *f, alpha = rgba(fore)
    b = rgba(back)[:3]
    seen = [alpha * x + (1 - alpha) * y for x, y in zip(f, b)]
    light, dark = sorted((luminance(seen), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_computation_matches_the_known_figures():
    # Bootstrap's .55 white on its primary blue: the 2.36:1 the issue measured; black on white.
    assert round(contrast("rgba(255, 255, 255, 0.55)", "rgb(13, 110, 253)"), 2) == 2.36
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 1) == 21.0


def assert_readable(page, selector: str) -> int:
    found = page.locator(selector).evaluate_all(_COLOURS)
    poor = [(text, round(contrast(fore, back), 2)) for text, fore, back in found]
    poor = [(text, ratio) for text, ratio in poor if ratio < 4.5]
    assert not poor, f"Контраст ниже 4.5:1 ({page.url}): {poor}"
    return len(found)


def test_the_menu_reads_at_wcag_aa(page, ui):
    ui.login(SLUG, "curator")
    ui.goto(f"/s/{SLUG}/staff/")  # a page of «Люди»: its heading and link are marked
    ui.open_menu()
    header = "#nav-main a.nav-link, #nav-main .navbar-text, #nav-main .navbar-text span"
    header += ", .navbar-brand"
    assert assert_readable(page, header) >= 6
    heading(page, "Люди").click()
    assert assert_readable(page, "#nav-main .dropdown-menu.show a") == 5  # «Педагоги» marked


# --- every menu page on a phone -------------------------------------------------------------

ROLES = [
    ("school", "director"),
    ("school", "curator"),
    ("school", "coordinator"),
    ("school", "mentor1"),
    ("school", "mentee1"),
    ("school", "psychologist"),
    ("district", "district"),
    ("district", "methodist"),
]

_STICKING_OUT = """() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('main .btn, main button, main input, main select')]
        .filter(el => el.offsetParent && el.getBoundingClientRect().right > width + 1)
        .map(el => (el.innerText || el.value || el.name || el.tagName).trim().slice(0, 40));
}"""


@pytest.mark.parametrize("viewport", ["phone"])
@pytest.mark.parametrize(("area", "login"), ROLES)
def test_every_menu_page_fits_a_phone(page, ui, area, login):
    if area == "school":
        ui.login(SLUG, login)
    else:
        ui.login(None, login)
    links = page.locator("#nav-main a.nav-link:not(.dropdown-toggle), #nav-main .dropdown-item")
    paths = sorted(set(links.evaluate_all("els => els.map(a => a.getAttribute('href'))")))
    assert len(paths) >= 3, paths
    for path in paths:
        assert page.goto(path).ok, path
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 390, (path, width)
        assert page.evaluate(_STICKING_OUT) == [], path
