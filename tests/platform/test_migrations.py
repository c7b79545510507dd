"""The schema is owned by the migrations: upgraded from nothing, they equal the models."""

import os
import re
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from nastavnik.extensions import db
from nastavnik.tenancy import unscoped


@contextmanager
def empty_database(tmp_path: Path, purpose: str = "migrations"):
    """An empty database of the suite's kind: a SQLite file, or a PostgreSQL database beside
    the test database (named after its purpose, so that two tests in parallel never share)."""
    url = os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL")
    if not url:
        yield f"sqlite:///{tmp_path / f'{purpose}.db'}"
        return
    # A database of its own beside the test database, made and dropped here.
    server = sa.make_url(url).set(drivername="postgresql+psycopg")
    name = f"{server.database}_{purpose}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# SQLite's FTS5 search tables (practices) are kept by their service, not declared as models.
SEARCH_TABLES = re.compile(r"\w+_fts(_(data|idx|content|docsize|config))?")


def _modelled(name, type_, parent_names) -> bool:
    return not (type_ == "table" and SEARCH_TABLES.fullmatch(name or ""))


def _differences(engine) -> list:
    with unscoped("тесты: сравнение схемы с моделями"), engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": _modelled}
        )
        return compare_metadata(context, db.metadata)


def _unprotected(engine) -> list[str]:
    """PostgreSQL: the tables with `school_id` the migrations left without row-level security
    forced and its policies (nastavnik.rls; a new one's migration calls `rls.protect()`)."""
    if engine.dialect.name != "postgresql":
        return []  # SQLite has no row-level security
    with engine.connect() as conn:
        return list(
            conn.exec_driver_sql(
                "SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid"
                " WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'"
                " AND a.attname = 'school_id' AND NOT (c.relrowsecurity AND"
                " c.relforcerowsecurity AND EXISTS (SELECT 1 FROM pg_policy p"
                " WHERE p.polrelid = c.oid))"
            ).scalars()
        )


def test_migrations_produce_exactly_the_models_and_go_back_down(tmp_path):
    from nastavnik.app import create_app

    with empty_database(tmp_path) as url:
        app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            upgrade()
            assert _differences(db.engine) == []
            assert _unprotected(db.engine) == []
            downgrade(revision="base")
            tables = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
            assert tables == set()
            upgrade()
            assert _differences(db.engine) == []
            db.engine.dispose()
