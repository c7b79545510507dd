"""The district's overview is recomputed at most once a minute (README, «Производительность»):
a teacher added in a school shows on the district's page within a minute, not at once, and the
page says when its figures were taken. Every other test runs with NullCache: never stale."""

import re
import time as clock

import cachelib.simple
import pytest
from cachelib import SimpleCache

from nastavnik.admin.dashboard import figures
from nastavnik.extensions import cache

from .test_overview import district_rows


@pytest.fixture
def cached(app, monkeypatch):
    """The app with the default SimpleCache of production instead of the tests' NullCache."""
    monkeypatch.setitem(app.extensions["cache"], cache, SimpleCache(default_timeout=60))
    return app


def staff_of(client, slug: str) -> tuple[str, str]:
    html = client.get("/district/").get_data(as_text=True)
    stamp = re.search(r'data-testid="computed-at">([^<]+)<', html).group(1)
    return district_rows(html)[slug]["staff"], stamp


def test_the_overview_is_computed_once_a_minute_and_says_when(
    cached, client, auth, make, monkeypatch
):
    school = make.school("alpha", short_name="Школа Альфа")
    make.staff(school)
    make.account(None, "district", roles=["district_admin"])
    auth.login(None, "district")
    computed = []
    real = figures.compute_overview
    monkeypatch.setattr(figures, "compute_overview", lambda *a: computed.append(a) or real(*a))

    first, stamp = staff_of(client, "alpha")
    assert first == "1"
    assert re.fullmatch(r"Данные на \d{1,2} [а-я]+ \d{4} г\., \d\d:\d\d", stamp)

    make.staff(school)  # a write in the school: the district sees it within a minute
    assert staff_of(client, "alpha") == (first, stamp)
    assert len(computed) == 1

    later = clock.time() + figures.OVERVIEW_SECONDS + 1
    monkeypatch.setattr(cachelib.simple, "time", lambda: later)
    assert staff_of(client, "alpha")[0] == "2"
    assert len(computed) == 2


def test_each_year_and_day_has_its_own_figures():
    from datetime import date

    from nastavnik.dates import AcademicYear

    keys = {
        figures.overview_key(AcademicYear(2025), date(2026, 11, 30)),
        figures.overview_key(AcademicYear(2026), date(2026, 11, 30)),
        figures.overview_key(AcademicYear(2026), date(2026, 12, 1)),
    }
    assert len(keys) == 3


def test_the_roadmap_matrix_is_computed_once_a_minute_too(cached, client, auth, make, monkeypatch):
    make.roadmap(make.school("alpha", short_name="Школа Альфа"))
    make.account(None, "district", roles=["district_admin"])
    auth.login(None, "district")
    computed = []
    real = figures.compute_roadmap_matrix
    monkeypatch.setattr(
        figures, "compute_roadmap_matrix", lambda *a: computed.append(a) or real(*a)
    )
    for _ in range(3):
        assert "Школа Альфа" in client.get("/district/roadmaps").get_data(as_text=True)
    assert len(computed) == 1
    later = clock.time() + figures.OVERVIEW_SECONDS + 1
    monkeypatch.setattr(cachelib.simple, "time", lambda: later)
    client.get("/district/roadmaps")
    assert len(computed) == 2
