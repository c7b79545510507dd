"""Row-level security on PostgreSQL: the database's own wall between schools, behind tenancy.py.

The ORM scoping (tenancy.py) filters every statement the platform sends. This is the second
wall, kept by PostgreSQL itself, should a statement ever get past the first: every table with
a `school_id` column (the tenant tables, the accounts and the journal) has ROW LEVEL SECURITY
enabled and FORCED (the table's owner is bound by it too), with the policies below, against two
settings local to the transaction:

    nastavnik.scope      'school' | 'district' | 'all' | '' (nothing bound)
    nastavnik.school_id  the bound school's id, or ''

They mirror the session's tenancy scope: before each ORM statement and each flush the scope is
sent to the transaction's connection (`set_config(…, true)`, i.e. SET LOCAL), once per
transaction and scope — a school's pages, its public section, the CLI and the demo seed, which
bind a scope per school, get theirs the same way. So:

    a school           reads and writes the rows of its school only (WITH CHECK: a row
                       inserted or moved with another school's id is refused);
    the district       its own accounts (school_id NULL); the journal's logins and denials;
    all_schools()      SELECT across every school, and no write at all;
    nothing bound      no row of a tenant table (the login page before a school is known reads
                       only the platform's own tables: district, school, …).

The application connects as a role without BYPASSRLS that owns nothing (`APP_ROLE`), either
by logging in as it or, with `DB_ROLE` configured, by `SET ROLE` on each new connection;
migrations, backups and restores run as the owner (README, «PostgreSQL: защита строк»).

The policy DDL lives here only: migration 0014 and the tests' schema both call `protect()`,
which finds the tables by their `school_id` column, so a new tenant table cannot be missed —
a migration that adds one calls `protect()` again (it is idempotent), and a test checks that
every such table of the models' schema is protected. On SQLite nothing here applies.
"""

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

logger = logging.getLogger(__name__)

APP_ROLE = "nastavnik_app"
SCOPE = "nastavnik.scope"
SCHOOL = "nastavnik.school_id"
POLICY_PREFIX = "nastavnik_"

# What the district reads of the journal across schools: logins and denials, not contents
# (the values of journal.models.DISTRICT_ACTIONS, as stored).
_DISTRICT_JOURNAL_ACTIONS = ("login", "login_failed", "denied")

_SCHOOL_ID = f"NULLIF(current_setting('{SCHOOL}', true), '')::integer"
_SCOPE = f"current_setting('{SCOPE}', true)"
_OWN_SCHOOL = f"school_id = {_SCHOOL_ID}"
_ALL = f"{_SCOPE} = 'all'"
_DISTRICT_OWN = f"school_id IS NULL AND {_SCOPE} = 'district'"
_JOURNAL_DISTRICT = (
    f"{_SCOPE} IN ('district', 'all') AND (school_id IS NULL OR action IN ("
    + ", ".join(f"'{a}'" for a in _DISTRICT_JOURNAL_ACTIONS)
    + "))"
)

# (name, command, USING, WITH CHECK) of each kind of table.
_SCHOOL_POLICIES = (
    ("school", "ALL", _OWN_SCHOOL, _OWN_SCHOOL),
    ("all_schools_read", "SELECT", _ALL, None),
)
POLICIES: dict[str, tuple] = {
    # A district account has no school: the district's area keeps those, and only those.
    "account": (*_SCHOOL_POLICIES, ("district", "ALL", _DISTRICT_OWN, _DISTRICT_OWN)),
    # Append-only (no UPDATE or DELETE policy: neither reaches a row): a school reads its own
    # entries, the district logins and denials. An entry is written by whoever acts, and may be
    # flushed after the scope it records has ended (the seed goes from school to school), so
    # any scope appends (the journal's model reads no entry back: no RETURNING).
    "journal_entry": (
        ("school_read", "SELECT", _OWN_SCHOOL, None),
        ("district_read", "SELECT", _JOURNAL_DISTRICT, None),
        ("append", "INSERT", None, "true"),
    ),
}

_NAME = re.compile(r"[a-z_][a-z0-9_]*")


def _ident(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ValueError(f"Недопустимое имя роли или таблицы: {name!r}")
    return f'"{name}"'


def policies_of(table: str) -> tuple:
    return POLICIES.get(table, _SCHOOL_POLICIES)


# --- the DDL: migrations and the tests' schema -------------------------------------------------


def tenant_tables(connection: Connection) -> list[str]:
    """Every table of the current schema with a `school_id` column."""
    return list(
        connection.exec_driver_sql(
            "SELECT c.relname FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " JOIN pg_attribute a ON a.attrelid = c.oid"
            " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
            " AND a.attname = 'school_id' AND NOT a.attisdropped ORDER BY c.relname"
        ).scalars()
    )


def protect(connection: Connection, role: str = APP_ROLE) -> list[str]:
    """As the schema's owner: RLS enabled and forced, with this module's policies, on every
    table with `school_id`; the application's role made (if it can be) and granted the data.
    Idempotent. Returns the tables protected; nothing on SQLite."""
    if connection.dialect.name != "postgresql":
        return []
    tables = tenant_tables(connection)
    for table in tables:
        name = _ident(table)
        for statement in _drop_policies(connection, table):
            connection.exec_driver_sql(statement)
        for policy, command, using, check in policies_of(table):
            sql = f"CREATE POLICY {POLICY_PREFIX}{policy} ON {name} FOR {command}"
            if using:
                sql += f" USING ({using})"
            if check:
                sql += f" WITH CHECK ({check})"
            connection.exec_driver_sql(sql)
        connection.exec_driver_sql(f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY")
        connection.exec_driver_sql(f"ALTER TABLE {name} FORCE ROW LEVEL SECURITY")
    if _ensure_role(connection, role):
        _grant(connection, role)
    return tables


def unprotect(connection: Connection, role: str = APP_ROLE) -> None:
    """The reverse of `protect()` (a downgrade); the role itself is left to the server."""
    if connection.dialect.name != "postgresql":
        return
    for table in tenant_tables(connection):
        name = _ident(table)
        for statement in _drop_policies(connection, table):
            connection.exec_driver_sql(statement)
        connection.exec_driver_sql(f"ALTER TABLE {name} NO FORCE ROW LEVEL SECURITY")
        connection.exec_driver_sql(f"ALTER TABLE {name} DISABLE ROW LEVEL SECURITY")
    if _role_exists(connection, role):
        schema = _ident(connection.exec_driver_sql("SELECT current_schema()").scalar())
        role = _ident(role)
        connection.exec_driver_sql(
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} REVOKE ALL ON TABLES FROM {role}"
        )
        connection.exec_driver_sql(
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} REVOKE ALL ON SEQUENCES FROM {role}"
        )
        connection.exec_driver_sql(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}")
        connection.exec_driver_sql(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {role}")
        connection.exec_driver_sql(f"REVOKE ALL ON SCHEMA {schema} FROM {role}")


def _drop_policies(connection: Connection, table: str) -> list[str]:
    names = connection.exec_driver_sql(
        "SELECT policyname FROM pg_policies WHERE schemaname = current_schema()"
        " AND tablename = %(table)s",
        {"table": table},
    ).scalars()
    return [f'DROP POLICY "{policy}" ON {_ident(table)}' for policy in names]


def _role_exists(connection: Connection, role: str) -> bool:
    return bool(
        connection.exec_driver_sql(
            "SELECT 1 FROM pg_roles WHERE rolname = %(role)s", {"role": role}
        ).scalar()
    )


def _ensure_role(connection: Connection, role: str) -> bool:
    """The application's role: NOLOGIN (a production set-up gives it a password, README),
    never BYPASSRLS. False when it is missing and this owner may not create roles."""
    # Roles belong to the whole server: parallel test workers must not create it twice.
    connection.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtext('nastavnik_app_role'))")
    if not _role_exists(connection, role):
        may = connection.exec_driver_sql(
            "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user"
        ).scalar()
        if not may:
            logger.warning(
                "Роли %s нет, а создавать роли владельцу базы нельзя: политики заданы, права "
                "не выданы. Создайте роль (README, «PostgreSQL: защита строк») и повторите "
                "rls.protect().",
                role,
            )
            return False
        connection.exec_driver_sql(f"CREATE ROLE {_ident(role)} NOLOGIN NOBYPASSRLS")
    bypasses = connection.exec_driver_sql(
        "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = %(role)s", {"role": role}
    ).scalar()
    if bypasses:
        raise RuntimeError(f"Роль {role} обходит защиту строк (SUPERUSER или BYPASSRLS)")
    # The owner may switch to it (DB_ROLE): a member of it, where it may grant that (a role
    # made by the server's administrator for a login of its own needs none).
    connection.exec_driver_sql(
        "DO $$ BEGIN IF NOT pg_has_role(current_user, '" + role + "', 'MEMBER') THEN "
        f"EXECUTE 'GRANT {_ident(role)} TO ' || quote_ident(current_user); END IF; "
        "EXCEPTION WHEN insufficient_privilege THEN NULL; END $$"
    )
    return True


def _grant(connection: Connection, role: str) -> None:
    """The data of the current schema, and of the tables its owner makes later (migrations,
    pg_restore); never the schema itself (CREATE) nor ownership."""
    schema = _ident(connection.exec_driver_sql("SELECT current_schema()").scalar())
    role = _ident(role)
    data = "SELECT, INSERT, UPDATE, DELETE"
    for sql in (
        f"GRANT USAGE ON SCHEMA {schema} TO {role}",
        f"GRANT {data} ON ALL TABLES IN SCHEMA {schema} TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT {data} ON TABLES TO {role}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE, SELECT ON SEQUENCES TO {role}",
    ):
        connection.exec_driver_sql(sql)


@contextmanager
def as_owner(connection: Connection) -> Iterator[Connection]:
    """The login role (the owner), within this transaction, when the app switched to its role
    with `DB_ROLE`: for migrations, and for the tests' harness reading past the wall. The role
    before is back at the end (`SET LOCAL`: at the latest when the transaction ends)."""
    if connection.dialect.name != "postgresql":
        yield connection
        return
    before = connection.exec_driver_sql("SELECT current_user").scalar()
    connection.exec_driver_sql("SET LOCAL ROLE NONE")
    yield connection
    connection.exec_driver_sql(f"SET LOCAL ROLE {_ident(before)}")


# --- at run time: the role, and the scope of each transaction ----------------------------------


def init_app(app: Flask, engine: Engine) -> None:
    """With `DB_ROLE` (NASTAVNIK_DB_ROLE=nastavnik_app), every new connection of the app to
    PostgreSQL switches to that role before it is used."""
    role = app.config.get("DB_ROLE")
    if not role or engine.dialect.name != "postgresql":
        return
    statement = f"SET ROLE {_ident(role)}"

    @event.listens_for(engine, "connect")
    def _switch_role(dbapi_connection, connection_record):
        cursor = dbapi_connection.cursor()
        cursor.execute(statement)
        cursor.close()
        dbapi_connection.commit()  # a session setting: kept past this first transaction


_SENT = "nastavnik_rls_sent"
_NOTHING = ("", "")


def _settings(scope) -> tuple[str, str]:
    if scope is None:
        return _NOTHING
    return scope.kind, str(scope.school_id) if scope.kind == "school" else ""


def follow(session: Session) -> None:
    """The session's scope, sent to its connection's transaction unless already there."""
    if session.get_bind().dialect.name != "postgresql":
        return  # (SQLite: not even a transaction begun early)
    connection = session.connection()
    wanted = _settings(session.info.get("scope"))
    if connection.info.get(_SENT) != wanted:
        send(connection, session.info.get("scope"))


def send(connection: Connection, scope) -> None:
    """The settings of `scope` (a tenancy.Scope, or None) for the rest of the transaction."""
    wanted = _settings(scope)
    connection.exec_driver_sql(
        f"SELECT set_config('{SCOPE}', %(scope)s, true), set_config('{SCHOOL}', %(school)s, true)",
        {"scope": wanted[0], "school": wanted[1]},
    )
    connection.info[_SENT] = wanted


@event.listens_for(Session, "do_orm_execute")
def _before_statement(state) -> None:
    follow(state.session)


@event.listens_for(Session, "before_flush")
def _before_flush(session, flush_context, instances) -> None:
    follow(session)


# A new transaction starts with nothing set; a savepoint rolled back may have undone a setting.
@event.listens_for(Engine, "begin")
def _new_transaction(conn) -> None:
    conn.info[_SENT] = _NOTHING


@event.listens_for(Engine, "rollback_savepoint")
def _savepoint_undone(conn, name, context) -> None:
    conn.info.pop(_SENT, None)  # not known: sent again before the next statement
