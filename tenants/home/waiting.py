"""«Ждёт вашего решения»: what each feature keeps waiting for this person, put together.

The home page shows it, the menu counts it, the daily e-mail digest sends it. Each source is a
feature's own `waiting_for(account, today)`; each asks a fixed number of queries whatever the
school's size.

The menu's number is on every page, so it is kept for a minute per person (`count_now`): the
home page always lists afresh and leaves its count for the menu, and whatever the person does
(any form they send) makes the next page count again. What others do (a request arrives, an
order is drafted) reaches the menu within the minute, and the home page at once.
"""

from datetime import date

from flask import g, request, session
from sqlalchemy import func, select

from nastavnik import dates
from nastavnik.extensions import cache, db
from nastavnik.tenants.consents import waiting as consents
from nastavnik.tenants.matching import waiting as matching
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
    matching.waiting_for,
    questionnaires.waiting_for,
)


# The same sources as statements whose every row is one item: the menu only counts them.
COUNTED = (
    programs.waiting_rows,
    orders.waiting_rows,
    requests.waiting_rows,
    consents.waiting_rows,
    matching.waiting_rows,
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


COUNT_SECONDS = 60  # the menu's number may lag others' doings by as much
ACTED = "acted"  # in the session: how many forms the person has sent; a new count for each


def count_now(account) -> int:
    """The menu's number: the page's own list when it has one, else the person's count kept
    for a minute (since their last form), else counted."""
    listed = g.get("_waiting")
    if listed is not None and listed[0] == account.id:
        return len(listed[1])
    key = _count_key(account)
    found = cache.get(key)
    if found is None:
        found = waiting_count(account, dates.today())
        cache.set(key, found, timeout=COUNT_SECONDS)
    return found


def note_action() -> None:
    """Before any form a person sends: the menu counts again on the page that follows."""
    if request.method == "POST":
        session[ACTED] = session.get(ACTED, 0) + 1


def _count_key(account) -> str:
    return f"waiting-count:{account.id}:{dates.today().isoformat()}:{session.get(ACTED, 0)}"


def waiting_now(account) -> list[Waiting]:
    """The same for the current request, worked out once (the page and its menu both ask)."""
    cached = g.get("_waiting")
    if cached is None or cached[0] != account.id:
        cached = (account.id, waiting_for(account, dates.today()))
        g._waiting = cached
        # What the home page has just listed is what the menu shows on the next pages.
        cache.set(_count_key(account), len(cached[1]), timeout=COUNT_SECONDS)
    return cached[1]
