"""The school's public section (8.1): only published material, names only with consent.

A school is built with everything that must never be public — drafts, an unpublished result,
people without consent to publication (or who withdrew it), phones, e-mail addresses,
difficulties and requests, a non-public order — and every public page and every link found
there is read, as a visitor would, without logging in.
"""

import re
from datetime import date
from html.parser import HTMLParser
from io import BytesIO
from urllib.parse import urljoin, urlsplit

import pytest
from werkzeug.datastructures import FileStorage

from nastavnik.markup import render_markdown

PHONE = "+7 (928) 123-45-67"
EMAIL = "nastavnik.secret@example.ru"
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE_RE = re.compile(r"\+?\d[\d\s()-]{8,}\d")

NEVER = {
    "draft post": "ЧерновикНовости",
    "withdrawn post": "СнятаяНовость",
    "unpublished result": "НеопубликованныйРезультат",
    "unnamed mentor": "Закрытов",
    "unnamed mentee": "Затруднённова",
    "unnamed coordinator": "Скрытова",
    "revoked publication": "Отозвавшая",
    "data consent revoked": "Скрытая",
    "difficulties": "СекретноеЗатруднение",
    "program goals": "ЦельПрограммыВнутренняя",
    "non-public order": "НепубличныйПриказ",
    "draft order": "ПроектПриказа",
    "draft practice": "ЧерновикПрактики",
    "returned practice": "ВозвращённаяПрактика",
    "withdrawn practice": "СнятаяПрактика",
}
SHOWN = {
    "named curator": "Куратова Именная Алиевна",
    "named mentor": "Открытов Адам Русланович",
    "named mentee": "Согласнова Хава Ибрагимовна",
    "running program": "ТекущаяПрограмма",
    "published result": "ОпубликованныйРезультат",
    "published news": "ОпубликованнаяНовость",
    "public order": "ПубличныйПриказ",
    "district order": "131-од",
    "federal law": "273-ФЗ",
    "published practice": "ОпубликованнаяПрактика",
    "shared practice": "ОбщаяПрактика",
    "an author without consent": "автор — педагог школы",
    "a practice's file": "%PDF-1.4",
}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href:
            self.links.append(href)


def links_of(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def crawl(app, slug: str) -> dict[str, str]:
    """Every page (and file) reachable from the section's front page without logging in,
    staying on this site and out of the staff's login pages."""
    client = app.test_client()
    start = f"/s/{slug}/public/"
    seen: dict[str, str] = {}
    queue = [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
        seen[url] = body if body else response.get_data().decode("utf-8", "replace")
        for href in links_of(body):
            target = urlsplit(urljoin(url, href))
            if target.netloc or "/login" in target.path:
                continue
            if target.path.startswith((f"/s/{slug}/public", "/practices/")):
                queue.append(target.path)
    return seen


def person(make, school, last, first, middle, publication=False, **fields):
    fields.setdefault("phone", PHONE)
    fields.setdefault("email", EMAIL)
    staff = make.consenting_staff(
        school, last_name=last, first_name=first, middle_name=middle, **fields
    )
    if publication:
        make.consent(school, staff, kind="publication")
    return staff


@pytest.fixture(scope="module")
def section(shared):
    """A school with all that must stay private beside what is published."""
    with shared.kept():
        make = shared.make
        school = make.school("pub")
        curator = person(make, school, "Куратова", "Именная", "Алиевна", publication=True,
                         position="заместитель директора по УВР")  # fmt: skip
        make.link(curator, make.account(school, "curator", roles=["curator"]))
        hidden_coordinator = person(make, school, "Скрытова", "Зарема", "Исаевна")
        make.link(hidden_coordinator, make.account(school, "coord", roles=["coordinator"]))

        mentor = person(make, school, "Открытов", "Адам", "Русланович", publication=True,
                        mentor=True)  # fmt: skip
        closed_mentor = person(make, school, "Закрытов", "Ислам", "Ахмедович", mentor=True)
        named_mentee = person(make, school, "Согласнова", "Хава", "Ибрагимовна", publication=True)
        mentee = person(make, school, "Затруднённова", "Мадина", "Руслановна")
        revoked = person(make, school, "Отозвавшая", "Петимат", "Магомедовна")
        make.consent(school, revoked, kind="publication", revoked_on=date(2024, 10, 1))
        hidden = person(make, school, "Скрытая", "Луиза", "Адамовна", publication=True)

        for staff in (mentor, closed_mentor):
            make.mentor_entry(school, staff)
        for staff in (named_mentee, mentee, revoked, hidden):
            make.mentee_entry(school, staff, difficulties="СекретноеЗатруднение")
        # The last one withdrew the data consent itself: hidden everywhere, publication or not.
        consent = make.consent(school, hidden, kind="personal_data", signed_on=date(2024, 9, 2))
        make.revoke(school, consent)
        from nastavnik.tenants.consents.models import Consent

        with make.in_school(school) as session:
            for c in session.query(Consent).filter_by(staff_id=hidden.id, kind="personal_data"):
                if c.revoked_on is None:
                    make.revoke(school, c)

        running = make.pairing(school, mentor, [named_mentee, mentee])
        make.program(school, running, title="ТекущаяПрограмма", goals="ЦельПрограммыВнутренняя")
        quiet = make.pairing(school, closed_mentor, [revoked], status="ended")
        make.program(
            school, quiet, title="ЗавершённаяБезПубликации", status="ended",
            ended_on=date(2025, 5, 31), results="НеопубликованныйРезультат",
        )  # fmt: skip
        told = make.pairing(school, mentor, [hidden], status="ended")
        make.program(
            school, told, title="ЗавершённаяСПубликацией", status="ended",
            ended_on=date(2025, 5, 31), results="ОпубликованныйРезультат",
            results_published=True,
        )  # fmt: skip

        make.public_post(school, title="ОпубликованнаяНовость", body=f"Звоните {PHONE}? Нет.")
        make.public_post(school, title="ЧерновикНовости", publish=False)
        withdrawn = make.public_post(school, title="СнятаяНовость")
        from nastavnik.tenants.public.services import withdraw_post

        with make.in_school(school):
            withdraw_post(make._get(type(withdrawn), withdrawn.id))

        make.order(school, title="ПубличныйПриказ", status="signed", number="7-од",
                   signed_on=date(2024, 9, 1), public=True)  # fmt: skip
        make.order(school, title="НепубличныйПриказ", status="signed", number="8-од",
                   signed_on=date(2024, 9, 1))  # fmt: skip
        make.order(school, title="ПроектПриказа", public=True)  # a draft: never shown

        for status, title in (("draft", "ЧерновикПрактики"), ("returned", "ВозвращённаяПрактика"),
                              ("withdrawn", "СнятаяПрактика")):  # fmt: skip
            make.practice(school, status, title=title, authors=[mentor])
        make.practice(school, "published", title="ОпубликованнаяПрактика",
                      authors=[mentor, closed_mentor])  # fmt: skip
        pdf = FileStorage(BytesIO(b"%PDF-1.4\n% the shared case\n%%EOF\n"), "кейс.pdf")
        make.practice(school, "shared", title="ОбщаяПрактика", authors=[closed_mentor], files=[pdf])
        yield school


def test_every_public_page_shows_only_published_material_and_no_one_without_consent(app, section):
    pages = crawl(app, section.slug)
    # The news item's body quoted a phone on purpose: that page is checked apart, below.
    news = {u: t for u, t in pages.items() if "ОпубликованнаяНовость" in t and "/posts/" in u}
    assert len(pages) >= 8, sorted(pages)
    for url, text in pages.items():
        for what, word in NEVER.items():
            assert word not in text, (url, what)
        assert not EMAIL_RE.search(text), (url, EMAIL_RE.search(text).group())
        if url not in news:
            assert not PHONE_RE.search(text), (url, PHONE_RE.search(text).group())
    everything = "\n".join(pages.values())
    for what, word in SHOWN.items():
        assert word in everything, what


def test_the_bases_page_says_which_figures_are_of_today_and_which_of_all_years(app, section):
    from nastavnik.dates import format_date, today

    page = app.test_client().get(f"/s/{section.slug}/public/bases").get_data(as_text=True)
    assert f"На {format_date(today())}: кто в банках" in page
    figures = dict(re.findall(r"<dt[^>]*>([^<]+)</dt><dd[^>]*>(\d+)</dd>", page))
    # Two mentors and three mentees in the banks (the fourth withdrew her data consent and left
    # it); one pair running; two programs ended.
    assert figures == {
        "Наставников в банке": "2",
        "Наставляемых в банке": "3",
        "Наставнических пар и групп действует": "1",
        "Программ выполняется": "1",
        "Программ завершено за все годы": "2",
    }


def test_a_draft_or_withdrawn_post_is_not_found_by_its_address(app, section, query):
    client = app.test_client()
    rows = query("SELECT id, title FROM public_post")
    for post_id, title in rows:
        status = client.get(f"/s/{section.slug}/public/posts/{post_id}").status_code
        assert status == (200 if title == "ОпубликованнаяНовость" else 404), title


def test_a_revoked_consent_to_publication_takes_the_name_off_every_page(app, make, section):
    before = "\n".join(crawl(app, section.slug).values())
    assert "Открытов Адам Русланович" in before
    from nastavnik.tenants.consents.models import Consent
    from nastavnik.tenants.staff.models import Staff

    with make.in_school(section) as session:
        staff = session.query(Staff).filter_by(last_name="Открытов").one()
        consent = session.query(Consent).filter_by(staff_id=staff.id, kind="publication").one()
    make.revoke(section, consent, on=date(2025, 1, 10))
    for url, text in crawl(app, section.slug).items():
        assert "Открытов" not in text, url


def test_the_school_may_publish_a_general_contact(app, make, section):
    assert "Приёмная школы" not in app.test_client().get("/s/pub/public/").get_data(as_text=True)
    make.public_settings(
        section, "Вступление о наставничестве", "Приёмная школы: 8 (87146) 2-11-11"
    )
    page = app.test_client().get("/s/pub/public/").get_data(as_text=True)
    assert "Приёмная школы: 8 (87146) 2-11-11" in page
    assert "Вступление о наставничестве" in page


def test_public_pages_are_light_once_the_stylesheets_are_cached(app, section):
    for url, text in crawl(app, section.slug).items():
        assert len(text.encode()) < 50_000, url
        if url.startswith("/s/"):  # the section's own pages need no script at all
            assert "<script" not in text, url


class _Dangers(HTMLParser):
    """What a browser would act on: script-like tags, event attributes, script addresses."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "img", "iframe", "object", "embed", "style", "svg", "form"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(name)
            if name in ("href", "src") and not (value or "").startswith(
                ("http://", "https://", "/")
            ):
                self.found.append(f"{name}={value}")


def dangers(html: str) -> list[str]:
    parser = _Dangers()
    parser.feed(html)
    return parser.found


HOSTILE = [
    "<script>alert(1)</script>",
    "[ссылка](javascript:alert(1))",
    "[ссылка](JaVaScRiPt:alert(1))",
    "[ссылка](data:text/html;base64,PHNjcmlwdD4=)",
    '<img src=x onerror="alert(1)">',
    '<a href="https://example.org" onclick="alert(1)">a</a>',
    "![картинка](https://example.org/x.png)",
    "<iframe src=https://example.org></iframe>",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_markdown_is_neutralised(hostile):
    html = str(render_markdown(hostile))
    assert dangers(html) == [], html


def test_markdown_keeps_plain_formatting_and_safe_links():
    html = str(render_markdown("# Заголовок\n\n**жирный** и [сайт](https://example.org)"))
    assert "<h2>Заголовок</h2>" in html
    assert "<strong>жирный</strong>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_a_curator_writes_publishes_and_withdraws_a_post(app, make, auth, client, school):
    make.account(school, "curator", roles=["curator"])
    auth.login(school, "curator")
    hostile = (
        "Текст <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>"
    )
    response = client.post(
        "/s/s1/public/manage/posts/new",
        data={"kind": "announcement", "title": "Семинар", "body": hostile, "event_on": "2025-03-01",
              "event_place": "Актовый зал"},
    )  # fmt: skip
    assert response.status_code == 302
    edit_url = response.location
    post_id = int(edit_url.rstrip("/").rsplit("/", 1)[-1])
    assert app.test_client().get(f"/s/s1/public/posts/{post_id}").status_code == 404
    client.post(f"/s/s1/public/manage/posts/{post_id}/publish")
    shown = app.test_client().get(f"/s/s1/public/posts/{post_id}").get_data(as_text=True)
    assert "Семинар" in shown and "1 марта 2025 г." in shown and "Актовый зал" in shown
    assert dangers(shown.split("<main")[1]) == []
    assert "&lt;script&gt;" in shown  # shown as the text it was, not run
    client.post(f"/s/s1/public/manage/posts/{post_id}/withdraw")
    assert app.test_client().get(f"/s/s1/public/posts/{post_id}").status_code == 404


def test_an_announcement_without_the_day_of_its_event_is_refused_and_nothing_saved(
    make, auth, client, school, snapshot
):
    make.account(school, "curator", roles=["curator"])
    auth.login(school, "curator")
    before = snapshot()
    response = client.post(
        "/s/s1/public/manage/posts/new",
        data={"kind": "announcement", "title": "Семинар", "body": "Текст"},
    )
    assert "Укажите дату мероприятия, о котором анонс." in response.get_data(as_text=True)
    assert snapshot() == before


@pytest.mark.parametrize("role, status", [("mentor", 403), ("director", 403), ("sysadmin", 200)])
def test_only_the_curator_and_the_system_administrator_manage_the_section(
    make, auth, client, school, role, status
):
    make.account(school, f"only-{role}", roles=[role])
    auth.login(school, f"only-{role}")
    assert client.get("/s/s1/public/manage").status_code == status


def test_the_director_alone_shows_a_signed_order_in_the_public_section(
    app, make, auth, client, school
):
    order = make.order(school, title="Об утверждении дорожной карты", status="signed",
                       number="90-од", signed_on=date(2024, 8, 30))  # fmt: skip
    draft = make.order(school, title="Проект")
    documents = "/s/s1/public/documents"
    assert "90-од" not in app.test_client().get(documents).get_data(as_text=True)

    make.account(school, "curator", roles=["curator"])
    auth.login(school, "curator")
    assert client.post(f"/s/s1/orders/{order.id}/public").status_code == 403
    auth.logout(school)

    make.account(school, "director", roles=["director"])
    auth.login(school, "director")
    assert "Показать в открытом разделе школы" in client.get(f"/s/s1/orders/{order.id}").get_data(
        as_text=True
    )
    client.post(f"/s/s1/orders/{order.id}/public")
    page = app.test_client().get(documents).get_data(as_text=True)
    assert "Об утверждении дорожной карты" in page and "90-од" in page
    client.post(f"/s/s1/orders/{draft.id}/public")
    assert "Проект" not in app.test_client().get(documents).get_data(as_text=True).split("<main")[1]
    client.post(f"/s/s1/orders/{order.id}/public")  # and back
    assert "90-од" not in app.test_client().get(documents).get_data(as_text=True)


def test_the_portal_and_the_login_page_link_the_public_section(client, school):
    assert 'href="/s/s1/public/"' in client.get("/").get_data(as_text=True)
    assert 'href="/s/s1/public/"' in client.get("/s/s1/login").get_data(as_text=True)


def test_the_settings_page_documents_the_addresses_a_school_links_from_its_site(
    make, auth, client, school
):
    make.account(school, "admin", roles=["sysadmin"])
    auth.login(school, "admin")
    page = client.get("/s/s1/public/manage").get_data(as_text=True)
    for path in ("public/", "public/programs", "public/bases", "public/documents", "public/news"):
        assert f"http://localhost/s/s1/{path}" in page, path
