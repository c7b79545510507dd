"""The district's pages ask the database as many times for 2 schools as for 10: each figure is
one query grouped by school, never a query per school (issue 12)."""

import pytest

from nastavnik.dates import AcademicYear, today

from ...conftest import Auth
from ...test_query_counts import counting

THIS = AcademicYear.containing(today())
PATHS = ["/district/", "/district/?sort=roadmap&dir=desc", "/district/roadmaps"]


def _school(make, slug, size):
    from nastavnik.admin.demo.region import populate_school

    school = make.school(slug)
    with make.in_school(school):
        populate_school(school, size, year_start=THIS.start)
    make.roadmap(school, THIS.start_year)
    make.practice(school, status="shared", year=THIS.start_year)
    questionnaire = make.questionnaire(school)
    question = questionnaire.questions[0].id
    for value in (3, 4, 5):
        asked = make.assignment(school, questionnaire, make.staff(school), on=THIS.start)
        make.answer(school, asked, **{f"q{question}": value})
    return school


def queries(app, path) -> int:
    client = app.test_client()
    assert Auth(client).login(None, "district").status_code == 302
    assert client.get(path).status_code == 200  # warm: the same work, once
    with counting(app) as statements:
        assert client.get(path).status_code == 200
    return len(statements)


@pytest.fixture(scope="module")
def district(shared):
    with shared.kept():
        shared.make.account(None, "district", roles=["district_admin"])
        for n in range(2):
            _school(shared.make, f"few{n}", 3 + n)
        yield shared.make


@pytest.mark.parametrize("path", PATHS)
def test_a_district_page_asks_the_same_at_2_schools_and_at_10(app, district, path):
    two = queries(app, path)
    for n in range(8):
        _school(district, f"more{n}", 3 + n % 4)
    assert queries(app, path) == two, path


def recompute(app):
    """The overview of the year computed anew (no cache): its statements, and its rows."""
    from nastavnik.admin.dashboard.figures import compute_overview
    from nastavnik.tenancy import Scope, scoped

    with app.app_context(), scoped(Scope.district()):
        compute_overview(THIS, today())  # warm: the years known, the same work once
        with counting(app) as statements:
            overview = compute_overview(THIS, today())
    return len(statements), overview


def test_the_recompute_asks_the_same_at_2_schools_and_at_12(app, shared):
    """Each figure of the overview is a statement grouped by school, for all of them at once."""
    with shared.kept():
        _, before = recompute(app)  # the schools other tests of the module may have left
        for n in range(2):
            _school(shared.make, f"rc{n}", 3 + n)
        two, overview = recompute(app)
        assert len(overview.rows) == len(before.rows) + 2
        for n in range(2, 12):
            _school(shared.make, f"rc{n}", 3 + n % 4)
        twelve, overview = recompute(app)
        assert len(overview.rows) == len(before.rows) + 12
        assert twelve == two
        # the totals are the sums of the rows, added up once: 3 answers in each new school
        assert overview.total.staff == sum(r.staff for r in overview.rows) > before.total.staff
        assert overview.total.answers == sum(r.answers for r in overview.rows)
        assert overview.total.answers == before.total.answers + 36


def test_the_recompute_asks_the_same_over_2_years_and_over_5(app, shared):
    """The trend of the years before the chosen one: each figure one statement grouped by year."""
    with shared.kept():
        _school(shared.make, "trend-now", 3)
        two, overview = recompute(app)
        assert len(overview.trend) == 2
        old = shared.make.school("trend-old")
        long_ago = AcademicYear(THIS.start_year - 4).start
        staff = shared.make.staff(old, teaching_years=20)
        shared.make.consent(old, staff, signed_on=long_ago)
        shared.make.consent(old, staff, kind="mentor_duty", signed_on=long_ago)
        shared.make.mentor_entry(old, staff, added_on=long_ago)
        five, overview = recompute(app)
        assert len(overview.trend) == 5
        assert five == two
