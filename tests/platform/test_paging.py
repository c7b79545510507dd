"""Long lists a page at a time (nastavnik.paging), and the test switch that forbids lazy loads
while a template renders (tests/conftest.py, used by tests/test_query_counts.py)."""

import pytest
from flask import render_template_string
from sqlalchemy import select

from nastavnik.extensions import db
from nastavnik.paging import page_of, page_of_select
from nastavnik.tenancy import Scope, scoped

from ..conftest import LazyLoadInTemplate


def test_pages_of_a_list(app):
    rows = list(range(1, 124))  # 123 rows, 10 a page: 13 pages
    with app.test_request_context("/?page=7"):
        page = page_of(rows, 10)
        assert (page.number, page.pages, page.first, page.last) == (7, 13, 61, 70)
        assert page.items == list(range(61, 71))
        assert page.around == [1, None, 5, 6, 7, 8, 9, None, 13]
        assert page_of(rows, 10, 13).items == [121, 122, 123]
        assert page_of(rows, 10, 99).number == 13
        assert page_of(rows, 10, 0).number == 1
        assert page_of([], 10, 3).items == [] and page_of([], 10, 3).first == 0
    with app.test_request_context("/?page=-2"):
        assert page_of(rows, 10).number == 1


def test_a_page_of_a_statement_is_the_same_page_of_its_rows(app, make, school):
    """The database slices (a count and LIMIT/OFFSET) exactly as the list would be sliced."""
    from nastavnik.tenants.staff.models import Staff

    for k in range(23):
        make.staff(school, last_name=f"Педагогова{k:02d}")
    ordered = select(Staff).order_by(Staff.last_name, Staff.id)
    with app.test_request_context("/?page=2"), scoped(Scope.school(school.id)):
        everyone = list(db.session.execute(ordered).scalars())
        for number in (None, 1, 3, 4, 0, -1):
            listed, sliced = (
                page_of(everyone, 10, number),
                page_of_select(ordered, 10, number=number),
            )
            assert [s.id for s in sliced.items] == [s.id for s in listed.items], number
            assert (sliced.number, sliced.total, sliced.pages) == (
                listed.number,
                listed.total,
                listed.pages,
            )
        assert page_of_select(ordered, 10).number == 2  # the request's ?page=
        names = page_of_select(select(Staff.last_name).order_by(Staff.last_name), 5, list, 5)
        assert [row.last_name for row in names.items] == [
            "Педагогова20",
            "Педагогова21",
            "Педагогова22",
        ]


def _render_mentor_name(app, school):
    from nastavnik.tenants.pairings.models import Pairing

    with app.test_request_context(), scoped(Scope.school(school.id)):
        found = db.session.execute(select(Pairing)).scalars().first()
        db.session.expire_all()
        found = db.session.execute(select(Pairing).where(Pairing.id == found.id)).scalar_one()
        return render_template_string("{{ p.mentor.display_name }}", p=found)


def test_a_lazy_load_while_rendering_raises_under_the_switch(app, make, school, no_lazy_loads):
    make.pairing(school)
    with pytest.raises(LazyLoadInTemplate, match="a lazy load of Pairing"):
        _render_mentor_name(app, school)


def test_without_the_switch_the_same_template_renders(app, make, school):
    make.pairing(school)
    assert _render_mentor_name(app, school)
