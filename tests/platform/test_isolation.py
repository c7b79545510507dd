"""Nothing of one school is reachable from another: walked over every route of the app.

Every URL argument that names a record must be in the world the factories build (conftest),
so a route with a new kind of id fails here until it is covered.
"""

import pytest
from werkzeug.routing import Rule

from nastavnik.app import create_app
from nastavnik.permissions import PERMISSIONS, SCHOOL_ROLES

SECRET = "СекретДругойШколы"

# The app's routes, read at collection: each walk below is one test per route, so a failure
# names its route and the other routes are still walked. (This app is never served.)
_ROUTES_APP = create_app(
    {"TESTING": True, "SECRET_KEY": "routes-only", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
)
ALL_RULES = list(_ROUTES_APP.url_map.iter_rules())


def is_public(rule: Rule) -> bool:
    return getattr(_ROUTES_APP.view_functions[rule.endpoint], "public", False)


def method_of(rule: Rule) -> str:
    return "GET" if "GET" in rule.methods else "POST"


def route_id(rule: Rule) -> str:
    return f"{method_of(rule)} {rule.rule}"


def routes(rules):
    return pytest.mark.parametrize("rule", rules, ids=route_id)


SCHOOL_RULES = [r for r in ALL_RULES if r.rule.startswith("/s/<school_slug>")]
SCHOOL_RULES_WITH_IDS = [r for r in SCHOOL_RULES if r.arguments - {"school_slug"}]
PRIVATE_SCHOOL_RULES = [r for r in SCHOOL_RULES if not is_public(r)]
PRIVATE_DISTRICT_RULES = [
    r for r in ALL_RULES if r.rule.startswith("/district") and not is_public(r)
]


# The ids the district's routes take, for the walk of its closed pages.
DISTRICT_SAMPLE_IDS = {
    "practice_id": 1,
    "attachment_id": 1,
    "year": 2026,
    "activity_id": 1,
    "document_id": 1,
    "news_id": 1,
    "key": "mentee_end",
    "question_id": 1,
    "school_id": 1,
    "account_id": 1,
    "slug": "district-check",
}


def world(make, school, marker=""):
    """Ids of one of everything a school keeps, by the URL argument that names it."""
    return make.world(school, marker)


def _fill(rule_text: str, values: dict) -> str:
    out = rule_text
    for arg, value in values.items():
        for pattern in (f"<int:{arg}>", f"<{arg}>", f"<string:{arg}>"):
            out = out.replace(pattern, str(value))
    return out


def logged_in(app, school, login: str):
    """A client of its own, logged in; its session cookie, to give to the clients of each test."""
    client = app.test_client()
    response = client.post(
        f"/s/{school.slug}/login", data={"login": login, "password": "верный-пароль-42"}
    )
    assert response.status_code == 302, login
    return client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value


def client_with(app, cookie: str):
    client = app.test_client()
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
    return client


@pytest.fixture(scope="module")
def two_schools(shared):
    """Made once for the module; each test changes them only in its own savepoint."""
    with shared.kept():
        make = shared.make
        a = make.school("school-a")
        b = make.school("school-b")
        ids_a = world(make, a)
        ids_b = world(make, b, SECRET)
        make.all_roles_account(a)
        yield a, b, ids_a, ids_b


def test_every_id_in_a_url_is_covered_by_the_isolation_world(two_schools):
    ids = two_schools[2]
    uncovered = {
        rule.rule: sorted(rule.arguments - {"school_slug", "token"} - ids.keys())
        for rule in SCHOOL_RULES
        if rule.arguments - {"school_slug", "token"} - ids.keys()
    }
    assert not uncovered, f"аргументы не покрыты тестом изоляции: {uncovered}"


def test_every_route_is_in_the_permission_map(app):
    undeclared, unknown = [], []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in ("static", "bootstrap.static"):
            continue
        view = app.view_functions[rule.endpoint]
        declared = getattr(view, "permission", None)
        if not (declared or getattr(view, "public", False)):
            undeclared.append(rule.rule)
        elif declared and declared not in PERMISSIONS:
            unknown.append((rule.rule, declared))
    assert not undeclared, f"нет права доступа: {undeclared}"
    assert not unknown, f"права нет в PERMISSIONS: {unknown}"


def test_the_walks_cover_the_routes_of_the_app_under_test(app):
    # The routes were read from an app of their own at collection; this is the app tested.
    assert {r.rule for r in app.url_map.iter_rules()} == {r.rule for r in ALL_RULES}
    assert SCHOOL_RULES_WITH_IDS, "нет маршрутов с идентификаторами"
    assert PRIVATE_DISTRICT_RULES, "нет закрытых страниц района"


@pytest.fixture(scope="module")
def everyone_in_a(app, shared, two_schools):
    with shared.kept():
        yield logged_in(app, two_schools[0], "everyone")


@routes(SCHOOL_RULES_WITH_IDS)
def test_another_schools_ids_give_404_under_this_schools_address(
    app, rule, two_schools, everyone_in_a
):
    a, b, ids_a, ids_b = two_schools
    client = client_with(app, everyone_in_a)
    foreign = _fill(rule.rule, {"school_slug": a.slug, **ids_b})
    response = client.open(foreign, method=method_of(rule))
    assert response.status_code == 404, foreign
    assert SECRET not in response.get_data(as_text=True), foreign
    own = _fill(rule.rule, {"school_slug": a.slug, **ids_a})
    assert client.open(own, method=method_of(rule)).status_code != 404, own


@routes(SCHOOL_RULES)
def test_every_page_of_another_school_asks_to_log_in_there(app, rule, two_schools, everyone_in_a):
    a, b, ids_a, ids_b = two_schools
    client = client_with(app, everyone_in_a)
    url = _fill(rule.rule, {"school_slug": b.slug, **ids_b})
    response = client.open(url, method=method_of(rule))
    if is_public(rule):
        # A public page shows its own school's published material, so the other school's is
        # looked for under this school's address: none of it appears there.
        assert response.status_code < 500, url
        own = _fill(rule.rule, {"school_slug": a.slug, **ids_a})
        assert SECRET not in client.open(own, method=method_of(rule)).get_data(as_text=True), own
        return
    assert response.status_code == 302, url
    assert response.headers["Location"].startswith(f"/s/{b.slug}/login"), url


@pytest.fixture(scope="module")
def one_account_per_role(app, shared):
    """A school with its world, and the session cookie of an account with only that role."""
    with shared.kept():
        school = shared.make.school("roles")
        ids = world(shared.make, school)
        cookies = {}
        for role in sorted(SCHOOL_ROLES):
            shared.make.account(school, f"only-{role}", roles=[role])
            cookies[role] = logged_in(app, school, f"only-{role}")
        yield school, ids, cookies


@routes(PRIVATE_SCHOOL_RULES)
def test_each_role_reaches_exactly_the_routes_its_permissions_allow(
    app, rule, one_account_per_role
):
    school, ids, cookies = one_account_per_role
    allowed = PERMISSIONS[app.view_functions[rule.endpoint].permission]
    url = _fill(rule.rule, {"school_slug": school.slug, **ids})
    reached, expected = {}, {}
    for role in sorted(SCHOOL_ROLES):
        response = client_with(app, cookies[role]).open(url, method=method_of(rule))
        status = response.status_code
        assert status < 500, (url, role, status)
        # Still logged in: a way back to the login page would say nothing about the role.
        assert not response.location or "/login" not in response.location, (url, role)
        # Behind a login nothing is kept by the browser or a proxy (personal data, 152-ФЗ).
        assert response.headers["Cache-Control"] == "no-store", (url, role)
        reached[role] = "запрещено" if status == 403 else "открыто"
        expected[role] = "открыто" if role in allowed else "запрещено"
    assert reached == expected, url


@pytest.fixture(scope="module")
def everyone_in_district_check(app, shared):
    with shared.kept():
        school = shared.make.school("district-check")
        shared.make.all_roles_account(school)
        yield logged_in(app, school, "everyone")


@routes(PRIVATE_DISTRICT_RULES)
def test_district_pages_need_a_district_account(app, rule, everyone_in_district_check):
    client = client_with(app, everyone_in_district_check)
    # Any id will do: the district's pages are closed before the record is looked up.
    response = client.open(_fill(rule.rule, DISTRICT_SAMPLE_IDS), method=method_of(rule))
    assert response.status_code == 302, rule.rule
    assert response.headers["Location"].startswith("/district/login"), rule.rule
