"""The roadmap template of each academic year: the district prepares, edits and publishes it;
a school starting its roadmap of that year starts from it (and from the platform's otherwise)."""

from sqlalchemy import select

from nastavnik.extensions import db
from nastavnik.tenancy import Scope, scoped
from nastavnik.tenants.roadmap.models import DistrictTemplateActivity, RoadmapActivity
from nastavnik.tenants.roadmap.template import TEMPLATE

from .conftest import error_next_to

YEAR = 2026
PLATFORM = [a.content for s in TEMPLATE for a in s.activities]
SEMINAR = "Участие наставников в районном семинаре «Первые шаги молодого педагога»."


def activities_of(app, school, roadmap) -> list[tuple[str, str, str]]:
    with app.app_context(), scoped(Scope.school(school.id)):
        return [
            (a.stage, a.content, a.timing)
            for a in db.session.execute(
                select(RoadmapActivity)
                .where(RoadmapActivity.roadmap_id == roadmap.id)
                .order_by(RoadmapActivity.stage, RoadmapActivity.position)
            ).scalars()
        ]


def template_ids(app) -> list[int]:
    with app.app_context(), scoped(Scope.district()):
        return list(
            db.session.execute(
                select(DistrictTemplateActivity.id).order_by(
                    DistrictTemplateActivity.stage, DistrictTemplateActivity.position
                )
            ).scalars()
        )


def prepare(client, year=YEAR):
    response = client.post("/district/published/roadmaps/", data={"year": str(year)})
    assert response.status_code == 303, response.get_data(as_text=True)
    return response


def add_seminar(client, year=YEAR):
    response = client.post(
        f"/district/published/roadmaps/{year}/activities/new",
        data={
            "stage": "4",
            "content": SEMINAR,
            "timing": "Декабрь",
            "responsible": "Куратор по наставничеству",
            "expected_result": "Наставники побывали на семинаре",
            "check_key": "",
        },
    )
    assert response.status_code == 303, response.get_data(as_text=True)


def test_a_school_starting_its_roadmap_gets_the_stages_the_district_published(
    app, make, school, district
):
    prepare(district)
    first, second, *_ = template_ids(app)
    district.post(
        f"/district/published/roadmaps/{YEAR}/activities/{first}",
        data={
            "stage": "1",
            "content": "Приказ об утверждении положения о наставничестве (по образцу района).",
            "timing": "Август",
            "responsible": "Директор",
            "check_key": "",
        },
    )
    district.post(f"/district/published/roadmaps/{YEAR}/activities/{second}/delete")
    add_seminar(district)
    district.post(f"/district/published/roadmaps/{YEAR}/publish")

    roadmap = make.roadmap(school, YEAR)
    got = activities_of(app, school, roadmap)
    contents = [c for _, c, _ in got]
    assert "Приказ об утверждении положения о наставничестве (по образцу района)." in contents
    assert ("4", SEMINAR, "Декабрь") in got
    assert PLATFORM[0] not in contents and PLATFORM[1] not in contents
    assert len(got) == len(PLATFORM) - 1 + 1
    # The school's page shows the seminar with its due date read from «Декабрь».
    make.account(school, "curator", roles=["curator"])
    client = app.test_client()
    client.post("/s/s1/login", data={"login": "curator", "password": make.PASSWORD})
    page = client.get(f"/s/s1/roadmap/{roadmap.id}").get_data(as_text=True)
    assert SEMINAR in page and "31 декабря 2026 г." in page


def test_a_draft_template_is_not_what_schools_start_from(app, make, school, district):
    prepare(district)
    add_seminar(district)
    roadmap = make.roadmap(school, YEAR)
    assert [c for _, c, _ in activities_of(app, school, roadmap)] == PLATFORM


def test_a_template_serves_its_own_year_only(app, make, school, district):
    prepare(district)
    add_seminar(district)
    district.post(f"/district/published/roadmaps/{YEAR}/publish")
    roadmap = make.roadmap(school, YEAR - 1)
    assert [c for _, c, _ in activities_of(app, school, roadmap)] == PLATFORM


def test_a_roadmap_a_school_already_made_stays_as_it_was(app, make, school, district):
    roadmap = make.roadmap(school, YEAR)
    before = activities_of(app, school, roadmap)
    prepare(district)
    add_seminar(district)
    district.post(f"/district/published/roadmaps/{YEAR}/publish")
    assert activities_of(app, school, roadmap) == before


def test_withdrawn_the_template_no_longer_applies(app, make, school, district):
    prepare(district)
    add_seminar(district)
    district.post(f"/district/published/roadmaps/{YEAR}/publish")
    district.post(f"/district/published/roadmaps/{YEAR}/withdraw")
    roadmap = make.roadmap(school, YEAR)
    assert SEMINAR not in [c for _, c, _ in activities_of(app, school, roadmap)]


def test_next_years_template_starts_from_this_years_district_template(app, district):
    prepare(district, YEAR)
    add_seminar(district, YEAR)
    prepare(district, YEAR + 1)
    page = district.get(f"/district/published/roadmaps/{YEAR + 1}").get_data(as_text=True)
    assert SEMINAR in page and "Проект: школы его не видят" in page


def test_a_timing_outside_the_year_is_refused_next_to_the_field_and_nothing_saved(
    district, snapshot
):
    prepare(district)
    before = snapshot()
    response = district.post(
        f"/district/published/roadmaps/{YEAR}/activities/new",
        data={
            "stage": "4",
            "content": SEMINAR,
            "timing": "15.10.2030",
            "responsible": "Куратор",
            "check_key": "",
        },
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert error_next_to(page, "timing") == (
        "Срок вне учебного года 2026/2027: с 1 сентября 2026 г. по 31 августа 2027 г."
    )
    response = district.post(
        f"/district/published/roadmaps/{YEAR}/activities/new",
        data={"stage": "4", "content": SEMINAR, "timing": "когда-нибудь", "responsible": "К"},
    )
    assert "Из срока не понятна дата" in error_next_to(response.get_data(as_text=True), "timing")
    assert snapshot() == before


def test_a_year_a_roadmap_cannot_be_kept_for_is_refused(district, snapshot):
    before = snapshot()
    response = district.post("/district/published/roadmaps/", data={"year": "2015"})
    assert response.status_code == 200
    assert error_next_to(response.get_data(as_text=True), "year")
    assert snapshot() == before
    assert district.get("/district/published/roadmaps/2015").status_code == 404


def test_the_methodologist_edits_the_template_too(app, methodist):
    prepare(methodist)
    add_seminar(methodist)
    page = methodist.get(f"/district/published/roadmaps/{YEAR}").get_data(as_text=True)
    assert SEMINAR in page


def test_activities_move_within_their_stage(app, district):
    prepare(district)
    add_seminar(district)
    with app.app_context(), scoped(Scope.district()):
        seminar = db.session.execute(
            select(DistrictTemplateActivity.id).where(DistrictTemplateActivity.content == SEMINAR)
        ).scalar_one()
    district.post(
        f"/district/published/roadmaps/{YEAR}/activities/{seminar}/move", data={"direction": "up"}
    )
    page = district.get(f"/district/published/roadmaps/{YEAR}").get_data(as_text=True)
    stage4 = page.split("4. Отбор и обучение")[1].split("5. Организация")[0]
    assert stage4.index(SEMINAR) < stage4.index("«установочные сессии»")
