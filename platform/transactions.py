"""How a request holds the database: on SQLite, reads never queue behind the one writer.

SQLite (in WAL mode) lets any number of readers go on while one connection writes; only the
write lock is single. So:

- a GET/HEAD/OPTIONS request begins a deferred transaction (`BEGIN`): it reads a snapshot and
  never asks for the write lock;
- a POST (PUT, PATCH, DELETE) request, and anything outside a request (the CLI, the seed),
  begins `BEGIN IMMEDIATE`: it takes the write lock before its first read. A deferred
  transaction that has read and then writes must *upgrade*, and in WAL mode that upgrade fails
  at once with SQLITE_BUSY (no waiting) whenever another connection committed after its first
  read — so a form would fail at random under load. Taking the lock first makes the write wait
  its turn (the busy timeout) and then see the latest data its rules check;
- a write request holds the lock as briefly as possible: when it comes to render a page
  (a form shown again with its errors) and has written nothing, or was refused, its transaction
  ends before the template is rendered; what the template still reads comes in a deferred one;
- a database still busy after the timeout answers 503 with `Retry-After` and saves nothing
  (errors.py), never a 500.

On PostgreSQL (MVCC: readers never wait for writers) nothing here applies but the last: a
connection lost while the server restarts answers 503 too, and the next request reconnects
(the engine's `pool_pre_ping`, config.py).
"""

import sqlite3

import psycopg
from flask import Flask, before_render_template, current_app, g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, StatementError

from .extensions import db
from .refusals import request_was_refused

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
WRITE_STATEMENTS = ("INSERT", "UPDATE", "DELETE", "REPLACE")
# How long a write waits for the lock (seconds) before the request answers 503; the page asks
# the browser to retry after RETRY_AFTER seconds.
DEFAULT_BUSY_TIMEOUT = 5.0
RETRY_AFTER = 5


def configure(app: Flask) -> None:
    """The busy timeout of the app's SQLite connections (the driver's own `timeout`)."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    connect_args = dict(options.get("connect_args") or {})
    connect_args.setdefault(
        "timeout", float(app.config.get("SQLITE_BUSY_TIMEOUT", DEFAULT_BUSY_TIMEOUT))
    )
    options["connect_args"] = connect_args
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    before_render_template.connect(_release_before_rendering, app)


def database_busy(error: BaseException) -> bool:
    """True when the database could not serve the request just now, and the same request a
    few seconds later may succeed: SQLite's «database is locked/busy» (the lock not had within
    the timeout); on PostgreSQL an OperationalError — the connection lost or refused while the
    server restarts (the pool pre-pings and reconnects on the next request), a deadlock, a
    serialization failure. Answered 503 with Retry-After, nothing saved; never a 500."""
    if isinstance(error, StatementError) and isinstance(error.orig, OperationalError):
        # Lost while the session flushed (a sequence read for an insert): SQLAlchemy wraps the
        # driver's OperationalError once more, in a StatementError.
        error = error.orig
    original = getattr(error, "orig", error)
    if not isinstance(error, OperationalError):
        return False
    if isinstance(original, psycopg.OperationalError):
        return True
    if not isinstance(original, sqlite3.Error):
        return error.connection_invalidated
    code = getattr(original, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(original) or "busy" in str(original)


def read_first(view):
    """Marks a view whose slow part only reads (a password hash checked): it begins deferred
    and takes the write lock only at `begin_writing()`, so the lock is not held meanwhile."""
    view.read_first = True
    return view


def begin_writing() -> None:
    """In a `read_first` view: end the reading transaction (nothing written yet); the writes
    that follow begin their own, IMMEDIATE one."""
    if has_request_context() and g.get("reading_first"):
        db.session.commit()
        g.reading_first = False


def reading_only() -> None:
    """What the request still does only reads (an error page): its next transactions on SQLite
    begin deferred, never waiting for the write lock."""
    if has_request_context():
        g.lock_released = True


def _reads_only() -> bool:
    if not has_request_context():
        return False
    if request.method in SAFE_METHODS or g.get("lock_released"):
        return True
    if "reading_first" not in g:
        view = current_app.view_functions.get(request.endpoint)
        g.reading_first = bool(getattr(view, "read_first", False))
    return g.reading_first


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        # Transactions are begun by us (below), not by the driver.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn):
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN" if _reads_only() else "BEGIN IMMEDIATE")


@event.listens_for(Engine, "before_cursor_execute")
def _note_writes(conn, cursor, statement, parameters, context, executemany):
    # What the request wrote decides whether its transaction may end before rendering.
    if has_request_context() and statement.lstrip()[:7].upper().startswith(WRITE_STATEMENTS):
        g.wrote = True


def _release_before_rendering(app, template, context, **extra):
    if request.method in SAFE_METHODS or g.get("lock_released"):
        return
    session = db.session()
    if not session.in_transaction() or session.get_bind().dialect.name != "sqlite":
        return
    if request_was_refused():
        session.rollback()  # the edge would roll it back anyway (app.py)
    elif not g.get("wrote"):
        session.commit()  # nothing written: the same as rolling back, and keeps the objects
    else:
        return  # written and not refused: the edge decides, after the page (rare: PRG)
    g.lock_released = True
