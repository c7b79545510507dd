"""Every page and export of the district, walked: the district reads figures and what schools
published, never a person's data; a school's account reaches none of it.

The routes are read from the app, so a district page added later is walked too: `<slug>` is a
school of the module's district, the other ids are its records.
"""

import io
import zipfile

import pytest

from nastavnik.permissions import SCHOOL_ROLES

from .conftest import PERSONAL, THIS


def district_rules(app):
    """The district's closed pages: the files it publishes for everyone (@public) aside."""
    return [
        rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint.split(".")[0].startswith("district")
        and "GET" in rule.methods
        and not getattr(app.view_functions[rule.endpoint], "public", False)
    ]


def fill(rule, district) -> str:
    values = {
        "slug": district["alpha"].slug,
        "practice_id": district["waiting_practice"],
        "attachment_id": 1,
        # The administration's and the published material's pages (their own ids).
        "school_id": district["alpha"].id,
        "account_id": 1,
        "year": 2026,
        "activity_id": 1,
        "document_id": 1,
        "news_id": 1,
        "key": "mentee_end",
        "question_id": 1,
        **district["ids"],
    }
    unknown = rule.arguments - values.keys()
    assert not unknown, f"{rule.rule}: аргументы не заполнены обходом: {sorted(unknown)}"
    out = rule.rule
    for name, value in values.items():
        for pattern in (f"<int:{name}>", f"<{name}>", f"<string:{name}>"):
            out = out.replace(pattern, str(value))
    return out


def readable(data: bytes) -> str:
    """What a person could read in a response: the page or .csv, or the XML of a .docx/.xlsx."""
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace")
                for name in archive.namelist()
                if name.endswith((".xml", ".rels"))
            )
    return data.decode("utf-8-sig", "replace")


def test_every_district_page_and_export_shows_no_personal_data(app, client, methodist, district):
    walked = set()
    for rule in district_rules(app):
        url = fill(rule, district)
        for query in ("", f"?year={THIS.start_year}", f"?year={THIS.previous.start_year}"):
            response = client.get(url + query)
            assert response.status_code < 500, url + query
            content = readable(response.data)
            for what, marker in PERSONAL.items():
                assert marker not in content, f"{url}{query}: {what}"
            if response.status_code == 200:
                walked.add(rule.endpoint)
    # The walk reached the pages and exports that hold a school's data.
    assert {
        "district_home.index",
        "district_home.roadmaps",
        "district_home.export_xlsx",
        "district_home.export_csv",
        "district_home.report_docx",
        "district_schools.show",
        "district_schools.roadmap",
        "district_schools.figures_xlsx",
        "district_schools.figures_csv",
    } <= walked


def test_the_walk_would_notice_personal_data(app, client, make, methodist, district):
    """The school's own pages do show the markers to the school: the search is not blind."""
    make.account(district["alpha"], "alpha-curator2", roles=("curator", "director"))
    school = app.test_client()
    school.post("/s/alpha/login", data={"login": "alpha-curator2", "password": make.PASSWORD})
    banks = readable(school.get("/s/alpha/banks/mentees/").data)
    assert PERSONAL["mentee name"] in banks


@pytest.fixture
def school_everyone(app, make, district):
    """An account of the school with every school role, logged in at the school."""
    make.account(district["alpha"], "alpha-everyone", roles=sorted(SCHOOL_ROLES))
    client = app.test_client()
    response = client.post(
        "/s/alpha/login", data={"login": "alpha-everyone", "password": make.PASSWORD}
    )
    assert response.status_code == 302
    return client


def test_a_schools_account_reaches_no_district_page(app, school_everyone, district):
    for rule in district_rules(app):
        url = fill(rule, district)
        response = school_everyone.get(url)
        if rule.endpoint.startswith("district_auth."):
            continue  # the district's login pages are open to anyone
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response.headers["Location"].startswith("/district/login"), url
        assert not any(marker in readable(response.data) for marker in PERSONAL.values())
