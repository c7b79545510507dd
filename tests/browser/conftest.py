"""Browser journeys: Debian's Chromium, driven by Playwright, against the app behind waitress.

Each test module gets its own server on a free loopback port, over a fresh SQLite file brought
up by the migrations and filled with the demo district. Each test runs twice: on a desktop and
on a phone-sized screen. A test fails on any JavaScript error (CSP violations included), any
failed page asset, any alert() (an injected script ran) and, on each screen it visits, any
English word or a page wider than the screen, and any «serious» or «critical» accessibility
violation axe-core finds (WCAG 2 A and AA, once per page address in a test); its last screen is
kept as a screenshot under test-output/browser/.

axe-core is the npm package of tests/browser/package.json, installed by `npm ci` from
`make install-test` (no download while the tests run).
"""

import itertools
import os
import re
import shutil
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--lang=ru",  # the browser's own words (file inputs, date pickers), given chromium-l10n
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
HERE = Path(__file__).resolve().parent
SCREENSHOTS = HERE.parents[1] / "test-output" / "browser"

VIEWPORTS = {
    "desktop": {"viewport": {"width": 1366, "height": 800}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}
ASSET_TYPES = {"stylesheet", "script", "image", "font"}
AXE_SCRIPT = HERE / "node_modules" / "axe-core" / "axe.min.js"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # Before `-m` deselects: every test in this folder drives a browser.
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


# --- the app behind a real WSGI server -------------------------------------------------------


# The teachers prepare_pair() adds, named anew each time (with serial()'s letters): both
# viewports, and every test of a module, share the module's database.
MENTOR_NAME = ("Исраилов", "Адам", "Русланович")
MENTEE_NAME = ("Садулаева", "Хава", "Ибрагимовна")
_SERIAL = itertools.count(1)
_LETTERS = "АБВГДЕЖЗИКЛМНПРСТУФХЦЧШЭЮЯ"


def serial() -> tuple[int, str]:
    """A number new in this test run, and the same number in Russian capitals (1 → «А»)."""
    number = left = next(_SERIAL)
    tag = ""
    while left:
        left, digit = divmod(left - 1, len(_LETTERS))
        tag = _LETTERS[digit] + tag
    return number, tag


@dataclass
class Teacher:
    staff_id: int
    name: str  # full name, as most screens show it
    short: str  # «Исраилов-А А.Р.», as lists of pairs show it
    login: str = ""
    password: str = ""


@dataclass
class Pair:
    number: int  # from serial(), for logins and order numbers of the journey
    mentor: Teacher
    mentee: Teacher
    pairing_id: int
    order_id: int
    order_number: str = ""
    program_id: int | None = None
    program_title: str = ""
    ends_on: date | None = None


@dataclass
class LiveServer:
    app: object
    url: str

    def school_id(self, slug: str) -> int:
        from sqlalchemy import select

        from nastavnik.extensions import db
        from nastavnik.models import School

        with self.app.app_context():
            return db.session.execute(select(School.id).where(School.slug == slug)).scalar_one()

    def accounts(self, slug: str) -> dict[str, tuple[int, str]]:
        """The accounts of one school, login → (id, full name), read as that school would."""
        from sqlalchemy import select

        from nastavnik.extensions import db
        from nastavnik.models import Account
        from nastavnik.tenancy import Scope, scoped

        school_id = self.school_id(slug)
        with self.app.app_context(), scoped(Scope.school(school_id)):
            rows = db.session.execute(select(Account.login, Account.id, Account.full_name))
            return {login: (ident, name) for login, ident, name in rows}

    @contextmanager
    def in_school(self, slug: str):
        """Inside one school's data, as its own request would be; committed at the end."""
        from nastavnik.extensions import db
        from nastavnik.tenancy import Scope, scoped

        school_id = self.school_id(slug)
        with self.app.app_context(), scoped(Scope.school(school_id)):
            yield db.session
            db.session.commit()

    def count(self, slug: str, model) -> int:
        """How many rows of one of the school's tables there are now."""
        from sqlalchemy import func, select

        with self.in_school(slug) as session:
            return session.execute(select(func.count()).select_from(model)).scalar_one()

    def prepare_pair(self, slug: str, upto: str = "program", accounts: bool = False) -> Pair:
        """Two new teachers of the school, as far along as a journey needs to find them.

        upto: "drafted" (a proposed pair with everyone's consents, in a draft order),
        "approved" (the order signed) or "program" (a program of 3 months running from today).
        Made through the services the screens use, so the journey starts where it matters.
        With `accounts`, both teachers can log in (login and password in the Teacher).
        """
        from sqlalchemy import select

        from nastavnik.accounts.services import create_account
        from nastavnik.dates import today
        from nastavnik.models import Account
        from nastavnik.tenants.banks import services as banks
        from nastavnik.tenants.consents import services as consents
        from nastavnik.tenants.orders import services as orders
        from nastavnik.tenants.pairings import services as pairings
        from nastavnik.tenants.programs import plan as programs
        from nastavnik.tenants.programs.term import term_end
        from nastavnik.tenants.staff import services as staff

        assert upto in ("drafted", "approved", "program"), upto
        on = today()
        number, tag = serial()
        school_id = self.school_id(slug)
        with self.in_school(slug) as session:
            curator, director = (
                session.execute(select(Account).where(Account.login == login)).scalar_one()
                for login in ("curator", "director")
            )
            people, teachers = {}, {}
            for role, (last, first, middle), years in (
                ("mentor", MENTOR_NAME, 19),
                ("mentee", MENTEE_NAME, 1),
            ):
                person = people[role] = staff.create_staff(
                    last_name=f"{last}-{tag}",
                    first_name=first,
                    middle_name=middle,
                    position="учитель истории",
                    subjects="история",
                    total_years=years + 1,
                    teaching_years=years,
                    category="first",
                    hired_on=on - timedelta(days=365 * years + 30),
                    phone="",
                    email="",
                )
                consents.record_consent(
                    person, "personal_data", signed_on=on, paper_number=f"ПДн-{tag}"
                )
                teachers[role] = Teacher(person.id, person.full_name, person.short_name)
                if accounts:
                    login, password = f"{role}-{number}", f"пароль-{role}-{number}"
                    person.account_id = create_account(
                        school_id, login, person.full_name, [role], password, False
                    ).id
                    teachers[role].login, teachers[role].password = login, password
            mentor, mentee = people["mentor"], people["mentee"]
            consents.record_consent(mentor, "mentor_duty", signed_on=on, paper_number=f"Н-{tag}")
            banks.add_mentor(mentor.id, ("methods", "lessons"), 2, ("traditional",), False, on)
            banks.add_mentee(mentee.id, "young", ("methods",), "Дисциплина на уроке", on)
            pairing = pairings.create_pairing(mentor.id, [mentee.id], "traditional", on)
            pairings.record_consents(pairing, on, {mentee.id: on})
            order = orders.draft_pairings_order([pairing.id], on, curator)
            pair = Pair(number, teachers["mentor"], teachers["mentee"], pairing.id, order.id)
            if upto in ("approved", "program"):
                pair.order_number = f"{number}-од"
                orders.sign_pairings_order(order, pair.order_number, on, director)
            if upto == "program":
                program = programs.create_program(
                    pairing,
                    f"Программа пары {tag}",
                    "Освоить приёмы управления классом.",
                    ("methods",),
                    "",
                    ("traditional",),
                    "Уроки без нарушений дисциплины.",
                    on,
                    term_end(on, 3),
                    [
                        {
                            "title": "Посещение уроков наставника",
                            "due_on": on + timedelta(days=14),
                            "responsible": "Наставляемый",
                        },
                        {
                            "title": "Открытый урок",
                            "due_on": on + timedelta(days=60),
                            "responsible": "Наставляемый",
                        },
                    ],
                )
                pair.program_id = program.id
                pair.program_title = program.title
                pair.ends_on = program.ends_on
        return pair


@pytest.fixture(scope="module")
def live_server():
    import waitress
    from flask_migrate import upgrade

    from nastavnik.admin.demo.seed import seed_demo
    from nastavnik.app import create_app
    from nastavnik.extensions import db

    folder = Path(tempfile.mkdtemp(prefix="nastavnik-browser-"))
    app = create_app(
        {
            "SECRET_KEY": "browser-tests-secret-key",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'browser.db'}",
            "UPLOAD_FOLDER": str(folder / "uploads"),
            # CSRF stays on: the browser sends the tokens as a person's would.
            "ARGON2_TIME_COST": 1,
            "ARGON2_MEMORY_COST": 1024,
        }
    )
    with app.app_context():
        upgrade()  # the migrations, as on a real server
        seed_demo()
        db.session.remove()
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, name="waitress", daemon=True)
    thread.start()
    yield LiveServer(app, f"http://127.0.0.1:{server.effective_port}")
    server.close()
    thread.join(timeout=5)
    with app.app_context():
        db.engine.dispose()
    shutil.rmtree(folder, ignore_errors=True)


# --- the browser ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = (
            f"Chromium не найден ({CHROMIUM}): apt-get install chromium / "
            f"Chromium not found at {CHROMIUM}: apt-get install chromium"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        # Under CI a browser that cannot start fails the run: no skip here.
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


ABORTED = "net::ERR_ABORTED"
TAB_ICON = "/assets/favicon."  # <link rel="icon">, fingerprinted


@dataclass
class Problems:
    """What went wrong in the page, besides what the test itself checks."""

    console: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    bad_assets: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    # A link that gives a file ends its request in a download, which Chromium calls aborted.
    downloads: set[str] = field(default_factory=set)
    # Navigations of the page so far, and whether the test is over (its context closing):
    # Chromium aborts what a page was still loading when the next page starts or the tab
    # closes; that is the browser leaving, not a request that failed. The tab's icon is
    # the browser's own fetch, which it also drops and starts again when a link gives a
    # download (seen in CI); a missing icon is still caught by its status, as any asset.
    navigations: int = 0
    closing: bool = False

    def request_failed(self, url: str, failure: str | None, started_at: int) -> None:
        left = self.closing or self.navigations > started_at
        tab_icon = urlsplit(url).path.startswith(TAB_ICON)
        if failure == ABORTED and (left or tab_icon):
            return
        self.failed_requests.append(f"{url} ({failure})")

    def report(self) -> list[str]:
        downloaded = {f"{url} ({ABORTED})" for url in self.downloads}
        failed = [m for m in self.failed_requests if m not in downloaded]
        return [
            *(f"console: {m}" for m in self.console),
            *(f"JavaScript: {m}" for m in self.page_errors),
            *(f"request failed: {m}" for m in failed),
            *(f"asset: {m}" for m in self.bad_assets),
            *(f"dialog (injected script?): {m}" for m in self.dialogs),
        ]


def watch(page, problems: Problems) -> None:
    documents_with_errors: set[str] = set()

    def on_console(message):
        if message.type != "error":
            return
        # A page a test expects to be refused (404, 403, 429) is logged by Chromium as a
        # failed load; that is not a problem of the page. Assets are checked on their own.
        url = (message.location or {}).get("url", "")
        if message.text.startswith("Failed to load resource") and url in documents_with_errors:
            return
        problems.console.append(f"{message.text} ({url})")

    def on_response(response):
        if response.status < 400:
            return
        kind = response.request.resource_type
        if kind in ASSET_TYPES:
            problems.bad_assets.append(f"{response.status} {kind} {response.url}")
        elif kind == "document":
            documents_with_errors.add(response.url)

    started_at: dict = {}

    def on_request(request):
        if request.is_navigation_request() and request.frame.parent_frame is None:
            problems.navigations += 1
        started_at[request] = problems.navigations

    def on_request_failed(request):
        problems.request_failed(request.url, request.failure, started_at.get(request, 0))

    def on_dialog(dialog):
        problems.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.page_errors.append(str(error)))
    page.on("response", on_response)
    page.on("request", on_request)
    page.on("requestfailed", on_request_failed)
    page.on("dialog", on_dialog)
    page.on("download", lambda download: problems.downloads.add(download.url))


# The rules of WCAG 2.0/2.1 at levels A and AA; what a person would be stopped by.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_IMPACTS = {"serious", "critical"}
# Left out, rule → the part of the page it is not checked in, for now.
# Rules left unchecked on part of a page (rule → CSS selector); none: the menu's contrast, once
# 2.36:1, is fixed (tests/browser/test_journey_menu.py measures it).
AXE_SKIP: dict[str, str] = {}
_AXE_RUN = """async ([options, skip]) => {
    const result = await axe.run(document, options);
    const skipped = (rule, node) => skip[rule] && node.element && node.element.closest(skip[rule]);
    return result.violations.map(v => ({
        rule: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.filter(n => !skipped(v.id, n)).map(n => n.target.join(' ')),
    })).filter(v => v.targets.length);
}"""


@dataclass
class Accessibility:
    """axe-core run once on each page address a test visits; what it found, page by page."""

    checked: set[str] = field(default_factory=set)
    violations: list[str] = field(default_factory=list)

    def scan(self, page) -> None:
        url = page.url.split("#", 1)[0]
        if url in self.checked or not url.startswith("http"):
            return
        self.checked.add(url)
        # evaluate(), not a <script> tag: the site's CSP (script-src 'self') would refuse an
        # inline script, and the test must not loosen the CSP it checks.
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(_axe_source())
        options = {
            "runOnly": {"type": "tag", "values": AXE_TAGS},
            "resultTypes": ["violations"],
            "elementRef": True,
        }
        for v in page.evaluate(_AXE_RUN, [options, AXE_SKIP]):
            if v["impact"] in AXE_IMPACTS:
                targets = ", ".join(v["targets"][:5])
                more = f" и ещё {len(v['targets']) - 5}" if len(v["targets"]) > 5 else ""
                self.violations.append(
                    f"{v['rule']} ({v['impact']}: {v['help']}) — {targets}{more} — {url}"
                )


_AXE_SOURCE: list[str] = []


def _axe_source() -> str:
    if not _AXE_SOURCE:
        if not AXE_SCRIPT.exists():
            pytest.fail(
                f"axe-core не установлен ({AXE_SCRIPT}): make install-test (npm ci в tests/browser)"
            )
        _AXE_SOURCE.append(AXE_SCRIPT.read_text(encoding="utf-8"))
    return _AXE_SOURCE[0]


@pytest.fixture
def accessibility() -> Accessibility:
    return Accessibility()


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request) -> str:
    return request.param


@pytest.fixture
def problems() -> Problems:
    return Problems()


@pytest.fixture
def page(browser, live_server, viewport, problems, accessibility, request):
    # Reduced motion: Bootstrap's smooth scrolling would make every click below the fold wait
    # about a second for the button to hold still.
    context = browser.new_context(
        base_url=live_server.url, locale="ru-RU", reduced_motion="reduce", **VIEWPORTS[viewport]
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    watch(page, problems)
    yield page
    try:  # the last screen, if the journey did not check it itself
        accessibility.scan(page)
    except PlaywrightError as error:
        problems.page_errors.append(f"axe-core: {error}")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.originalname)
    path = str(SCREENSHOTS / f"{name}-{viewport}.png")
    try:
        page.screenshot(path=path, full_page=True)
    except PlaywrightError:  # a huge page (one that overflows badly): its first screen only
        page.screenshot(path=path)
    finally:
        problems.closing = True
        context.close()
    found = problems.report()
    assert not found, "В браузере были ошибки:\n" + "\n".join(found)
    found = sorted(set(accessibility.violations))
    assert not found, "Нарушения доступности (axe-core):\n" + "\n".join(found)


# --- helpers for the journeys ----------------------------------------------------------------

DEMO_PASSWORD = "nastavnik-demo"

# Latin words that may be on a Russian screen: the demo's logins and school addresses, the
# system's own name, file formats. Everything else of three or more Latin letters is English.
ALLOWED_LATIN = {
    "director",
    "curator",
    "coordinator",
    "mentor",
    "mentee",
    "psychologist",
    "district",
    "methodist",
    "ilskhan",
    "yurt",
    "mairtup",
    "geldagan",
    "kurchaloy",
    "tsotsi",
    "bachi",
    "dzhigurty",
    "yalkhoy",
    "mokhk",
    "regita",
    "nastavnik",
    "pedagog",  # the login an erased teacher's account is given: «pedagog-17»
    "demo",
    "xlsx",
    "xls",
    "csv",
    "json",
    "ods",
    "libreoffice",
    "docx",
    "pptx",
    "ics",
    "pdf",
    "jpg",
    "jpeg",
    "png",
    "excel",
    "word",
    "office",
}
_URL_OR_EMAIL = re.compile(r"\b(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def english_words(text: str) -> list[str]:
    text = _URL_OR_EMAIL.sub(" ", text)
    return [w for w in _LATIN_WORD.findall(text) if w.lower() not in ALLOWED_LATIN]


def assert_russian(page, typed=()) -> None:
    """No English word on the visible screen (a generated one-time password is not a word,
    nor is what the test itself typed, shown back as text)."""
    text = page.inner_text("body")
    for secret in page.locator("[data-testid=one-time-password]").all_inner_texts():
        text = text.replace(secret, " ")
    for own in typed:
        text = text.replace(own, " ")
    found = english_words(text)
    assert not found, f"Английские слова на странице {page.url}: {sorted(set(found))}"


_WIDER_THAN_SCREEN = """() => {
    const width = document.documentElement.clientWidth;
    const total = document.documentElement.scrollWidth;
    if (total <= width + 1) return [];
    const name = el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '');
    const all = [...document.querySelectorAll('body *')];
    const sticking_out = all.filter(el => el.getBoundingClientRect().right > width + 1);
    const overflowing = all.filter(el => el.scrollWidth > el.clientWidth + 1);
    return [`${total} > ${width}`, ...(sticking_out.length ? sticking_out : overflowing)
        .slice(0, 5).map(name)];
}"""


def assert_fits_the_screen(page) -> None:
    """The page never scrolls sideways (wide tables scroll inside .table-responsive)."""
    wider = page.evaluate(_WIDER_THAN_SCREEN)
    assert not wider, f"Страница шире экрана ({page.url}): {wider}"


class Ui:
    """A person's steps on the site, each screen checked to be Russian."""

    def __init__(self, page, accessibility: Accessibility | None = None):
        self.page = page
        self.typed: list[str] = []
        self.accessibility = accessibility or Accessibility()

    def check(self) -> None:
        assert_russian(self.page, self.typed)
        assert_fits_the_screen(self.page)
        self.accessibility.scan(self.page)

    def assert_on_screen(self, target) -> None:
        """The element is within the screen once scrolled to: nothing of it sideways."""
        target.scroll_into_view_if_needed()
        box = target.bounding_box()
        screen = self.page.viewport_size
        assert box["x"] >= 0 and box["x"] + box["width"] <= screen["width"], (box, screen)
        assert box["y"] >= 0 and box["y"] + box["height"] <= screen["height"], (box, screen)

    def goto(self, path: str):
        response = self.page.goto(path)
        self.check()
        return response

    def open_menu(self) -> None:
        """On a narrow screen the menu hides behind the navbar toggler: open it."""
        toggler = self.page.locator(".navbar-toggler")
        if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
            toggler.click()
            self.page.locator("#nav-main.show").wait_for()

    def login(self, slug: str | None, user: str, password: str = DEMO_PASSWORD) -> None:
        """Signs in at a school's login page, or at the district's when `slug` is None."""
        self.goto("/district/login" if slug is None else f"/s/{slug}/login")
        self.page.get_by_label("Логин").fill(user)
        self.page.get_by_label("Пароль", exact=True).fill(password)
        self.click(self.page.get_by_role("button", name="Войти"))

    def logout(self) -> None:
        self.open_menu()
        self.click(self.page.get_by_role("button", name="Выйти"))

    def shown_as_typed(self, *texts: str) -> None:
        """Hostile text the test types and expects back on the screen as plain text: it is
        the user's, not the site's English."""
        self.typed.extend(texts)

    def force_fill(self, field, text: str) -> None:
        """Fill past the field's maxlength, as a hostile user editing the page would."""
        field.evaluate("el => el.removeAttribute('maxlength')")
        field.fill(text)

    def field_errors(self, name: str) -> list[str]:
        """The error messages shown beside one form field (Bootstrap's invalid-feedback):
        in the field's own block, or in its cell when the field is a row of a table."""
        return self.page.evaluate(_ERRORS_BESIDE, name)

    def form_errors(self) -> list[str]:
        """The messages of the form as a whole, in the block above its fields."""
        errors = self.page.get_by_test_id("form-errors").locator("div")
        return [t.strip() for t in errors.all_inner_texts()]

    def submit(self, button: str) -> None:
        """Sends the form by its button and checks the screen that comes back."""
        self.click(self.page.get_by_role("button", name=button))

    def follow(self, link: str, exact: bool = False) -> None:
        """Follows a link by its text. A link named exactly so wins over those that only
        contain the words («Педагоги» over a document «…педагогических работников» of the
        normative base), wherever it is: on the screen, in the menu behind the phone's
        toggler, or under a heading of the menu (which is then opened)."""
        for whole in (True,) if exact else (True, False):
            target = self.visible_link(link, whole)
            if target is None and self.page.locator(".navbar-toggler").is_visible():
                self.open_menu()
                target = self.visible_link(link, whole)
            if target is None:
                in_section = self.page.locator("#nav-main .dropdown-menu").get_by_role(
                    "link", name=link, exact=whole, include_hidden=True
                )
                if in_section.count():
                    target = in_section.first
                    self.open_section_of(target)
            if target is not None:
                self.click(target)
                return
        raise AssertionError(f"Нет ссылки «{link}» на странице {self.page.url}")

    def visible_link(self, link: str, exact: bool):
        found = self.page.get_by_role("link", name=link, exact=exact)
        return found.first if found.count() else None

    def open_section_of(self, link) -> None:
        """Opens the menu's section (a dropdown) that holds the link, if it is in one."""
        section = link.locator("xpath=ancestor::li[contains(@class, 'dropdown')]")
        if section.count():
            toggle = section.locator(":scope > .dropdown-toggle")
            if toggle.get_attribute("aria-expanded") != "true":
                toggle.click()
            link.wait_for(state="visible")

    def click(self, target) -> None:
        """Clicks what leads to another page, waits for that page and checks it. (Waiting
        for the load state alone may catch the old page, before the new one has begun.)"""
        with self.page.expect_navigation():
            target.click()
        self.check()

    def download(self, link: str) -> bytes:
        """The file a link gives, as the browser saved it."""
        with self.page.expect_download() as started:
            self.page.get_by_role("link", name=link).click()
        return Path(started.value.path()).read_bytes()


_ERRORS_BESIDE = """name => {
    const field = document.querySelector(`form [name="${name}"]`);
    if (!field) return [`нет поля ${name}`];
    const block = field.closest('td, .mb-3, [data-field], fieldset');
    return [...block.querySelectorAll('.invalid-feedback')].map(e => e.innerText.trim());
}"""


@pytest.fixture(name="serial")
def serial_fixture():
    """serial() for the journeys: a new number and its Russian letters, for unique names."""
    return serial


@pytest.fixture
def ui(page, accessibility) -> Ui:
    return Ui(page, accessibility)


@pytest.fixture(name="assert_russian")
def assert_russian_fixture():
    return assert_russian
