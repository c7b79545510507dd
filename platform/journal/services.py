"""The journal (152-ФЗ): who did what to which record, when, from where — appended, never edited.

- Changes of records with personal data or of regulated records are written by a flush
  listener, in the same transaction as the change: a change that is rolled back leaves no entry,
  and one that is saved cannot go without its entry. A model takes part by naming itself:
  `__journal__ = "Согласие"`. Only how many fields changed is kept, never their values.
- Logins, views and exports are noted during the request and written after it, in a short
  transaction of their own (a read never becomes a writer on SQLite, transactions.py).
- Denied access (403, 404 to a logged-in person, 429) is written after the request's own
  transaction was rolled back.
"""

from datetime import UTC, date, datetime, time, timedelta
from functools import wraps

from flask import current_app, g, has_request_context, request
from sqlalchemy import event, inspect, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from ..dates import LOCAL
from ..extensions import db
from ..transactions import SAFE_METHODS
from .models import DISTRICT_ACTIONS, JournalAction, JournalEntry

DENIED_CODES = {403: "запрещено", 404: "не найдено", 429: "слишком много попыток"}
PAGE_SIZE = 200


class JournalIsAppendOnly(RuntimeError):
    """Raised for any attempt to change or delete an entry: nothing is saved."""


def _who() -> dict:
    if not has_request_context():
        return {"login": "командная строка", "address": ""}
    who = {"address": (request.remote_addr or "")[:64]}
    # The account Flask-Login has already loaded: loading it here (inside a flush) would query.
    account = g.get("_login_user")
    if getattr(account, "is_authenticated", False):
        who.update(account_id=account.id, login=account.login, school_id=account.school_id)
    school = g.get("school")
    if school is not None:
        who["school_id"] = school.id
    return who


def note(action: JournalAction, kind: str = "", record_id: int | None = None, **fields) -> None:
    """An entry written at the end of this request (or at once, outside one)."""
    entry = {**_who(), "action": action, "record_kind": kind, "record_id": record_id, **fields}
    if has_request_context():
        g.setdefault("journal", []).append(entry)
    else:
        db.session.add(JournalEntry(**entry))


def journalled(action: JournalAction, kind: str, id_arg: str | None = None):
    """A view whose every successful answer is journalled (a teacher's card, the register)."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            response = view(*args, **kwargs)
            note(action, kind, kwargs.get(id_arg) if id_arg else None)
            return response

        return wrapper

    return decorate


def add_to_request(response) -> None:
    """Called at the edge before a writing request commits: its entries go into the same
    transaction (a GET's are written after it, `write_after`)."""
    if request.method not in SAFE_METHODS and response.status_code < 400:
        db.session.add_all(JournalEntry(**entry) for entry in g.pop("journal", []))


def write_after(response):
    """Called at the edge after the request's own commit or rollback."""
    entries = g.pop("journal", [])
    code = response.status_code
    if code >= 400:
        entries = [e for e in entries if e["action"] == JournalAction.LOGIN_FAILED]
    login_refused = any(e["action"] == JournalAction.LOGIN_FAILED for e in entries)
    signed_in = getattr(g.get("_login_user"), "is_authenticated", False)
    if code in DENIED_CODES and (signed_in or code == 429) and not login_refused:
        asked = "страница" if request.method in SAFE_METHODS else "отправка формы"
        detail = f"{code} {DENIED_CODES[code]}: {asked} {request.path}"[:300]
        entries.append({**_who(), "action": JournalAction.DENIED, "detail": detail})
    if not entries:
        return
    try:
        db.session.add_all(JournalEntry(**entry) for entry in entries)
        db.session.commit()
    except OperationalError:
        db.session.rollback()
        current_app.logger.exception("Журнал: запись не сохранена")


def _journalled_changes(session: Session, flush_context) -> None:
    entries = []
    for action, objects in (
        (JournalAction.CREATED, session.new),
        (JournalAction.CHANGED, session.dirty),
        (JournalAction.DELETED, session.deleted),
    ):
        for obj in objects:
            kind = getattr(type(obj), "__journal__", None)
            if kind is None:
                continue
            detail = ""
            if action is JournalAction.CHANGED:
                ignored = getattr(type(obj), "__journal_ignores__", frozenset())
                state = inspect(obj)
                changed = [
                    attr.key
                    for attr in state.mapper.column_attrs
                    if attr.key not in ignored and state.attrs[attr.key].history.has_changes()
                ]
                if not changed:
                    continue
                detail = f"изменено полей: {len(changed)}"
            with session.no_autoflush:  # the account's own attributes may need a reload
                who = _who()
            who["school_id"] = getattr(obj, "school_id", who.get("school_id"))
            entries.append(
                JournalEntry(
                    **who, action=action, record_kind=kind, record_id=obj.id, detail=detail
                )
            )
    session.add_all(entries)


def _refuse_changes(session: Session, flush_context, instances) -> None:
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, JournalEntry):
            raise JournalIsAppendOnly("Записи журнала не изменяются и не удаляются.")


def _refuse_statements(state) -> None:
    statement = state.statement
    if (state.is_update or state.is_delete) and state.bind_mapper is inspect(JournalEntry):
        raise JournalIsAppendOnly(f"Записи журнала не изменяются и не удаляются: {statement}")


def listen() -> None:
    """Called once by the app factory."""
    if not event.contains(Session, "after_flush", _journalled_changes):
        event.listen(Session, "after_flush", _journalled_changes)
        event.listen(Session, "before_flush", _refuse_changes)
        event.listen(Session, "do_orm_execute", _refuse_statements)


# ---- reading


def entries(
    school_id: int | None,
    action: JournalAction | None = None,
    login: str = "",
    since: date | None = None,
    until: date | None = None,
    district: bool = False,
) -> list[JournalEntry]:
    """The newest entries that match, at most PAGE_SIZE; the district sees only logins and
    denials (of every school unless `school_id`), and finds by login only its own accounts: a
    school's logins are made of its teachers' names, which stay with the school."""
    query = select(JournalEntry).order_by(JournalEntry.at.desc(), JournalEntry.id.desc())
    if school_id is not None:
        query = query.where(JournalEntry.school_id == school_id)
    if district:
        query = query.where(JournalEntry.action.in_(DISTRICT_ACTIONS))
    if action is not None:
        query = query.where(JournalEntry.action == action)
    if login:
        query = query.where(JournalEntry.login == login.strip())
        if district:
            query = query.where(JournalEntry.school_id.is_(None))
    if since is not None:
        query = query.where(JournalEntry.at >= _utc(since))
    if until is not None:
        query = query.where(JournalEntry.at < _utc(until + timedelta(days=1)))
    return list(db.session.execute(query.limit(PAGE_SIZE)).scalars())


def _utc(day: date) -> datetime:
    """The start of a local (Moscow) day, as the naive UTC the entries are kept in."""
    return datetime.combine(day, time(), tzinfo=LOCAL).astimezone(UTC).replace(tzinfo=None)
