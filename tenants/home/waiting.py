"""«Ждёт вашего решения»: what each feature keeps waiting for this person, put together.

The home page shows it, the menu counts it, the daily e-mail digest sends it. Each source is a
feature's own `waiting_for(account, today)`; each asks a fixed number of queries whatever the
school's size.
"""

from datetime import date

from flask import g

from nastavnik import dates
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


def waiting_for(account, today: date) -> list[Waiting]:
    """Everything waiting for the account's decision in its (bound) school."""
    if not getattr(account, "is_authenticated", False) or account.school_id is None:
        return []
    return [item for source in SOURCES for item in source(account, today)]


def waiting_now(account) -> list[Waiting]:
    """The same for the current request, worked out once (the page and its menu both ask)."""
    cached = g.get("_waiting")
    if cached is None or cached[0] != account.id:
        cached = (account.id, waiting_for(account, dates.today()))
        g._waiting = cached
    return cached[1]
