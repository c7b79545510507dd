"""The district's home: every school's figures side by side, the district's totals, no names."""

import re
from datetime import timedelta

import pytest

from nastavnik.dates import AcademicYear, today
from nastavnik.extensions import db
from nastavnik.tenancy import Scope, TenancyError, all_schools, scoped
from nastavnik.tenants.banks import stats as banks
from nastavnik.tenants.pairings import stats as pairings
from nastavnik.tenants.programs import stats as programs
from nastavnik.tenants.staff import stats as staff

THIS = AcademicYear.containing(today())  # the district shows the current academic year
LONG_AGO = THIS.start  # the first day of this year: passed (unless today is 1 September)


@pytest.fixture(scope="module")
def district(shared):
    """Three schools with known figures (see the comments), the last one empty; made once for
    the module, each test reads them in its own savepoint."""
    with shared.kept():
        yield _district(shared.make)


def _district(make):
    a = make.school("alpha", short_name="Школа Альфа", settlement="с. Майртуп")
    b = make.school("beta", short_name="Школа Бета", settlement="с. Гелдаган")
    c = make.school("gamma", short_name="Школа Гамма", settlement="г. Курчалой")

    # Alpha. world(): 3 staff, 1 mentor, 1 mentee in an active traditional pair with 1 active
    # program (its activity is of last year), no young teacher (no length of service).
    ids = make.world(a, "Секрет")
    mentor = make.mentor_entry(a)  # staff 4, mentors 2
    make.mentor_entry(a, status="left")  # staff 5, left last year: not in this year's bank
    # staff 6..9, young 2 (under three years); with the data consent the mentee bank asks for
    young1 = make.consenting_staff(a, teaching_years=1, last_name="Молодаева")
    young2 = make.consenting_staff(a, teaching_years=2)
    young3 = make.consenting_staff(a, teaching_years=3)
    senior = make.consenting_staff(a, teaching_years=4)
    make.mentee_entry(a, young1, status="in_program")  # mentees 2
    make.mentee_entry(a, young2)  # mentees 3
    make.mentee_entry(a, young3, status="finished")  # finished last year: not of this year
    make.mentee_entry(a, senior, status="left")
    make.mentee_entry(a)  # staff 10, mentees 4, the one waiting
    group = make.pairing(a, mentor.staff_id, [young1, senior], form="group")  # covers young1
    make.pairing(a, mentor.staff_id, [young2], status="approved")  # covers young2
    make.pairing(a, mentor.staff_id, [young3], status="proposed")  # young3: not yet
    ended = make.pairing(a, mentor.staff_id, [young3], status="ended")  # ended last year
    make.pairing(a, mentor.staff_id, [senior], form=f"custom:{ids['form_id']}")  # active 3
    finished = make.program(a, ended, status="ended", ended_on=THIS.start)  # ended 1
    make.activity(a, finished, due_on=LONG_AGO)  # dropped with its program: not overdue
    running = make.program(a, group)  # programs: 2 running
    make.activity(a, running, due_on=LONG_AGO)  # overdue 1
    make.activity(a, running, due_on=LONG_AGO, status="done")
    make.activity(a, running, due_on=today() + timedelta(days=30))

    # Beta. world(): as above; plus a young teacher in an active pair with a new mentor.
    # Its world's activity is of last year: nothing overdue this year.
    make.world(b, "Тайна")
    young = make.staff(b, teaching_years=0)  # staff 4, young 1
    make.pairing(b, mentees=[young])  # staff 5, mentors 2, active pairs 2, covered 1
    return a, b, c


def cells(html: str, testid: str) -> list[str]:
    row = re.search(rf'<tr[^>]*data-testid="{testid}".*?</tr>', html, re.S).group(0)
    texts = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>|&nbsp;", " ", t)).strip() for t in texts]


@pytest.fixture
def page(client, make, auth, district):
    make.account(None, "district", roles=["district_admin"])
    auth.login(None, "district")
    response = client.get("/district/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def figures_of(page, testid):
    """The row's figures, without the school's name and the reasons it lags."""
    return cells(page, testid)[1:]


OVERDUE = "2"  # Alpha's programs past their planned term


def test_each_school_has_its_own_row_of_figures(page):
    # teachers, young, covered; mentors, mentees, waiting; pairs at work, without a program;
    # programs running, ended, past term; roadmap % and overdue; average, answers; practices
    assert figures_of(page, "school-alpha") == [
        *["10", "2", "100 %", "2", "4", "1", "3", "1", "2", "1", OVERDUE],
        *["—", "0", "—", "0", "0"],
    ]
    assert figures_of(page, "school-beta") == [
        *["5", "1", "100 %", "2", "1", "0", "2", "0", "1", "0", "1"],
        *["—", "0", "—", "0", "0"],
    ]


def test_a_school_with_nothing_yet_shows_zeros_and_no_share(page):
    assert figures_of(page, "school-gamma") == [
        *["0", "0", "—", "0", "0", "0", "0", "0", "0", "0", "0"],
        *["—", "0", "—", "0", "0"],
    ]


def test_district_totals_add_up_and_the_share_comes_from_the_totals(page):
    # The share of the totals: 3 covered of 3 young teachers in the district.
    overdue = "3"  # and Beta's one
    assert figures_of(page, "district-total") == [
        *["15", "3", "100 %", "4", "5", "1", "5", "1", "3", "1", overdue],
        *["—", "0", "—", "0", "0"],
    ]


def test_active_pairs_are_counted_by_form_of_mentoring(page):
    forms = re.search(r'data-testid="chart-forms".*?</figure>', page, re.S).group(0)
    table = re.search(r"<table.*?</table>", forms, re.S).group(0)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", table))
    # In force this year: Alpha's traditional and approved pairs, Beta's two.
    assert "Традиционная форма наставничества («один на один») 4" in text
    assert "Групповое наставничество 1" in text
    assert "Формы, добавленные школами 1" in text
    assert "Реверсивное" not in text


def test_the_district_sees_no_names_of_people(page):
    for name in ("Молодаева", "Секрет", "Тайна", "Педагогова", "Марьям", "Пользователь user"):
        assert name not in page, name


def test_the_methodologist_sees_the_overview_too(client, make, auth, district):
    make.account(None, "methodist", roles=["methodologist"])
    auth.login(None, "methodist")
    response = client.get("/district/")
    assert response.status_code == 200
    assert "Итого по району" in response.get_data(as_text=True)


def test_a_school_account_is_sent_to_the_district_login(client, make, auth, district):
    a = district[0]
    make.account(a, "director", roles=["director"])
    auth.login(a, "director")
    response = client.get("/district/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/district/login")


# --- the statistics themselves, as a school and as the district call them --------------------


def figures():
    day = today()
    return {
        "staff": staff.staff_count(THIS, day),
        "young": staff.young_teachers(THIS, day),
        "mentors": banks.mentors_in_bank(THIS),
        "mentees": pairings.mentees_in_bank(THIS),
        "waiting": pairings.mentees_waiting(THIS, day),
        "by_status": pairings.pairings_by_status(THIS, day),
        "by_form": pairings.pairings_by_form(THIS),
        "covered": pairings.young_covered(THIS, day),
        "running": programs.programs_running(THIS, day),
        "ended": programs.programs_ended(THIS),
        "overdue": programs.overdue_activities(THIS, day),
    }


ALPHA = {
    "staff": 10,
    "young": 2,
    "mentors": 2,
    "mentees": 4,
    "waiting": 1,
    "by_status": {"active": 3, "approved": 1, "proposed": 1},
    "by_form": {"traditional": 2, "group": 1, "custom": 1},
    "covered": 2,
    "running": 2,
    "ended": 1,
    "overdue": 1 if today() > LONG_AGO else 0,
}
BETA = {
    "staff": 5,
    "young": 1,
    "mentors": 2,
    "mentees": 1,
    "waiting": 0,
    "by_status": {"active": 2},
    "by_form": {"traditional": 2},
    "covered": 1,
    "running": 1,
    "ended": 0,
    "overdue": 0,
}


def grouped(school, value) -> dict:
    """A school with nothing to count has no row to group."""
    return {school.id: value} if value else {}


def test_in_a_school_each_statistic_returns_that_school_only(app, district):
    a, b, _ = district
    for school, expected in ((a, ALPHA), (b, BETA)):
        with app.app_context(), scoped(Scope.school(school.id)):
            assert figures() == {name: grouped(school, value) for name, value in expected.items()}


def test_across_all_schools_each_statistic_is_grouped_by_school(app, district):
    a, b, c = district
    with app.app_context(), all_schools():
        result = figures()
    for name in ALPHA:
        # An empty school is simply absent: no rows to group.
        assert result[name] == grouped(a, ALPHA[name]) | grouped(b, BETA[name]), name


def test_overdue_counts_only_dates_before_today(app, district):
    a = district[0]
    with app.app_context(), all_schools():
        assert programs.overdue_activities(THIS, LONG_AGO) == {}
        # Alpha's activity due that day is overdue the day after; the others fall due later.
        assert programs.overdue_activities(THIS, LONG_AGO + timedelta(days=1)) == {a.id: 1}


@pytest.mark.parametrize("scope", [None, Scope.district()])
def test_statistics_refuse_to_run_without_a_school_or_all_schools(app, district, scope):
    with app.app_context(), scoped(scope), pytest.raises(TenancyError):
        staff.staff_count(THIS, today())
    with app.app_context():
        db.session.rollback()
