"""Row-level security (nastavnik.rls): PostgreSQL's own wall between schools, behind the ORM's.

Raw SQL here, past the ORM's scoping (`unscoped`), as the app's role: only the database's
policies stand between one school and another. SQLite has no row-level security, so on SQLite
these tests are left out (tests/conftest.py says how many); CI's PostgreSQL pass runs them.
"""

from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from sqlalchemy import select, text

from nastavnik import rls
from nastavnik.extensions import db
from nastavnik.models import Account
from nastavnik.tenancy import Scope, scoped, unscoped
from nastavnik.tenants.staff.models import Staff

pytestmark = pytest.mark.postgresql


@pytest.fixture
def two(make):
    """Schools A and B, each with a curator and two teachers, and a district account."""
    a, b = make.school(), make.school()
    for school in (a, b):
        make.account(school, roles=["curator"])
        make.staff(school)
        make.staff(school)
    make.account(None, roles=["methodologist"])
    return a, b


NEW_TEACHER = (
    "INSERT INTO staff (school_id, last_name, first_name, middle_name, position, subjects,"
    " category, phone, email, data_hidden) VALUES (:school, 'Чужая', 'Марьям', '', 'учитель',"
    " '', 'none', '', '', false)"
)


@contextmanager
def raw(app, scope):
    """The app's own connection, with `scope`'s settings, past the ORM's wall."""
    with app.app_context(), unscoped("тесты: стена базы без стены ORM"):
        connection = db.session.connection()
        rls.send(connection, scope)
        yield connection
        db.session.commit()  # into the test's transaction, undone at its end


def refused(connection, sql: str, **params) -> str:
    """The database's error for `sql` (undone in its savepoint); fails if it ran."""
    savepoint = connection.begin_nested()
    with pytest.raises(sa.exc.DBAPIError) as error:
        connection.execute(text(sql), params)
    savepoint.rollback()
    return str(error.value.orig)


def staff_rows(query) -> list[tuple]:
    return query("SELECT id, school_id, last_name FROM staff ORDER BY id")


def test_the_app_runs_as_a_role_that_cannot_bypass_the_wall(app):
    with raw(app, None) as connection:
        role, superuser, bypass = connection.execute(
            text(
                "SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user"
            )
        ).one()
        owns = connection.execute(
            text("SELECT count(*) FROM pg_tables WHERE tableowner = current_user")
        ).scalar_one()
    assert (role, superuser, bypass, owns) == (rls.APP_ROLE, False, False, 0)


def test_every_table_with_a_school_id_has_rls_forced_and_its_policies(app):
    modelled = {t.name for t in db.metadata.sorted_tables if "school_id" in t.c}
    assert {"staff", "account", "journal_entry", "stored_file"} <= modelled
    with raw(app, None) as connection:
        forced = dict(
            connection.execute(
                text(
                    "SELECT relname, relrowsecurity AND relforcerowsecurity FROM pg_class"
                    " WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r'"
                )
            ).all()
        )
        policies: dict[str, set] = {}
        for table, name in connection.execute(
            text(
                "SELECT tablename, policyname FROM pg_policies WHERE schemaname = current_schema()"
            )
        ):
            policies.setdefault(table, set()).add(name)
        protected = set(rls.tenant_tables(connection))
    assert protected == modelled
    for table in modelled:
        assert forced[table], table
        assert policies[table] == {rls.POLICY_PREFIX + p[0] for p in rls.policies_of(table)}
    # The platform's own tables stay open: the list of schools, the district.
    assert not forced["school"] and not forced["district"]


def test_a_school_reads_nothing_of_another(app, two):
    a, b = two
    with raw(app, Scope.school(a.id)) as connection:
        assert {r[0] for r in connection.execute(text("SELECT school_id FROM staff"))} == {a.id}
        assert {r[0] for r in connection.execute(text("SELECT school_id FROM account"))} == {a.id}
        found = connection.execute(
            text("SELECT count(*) FROM staff WHERE school_id = :b"), {"b": b.id}
        ).scalar_one()
        assert found == 0
        # Every tenant table, joined or not: nothing of B.
        for table in rls.tenant_tables(connection):
            schools = connection.execute(text(f"SELECT DISTINCT school_id FROM {table}")).scalars()
            assert set(schools) <= {a.id}, table


def test_a_school_writes_nothing_of_another(app, two, query):
    a, b = two
    before = staff_rows(query)
    with raw(app, Scope.school(a.id)) as connection:
        changed = connection.execute(
            text("UPDATE staff SET last_name = 'Взломанова' WHERE school_id = :b"), {"b": b.id}
        )
        assert changed.rowcount == 0
        removed = connection.execute(text("DELETE FROM staff WHERE school_id = :b"), {"b": b.id})
        assert removed.rowcount == 0
        # A row of B's, inserted or moved there, is refused by the policy's WITH CHECK.
        error = refused(connection, NEW_TEACHER, school=b.id)
        assert "row-level security" in error
        # The same row for A's own school goes in: the refusal above was the policy's.
        assert connection.execute(text(NEW_TEACHER), {"school": a.id}).rowcount == 1
        connection.execute(text("DELETE FROM staff WHERE last_name = 'Чужая'"))
        assert "row-level security" in error
        error = refused(
            connection, "UPDATE staff SET school_id = :b WHERE school_id = :a", a=a.id, b=b.id
        )
        assert "row-level security" in error
    assert staff_rows(query) == before


def test_with_nothing_bound_no_tenant_row_is_seen_or_written(app, two, query):
    a, _ = two
    before = staff_rows(query)
    with raw(app, None) as connection:
        for table in rls.tenant_tables(connection):
            assert connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == 0
        assert connection.execute(text("UPDATE staff SET last_name = 'X'")).rowcount == 0
        assert connection.execute(text("DELETE FROM consent")).rowcount == 0
        error = refused(connection, NEW_TEACHER, school=a.id)
        assert "row-level security" in error
        # The platform's own tables answer: the login page finds its school by the address.
        slugs = connection.execute(text("SELECT slug FROM school")).scalars()
        assert a.slug in set(slugs)
    assert staff_rows(query) == before


def test_all_schools_reads_every_school_and_writes_nothing(app, two, query):
    a, b = two
    before = staff_rows(query)
    with raw(app, Scope.all()) as connection:
        schools = set(connection.execute(text("SELECT school_id FROM staff")).scalars())
        assert {a.id, b.id} <= schools
        assert connection.execute(text("UPDATE staff SET last_name = 'X'")).rowcount == 0
        assert connection.execute(text("DELETE FROM staff")).rowcount == 0
        error = refused(connection, NEW_TEACHER, school=a.id)
        assert "row-level security" in error
    assert staff_rows(query) == before


def test_the_district_area_keeps_its_own_accounts_only(app, two, query):
    a, _ = two
    with raw(app, Scope.district()) as connection:
        schools = set(connection.execute(text("SELECT school_id FROM account")).scalars())
        assert schools == {None}
        assert connection.execute(text("SELECT count(*) FROM staff")).scalar_one() == 0
        changed = connection.execute(
            text("UPDATE account SET full_name = 'X' WHERE school_id = :a"), {"a": a.id}
        )
        assert changed.rowcount == 0
    assert ("X",) not in query("SELECT full_name FROM account")


def test_the_journal_is_append_only_and_the_district_reads_logins_and_denials(app, two, query):
    a, b = two
    with raw(app, None) as connection:
        for school, action in ((a, "login"), (a, "viewed"), (b, "viewed")):
            connection.execute(
                text(
                    "INSERT INTO journal_entry (at, school_id, login, address, action,"
                    " record_kind, detail) VALUES (now(), :s, 'x', '', :action, '', '')"
                ),
                {"s": school.id, "action": action},
            )
    entries = query("SELECT school_id, action FROM journal_entry ORDER BY id")
    with raw(app, Scope.school(a.id)) as connection:
        seen = connection.execute(text("SELECT DISTINCT school_id FROM journal_entry"))
        assert set(seen.scalars()) == {a.id}
        assert connection.execute(text("UPDATE journal_entry SET login = 'y'")).rowcount == 0
        assert connection.execute(text("DELETE FROM journal_entry")).rowcount == 0
    with raw(app, Scope.district()) as connection:
        actions = set(connection.execute(text("SELECT action FROM journal_entry")).scalars())
        assert "login" in actions and "viewed" not in actions
    assert query("SELECT school_id, action FROM journal_entry ORDER BY id") == entries


def test_the_orm_sends_its_scope_to_the_database(app, two):
    a, b = two
    setting = text(
        "SELECT current_setting('nastavnik.scope'), current_setting('nastavnik.school_id')"
    )
    with app.app_context():
        with scoped(Scope.school(b.id)):
            assert {s.school_id for s in db.session.execute(select(Staff)).scalars()} == {b.id}
            assert db.session.execute(setting).one() == ("school", str(b.id))
        with scoped(Scope.district()):
            db.session.execute(select(Account)).all()
            assert db.session.execute(setting).one() == ("district", "")
        db.session.rollback()


def test_a_school_page_reads_under_its_school(client, make, auth, two, query):
    """The whole request path, with the wall on: a school's register shows its own teachers."""
    a, b = two
    make.account(a, "rls-curator", roles=["curator"])
    auth.login(a, "rls-curator")
    page = client.get(f"/s/{a.slug}/staff/").get_data(as_text=True)
    names = dict(query("SELECT last_name, school_id FROM staff"))
    assert {n for n, s in names.items() if s == a.id} <= {n for n in names if n in page}
    assert not any(n in page for n, s in names.items() if s == b.id)
