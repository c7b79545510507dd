"""The demo's roadmaps: last year's and this year's (but in one school), at different progress,
with events."""

import pytest

from nastavnik.admin.demo import data
from nastavnik.tenancy import all_schools
from nastavnik.tenants.roadmap.models import Stage
from nastavnik.tenants.roadmap.stats import stage_progress
from nastavnik.tenants.roadmap.timing import academic_year


@pytest.fixture(scope="module")
def seeded(app, shared):
    with shared.kept():
        result = app.test_cli_runner().invoke(args=["seed-demo"])
        assert result.exit_code == 0, result.output
        yield result


def test_every_demo_school_but_one_has_this_years_roadmap_most_of_them_approved(seeded, query):
    schools = query("SELECT count(*) FROM school")[0][0]
    year = academic_year()
    rows = query(
        f"SELECT s.slug, r.status FROM roadmap r JOIN school s ON s.id = r.school_id "
        f"WHERE r.year = {year}"
    )
    without = {slug for slug, p in data.PROFILES.items() if p["roadmap"] is None}
    assert len(without) == 1 and {slug for slug, _ in rows} == set(data.PROFILES) - without
    approved = sum(1 for _, status in rows if status == "approved")
    assert schools - 1 > approved >= schools * 2 // 3
    # Last year's roadmap in every school, approved by its director.
    last = query(f"SELECT count(*) FROM roadmap WHERE year = {year - 1} AND status = 'approved'")
    assert last[0][0] == schools
    kinds = query("SELECT DISTINCT kind FROM school_event")
    assert {k for (k,) in kinds} >= {"setup_session", "conference", "contest"}
    assert (
        query("SELECT count(*) FROM school_event WHERE title LIKE '%Педагогический дуэт%'")[0][0]
        == schools - 1  # the school without a roadmap has not planned its events either
    )


def test_stages_are_at_different_progress_some_complete_from_data_some_overdue(seeded, app):
    with app.app_context(), all_schools():
        progress = stage_progress(academic_year())
    for stages in progress.values():
        done, total, _ = stages[Stage.MENTEE_BANK]
        assert done == total == 2  # the bank of the demo completes the stage by itself
        assert stages[Stage.COMPLETION][0] < stages[Stage.COMPLETION][1]
    overdue = [sum(s[2] for s in stages.values()) for stages in progress.values()]
    on_time = [slug for slug, profile in data.PROFILES.items() if profile.get("on_time")]
    assert sum(1 for n in overdue if n == 0) == len(on_time) == 3  # the schools on time
    lagging = [st for st in progress.values() if st[Stage.MENTOR_BANK][2]]
    assert lagging and len(lagging) < len(progress)


def test_a_second_run_adds_no_second_roadmap(app, seeded, query):
    before = query("SELECT count(*) FROM roadmap")[0][0]
    events = query("SELECT count(*) FROM school_event")[0][0]
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    assert query("SELECT count(*) FROM roadmap")[0][0] == before
    assert query("SELECT count(*) FROM school_event")[0][0] == events
