"""Reads never queue behind the write lock; a write that cannot get it answers 503 (issue 8).

The lock tests run on a SQLite file of their own (whatever database the suite runs on), with real
commits and a second connection holding SQLite's one write lock. The suite's own database is
checked too: on PostgreSQL the transactions begin as the driver begins them (unaffected).
"""

import sqlite3
from contextlib import closing, contextmanager

import psycopg
import pytest
import sqlalchemy as sa
from sqlalchemy import event

from nastavnik.extensions import db
from nastavnik.tenancy import unscoped

from ..conftest import PASSWORD, TEST_CONFIG, Auth, Factory

STAFF_FORM = {
    "last_name": "Заблокированная",
    "first_name": "Хадижат",
    "position": "учитель истории",
}


@pytest.fixture
def lite(tmp_path):
    """An app on its own SQLite file, committing for real; a write waits 0.3 s for the lock."""
    from nastavnik.app import create_app

    path = tmp_path / "locks.db"
    app = create_app(
        {
            **TEST_CONFIG,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
            "SQLITE_BUSY_TIMEOUT": 0.3,
        }
    )
    with app.app_context(), unscoped("тесты: схема отдельной базы SQLite"):
        db.create_all()
        db.session.remove()
    make = Factory(app)
    school = make.school("lock")
    make.account(school, "curator", roles=["curator"])
    client = app.test_client()
    assert Auth(client).login(school, "curator").status_code == 302
    yield app, client, path
    with app.app_context():
        db.engine.dispose()


@contextmanager
def another_writer(path):
    """A second connection that holds the write lock (an uncommitted write) until the end."""
    with closing(sqlite3.connect(path, isolation_level=None, timeout=0)) as conn:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE school SET settlement = settlement")
        try:
            yield conn
        finally:
            conn.execute("ROLLBACK")


PAGES = ["/s/lock/", "/s/lock/staff/", "/s/lock/staff/new", "/s/lock/pairings/", "/s/lock/login"]


def test_reads_go_on_while_another_connection_holds_the_write_lock(lite):
    app, client, path = lite
    with another_writer(path):
        for url in PAGES:
            response = client.get(url)
            # Signed in, the login page leads home: a read all the same.
            assert response.status_code == (302 if url.endswith("/login") else 200), url


def test_a_write_that_cannot_get_the_lock_answers_503_and_saves_nothing(lite):
    app, client, path = lite
    with another_writer(path):
        response = client.post("/s/lock/staff/new", data=STAFF_FORM)
        # …and the reads around it still go on.
        assert client.get("/s/lock/staff/").status_code == 200
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    page = response.get_data(as_text=True)
    assert "Сервер занят" in page and "Изменения не сохранены" in page
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(*) FROM staff").fetchone() == (0,)
    # Once the lock is free, the same form saves.
    assert client.post("/s/lock/staff/new", data=STAFF_FORM).status_code == 302
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(*) FROM staff").fetchone() == (1,)


def test_a_form_shown_again_does_not_hold_the_lock_while_rendering(lite):
    app, client, path = lite
    held = []

    def rendering(sender, template, context, **extra):
        # While the page is rendered, another connection can take the write lock.
        with closing(sqlite3.connect(path, isolation_level=None, timeout=0)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            held.append(template.name)

    from flask import template_rendered

    with template_rendered.connected_to(rendering, app):
        response = client.post("/s/lock/staff/new", data={"last_name": "Без имени"})
    assert response.status_code in (200, 422)
    assert "Заполните поле «Имя»" in response.get_data(as_text=True)
    assert held


def begun(app, method, url, client, **kw):
    """The statements that begin transactions during one request."""
    seen = []

    def note(conn, cursor, statement, *args):
        if statement.upper().startswith("BEGIN"):
            seen.append(statement.upper())

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        getattr(client, method)(url, **kw)
    finally:
        event.remove(engine, "before_cursor_execute", note)
    return seen


def test_sqlite_reads_begin_deferred_and_writes_immediate(lite):
    app, client, path = lite
    # The register's page reads in a deferred transaction; the view is journalled after it, in
    # a short deferred one of its own whose first statement is the write (no upgrade to fail).
    assert begun(app, "get", "/s/lock/staff/", client) == ["BEGIN", "BEGIN"]
    assert begun(app, "get", "/s/lock/", client) == ["BEGIN"]
    assert begun(app, "post", "/s/lock/logout", client) == ["BEGIN IMMEDIATE"]


def test_a_login_checks_the_password_without_the_write_lock(lite):
    app, client, path = lite
    form = {"login": "curator", "password": PASSWORD}
    # The hash is checked in a deferred transaction; the lock only for the writes after it.
    assert begun(app, "post", "/s/lock/login", client, data=form) == ["BEGIN", "BEGIN IMMEDIATE"]


def test_on_the_suite_database_a_request_begins_as_its_dialect_does(app, client, curator):
    with app.app_context():
        dialect = db.engine.dialect.name
    statements = begun(app, "get", "/s/s1/staff/", client)
    if dialect == "sqlite":
        # (the test's own connection holds the outer transaction: requests use savepoints)
        assert "BEGIN IMMEDIATE" not in statements
    else:
        # PostgreSQL: no explicit BEGIN of ours, MVCC readers never wait for writers.
        assert statements == []
    assert client.get("/s/s1/staff/").status_code == 200


def test_a_busy_database_is_told_from_other_errors():
    from nastavnik.transactions import database_busy

    busy = sa.exc.OperationalError("x", {}, sqlite3.OperationalError("database is locked"))
    other = sa.exc.OperationalError("x", {}, sqlite3.OperationalError("no such table: x"))
    assert database_busy(busy) and not database_busy(other)
    assert not database_busy(ValueError("database is locked"))
    # The server lost in mid-flush (PostgreSQL restarting): SQLAlchemy wraps the error once more.
    lost = sa.exc.OperationalError("x", {}, psycopg.OperationalError("server closed"))
    assert database_busy(sa.exc.StatementError("flush", "INSERT", {}, lost))
    assert not database_busy(sa.exc.StatementError("flush", "INSERT", {}, ValueError("x")))


def test_a_page_read_before_the_lock_was_refused_still_answers_503_not_500(lite):
    # The login reads the school and checks the password first (deferred), then cannot get the
    # lock for its writes: the 503 page shows the school's name, read without the lock again.
    app, client, path = lite
    client.post("/s/lock/logout")
    form = {"login": "curator", "password": PASSWORD}
    with another_writer(path):
        response = client.post("/s/lock/login", data=form)
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    page = response.get_data(as_text=True)
    assert "Сервер занят" in page and "Изменения не сохранены" in page
    assert client.get("/s/lock/staff/").status_code == 302  # not logged in: nothing kept
    # The retry, once the lock is free, logs in.
    assert client.post("/s/lock/login", data=form).status_code == 302
    assert client.get("/s/lock/staff/").status_code == 200
