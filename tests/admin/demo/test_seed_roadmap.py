"""The demo's roadmaps: this year's in every school, at different progress, with events."""

import pytest

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


def test_every_demo_school_has_this_years_roadmap_most_of_them_approved(seeded, query):
    schools = query("SELECT count(*) FROM school")[0][0]
    year = academic_year()
    rows = query(f"SELECT school_id, status FROM roadmap WHERE year = {year}")
    assert len({school_id for school_id, _ in rows}) == schools
    approved = sum(1 for _, status in rows if status == "approved")
    assert schools > approved >= schools * 2 // 3
    kinds = query("SELECT DISTINCT kind FROM school_event")
    assert {k for (k,) in kinds} >= {"setup_session", "conference", "contest"}
    assert (
        query("SELECT count(*) FROM school_event WHERE title LIKE '%Педагогический дуэт%'")[0][0]
        == schools
    )


def test_stages_are_at_different_progress_some_complete_from_data_some_overdue(seeded, app):
    with app.app_context(), all_schools():
        progress = stage_progress(academic_year())
    for stages in progress.values():
        done, total, _ = stages[Stage.MENTEE_BANK]
        assert done == total == 2  # the bank of the demo completes the stage by itself
        assert stages[Stage.COMPLETION][0] < stages[Stage.COMPLETION][1]
    assert all(sum(s[2] for s in stages.values()) >= 1 for stages in progress.values())
    lagging = [st for st in progress.values() if st[Stage.MENTOR_BANK][2]]
    assert lagging and len(lagging) < len(progress)


def test_a_second_run_adds_no_second_roadmap(app, seeded, query):
    before = query("SELECT count(*) FROM roadmap")[0][0]
    events = query("SELECT count(*) FROM school_event")[0][0]
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    assert query("SELECT count(*) FROM roadmap")[0][0] == before
    assert query("SELECT count(*) FROM school_event")[0][0] == events
