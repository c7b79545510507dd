"""An academic year counts what happened in it (1 September – 31 August): checked at its edges
on hand-made schools, against the direct counts and against the numbers themselves."""

from datetime import date, datetime

import pytest

from nastavnik.dates import AcademicYear
from nastavnik.tenancy import Scope, all_schools, scoped
from nastavnik.tenants.statistics import services

from . import oracle

Y2024, Y2025 = AcademicYear(2024), AcademicYear(2025)
TODAY = date(2026, 11, 30)  # a fixed «today», in 2026/2027


def test_the_academic_year_runs_from_the_first_of_september_to_the_end_of_august():
    assert AcademicYear.containing(date(2025, 8, 31)) == Y2024
    assert AcademicYear.containing(date(2025, 9, 1)) == Y2025
    assert (Y2025.start, Y2025.end, Y2025.label) == (
        date(2025, 9, 1),
        date(2026, 8, 31),
        "2025/2026",
    )
    assert Y2025.as_of(date(2025, 12, 1)) == date(2025, 12, 1)  # while it runs: today
    assert Y2024.as_of(date(2025, 12, 1)) == date(2025, 8, 31)  # past: its last day


@pytest.fixture
def edges(make):
    school = make.school("edges")
    mentor = make.mentor_entry(school, added_on=date(2024, 9, 2))
    # A mentor who left on the last day of 2024/25 is of that year only; one who left on the
    # first day of 2025/26 is of both.
    make.mentor_entry(school, status="left", added_on=date(2024, 9, 2), left_on=date(2025, 8, 31))
    make.mentor_entry(school, status="left", added_on=date(2024, 9, 2), left_on=date(2025, 9, 1))
    young_then = make.consenting_staff(school, teaching_years=3)  # 2 in 2025/26: young then
    young_now = make.consenting_staff(school, teaching_years=0)
    pair_a = make.pairing(
        school,
        mentor.staff_id,
        [young_then],
        approved_on=date(2025, 8, 31),
        created_on=date(2025, 8, 30),
        status="ended",
        ended_on=date(2025, 9, 1),
    )
    pair_b = make.pairing(
        school,
        mentor.staff_id,
        [young_now],
        created_on=date(2025, 9, 1),
        approved_on=date(2025, 9, 1),
    )
    # Programs ended in June 2025 and on 31 August 2025 are of 2024/25; on 1 September of 2025/26.
    for ended in (date(2025, 6, 15), date(2025, 8, 31), date(2025, 9, 1)):
        make.program(
            school,
            pair_a,
            starts_on=date(2024, 9, 15),
            ends_on=date(2025, 5, 31),
            status="ended",
            ended_on=ended,
        )
    running = make.program(school, pair_b, starts_on=date(2025, 9, 1), ends_on=date(2026, 5, 31))
    make.activity(
        school, running, due_on=date(2025, 8, 31), status="done", done_on=date(2025, 9, 2)
    )
    make.activity(school, running, due_on=date(2025, 9, 1), status="done", done_on=date(2025, 9, 1))
    make.activity(school, running, due_on=date(2025, 9, 2))  # never done: overdue
    make.activity(school, running, due_on=date(2026, 9, 1))  # of the next year
    make.activity(school, running, due_on=date(2025, 10, 1), status="cancelled")
    make.change(school, running, status="applied", applied_at=datetime(2025, 8, 31, 23, 0))
    make.change(school, running, kind="plan", status="applied", applied_at=datetime(2025, 9, 1, 8))
    make.training(school, mentor, held_on=date(2025, 8, 31))
    make.training(school, mentor, kind="seminar", held_on=date(2025, 9, 1))
    return school


def figures(app, school, year):
    with app.app_context(), scoped(Scope.school(school.id)):
        return services.figures(school.id, year, TODAY)


@pytest.mark.parametrize("year", [Y2024, Y2025, AcademicYear(2026)], ids=lambda y: y.label)
def test_each_figure_at_the_years_edges_equals_the_direct_count(app, query, edges, year):
    expected = services.YearFigures(year, **oracle.count(query, edges.id, year, TODAY))
    assert figures(app, edges, year) == expected


def test_a_program_ended_in_june_belongs_to_the_year_that_ends_in_august(app, edges):
    assert figures(app, edges, Y2024).programs_ended == 2  # 15 June and 31 August 2025
    assert figures(app, edges, Y2025).programs_ended == 1  # 1 September 2025
    assert figures(app, edges, Y2025).programs_started == 1


def test_activities_are_of_the_year_of_their_date(app, edges):
    assert figures(app, edges, Y2024).activities == {"late": 1}
    # Due 1 September and done that day; due 2 September, never done; the cancelled one is out.
    assert figures(app, edges, Y2025).activities == {"on_time": 1, "overdue": 1}


def test_banks_pairings_and_changes_at_the_edges(app, edges):
    before, after = figures(app, edges, Y2024), figures(app, edges, Y2025)
    assert (before.mentors, after.mentors) == (3, 2)
    # Approved 31 August and ended 1 September: in force in both years.
    assert before.pairings_by_form == {"traditional": 1}
    assert after.pairings_by_form == {"traditional": 2}
    assert after.pairings_by_status == {"ended": 1, "active": 1}
    assert before.changed_by_kind == {"extend": 1}
    assert after.changed_by_kind == {"plan": 1}
    assert (before.trainings, after.trainings) == ({"session": 1}, {"seminar": 1})


def test_a_teacher_with_three_years_now_was_young_the_year_before(app, edges):
    assert figures(app, edges, AcademicYear(2026)).young == 1  # 0 years: young; 3: no longer
    last = figures(app, edges, Y2025)
    # 2 years then, in a pair in force that year; the one with 0 years now was not teaching.
    assert (last.young, last.young_covered, last.covered_percent) == (1, 1, 100)


def test_under_35_counts_only_known_birth_dates(app, make):
    school = make.school("ages")
    make.staff(school, born_on=date(1991, 9, 2))  # 33 on 1 September 2025
    make.staff(school, born_on=date(1990, 9, 1))  # 35 that day
    make.staff(school)  # not known
    got = figures(app, school, Y2025)
    assert (got.staff, got.age_known, got.under_35) == (3, 2, 1)


def test_the_district_gets_the_same_figures_grouped_by_school(app, make, edges):
    other = make.school("other")
    make.mentor_entry(other, added_on=date(2025, 9, 1))
    with app.app_context(), all_schools():
        stats = services.gather(Y2025, TODAY)
    assert stats["mentors"] == {edges.id: 2, other.id: 1}
    assert figures(app, edges, Y2025).mentors == 2
