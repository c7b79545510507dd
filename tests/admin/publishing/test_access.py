"""Who reaches the district's publishing: both district accounts; no school account (it is
asked to log in to the district and changes nothing); and every form of it, sent hostile
input, answers in Russian without a 500 and without echoing a script."""

import io
import re
from datetime import date

import pytest

from nastavnik.app import create_app
from tests.platform.test_hostile_forms import FLAVOURS, SCRIPT, FormFields, hostile_value

from .conftest import district_client, pdf_bytes

_ROUTES_APP = create_app(
    {"TESTING": True, "SECRET_KEY": "routes-only", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
)
RULES = [r for r in _ROUTES_APP.url_map.iter_rules() if r.rule.startswith("/district/published/")]
PAGES = [r.rule for r in RULES if "GET" in r.methods and not r.rule.endswith("/file")]


@pytest.fixture
def published(app, make):
    """A template of this year, a document with a file, a news item; their ids by URL argument."""
    admin = district_client(app, make, "district", "district_admin")
    admin.post("/district/published/roadmaps/", data={"year": "2026"})
    admin.post(
        "/district/published/documents/new",
        data={
            "level": "district",
            "title": "Приказ Управления образования о наставничестве",
            "number": "131-од",
            "signed_on": "2022-08-17",
            "upload": (io.BytesIO(pdf_bytes()), "131-od.pdf"),
        },
    )
    admin.post("/district/published/questionnaires/mentee_end/take")
    admin.post(
        "/district/published/news/new",
        data={"title": "Семинар", "published_on": "2026-09-01", "body": "Текст"},
    )
    from nastavnik.extensions import db
    from nastavnik.tenancy import Scope, scoped
    from nastavnik.tenants.public.models import DistrictNews, NormativeDocument
    from nastavnik.tenants.questionnaires.models import DistrictDefaultQuestion
    from nastavnik.tenants.roadmap.models import DistrictTemplateActivity

    with app.app_context(), scoped(Scope.district()):
        ids = {
            "year": 2026,
            "activity_id": db.session.query(DistrictTemplateActivity.id).first()[0],
            "document_id": db.session.query(NormativeDocument.id).scalar(),
            "news_id": db.session.query(DistrictNews.id).scalar(),
            "key": "mentee_end",
            "question_id": db.session.query(DistrictDefaultQuestion.id).first()[0],
        }
    return admin, ids


def url_of(rule: str, ids: dict) -> str:
    for arg, value in ids.items():
        rule = rule.replace(f"<int:{arg}>", str(value)).replace(f"<{arg}>", str(value))
    assert "<" not in rule, rule
    return rule


def test_the_publishing_routes_are_all_under_district_published():
    assert len(RULES) >= 15
    assert len(PAGES) >= 9


def test_both_district_accounts_open_every_page(app, make, published):
    admin, ids = published
    methodist = district_client(app, make, "methodist", "methodologist")
    for page in PAGES:
        for who, client in (("администратор", admin), ("методист", methodist)):
            response = client.get(url_of(page, ids))
            assert response.status_code == 200, (page, who)
            text = response.get_data(as_text=True)
            assert "г.." not in text and ">None<" not in text, page


def test_the_district_menu_links_the_publishing(published):
    admin, _ = published
    assert 'href="/district/published/"' in admin.get("/district/").get_data(as_text=True)


def test_a_school_account_reaches_no_publishing_page_and_changes_nothing(
    app, make, school, published, snapshot
):
    _, ids = published
    make.all_roles_account(school)
    client = app.test_client()
    client.post("/s/s1/login", data={"login": "everyone", "password": make.PASSWORD})
    before = snapshot()
    for rule in RULES:
        if rule.rule.endswith("/file"):
            continue
        for method in sorted(rule.methods & {"GET", "POST"}):
            data = {"title": "Школа пишет за район", "published_on": "2026-09-01", "body": "x"}
            response = client.open(url_of(rule.rule, ids), method=method, data=data)
            assert response.status_code == 302, (method, rule.rule)
            assert response.headers["Location"].startswith("/district/login"), rule.rule
    assert snapshot() == before


def test_the_files_of_the_normative_base_are_open_to_anyone(app, published):
    _, ids = published
    response = app.test_client().get(f"/district/published/documents/{ids['document_id']}/file")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert app.test_client().get("/district/published/documents/999999/file").status_code == 404


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("page", PAGES)
def test_every_publishing_form_sent_hostile_input_is_refused_in_russian_without_a_500(
    app, published, snapshot, page, flavour
):
    admin, ids = published
    url = url_of(page, ids)
    parser = FormFields()
    parser.feed(admin.get(url).get_data(as_text=True))
    for form in parser.forms:
        action = form["action"] or url
        if action.endswith(("/logout", "/password")):
            continue
        data = {name: hostile_value(kind, flavour) for name, kind in form["fields"].items()}
        before = snapshot()
        response = admin.post(action, data=data)
        assert response.status_code < 500, (action, response.status_code)
        body = response.get_data(as_text=True)
        if response.status_code in (302, 303):
            body = admin.get(response.headers["Location"]).get_data(as_text=True)
        assert SCRIPT not in body, action
        assert not re.search(r"\b(Not a valid|This field|Invalid)\b", body), action
        if any(k in ("text", "textarea") for k in form["fields"].values()):
            # A text of 5,000 letters, a NUL byte, a date of the year 9999: nothing is saved.
            assert snapshot() == before, action


def test_dates_on_the_district_pages_are_written_in_russian(published):
    admin, _ = published
    page = admin.get("/district/published/documents/").get_data(as_text=True)
    assert "от 17 августа 2022 г. № 131-од" in page
    assert date(2026, 9, 1).strftime("%d.%m.%Y") not in admin.get(
        "/district/published/news/"
    ).get_data(as_text=True)
