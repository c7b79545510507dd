"""Schools as tenants: every query sees one school, and fails closed when none is bound.

A tenant-owned table inherits `SchoolOwned`: `school_id` NOT NULL and indexed, and
UNIQUE (school_id, id) so that foreign keys between tenant tables are composite
((school_id, x_id) → (school_id, id)) and a row can never point into another school.
The tenant tables are those tables and the accounts' (a district account has school_id NULL).

The scope lives in `session.info["scope"]` and is one of:
  None               — nothing bound: any statement on tenant data raises `TenancyError`;
  Scope.school(id)   — a school's pages: every ORM statement is filtered to that school, and
                       what it inserts or updates is stamped with that school and checked;
  Scope.district()   — the district area: the district's own accounts (school_id NULL) only;
  Scope.all()        — entered with `all_schools()`: the district's read-only look across
                       every school; nothing but SELECT runs on tenant tables.

Tenant tables are reachable only through the scoped ORM:
  do_orm_execute         — adds the scope's criterion to every ORM statement, at every level
                           (joins, subqueries, relationship loads; a column load gets it by
                           hand), refuses the writes the scope may not make, checks the school_id
                           an INSERT or UPDATE names (an INSERT naming none gets the bound school
                           from the column default `school_of_statement`), and marks the
                           execution checked;
  before_flush           — stamps and checks the objects a flush writes;
  before_cursor_execute  — the last word on every statement sent to the database. A checked
                           ORM statement must carry the criterion on each tenant table in its
                           FROM clauses, as recorded when it compiled (a table named only in a
                           WHERE clause, or a Core table inside an ORM statement, has none and
                           is refused). Anything else that names a tenant table — Core, text(),
                           DDL, `db.engine.connect()` — is refused, unless the ORM's own flush
                           sends it (`TenantSession`) or it runs inside `unscoped(reason)`: the
                           one escape hatch, for migrations, the test harness and schema scripts,
                           which logs why.
"""

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from flask import abort
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import (
    Boolean,
    ForeignKey,
    ForeignKeyConstraint,
    Table,
    UniqueConstraint,
    event,
    inspect,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, Session, declared_attr, mapped_column, with_loader_criteria
from sqlalchemy.sql.elements import BindParameter, ClauseElement, ColumnClause, TextClause
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.selectable import TableClause

from .types import MAX_ID

logger = logging.getLogger(__name__)


class TenancyError(RuntimeError):
    """Raised when school data is touched without a school bound, or across schools."""


@dataclass(frozen=True)
class Scope:
    kind: str
    school_id: int | None = None

    @classmethod
    def school(cls, school_id: int) -> "Scope":
        return cls("school", school_id)

    @classmethod
    def district(cls) -> "Scope":
        return cls("district")

    @classmethod
    def all(cls) -> "Scope":
        return cls("all")


# --- the tenant tables ------------------------------------------------------------------------


class _TenantTables:
    """The names of the tenant tables, and a pattern that finds them in SQL text."""

    def __init__(self) -> None:
        self.school: frozenset[str] = frozenset()
        self.accounts: frozenset[str] = frozenset()
        self.all: frozenset[str] = frozenset()
        self.pattern: re.Pattern | None = None

    def add(self, name: str, account: bool = False) -> None:
        if account:
            self.accounts |= {name}
        else:
            self.school |= {name}
        self.all = self.school | self.accounts
        words = "|".join(re.escape(n) for n in sorted(self.all))
        self.pattern = re.compile(rf"\b(?:{words})\b", re.IGNORECASE)

    def named_in(self, sql: str) -> bool:
        return self.pattern is not None and _pattern_finds(self.pattern, sql)


@lru_cache(maxsize=2048)
def _pattern_finds(pattern: re.Pattern, sql: str) -> bool:
    return pattern.search(sql) is not None


_tables = _TenantTables()


def school_of_statement(context) -> int | None:
    """The column default of school_id: the school bound when an INSERT statement ran."""
    checked = context.execution_options.get(_CHECKED)
    return checked.scope.school_id if isinstance(checked, _Checked) and checked.scope else None


class SchoolOwned:
    """Mixin for every table that belongs to one school."""

    @declared_attr
    def school_id(cls) -> Mapped[int]:  # noqa: N805
        return mapped_column(
            ForeignKey("school.id"), nullable=False, index=True, default=school_of_statement
        )

    @declared_attr.directive
    def __table_args__(cls):  # noqa: N805
        return (UniqueConstraint("school_id", "id"), *getattr(cls, "__school_table_args__", ()))


@event.listens_for(SchoolOwned, "after_mapper_constructed", propagate=True)
def _register_school_table(mapper, cls) -> None:
    _tables.add(mapper.local_table.name)


def school_fk(column: str, target: str, **kw) -> ForeignKeyConstraint:
    """A composite foreign key ((school_id, column) → target (school_id, id))."""
    return ForeignKeyConstraint(
        ["school_id", column], [f"{target}.school_id", f"{target}.id"], **kw
    )


# Accounts are scoped too, though a district account has no school; registered by models.py.
_account_class: list[type] = []


def register_account_class(cls: type) -> type:
    _account_class.append(cls)
    _tables.add(cls.__table__.name, account=True)
    return cls


# --- binding a scope ---------------------------------------------------------------------------


def _session(session: Session | None) -> Session:
    # Imported here: extensions.py imports this module for TenantSession.
    from .extensions import db

    return session or db.session


def current_scope(session: Session | None = None) -> Scope | None:
    return _session(session).info.get("scope")


def bind(scope: Scope | None, session: Session | None = None) -> None:
    _session(session).info["scope"] = scope


@contextmanager
def scoped(scope: Scope | None, session: Session | None = None) -> Iterator[None]:
    session = _session(session)
    previous = session.info.get("scope")
    session.info["scope"] = scope
    try:
        yield
    finally:
        session.info["scope"] = previous


def all_schools(session: Session | None = None):
    """The district's explicit, read-only view of every school's data."""
    return scoped(Scope.all(), session)


_unscoped_reason: ContextVar[str | None] = ContextVar("nastavnik_unscoped", default=None)


@contextmanager
def unscoped(reason: str) -> Iterator[None]:
    """The one escape hatch: raw SQL (Core, text(), DDL) on tenant tables, for a stated reason.

    For migrations, the test harness and scripts that build a schema; never in a request.
    The ORM keeps its rules inside: its statements still need a scope.
    """
    if not reason.strip():
        raise ValueError("unscoped(): укажите причину")
    logger.info("Таблицы школ без фильтра школы: %s", reason)
    token = _unscoped_reason.set(reason)
    try:
        yield
    finally:
        _unscoped_reason.reset(token)


# --- ORM statements ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Checked:
    """The mark of an ORM execution that passed `_scope_orm_statement`, with its scope."""

    scope: Scope | None


_CHECKED = "nastavnik_tenancy"


class _SchoolCriterion(FunctionElement):
    """`school_id = :school`, or `school_id IS NULL` without one: the tenancy criterion.

    Its own construct, so that compiling it records which FROM it filters (see `_Seen`).
    """

    type = Boolean()
    inherit_cache = True
    name = "school_criterion"
    # A comparison already: without this, SQLite (no native boolean) gets `school_id = ? = 1`,
    # which no index serves — every school's query scanned the whole region's table.
    _is_implicitly_boolean = True


def _criteria(scope: Scope) -> list:
    """The scope's loader criteria: each tenant entity, wherever a statement names it."""
    if scope.kind == "district":
        return [
            with_loader_criteria(
                account, lambda cls: _SchoolCriterion(cls.school_id), include_aliases=True
            )
            for account in _account_class
        ]
    school_id = scope.school_id
    return [
        with_loader_criteria(
            entity, lambda cls: _SchoolCriterion(cls.school_id, school_id), include_aliases=True
        )
        for entity in (SchoolOwned, *_account_class)
    ]


@event.listens_for(Session, "do_orm_execute")
def _scope_orm_statement(state) -> None:
    if not state.is_orm_statement:
        return  # Core or text() through the session: raw SQL, judged at the cursor
    scope = state.session.info.get("scope")
    if state.is_insert or state.is_update or state.is_delete:
        _check_write(scope, state)
    if (state.is_select or state.is_update or state.is_delete) and scope and scope.kind != "all":
        state.statement = state.statement.options(*_criteria(scope))
        if state.is_column_load:
            # A refresh or deferred column load takes no loader criteria: filter it by hand,
            # so that another school's object is simply not found.
            state.statement = state.statement.where(*_column_load_criteria(scope, state))
    state.update_execution_options(**{_CHECKED: _Checked(scope)})


def _column_load_criteria(scope: Scope, state) -> list:
    criteria = []
    for mapper in state.all_mappers:
        if mapper.local_table.name in _tables.all:
            school_id = mapper.class_.school_id
            criteria.append(
                _SchoolCriterion(school_id)
                if scope.kind == "district"
                else _SchoolCriterion(school_id, scope.school_id)
            )
    return criteria


def _check_write(scope: Scope | None, state) -> None:
    statement = state.statement
    table = statement.table.name
    if table not in _tables.all:
        return
    if scope is None:
        raise TenancyError("Изменение данных школы без выбранной школы")
    if scope.kind == "all":
        raise TenancyError("Просмотр всех школ — только чтение")
    if scope.kind == "district" and table not in _tables.accounts:
        raise TenancyError("Районный раздел не меняет данные школ")
    if state.is_update and state.is_executemany:
        # UPDATE by primary key takes no loader criteria: it could reach another school's row.
        raise TenancyError("Массовое обновление по ключу в таблицах школы не поддерживается")
    if state.is_insert and (
        statement._select_names or statement._post_values_clause is not None or statement._prefixes
    ):
        # INSERT … SELECT, ON CONFLICT and INSERT OR REPLACE could reach another school's rows.
        raise TenancyError("Такая вставка в таблицу школы не поддерживается")
    if state.is_delete:
        return
    # What an INSERT or UPDATE names as school_id must be the bound school (NULL: the district).
    for value in _named_school_ids(statement, state.parameters):
        if isinstance(value, ClauseElement):
            raise TenancyError("Школа записи задана выражением, а не значением")
        if value != scope.school_id:
            raise TenancyError("Запись принадлежит другой школе")


def _named_school_ids(statement, parameters) -> list:
    """Every value an INSERT or UPDATE gives school_id: in its parameters or values()."""
    rows = [parameters] if isinstance(parameters, dict) else list(parameters or ())
    # values() is kept in private attributes: SQLAlchemy has no public reader for them.
    if statement._values:
        rows.append(statement._values)
    for multi in getattr(statement, "_multi_values", ()):
        rows.extend(multi)
    if getattr(statement, "_ordered_values", None):
        rows.append(dict(statement._ordered_values))
    named = []
    for row in rows:
        for key, value in row.items():
            if (key if isinstance(key, str) else getattr(key, "key", None)) == "school_id":
                named.append(value.value if isinstance(value, BindParameter) else value)
    return named


# --- objects at flush --------------------------------------------------------------------------


_flushing: ContextVar[bool] = ContextVar("nastavnik_flushing", default=False)


class TenantSession(FlaskSession):
    """The app's session: marks the ORM's own writes at flush, checked in before_flush."""

    def flush(self, objects=None) -> None:
        token = _flushing.set(True)
        try:
            super().flush(objects)
        finally:
            _flushing.reset(token)


@event.listens_for(Session, "before_flush")
def _stamp_and_verify(session: Session, flush_context, instances) -> None:
    scope = session.info.get("scope")
    for obj in session.new:
        if isinstance(obj, SchoolOwned):
            if scope is None or scope.kind != "school":
                raise TenancyError("Новая запись школы без выбранной школы")
            if obj.school_id is None:
                obj.school_id = scope.school_id
            elif obj.school_id != scope.school_id:
                raise TenancyError("Запись принадлежит другой школе")
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, SchoolOwned) and (
            scope is None
            or scope.kind != "school"
            or any(school_id != scope.school_id for school_id in _school_ids_of(obj))
        ):
            raise TenancyError("Изменение данных школы вне её раздела")
    if _account_class:
        for obj in (*session.new, *session.dirty, *session.deleted):
            if isinstance(obj, _account_class[0]):
                _verify_account_write(scope, obj)


def _school_ids_of(obj) -> set:
    """The school a loaded row had and the one it would have now (a move shows as two)."""
    history = inspect(obj).attrs.school_id.history
    return {*history.unchanged, *history.added, *history.deleted} or {obj.school_id}


def _verify_account_write(scope: Scope | None, account) -> None:
    if scope is None:
        raise TenancyError("Изменение учётной записи без выбранной школы")
    if scope.kind == "all":
        raise TenancyError("Просмотр всех школ — только чтение")
    school_ids = _school_ids_of(account)
    if scope.kind == "school" and school_ids != {scope.school_id}:
        raise TenancyError("Учётная запись другой школы")
    if scope.kind == "district" and school_ids != {None}:
        raise TenancyError("Районный раздел не меняет учётные записи школ")


# --- what reaches the database -----------------------------------------------------------------


class _Seen:
    """What a statement does with tenant tables, recorded as it compiles and cached with it.

    A FROM is known by the SELECT (or UPDATE, DELETE) it belongs to — the compiler's stack
    entry — and the name it goes by there; `_SchoolCriterion` records the FROM it filters
    the same way.
    """

    def __init__(self) -> None:
        self.levels: list = []  # keeps the stack entries alive, so that their ids stay unique
        self.froms: dict[tuple[int, str], str] = {}  # (level, name in the SQL) → table
        self.filtered: set[tuple[int, str]] = set()
        self.written: set[str] = set()
        self.text = False
        self.shape: _Shape | None = None

    def level(self, compiler) -> int:
        entry = compiler.stack[-1] if getattr(compiler, "stack", None) else None
        self.levels.append(entry)
        return id(entry)


@dataclass(frozen=True)
class _Shape:
    tables: frozenset[str]  # tenant tables the statement reads or writes
    unfiltered: frozenset[str]  # those of them in a FROM that no criterion reaches
    written: frozenset[str]  # tenant tables an UPDATE or DELETE writes
    text: bool  # a text() or literal fragment names a tenant table


_NOTHING = _Shape(frozenset(), frozenset(), frozenset(), False)


def _seen(compiler) -> _Seen:
    seen = compiler.__dict__.get("_nastavnik_seen")
    if seen is None:
        seen = compiler._nastavnik_seen = _Seen()
    return seen


@compiles(Table)
@compiles(TableClause)
def _compile_table(table, compiler, **kw):
    if (kw.get("asfrom") or kw.get("iscrud")) and table.name in _tables.all:
        seen = _seen(compiler)
        alias = kw.get("enclosing_alias")
        name = alias.name if alias is not None and alias.element is table else table.name
        seen.froms[(seen.level(compiler), name)] = table.name
        if kw.get("iscrud"):
            seen.written.add(table.name)
    return compiler.visit_table(table, **kw)


@compiles(_SchoolCriterion)
def _compile_school_criterion(element, compiler, **kw):
    column, *school = element.clauses
    seen = _seen(compiler)
    seen.filtered.add((seen.level(compiler), column.table.name))
    if not school:
        return f"{compiler.process(column, **kw)} IS NULL"
    return f"{compiler.process(column, **kw)} = {compiler.process(school[0], **kw)}"


@compiles(TextClause)
def _compile_text(element, compiler, **kw):
    if _tables.named_in(element.text):
        _seen(compiler).text = True
    return compiler.visit_textclause(element, **kw)


@compiles(ColumnClause)
def _compile_literal_column(column, compiler, **kw):
    if column.is_literal and _tables.named_in(column.name):
        _seen(compiler).text = True
    return compiler.visit_column(column, **kw)


def _shape(compiled) -> _Shape:
    seen = compiled.__dict__.get("_nastavnik_seen") if compiled is not None else None
    if seen is None:
        return _NOTHING
    if seen.shape is None:
        seen.shape = _Shape(
            tables=frozenset(seen.froms.values()) | seen.written,
            unfiltered=frozenset(t for key, t in seen.froms.items() if key not in seen.filtered),
            written=frozenset(seen.written),
            text=seen.text,
        )
    return seen.shape


@event.listens_for(Engine, "before_cursor_execute")
def _guard_tenant_tables(conn, cursor, statement, parameters, context, executemany) -> None:
    checked = context.execution_options.get(_CHECKED) if context is not None else None
    if isinstance(checked, _Checked):
        _verify_checked(checked.scope, _shape(context.compiled))
    elif _flushing.get() or _unscoped_reason.get() is not None:
        return
    elif _tables.named_in(statement):
        raise TenancyError(
            "SQL к таблицам школ — только через ORM в разделе школы или tenancy.unscoped()"
        )


def _verify_checked(scope: Scope | None, shape: _Shape) -> None:
    if shape.text:
        raise TenancyError("Текстовый SQL к таблицам школ не допускается")
    if not shape.tables:
        return
    if scope is None:
        raise TenancyError("Запрос к данным школы без выбранной школы")
    if scope.kind == "all":
        if shape.written:
            raise TenancyError("Просмотр всех школ — только чтение")
        return
    if scope.kind == "district" and shape.tables - _tables.accounts:
        raise TenancyError("Районный раздел читает данные школ только через all_schools()")
    if shape.unfiltered:
        raise TenancyError("Запрос обходит фильтр школы: " + ", ".join(sorted(shape.unfiltered)))


def get_or_404(model, ident: int, options=()):
    """One record of the bound school by id; another school's id is simply not found.
    `options`: loader options for what the page reads of it (no lazy load from a template)."""
    if not isinstance(ident, int) or not 0 < ident <= MAX_ID:  # no row has such an id
        abort(404)
    # A query, never the identity map: the school's filter must apply every time.
    statement = select(model).where(model.id == ident).options(*options)
    obj = _session(None).execute(statement).scalar_one_or_none()
    if obj is None:
        abort(404)
    return obj
