"""Every form of the school's area, sent with hostile input, answers in Russian and never 500.

The forms are found by reading each page as a manager would see it; each field gets a very
long text with a script tag, dates out of range, choices that do not exist.
"""

import re
from html.parser import HTMLParser

import pytest

from nastavnik.app import create_app

SCRIPT = "<script>alert(1)</script>"
HOSTILE_TEXT = SCRIPT + "я" * 5000


class FormFields(HTMLParser):
    """The POST forms of a page: their action and their fields' names and kinds."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._current: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "get").lower() == "post":
            self._current = {"action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self._current)
        elif self._current is not None and tag in ("input", "textarea", "select"):
            name = attrs.get("name")
            if name and name != "csrf_token":
                kind = attrs.get("type", tag) if tag == "input" else tag
                self._current["fields"].setdefault(name, kind)

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


FLAVOURS = {
    "long-script": {
        "date": "31.02.99999",
        "number": "-99999999999999999999",
        "select": "не-из-списка",
        "checkbox": "не-из-списка",
        "radio": "не-из-списка",
        "hidden": HOSTILE_TEXT,
        "file": "",
        "submit": "",
        "text": HOSTILE_TEXT,
    },
    # A NUL byte (PostgreSQL refuses it in text), a digit that is not ASCII, ids beyond any
    # column, the last year a date holds (a term of a year from it overflows).
    "nul-digits-ids": {
        "date": "9999-12-31",
        "number": "²",
        "select": "99999999999999999999999",
        "checkbox": "²",
        "radio": "9223372036854775808",
        "hidden": "9223372036854775808",
        "file": "",
        "submit": "",
        "text": "Батаева\x00А.Х.",
    },
}


def hostile_value(kind: str, flavour: str = "long-script") -> str:
    values = FLAVOURS[flavour]
    return values.get(kind, values["text"])


# The school's pages, read at collection from an app of their own (never served): one test
# per page, so a failure names its page and the other pages are still walked.
_ROUTES_APP = create_app(
    {"TESTING": True, "SECRET_KEY": "routes-only", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
)
PAGES = [
    rule.rule
    for rule in _ROUTES_APP.url_map.iter_rules()
    if rule.rule.startswith("/s/<school_slug>") and "GET" in rule.methods
]


@pytest.fixture(scope="module")
def manager_in_a_full_school(shared):
    """Made once for the module; each test changes it only in its own savepoint."""
    with shared.kept():
        school = shared.make.school("hostile")
        ids = shared.make.world(school)
        me = shared.make.all_roles_account(school)
        yield school, ids, me


def _url(page: str, school, ids) -> str:
    url = page.replace("<school_slug>", school.slug)
    for arg, value in ids.items():
        url = url.replace(f"<int:{arg}>", str(value)).replace(f"<{arg}>", str(value))
    assert "<" not in url, f"{page}: аргумент не из мира школы"
    return url


def _forms(client, url: str, me) -> list[dict]:
    """The forms of a page as the manager sees it, but those that would end the walk."""
    page = client.get(url)
    assert page.status_code < 500, (url, page.status_code)
    if page.status_code != 200 or page.mimetype != "text/html":
        return []
    text = page.get_data(as_text=True)
    assert "г.." not in text and ">None<" not in text, url  # careless formatting
    parser = FormFields()
    parser.feed(text)
    forms = []
    for form in parser.forms:
        action = form["action"] or url
        if action.endswith(("/logout", "/password")) or f"/accounts/{me.id}/" in action:
            continue
        forms.append({**form, "action": action})
    return forms


def test_the_walk_finds_the_forms_of_the_school(app, client, auth, manager_in_a_full_school):
    school, ids, me = manager_in_a_full_school
    auth.login(school, "everyone")
    found = sum(len(_forms(client, _url(page, school, ids), me)) for page in PAGES)
    assert found >= 20, "форм найдено меньше, чем ожидалось"


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("page", PAGES)
def test_every_form_sent_with_hostile_input_is_refused_in_russian_without_a_500(
    app, client, auth, manager_in_a_full_school, page, flavour
):
    school, ids, me = manager_in_a_full_school
    url = _url(page, school, ids)
    auth.login(school, "everyone")
    for form in _forms(client, url, me):
        action = form["action"]
        data = {name: hostile_value(kind, flavour) for name, kind in form["fields"].items()}
        response = client.post(action, data=data)
        assert response.status_code < 500, (action, response.status_code)
        body = response.get_data(as_text=True)
        assert SCRIPT not in body, action
        if response.status_code == 302:
            body = client.get(response.headers["Location"]).get_data(as_text=True)
            assert SCRIPT not in body, action
        assert not re.search(r"\b(Not a valid|This field|Invalid)\b", body), action


@pytest.mark.parametrize(
    "url",
    [
        "/s/{slug}/staff/9223372036854775808",
        "/s/{slug}/staff/99999999999999999999999999",
        "/s/{slug}/staff/2147483648",
    ],
)
def test_an_id_beyond_any_column_in_a_url_is_not_found(client, auth, manager_in_a_full_school, url):
    school, _ids, _me = manager_in_a_full_school
    auth.login(school, "everyone")
    response = client.get(url.format(slug=school.slug))
    assert response.status_code == 404
    assert "Страница не найдена" in response.get_data(as_text=True)
