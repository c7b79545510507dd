"""«Ждёт вашего решения»: what each feature keeps waiting for this person, put together.

The home page shows it, the menu counts it, the daily e-mail digest sends it. Each source is a
feature's own `waiting_for(account, today)`; each asks a fixed number of queries whatever the
school's size.
"""

from datetime import date

from flask import g
from sqlalchemy import func, select

from nastavnik import dates
from nastavnik.extensions import db
from nastavnik.tenants.consents import waiting as consents
from nastavnik.tenants.orders import waiting as orders
from nastavnik.tenants.programs import waiting as programs
from nastavnik.tenants.questionnaires import waiting as questionnaires
from nastavnik.tenants.requests import waiting as requests
from nastavnik.waiting import Waiting

# In the order a person would deal with them: agreements and signatures first.
SOURCES = (
    programs.waiting_for,
    orders.waiting_for,
    requests.waiting_for,
    consents.waiting_for,
    questionnaires.waiting_for,
)


# The same sources as statements whose every row is one item: the menu only counts them.
COUNTED = (
    programs.waiting_rows,
    orders.waiting_rows,
    requests.waiting_rows,
    consents.waiting_rows,
    questionnaires.waiting_rows,
)


def _member(account) -> bool:
    return getattr(account, "is_authenticated", False) and account.school_id is not None


def waiting_for(account, today: date) -> list[Waiting]:
    """Everything waiting for the account's decision in its (bound) school."""
    if not _member(account):
        return []
    return [item for source in SOURCES for item in source(account, today)]


def waiting_count(account, today: date) -> int:
    """How many items `waiting_for` would list, counted in one statement (every page's menu)."""
    if not _member(account):
        return 0
    statement = _counting(account, today)
    return sum(db.session.execute(statement).one()) if statement is not None else 0


# Building the counting statement costs more than running it; it depends only on the person,
# their roles and the day (the school's filter is added when it runs), so each process keeps it.
_COUNTING: dict = {}
_COUNTING_KEPT = 4096


def _counting(account, today: date):
    key = (account.id, frozenset(account.roles), today)
    if key not in _COUNTING:
        # Each statement's own FROM and WHERE with count(*) for its columns: one row per item.
        counts = [
            q.with_only_columns(func.count(), maintain_column_froms=True)
            .order_by(None)
            .scalar_subquery()
            for source in COUNTED
            for q in source(account, today)
        ]
        if len(_COUNTING) >= _COUNTING_KEPT:
            _COUNTING.clear()
        _COUNTING[key] = select(*counts) if counts else None
    return _COUNTING[key]


def count_now(account) -> int:
    """The menu's number: the page's own list when it has one, else counted."""
    cached = g.get("_waiting")
    if cached is not None and cached[0] == account.id:
        return len(cached[1])
    return waiting_count(account, dates.today())


def waiting_now(account) -> list[Waiting]:
    """The same for the current request, worked out once (the page and its menu both ask)."""
    cached = g.get("_waiting")
    if cached is None or cached[0] != account.id:
        cached = (account.id, waiting_for(account, dates.today()))
        g._waiting = cached
    return cached[1]
