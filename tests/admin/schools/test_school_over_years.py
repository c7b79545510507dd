"""A school's page in the district over its years: the figures of each year, on the page and in
its .xlsx, are those it has always shown, and the page and the file ask the database as many
times for a school of one year as for a school of four (issue 8): each figure is one statement
grouped by year, never a statement per year."""

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from nastavnik.dates import AcademicYear, today

from ...test_query_counts import page_queries
from .test_district_exports import screen
from .test_school_page import figures_on_page

THIS = AcademicYear.containing(today())
# A day of this academic year that has passed (the first days of September, or today then).
EARLY = min(THIS.start + timedelta(days=3), today())
PATHS = ["/district/schools/{slug}", "/district/schools/{slug}/figures.xlsx"]


def _on(back: int, days: int):
    """A day of the academic year `back` years before this one."""
    return AcademicYear(THIS.start_year - back).start + timedelta(days=days)


def _this_year(make, school):
    """What the school does this year, dated in its first days (before today, whenever it is)."""
    mentor = make.mentor_entry(school, added_on=EARLY)
    mentee = make.mentee_entry(
        school, make.consenting_staff(school, teaching_years=1), added_on=EARLY
    )
    make.mentee_entry(school, added_on=EARLY)  # waits for a mentor
    make.pairing(
        school,
        mentor.staff_id,
        [mentee.staff_id],
        status="approved",  # by order, no program yet
        created_on=EARLY,
        mentor_consent_on=EARLY,
    )
    make.event(school, title="Установочная сессия", held_on=EARLY)
    # No roadmap this year: what of it is overdue would depend on the day the test runs.
    make.practice(school, "submitted", year=THIS.start_year)


def _person(make, school, mentor=False, **fields):
    """A teacher with a data consent (and a mentor's one) signed before any of the years."""
    staff = make.staff(school, **fields)
    make.consent(school, staff, signed_on=_on(3, -30))
    if mentor:
        make.consent(school, staff, kind="mentor_duty", signed_on=_on(3, -30))
    return staff


def _past_years(make, school):
    """Three years of history before this one, each year unlike the others."""
    from nastavnik.tenants.roadmap.models import RoadmapActivity
    from nastavnik.tenants.roadmap.services import mark

    # Three years ago: the first mentor and mentee, a pair whose program ended in the year.
    old_mentor = make.mentor_entry(
        school,
        _person(make, school, mentor=True, teaching_years=25, hired_on=_on(3, -400)),
        added_on=_on(3, 5),
    )
    first = make.mentee_entry(
        school,
        _person(make, school, teaching_years=4, hired_on=_on(3, -1)),
        status="finished",
        added_on=_on(3, 5),
    )
    pairing = make.pairing(
        school,
        old_mentor.staff_id,
        [first.staff_id],
        status="ended",
        created_on=_on(3, 10),
        mentor_consent_on=_on(3, 10),
        ended_on=_on(3, 250),
    )
    make.program(
        school,
        pairing,
        status="ended",
        starts_on=_on(3, 20),
        ends_on=_on(3, 240),
        ended_on=_on(3, 250),
        end_reason="completed",
    )
    make.training(school, old_mentor, held_on=_on(3, 15))
    make.event(school, title="Семинар трёхлетней давности", held_on=_on(3, 60))
    make.practice(school, "shared", year=THIS.start_year - 3)
    roadmap = make.roadmap(school, THIS.start_year - 3)
    done = make.roadmap_activity(school, roadmap, content="Сделано", timing="Октябрь")
    with make.in_school(school):
        mark(make._get(RoadmapActivity, done.id), "done", on=_on(3, 40))

    # Two years ago: a second mentor who left, a mentee who still waits; two events.
    make.mentor_entry(
        school,
        _person(make, school, mentor=True, teaching_years=12),
        added_on=_on(2, 30),
        status="left",
        left_on=_on(2, 120),
    )
    make.mentee_entry(
        school,
        _person(make, school, teaching_years=3, hired_on=_on(2, 1)),
        added_on=_on(2, 40),
    )
    for n in range(2):
        make.event(school, title=f"Открытый урок {n + 1}", held_on=_on(2, 70 + n))
    make.practice(school, "submitted", year=THIS.start_year - 2)
    make.practice(school, "shared", year=THIS.start_year - 2)

    # Last year: a pair at work whose program ran past its planned end, with an overdue activity.
    late = make.mentee_entry(
        school,
        _person(make, school, teaching_years=2, hired_on=_on(1, 1)),
        status="in_program",
        added_on=_on(1, 3),
    )
    working = make.pairing(
        school,
        old_mentor.staff_id,
        [late.staff_id],
        created_on=_on(1, 5),
        mentor_consent_on=_on(1, 5),
    )
    program = make.program(school, working, starts_on=_on(1, 10), ends_on=_on(1, 100))
    make.activity(school, program, due_on=_on(1, 40))
    roadmap = make.roadmap(school, THIS.start_year - 1)
    make.roadmap_activity(school, roadmap, content="Не сделано", timing="Октябрь")
    # A questionnaire answered by three last year (an average shown) and by one the year before.
    questionnaire = make.questionnaire(school)
    question = questionnaire.questions[0].id
    for back, value in ((1, 3), (1, 4), (1, 5), (2, 2)):
        asked = make.assignment(school, questionnaire, _person(make, school), on=_on(back, 50))
        make.answer(school, asked, on=_on(back, 51), **{f"q{question}": value})


@pytest.fixture(scope="module")
def schools(shared):
    """«one»: this year's data only; «four»: the same this year, after three years of history."""
    with shared.kept():
        make = shared.make
        one = make.school("one-year", short_name="Школа одного года")
        _this_year(make, one)
        four = make.school("four-years", short_name="Школа четырёх лет")
        _past_years(make, four)
        _this_year(make, four)
        make.account(None, "district", roles=["district_admin"])
        yield {"one": one, "four": four}


LABELS = [AcademicYear(THIS.start_year - back).label for back in range(4)]

# What the page showed for «four» before the figures were grouped by year (issue 8), by year
# from this one back; None is «—».
SHOWN = {
    "Педагогических работников": [12, 12, 11, 10],
    "Молодых педагогов (стаж менее 3 лет)": [2, 3, 2, 1],
    "Молодых педагогов с наставником": [2, 1, 0, 1],
    "Охват молодых педагогов, %": [100, 33, 0, 100],
    "Наставников в банке": [2, 1, 2, 1],
    "Наставляемых в банке": [4, 2, 1, 1],
    "из них ожидают наставника": [2, 1, 1, 0],
    "Пар и групп, действовавших в учебном году": [2, 1, 0, 1],
    "Программ начато": [0, 1, 0, 1],
    "Программ выполняется": [1, 1, 0, 0],
    "из них после планового срока": [1, 1, 0, 0],
    "Программ завершено": [0, 0, 0, 1],
    "Мероприятий дорожной карты": [0, 19, 0, 19],
    "из них выполнено": [0, 2, 0, 4],
    "из них просрочено": [0, 11, 0, 9],
    "Выполнение дорожной карты, %": [None, 11, None, 21],
    "Проведено мероприятий школы": [1, 0, 2, 1],
    "Лучших практик описано": [1, 0, 2, 1],
    "из них открыто районом для всех школ": [0, 0, 1, 1],
}

# The same school's row of the district's overview in each of those years (the overview
# shares the statistics): {column: [this year, last year, …]}.
OVERVIEW = {
    "staff": [12, 12, 11, 10],
    "young": [2, 3, 2, 1],
    "covered": [100, 33, 0, 100],
    "mentors": [2, 1, 2, 1],
    "mentees": [4, 2, 1, 1],
    "waiting": [2, 1, 1, 0],
    "pairs": [1, 1, 0, 0],
    "approved": [1, 0, 0, 0],
    "running": [1, 1, 0, 0],
    "ended": [0, 0, 0, 1],
    "overdue": [1, 1, 0, 0],
    "roadmap": [None, 11, None, 21],
    "roadmap_overdue": [0, 11, 0, 9],
    "average": [None, 4, None, None],
    "answers": [0, 3, 1, 0],
    "practices": [0, 0, 1, 1],
}


def _login(app):
    from ...conftest import Auth

    client = app.test_client()
    assert Auth(client).login(None, "district").status_code == 302
    return client


def test_each_years_figures_are_those_the_page_always_showed(app, schools):
    client = _login(app)
    response = client.get("/district/schools/four-years")
    assert response.status_code == 200
    shown = figures_on_page(response.get_data(as_text=True))
    expected = {label: dict(zip(LABELS, values)) for label, values in SHOWN.items()}
    assert shown == expected

    xlsx = client.get("/district/schools/four-years/figures.xlsx")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(r for r in rows if r[0] == "Показатель")
    assert header[1:5] == LABELS
    in_file = {r[0]: r[1:5] for r in rows if r[0] in SHOWN}
    assert in_file == SHOWN


def test_the_schools_row_of_the_overview_in_each_year_is_as_before(app, schools):
    client = _login(app)
    for back in range(4):
        response = client.get(f"/district/?year={THIS.start_year - back}")
        assert response.status_code == 200
        row = screen(response.get_data(as_text=True))["four-years"]
        assert row == {key: values[back] for key, values in OVERVIEW.items()}, LABELS[back]


@pytest.mark.parametrize("path", PATHS)
def test_the_page_asks_as_much_for_one_year_as_for_four(app, schools, path):
    one = page_queries(app, schools["one"], None, "district", path)
    four = page_queries(app, schools["four"], None, "district", path)
    assert one[0] == four[0], f"{path}: {one[0]} запросов за 2 года, {four[0]} за 4:\n" + "\n".join(
        s[:160] for s in four[1]
    )
