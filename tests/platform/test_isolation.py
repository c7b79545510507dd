"""Nothing of one school is reachable from another: walked over every route of the app.

Every URL argument that names a record must be in the world the factories build (conftest),
so a route with a new kind of id fails here until it is covered.
"""

import pytest
from werkzeug.routing import Rule

from nastavnik.permissions import PERMISSIONS, SCHOOL_ROLES

SECRET = "СекретДругойШколы"


def world(make, school, marker=""):
    """Ids of one of everything a school keeps, by the URL argument that names it."""
    return make.world(school, marker)


def school_rules(app) -> list[Rule]:
    return [r for r in app.url_map.iter_rules() if r.rule.startswith("/s/<school_slug>")]


def method_of(rule: Rule) -> str:
    return "GET" if "GET" in rule.methods else "POST"


def _fill(rule_text: str, values: dict) -> str:
    out = rule_text
    for arg, value in values.items():
        for pattern in (f"<int:{arg}>", f"<{arg}>", f"<string:{arg}>"):
            out = out.replace(pattern, str(value))
    return out


@pytest.fixture
def two_schools(make):
    a = make.school("school-a")
    b = make.school("school-b")
    ids_a = world(make, a)
    ids_b = world(make, b, SECRET)
    make.all_roles_account(a)
    return a, b, ids_a, ids_b


def test_every_id_in_a_url_is_covered_by_the_isolation_world(app, make):
    ids = world(make, make.school("coverage"))
    for rule in school_rules(app):
        for arg in rule.arguments - {"school_slug", "token"}:
            assert arg in ids, f"{rule.rule}: аргумент {arg} не покрыт тестом изоляции"


def test_every_route_is_in_the_permission_map(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in ("static", "bootstrap.static"):
            continue
        view = app.view_functions[rule.endpoint]
        declared = getattr(view, "permission", None)
        assert declared or getattr(view, "public", False), f"{rule.rule}: нет права доступа"
        if declared:
            assert declared in PERMISSIONS


def test_another_schools_ids_give_404_under_this_schools_address(
    app, client, make, auth, two_schools
):
    a, b, ids_a, ids_b = two_schools
    auth.login(a, "everyone")
    rules = [r for r in school_rules(app) if r.arguments - {"school_slug"}]
    assert rules, "нет маршрутов с идентификаторами"
    for rule in rules:
        foreign = _fill(rule.rule, {"school_slug": a.slug, **ids_b})
        response = client.open(foreign, method=method_of(rule))
        assert response.status_code == 404, foreign
        assert SECRET not in response.get_data(as_text=True), foreign
        if method_of(rule) == "POST":
            ids_a = world(make, a)  # a POST may have ended or removed the previous ones
        own = _fill(rule.rule, {"school_slug": a.slug, **ids_a})
        assert client.open(own, method=method_of(rule)).status_code != 404, own


def test_every_page_of_another_school_asks_to_log_in_there(app, client, auth, two_schools):
    a, b, ids_a, ids_b = two_schools
    auth.login(a, "everyone")
    for rule in school_rules(app):
        view = app.view_functions[rule.endpoint]
        url = _fill(rule.rule, {"school_slug": b.slug, **ids_b})
        response = client.open(url, method=method_of(rule))
        if getattr(view, "public", False):
            assert SECRET not in response.get_data(as_text=True), url
            continue
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith(f"/s/{b.slug}/login"), url


def test_each_role_reaches_exactly_the_routes_its_permissions_allow(app, client, make, auth):
    school = make.school("roles")
    ids = world(make, school)
    for role in sorted(SCHOOL_ROLES):
        make.account(school, f"only-{role}", roles=[role])
    for rule in school_rules(app):
        view = app.view_functions[rule.endpoint]
        if getattr(view, "public", False):
            continue
        allowed = PERMISSIONS[view.permission]
        for role in sorted(SCHOOL_ROLES):
            auth.login(school, f"only-{role}")
            url = _fill(rule.rule, {"school_slug": school.slug, **ids})
            status = client.open(url, method=method_of(rule)).status_code
            assert status < 500, (url, role, status)
            if role in allowed:
                assert status != 403, (url, role)
            else:
                assert status == 403, (url, role, status)
            auth.logout(school)


def test_district_pages_need_a_district_account(app, client, make, auth):
    school = make.school("district-check")
    make.all_roles_account(school)
    auth.login(school, "everyone")
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/district") or getattr(
            app.view_functions[rule.endpoint], "public", False
        ):
            continue
        response = client.open(_fill(rule.rule, {}), method=method_of(rule))
        assert response.status_code == 302, rule.rule
        assert response.headers["Location"].startswith("/district/login"), rule.rule
