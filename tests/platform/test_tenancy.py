"""Scoping fails closed: no school bound, no school data; a bound school sees only itself."""

import logging

import pytest
from sqlalchemy import func, select, text, update

from nastavnik.extensions import db
from nastavnik.models import Account
from nastavnik.tenancy import Scope, TenancyError, all_schools, scoped, unscoped
from nastavnik.tenants.staff.models import Staff


@pytest.fixture
def schools(make):
    a, b = make.school("a"), make.school("b")
    for school, names in ((a, ["Алиева", "Батаева"]), (b, ["Чуева"])):
        for name in names:
            make.staff(school, last_name=name)
    return a, b


def test_query_without_a_school_raises(app, schools):
    with app.app_context(), pytest.raises(TenancyError):
        db.session.execute(select(Staff)).all()


def test_bound_school_sees_only_its_own_rows(app, schools):
    a, b = schools
    with app.app_context(), scoped(Scope.school(a.id)):
        names = db.session.execute(select(Staff.last_name).order_by(Staff.last_name)).scalars()
        assert list(names) == ["Алиева", "Батаева"]
        assert db.session.execute(select(func.count(Staff.id))).scalar_one() == 2


def test_another_schools_row_is_not_found_by_id(app, schools):
    a, b = schools
    with app.app_context(), scoped(Scope.school(b.id)):
        foreign_id = db.session.execute(select(Staff.id)).scalar_one()
    with app.app_context(), scoped(Scope.school(a.id)):
        assert db.session.execute(select(Staff).where(Staff.id == foreign_id)).first() is None


def test_bulk_update_touches_only_the_bound_school(app, query, schools):
    a, b = schools
    with app.app_context(), scoped(Scope.school(a.id)):
        db.session.execute(update(Staff).values(position="директор"))
        db.session.commit()
    rows = query("SELECT school_id, position FROM staff ORDER BY id")
    assert {pos for sid, pos in rows if sid == b.id} == {"учитель математики"}


def test_new_rows_are_stamped_with_the_bound_school(app, query, schools):
    a, _ = schools
    with app.app_context(), scoped(Scope.school(a.id)):
        db.session.add(Staff(last_name="Новая", first_name="Зара", position="учитель"))
        db.session.commit()
    assert query("SELECT school_id FROM staff WHERE last_name = 'Новая'") == [(a.id,)]


def test_a_row_for_another_school_is_refused_before_flush(app, schools):
    a, b = schools
    with app.app_context(), scoped(Scope.school(a.id)):
        db.session.add(Staff(school_id=b.id, last_name="Чужая", first_name="З", position="у"))
        with pytest.raises(TenancyError):
            db.session.flush()
        db.session.rollback()


def test_the_district_reads_across_schools_only_explicitly_and_never_writes(app, schools):
    with app.app_context(), scoped(Scope.district()):
        with pytest.raises(TenancyError):
            db.session.execute(select(Staff)).all()
        with all_schools():
            staff = db.session.execute(select(Staff)).scalars().all()
            assert len(staff) == 3
            staff[0].position = "изменено районом"
            with pytest.raises(TenancyError):
                db.session.flush()
        db.session.rollback()


def test_composite_foreign_key_refuses_a_link_into_another_school(app, make, schools):
    from sqlalchemy.exc import IntegrityError

    a, b = schools
    foreign_account = make.account(b, "curator")
    with app.app_context(), scoped(Scope.school(a.id)):
        staff = db.session.execute(select(Staff)).scalars().first()
        staff.account_id = foreign_account.id
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()


def test_accounts_are_scoped_like_school_data(app, make, schools):
    a, b = schools
    make.account(a, "curator")
    make.account(b, "curator")
    make.account(None, "district", roles=["district_admin"])
    with app.app_context():
        with scoped(Scope.school(a.id)):
            assert [x.school_id for x in db.session.execute(select(Account)).scalars()] == [a.id]
        with scoped(Scope.district()):
            assert [x.login for x in db.session.execute(select(Account)).scalars()] == ["district"]
        with pytest.raises(TenancyError):
            db.session.execute(select(Account)).all()


def test_the_escape_hatch_says_why_it_was_opened(app, schools, caplog):
    caplog.set_level(logging.INFO, logger="nastavnik.tenancy")
    with app.app_context(), unscoped("проверка журнала"), db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM staff")).scalar_one() == 3
    assert [r.getMessage() for r in caplog.records] == [
        "Таблицы школ без фильтра школы: проверка журнала"
    ]
    with pytest.raises(ValueError), unscoped("  "):
        pass
