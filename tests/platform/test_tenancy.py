"""Scoping fails closed: no school bound, no school data; a bound school sees only itself."""

import logging

import pytest
from sqlalchemy import delete, exists, func, insert, literal_column, select, text, update
from sqlalchemy.orm import aliased, defer
from sqlalchemy.orm.exc import ObjectDeletedError

from nastavnik.extensions import db
from nastavnik.models import Account, School
from nastavnik.rls import as_owner
from nastavnik.tenancy import Scope, TenancyError, all_schools, scoped, unscoped
from nastavnik.tenants.consents.models import Consent
from nastavnik.tenants.staff.models import Staff

# Raw SQL on connections of its own, beside the sessions': real commits, reset after each test.
pytestmark = pytest.mark.committed


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


# --- every kind of statement in every scope ----------------------------------------------------
#
# Two schools with different data: A has Алиева and Батаева (mathematics), B has Чуева (physics),
# each with a consent. Each kind of statement runs in each scope and is either filtered to
# school A, reads across schools (all_schools, SELECT only), or is refused with TenancyError —
# and a refused one changed nothing, as read back through the escape hatch.

REFUSED = "отказ"
NOT_FOUND = "не найдено"
STAFF = [
    ("A", "Алиева", "учитель математики"),
    ("A", "Батаева", "учитель математики"),
    ("B", "Чуева", "учитель физики"),
]
CONSENTS = [("A", "Алиева"), ("A", "Батаева"), ("B", "Чуева")]
PERSON = {"last_name": "Новая", "first_name": "З", "position": "учитель"}
NEW = ("A", "Новая", "учитель")
NEWER = ("A", "Новикова", "учитель")


@pytest.fixture
def two_schools(make):
    a, b = make.school("a"), make.school("b")
    for school, name, position in STAFF:
        owner = a if school == "A" else b
        make.consent(owner, make.staff(owner, last_name=name, position=position))
    return a, b


def _snapshot(query, a, b) -> dict[str, list]:
    """Both schools' staff and consents, read through the escape hatch (the `query` fixture)."""
    letter = {a.id: "A", b.id: "B"}
    staff = query("SELECT school_id, last_name, position FROM staff")
    consents = query(
        "SELECT consent.school_id, staff.last_name FROM consent"
        " JOIN staff ON staff.id = consent.staff_id AND staff.school_id = consent.school_id"
    )
    return {
        "staff": sorted((letter[s], *rest) for s, *rest in staff),
        "consents": sorted((letter[s], *rest) for s, *rest in consents),
    }


def _letter_of(obj, a) -> str:
    return "A" if obj.school_id == a.id else "B"


def _staff_across_schools(*options) -> list:
    with all_schools():
        return list(db.session.execute(select(Staff).options(*options)).scalars())


# Each kind runs inside the scope under test and returns what it saw; writes commit.


def orm_select(a, b):
    return list(db.session.execute(select(Staff.last_name).order_by(Staff.last_name)).scalars())


def count_over_select_from(a, b):
    return db.session.execute(select(func.count()).select_from(Staff)).scalar_one()


def subquery(a, b):
    """Schools that have staff: the tenant table is only in the IN (SELECT …)."""
    return db.session.execute(
        select(func.count()).select_from(School).where(School.id.in_(select(Staff.school_id)))
    ).scalar_one()


def join(a, b):
    return list(
        db.session.execute(
            select(School.slug).join(Staff, Staff.school_id == School.id).distinct()
        ).scalars()
    )


def relationship_load(a, b):
    with all_schools():
        consents = list(db.session.execute(select(Consent)).scalars())
    # Only the consents are loaded: each .staff is a lazy load in the scope under test.
    return sorted((_letter_of(c, a), c.staff.last_name if c.staff else NOT_FOUND) for c in consents)


def deferred_column_load(a, b):
    seen = []
    for staff in _staff_across_schools(defer(Staff.position)):
        try:
            seen.append((_letter_of(staff, a), staff.position))
        except ObjectDeletedError:
            seen.append((_letter_of(staff, a), NOT_FOUND))
    return sorted(seen)


def orm_update(a, b):
    db.session.execute(update(Staff).values(position="изменено"))
    db.session.commit()


def orm_delete(a, b):
    db.session.execute(delete(Consent))
    db.session.commit()


def orm_insert(a, b):
    db.session.execute(insert(Staff).values(**PERSON))
    db.session.commit()


def bulk_insert(a, b):
    db.session.execute(
        insert(Staff),
        [PERSON, {**PERSON, "last_name": "Новикова"}],
    )
    db.session.commit()


def flush_new(a, b):
    db.session.add(Staff(**PERSON))
    db.session.commit()


def flush_dirty(a, b):
    [aliyeva] = [s for s in _staff_across_schools() if s.last_name == "Алиева"]
    aliyeva.position = "изменено"
    db.session.commit()


def flush_deleted(a, b):
    with all_schools():
        consent = db.session.execute(
            select(Consent).join(Consent.staff).where(Staff.last_name == "Алиева")
        ).scalar_one()
    db.session.delete(consent)
    db.session.commit()


def core_select_on_the_connection(a, b):
    return db.session.connection().execute(Staff.__table__.select()).all()


def core_update_on_the_connection(a, b):
    db.session.connection().execute(Staff.__table__.update().values(position="изменено"))
    db.session.commit()


def core_insert_on_the_engine(a, b):
    with db.engine.begin() as conn:
        conn.execute(Staff.__table__.insert().values(school_id=a.id, **PERSON))


def text_in_the_session(a, b):
    return db.session.execute(text("SELECT count(*) FROM staff")).scalar_one()


def text_delete_on_the_engine(a, b):
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM consent"))


KINDS = [
    orm_select,
    count_over_select_from,
    subquery,
    join,
    relationship_load,
    deferred_column_load,
    orm_update,
    orm_delete,
    orm_insert,
    bulk_insert,
    flush_new,
    flush_dirty,
    flush_deleted,
    core_select_on_the_connection,
    core_update_on_the_connection,
    core_insert_on_the_engine,
    text_in_the_session,
    text_delete_on_the_engine,
]

# What each kind sees (reads) or leaves in the database (writes); a scope not listed refuses.
UNCHANGED = {"staff": STAFF, "consents": CONSENTS}
EXPECTED = {
    (orm_select, "school_a"): ["Алиева", "Батаева"],
    (orm_select, "all_schools"): ["Алиева", "Батаева", "Чуева"],
    (count_over_select_from, "school_a"): 2,
    (count_over_select_from, "all_schools"): 3,
    (subquery, "school_a"): 1,
    (subquery, "all_schools"): 2,
    (join, "school_a"): ["a"],
    (join, "all_schools"): ["a", "b"],
    (relationship_load, "school_a"): [("A", "Алиева"), ("A", "Батаева"), ("B", NOT_FOUND)],
    (relationship_load, "all_schools"): CONSENTS,
    (deferred_column_load, "school_a"): [
        ("A", "учитель математики"),
        ("A", "учитель математики"),
        ("B", NOT_FOUND),
    ],
    (deferred_column_load, "all_schools"): [(s, position) for s, _, position in STAFF],
    (orm_update, "school_a"): {
        "staff": [
            ("A", "Алиева", "изменено"),
            ("A", "Батаева", "изменено"),
            ("B", "Чуева", "учитель физики"),
        ],
        "consents": CONSENTS,
    },
    (orm_delete, "school_a"): {"staff": STAFF, "consents": [("B", "Чуева")]},
    (orm_insert, "school_a"): {"staff": sorted([*STAFF, NEW]), "consents": CONSENTS},
    (bulk_insert, "school_a"): {"staff": sorted([*STAFF, NEW, NEWER]), "consents": CONSENTS},
    (flush_new, "school_a"): {"staff": sorted([*STAFF, NEW]), "consents": CONSENTS},
    (flush_dirty, "school_a"): {
        "staff": [("A", "Алиева", "изменено"), *STAFF[1:]],
        "consents": CONSENTS,
    },
    (flush_deleted, "school_a"): {"staff": STAFF, "consents": CONSENTS[1:]},
}
WRITES = {
    orm_update,
    orm_delete,
    orm_insert,
    bulk_insert,
    flush_new,
    flush_dirty,
    flush_deleted,
    core_update_on_the_connection,
    core_insert_on_the_engine,
    text_delete_on_the_engine,
}
SCOPES = {
    "none": lambda a: None,
    "school_a": lambda a: Scope.school(a.id),
    "district": lambda a: Scope.district(),
    "all_schools": lambda a: Scope.all(),
}


@pytest.mark.parametrize("scope_name", SCOPES)
@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
def test_each_statement_is_filtered_to_the_school_or_refused(
    app, query, two_schools, kind, scope_name
):
    a, b = two_schools
    expected = EXPECTED.get((kind, scope_name), REFUSED)
    with app.app_context(), scoped(SCOPES[scope_name](a)):
        try:
            seen = kind(a, b)
        except TenancyError:
            seen = REFUSED
            db.session.rollback()
    after = _snapshot(query, a, b)
    # A read is judged by what it saw, a write by what it left in the database.
    outcome = after if kind in WRITES and seen != REFUSED else seen
    assert outcome == expected
    if outcome == REFUSED or kind not in WRITES:
        assert after == UNCHANGED


# --- the rules around the edges ----------------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        pytest.param(lambda b: insert(Staff).values(school_id=b.id, **PERSON), id="values"),
        pytest.param(
            lambda b: insert(Staff).values([PERSON, {**PERSON, "school_id": b.id}]),
            id="multi-row values",
        ),
        pytest.param(lambda b: (insert(Staff), [{**PERSON, "school_id": b.id}]), id="bulk"),
        pytest.param(lambda b: update(Staff).values(school_id=b.id), id="update moves rows"),
    ],
)
def test_a_statement_naming_another_school_is_refused(app, query, two_schools, statement):
    a, b = two_schools
    made = statement(b)
    statement, params = made if isinstance(made, tuple) else (made, None)
    with app.app_context(), scoped(Scope.school(a.id)), pytest.raises(TenancyError):
        db.session.execute(statement, params)
    assert _snapshot(query, a, b) == UNCHANGED


def test_an_insert_with_the_bound_school_named_is_allowed(app, query, two_schools):
    a, b = two_schools
    with app.app_context(), scoped(Scope.school(a.id)):
        db.session.execute(insert(Staff).values(school_id=a.id, **PERSON))
        db.session.commit()
    assert _snapshot(query, a, b)["staff"] == sorted([*STAFF, NEW])


CHANGES_BY_A = {
    "own row moved to B": lambda staff, a, b: setattr(staff["Алиева"], "school_id", b.id),
    "B's row moved to A": lambda staff, a, b: setattr(staff["Чуева"], "school_id", a.id),
    "B's row changed": lambda staff, a, b: setattr(staff["Чуева"], "position", "изменено"),
}


@pytest.mark.parametrize("change", CHANGES_BY_A)
def test_a_flush_cannot_move_a_row_or_touch_another_schools(app, query, two_schools, change):
    a, b = two_schools
    with app.app_context():
        staff = {s.last_name: s for s in _staff_across_schools()}
        with scoped(Scope.school(a.id)):
            CHANGES_BY_A[change](staff, a, b)
            with pytest.raises(TenancyError):
                db.session.flush()
            db.session.rollback()
    assert _snapshot(query, a, b) == UNCHANGED


def test_bulk_update_by_primary_key_is_refused(app, query, two_schools):
    a, b = two_schools
    with app.app_context():
        [chueva] = [s.id for s in _staff_across_schools() if s.last_name == "Чуева"]
        with scoped(Scope.school(a.id)), pytest.raises(TenancyError):
            db.session.execute(update(Staff), [{"id": chueva, "position": "изменено"}])
    assert _snapshot(query, a, b) == UNCHANGED


@pytest.mark.parametrize(
    "statement",
    [
        pytest.param(
            lambda: select(Staff.last_name).where(Consent.staff_id == Staff.id),
            id="table named only in WHERE",
        ),
        pytest.param(
            lambda: select(School.id).where(exists().where(Staff.school_id == School.id)),
            id="bare exists()",
        ),
        pytest.param(
            lambda: select(Staff.id).join(Consent.__table__, Consent.staff_id == Staff.id),
            id="Core table joined",
        ),
        pytest.param(lambda: select(Staff.id).where(text("staff.id > 0")), id="text fragment"),
        pytest.param(
            lambda: select(Staff.id, literal_column("(SELECT count(*) FROM consent)")),
            id="literal column",
        ),
        pytest.param(
            lambda: select(Staff.last_name).where(aliased(Staff).id == Staff.id),
            id="alias named only in WHERE",
        ),
    ],
)
def test_a_tenant_table_the_filter_cannot_reach_is_refused(app, two_schools, statement):
    a, _ = two_schools
    with app.app_context(), scoped(Scope.school(a.id)), pytest.raises(TenancyError):
        db.session.execute(statement()).all()


def test_a_cached_statement_is_filtered_by_the_school_bound_each_time(app, two_schools):
    a, b = two_schools
    statement = select(Staff.last_name).order_by(Staff.last_name)
    with app.app_context():
        for school, names in (
            (a, ["Алиева", "Батаева"]),
            (b, ["Чуева"]),
            (a, ["Алиева", "Батаева"]),
        ):
            with scoped(Scope.school(school.id)):
                assert list(db.session.execute(statement).scalars()) == names


def test_the_district_writes_district_accounts_only(app, make, query, two_schools):
    a, _ = two_schools
    make.account(a, "curator")
    make.account(None, "district", roles=["district_admin"])
    with app.app_context(), scoped(Scope.district()):
        db.session.execute(update(Account).values(full_name="Переименован"))
        db.session.execute(insert(Account).values(login="new", full_name="Н", password_hash="x"))
        with pytest.raises(TenancyError):
            db.session.execute(
                insert(Account).values(school_id=a.id, login="x", full_name="Н", password_hash="x")
            )
        db.session.commit()
    rows = query("SELECT login, school_id, full_name FROM account ORDER BY login")
    assert rows == [
        ("curator", a.id, "Тестовый Пользователь curator"),
        ("district", None, "Переименован"),
        ("new", None, "Н"),
    ]


def test_accounts_are_read_only_across_all_schools(app, make, query, two_schools):
    a, _ = two_schools
    make.account(a, "curator")
    with app.app_context(), all_schools():
        [account] = db.session.execute(select(Account)).scalars()
        account.full_name = "Изменено"
        with pytest.raises(TenancyError):
            db.session.flush()
        db.session.rollback()
        with pytest.raises(TenancyError):
            db.session.execute(delete(Account))
    assert query("SELECT full_name FROM account") == [("Тестовый Пользователь curator",)]


def test_the_escape_hatch_says_why_it_was_opened(app, schools, caplog):
    caplog.set_level(logging.INFO, logger="nastavnik.tenancy")
    # The ORM's hatch, not the database's: on PostgreSQL row-level security still shows nothing
    # to the app's role until the owner reads (nastavnik.rls; test_rls.py).
    with (
        app.app_context(),
        unscoped("проверка журнала"),
        db.engine.connect() as conn,
        as_owner(conn),
    ):
        assert conn.execute(text("SELECT count(*) FROM staff")).scalar_one() == 3
    assert [r.getMessage() for r in caplog.records] == [
        "Таблицы школ без фильтра школы: проверка журнала"
    ]
    with pytest.raises(ValueError), unscoped("  "):
        pass


def test_the_escape_hatch_does_not_lift_the_orms_rules(app, two_schools):
    with app.app_context(), unscoped("проверка"), pytest.raises(TenancyError):
        db.session.execute(select(Staff)).all()
