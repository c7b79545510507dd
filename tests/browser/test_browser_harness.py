"""The harness itself: a clean page passes, and what must fail a journey is really caught."""

import re

import pytest


def test_portal_page_loads_with_its_styles_and_scripts_and_no_errors(page, problems, ui):
    response = ui.goto("/")

    assert response.status == 200
    # Bootstrap's stylesheet and script came from the server itself (no CDN) and work.
    assert page.evaluate("typeof window.bootstrap") == "object"
    navbar = page.locator("nav.navbar")
    assert navbar.evaluate("el => getComputedStyle(el).display") == "flex"
    assert not problems.report()


def test_script_errors_missing_assets_csp_violations_and_alerts_are_caught(page, problems, ui):
    ui.goto("/")

    page.evaluate(
        """() => {
            const img = document.createElement('img');
            img.src = '/static/no-such-picture.png';
            document.body.appendChild(img);
            document.body.insertAdjacentHTML('beforeend', '<p style="color: red">в обход CSP</p>');
            setTimeout(() => { throw new Error('сломанный скрипт'); });
            setTimeout(() => alert('внедрённый скрипт'));
        }"""
    )
    page.wait_for_timeout(500)

    assert any("no-such-picture.png" in m for m in problems.bad_assets)
    assert any("Content Security Policy" in m for m in problems.console)
    assert any("сломанный скрипт" in m for m in problems.page_errors)
    assert any("внедрённый скрипт" in m for m in problems.dialogs)
    # Caught as meant; cleared so that this test itself passes its teardown check.
    problems.__init__()


def test_a_page_wider_than_the_screen_is_caught(page, ui):
    ui.goto("/")
    ui.check()

    page.evaluate(
        """() => document.querySelector('main').insertAdjacentHTML(
            'beforeend', '<p class="text-nowrap">' + 'очень-длинное-слово-'.repeat(200) + '</p>')"""
    )
    with pytest.raises(AssertionError, match="Страница шире экрана"):
        ui.check()
    page.goto("/")  # the last screen, kept as the screenshot, is a proper one


def test_an_asset_that_fails_to_arrive_is_caught(page, problems, ui):
    page.route("**/app.*css", lambda route: route.abort())  # /assets/app.<hash>.css
    ui.goto("/")

    assert any(re.search(r"/app\.[0-9a-f]+\.css", m) for m in problems.failed_requests)
    problems.__init__()


def test_an_asset_aborted_while_the_page_stays_is_caught(page, problems, ui):
    page.route("**/app.*css", lambda route: route.abort("aborted"))
    ui.goto("/")

    assert any(re.search(r"/app\.[0-9a-f]+\.css.*ERR_ABORTED", m) for m in problems.report())
    problems.__init__()


def test_what_the_browser_drops_when_the_next_page_starts_is_not_a_problem(page, problems, ui):
    held = []  # a picture's request, never answered: still loading when the next page starts
    page.route("**/held-picture.png", lambda route: held.append(route))
    ui.goto("/")
    page.evaluate(
        """() => document.body.insertAdjacentHTML('beforeend',
            '<img src="/static/held-picture.png" alt="">')"""
    )
    page.wait_for_timeout(300)
    assert held, "the page asked for the picture"

    dropped = []
    page.on("requestfailed", lambda request: dropped.append((request.url, request.failure)))
    ui.goto("/district/login")

    assert [failure for url, failure in dropped if "held-picture" in url] == ["net::ERR_ABORTED"]
    assert not problems.report()


def test_which_failed_requests_are_the_browser_leaving_and_which_are_problems():
    from .conftest import Problems

    problems = Problems(navigations=3)
    icon, picture = "http://127.0.0.1:5000/assets/favicon.f9d136f031e4.svg", "http://x/p.png"
    problems.request_failed(picture, "net::ERR_ABORTED", started_at=2)  # the next page started
    problems.request_failed(icon, "net::ERR_ABORTED", started_at=3)  # the tab's icon, dropped
    assert problems.report() == []

    problems.request_failed(picture, "net::ERR_ABORTED", started_at=3)  # the page stayed
    problems.request_failed(icon, "net::ERR_FAILED", started_at=3)  # the icon did not arrive
    problems.request_failed(picture, "net::ERR_CONNECTION_RESET", started_at=2)
    assert problems.report() == [
        f"request failed: {picture} (net::ERR_ABORTED)",
        f"request failed: {icon} (net::ERR_FAILED)",
        f"request failed: {picture} (net::ERR_CONNECTION_RESET)",
    ]

    problems = Problems(navigations=3, closing=True)  # the test is over, its tab closing
    problems.request_failed(picture, "net::ERR_ABORTED", started_at=3)
    assert problems.report() == []


def test_an_expected_error_page_is_not_a_problem_of_the_page(page, problems, ui):
    response = ui.goto("/s/mairtup-1/no-such-page")

    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Страница не найдена"
    assert not problems.report()


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("Сохранить Save", ["Save"]),
        ("Войти · Log in", ["Log"]),
        ("Поле обязательно. This field is required.", ["This", "field", "required"]),
        ("Логин curator, школа mairtup-1, файл отчёт.xlsx, формат PDF", []),
        ("Пишите на info@kurchaloy-edu.ru или https://example.org/page", []),
        ("Наставник · МБОУ «Майртупская СШ № 1» · 30 августа 2023 г.", []),
    ],
)
def test_assert_russian_finds_english_words_only(assert_russian, text, english):
    class FakePage:
        url = "/пример"

        def inner_text(self, selector):
            return text

        def locator(self, selector):
            class Nothing:
                def all_inner_texts(self):
                    return []

            return Nothing()

    if english:
        with pytest.raises(AssertionError) as caught:
            assert_russian(FakePage())
        for word in english:
            assert word in str(caught.value)
    else:
        assert_russian(FakePage())


def test_an_accessibility_violation_is_caught_once_per_page(page, ui, accessibility):
    ui.goto("/")
    assert accessibility.violations == []  # the portal itself has none

    page.evaluate(
        """() => document.querySelector('main').insertAdjacentHTML('beforeend',
            '<img src="/static/favicon.svg" width="16" height="16">'
            + '<p class="text-white">Бледный текст</p>')"""
    )
    ui.check()  # the same address: not scanned again
    assert accessibility.violations == []
    accessibility.checked.clear()
    ui.check()

    found = " ".join(accessibility.violations)
    assert "image-alt (critical" in found and "color-contrast (serious" in found, found
    assert all(v.endswith(page.url) for v in accessibility.violations)
    accessibility.violations.clear()  # caught as meant
    page.goto("/")
