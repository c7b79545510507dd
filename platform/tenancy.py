"""Schools as tenants: every query sees one school, and fails closed when none is bound.

A tenant-owned table inherits `SchoolOwned`: `school_id` NOT NULL and indexed, and
UNIQUE (school_id, id) so that foreign keys between tenant tables are composite
((school_id, x_id) → (school_id, id)) and a row can never point into another school.

The scope lives in `session.info["scope"]` and is one of:
  None                  — nothing bound: any query of tenant data raises `TenancyError`;
  Scope.school(id)      — a school's pages: every ORM statement is filtered to that school;
  Scope.district()      — the district area: tenant data only through `all_schools()`;
  Scope.all()           — entered with `all_schools()`: an explicit, read-only look across
                          every school.

Raw SQL on tenant tables bypasses all of this; where it must run (migrations, the test
harness, schema scripts) it runs inside `unscoped(reason)`, which logs why.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from flask import abort
from sqlalchemy import ForeignKey, ForeignKeyConstraint, UniqueConstraint, event, select
from sqlalchemy.orm import Mapped, Session, declared_attr, mapped_column, with_loader_criteria

from .extensions import db

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


class SchoolOwned:
    """Mixin for every table that belongs to one school."""

    @declared_attr
    def school_id(cls) -> Mapped[int]:  # noqa: N805
        return mapped_column(ForeignKey("school.id"), nullable=False, index=True)

    @declared_attr.directive
    def __table_args__(cls):  # noqa: N805
        return (UniqueConstraint("school_id", "id"), *getattr(cls, "__school_table_args__", ()))


def school_fk(column: str, target: str, **kw) -> ForeignKeyConstraint:
    """A composite foreign key ((school_id, column) → target (school_id, id))."""
    return ForeignKeyConstraint(
        ["school_id", column], [f"{target}.school_id", f"{target}.id"], **kw
    )


# Accounts are scoped too, though a district account has no school; registered by models.py.
_account_class: list[type] = []


def register_account_class(cls: type) -> type:
    _account_class.append(cls)
    return cls


def current_scope(session: Session | None = None) -> Scope | None:
    return (session or db.session).info.get("scope")


def bind(scope: Scope | None, session: Session | None = None) -> None:
    (session or db.session).info["scope"] = scope


@contextmanager
def scoped(scope: Scope | None, session: Session | None = None) -> Iterator[None]:
    session = session or db.session
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


def _is_school_owned(mapper) -> bool:
    return issubclass(mapper.class_, SchoolOwned)


def _is_account(mapper) -> bool:
    return bool(_account_class) and issubclass(mapper.class_, _account_class[0])


@event.listens_for(Session, "do_orm_execute")
def _filter_by_school(state) -> None:
    if not (state.is_select or state.is_update or state.is_delete) or state.is_column_load:
        return
    mappers = state.all_mappers
    touches_school_data = any(_is_school_owned(m) for m in mappers)
    touches_accounts = any(_is_account(m) for m in mappers)
    if not (touches_school_data or touches_accounts):
        return
    scope = state.session.info.get("scope")
    if scope is None:
        raise TenancyError("Запрос к данным школы без выбранной школы")
    if scope.kind == "all":
        return
    if scope.kind == "district":
        if touches_school_data:
            raise TenancyError("Районный раздел читает данные школ только через all_schools()")
        account = _account_class[0]
        state.statement = state.statement.options(
            with_loader_criteria(account, lambda cls: cls.school_id.is_(None), include_aliases=True)
        )
        return
    school_id = scope.school_id
    options = [
        with_loader_criteria(
            SchoolOwned, lambda cls: cls.school_id == school_id, include_aliases=True
        )
    ]
    if _account_class:
        options.append(
            with_loader_criteria(
                _account_class[0], lambda cls: cls.school_id == school_id, include_aliases=True
            )
        )
    state.statement = state.statement.options(*options)


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
            scope is None or scope.kind != "school" or obj.school_id != scope.school_id
        ):
            raise TenancyError("Изменение данных школы вне её раздела")
    if _account_class:
        for obj in (*session.new, *session.dirty, *session.deleted):
            if isinstance(obj, _account_class[0]):
                _verify_account_write(scope, obj)


def _verify_account_write(scope: Scope | None, account) -> None:
    if scope is None:
        raise TenancyError("Изменение учётной записи без выбранной школы")
    if scope.kind == "school" and account.school_id != scope.school_id:
        raise TenancyError("Учётная запись другой школы")
    if scope.kind == "district" and account.school_id is not None:
        raise TenancyError("Районный раздел не меняет учётные записи школ")


def get_or_404(model, ident: int):
    """One record of the bound school by id; another school's id is simply not found."""
    # A query, never the identity map: the school's filter must apply every time.
    obj = db.session.execute(select(model).where(model.id == ident)).scalar_one_or_none()
    if obj is None:
        abort(404)
    return obj
