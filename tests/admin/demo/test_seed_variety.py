"""The demo district's schools differ as real ones do, in the figures a district methodologist
reads: taken with the statistics' own `gather` over all schools, this year and last."""

import re
from collections import Counter

import pytest

from nastavnik.dates import AcademicYear, today
from nastavnik.tenancy import all_schools
from nastavnik.tenants.practices.models import PracticeStatus
from nastavnik.tenants.statistics.services import gather

THIS = AcademicYear.containing(today())
LAST = THIS.previous
ON_TIME = ["dzhigurty", "geldagan", "tsotsi-yurt"]  # data.PROFILES' on_time: no lag mark


@pytest.fixture(scope="module")
def seeded(app, shared):
    with shared.kept():
        result = app.test_cli_runner().invoke(args=["seed-demo"])
        assert result.exit_code == 0, result.output
        yield result


@pytest.fixture(scope="module")
def figures(app, seeded):
    """{year: {slug: {figure: value}}} of the district, as the district's pages compute them."""
    from sqlalchemy import select

    from nastavnik.extensions import db
    from nastavnik.models import School

    out = {}
    with app.app_context(), all_schools():
        slugs = dict(db.session.execute(select(School.id, School.slug)).all())
        for year in (LAST, THIS):
            stats = gather(year, today())
            out[year] = {
                slug: {name: by_school.get(school_id) for name, by_school in stats.items()}
                for school_id, slug in slugs.items()
            }
    return out


def overdue_of(f: dict) -> tuple[int, int, int]:
    """(activities of programs, activities of the roadmap, programs) overdue."""
    roadmap = sum(stage[2] for stage in (f["roadmap"] or {}).values())
    return (f["activities"] or {}).get("overdue", 0), roadmap, f["programs_overdue"] or 0


def test_school_sizes_range_from_12_to_70_teachers_all_different(figures):
    sizes = {slug: f["staff"] for slug, f in figures[THIS].items()}
    assert min(sizes.values()) == 12 and max(sizes.values()) == 70
    assert len(set(sizes.values())) == len(sizes)
    # A share of young teachers (under 3 years of teaching) as in real schools, never none.
    for slug, f in figures[THIS].items():
        assert 0.1 <= f["young"] / f["staff"] <= 0.35, slug


def test_no_two_schools_show_the_same_key_figures(figures):
    def key(f):
        return (
            f["young"],
            f["young_covered"] or 0,
            f["mentors"] or 0,
            f["mentees"] or 0,
            f["mentees_waiting"] or 0,
            f["programs_running"] or 0,
            overdue_of(f),
        )

    for year in (THIS, LAST):
        rows = [key(f) for f in figures[year].values()]
        if year == THIS:
            assert len(set(rows)) == len(rows), rows  # even leaving the school's size aside
        staffed = [(f["staff"], *key(f)) for f in figures[year].values()]
        assert len(set(staffed)) == len(staffed)
    # The forms of mentoring vary: the district uses many, the schools different mixes.
    forms = [frozenset((f["pairings_by_form"] or {}).items()) for f in figures[THIS].values()]
    assert len(set(forms)) == len(forms)
    assert len(set().union(*[f["pairings_by_form"] or {} for f in figures[THIS].values()])) >= 8


def test_one_school_has_no_roadmap_this_year_and_one_has_nothing_overdue(figures):
    without = [slug for slug, f in figures[THIS].items() if not f["roadmap"]]
    assert without == ["yalkhoy-mokhk"]
    assert all(f["roadmap"] for f in figures[LAST].values())  # last year's: every school's
    on_time = [
        slug
        for slug, f in figures[THIS].items()
        if f["roadmap"] and f["programs_running"] and overdue_of(f) == (0, 0, 0)
    ]
    assert sorted(on_time) == ON_TIME
    # Elsewhere something is overdue: activities of programs or of the roadmap, or a program
    # running past its end (a program of last year never closed).
    late = {slug for slug, f in figures[THIS].items() if any(overdue_of(f))}
    assert late == set(figures[THIS]) - set(ON_TIME)
    assert [s for s, f in figures[THIS].items() if f["programs_overdue"]] == ["kurchaloy-2"]


def test_one_school_lags_on_young_teachers_many_without_a_mentor(figures):
    def coverage(f):
        return (f["young_covered"] or 0) / f["young"]

    working = {s: f for s, f in figures[THIS].items() if f["programs_running"]}
    lagging = min(working, key=lambda s: coverage(working[s]))
    assert lagging == "kurchaloy-2"
    assert coverage(working[lagging]) < 0.4 and working[lagging]["young"] >= 15
    others = sorted(coverage(f) for s, f in working.items() if s != lagging)
    assert others[0] >= 0.6


def test_one_school_has_signed_no_order_this_year(seeded, query, figures):
    rows = query(
        "SELECT s.slug, count(o.id) FROM school s LEFT JOIN school_order o "
        f"ON o.school_id = s.id AND o.status = 'signed' AND o.signed_on >= '{THIS.start}' "
        "GROUP BY s.slug"
    )
    assert [slug for slug, n in rows if n == 0] == ["bachi-yurt"]
    # Its pairs wait for the director's signature: no program, its young without a mentor.
    bachi = figures[THIS]["bachi-yurt"]
    assert not bachi["programs_running"] and not bachi["young_covered"]
    assert bachi["mentees_waiting"] >= 10


def test_last_year_has_history_for_the_trend(figures):
    last, this = figures[LAST], figures[THIS]
    for slug, f in last.items():
        assert f["programs_ended"] >= 3, slug
        assert f["programs_started"] >= 3, slug
        # Last year's questionnaires: averages shown (three answers and more).
        assert any(average is not None for _q, _question, average, _n in f["questions"]), slug
    ended = sum(f["programs_ended"] for f in last.values())
    assert ended > sum(f["programs_ended"] or 0 for f in this.values())
    assert sum(f["mentees"] for f in this.values()) > sum(f["mentees"] for f in last.values())
    # Best practices shared with all schools in both years.
    for year in (last, this):
        shared = sum((f["practices"] or {}).get(PracticeStatus.SHARED, 0) for f in year.values())
        assert shared >= 1
    # Programs ended in both ways last year: completed, and one early by the mentee's wish.
    reasons = Counter()
    for f in last.values():
        reasons.update({r.value: n for r, n in (f["ended_by_reason"] or {}).items()})
    assert reasons["completed"] > reasons["mentee_initiative"] >= 1


def test_the_teachers_have_real_looking_varied_names_dates_and_subjects(seeded, query):
    staff = query(
        "SELECT s.slug, t.last_name, t.first_name, t.middle_name, t.subjects, t.hired_on, "
        "t.born_on FROM staff t JOIN school s ON s.id = t.school_id"
    )
    by_school = Counter()
    for slug, last, first, middle, *_ in staff:
        by_school[(slug, last, first, middle)] += 1
        # A woman's surname and patronymic agree (-а, -овна), and a man's (-ич).
        assert middle.endswith(("вна", "чна")) == (last.endswith("а")), (last, first, middle)
        assert re.fullmatch(r"[А-ЯЁ][а-яё]+", first), first
    assert max(by_school.values()) == 1  # no one twice in a school
    assert len({row[1].removesuffix("а") for row in staff}) >= 40
    assert len({row[4] for row in staff if row[4]}) >= 15
    big = [row for row in staff if row[0] == "mairtup-1"]
    assert len({str(row[5])[:4] for row in big}) >= 12  # hired over many years
    assert len({str(row[6])[:4] for row in big if row[6]}) >= 20
    assert any(row[6] is None for row in big)  # a few did not give their birth date


def test_the_district_can_spot_the_lagging_schools_and_why(app, seeded):
    """The overview's marks: the schools on time carry none, the others say their reason."""
    from nastavnik.admin.dashboard.figures import compute_overview
    from nastavnik.tenancy import Scope, scoped

    with app.app_context(), scoped(Scope.district()):
        overview = compute_overview(THIS, today())
    lags = {row.school.slug: row.lags for row in overview.rows}
    assert sorted(slug for slug, why in lags.items() if not why) == ON_TIME
    assert len(overview.lagging) == len(lags) - len(ON_TIME)
    assert any("нет дорожной карты" in why for why in lags["yalkhoy-mokhk"])
    assert any(
        re.fullmatch(r"1[0-9] молодых педагогов без наставника", why) for why in lags["kurchaloy-2"]
    )
    assert any("ни одного приказа, подписанного" in why for why in lags["bachi-yurt"])
    # each of them lags for its own reason, not for another's
    assert all("нет дорожной карты" not in why for why in lags["kurchaloy-2"] + lags["bachi-yurt"])
    assert all("приказа" not in why for why in lags["yalkhoy-mokhk"] + lags["kurchaloy-2"])
