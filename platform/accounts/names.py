"""The name an account is shown by: hidden once its owner's data consent is revoked (152-ФЗ).

The account keeps the name it was given (the school's own records and signed orders name the
person); the screens that list or edit accounts, and those that say who marked or proposed
something, show WITHDRAWN instead. Which accounts belong to such a person is known to the staff
register, a school feature: it answers HIDDEN_NAMES (nastavnik.hooks) with a function that
takes account ids and returns those whose names must not be shown.
"""

from collections.abc import Iterable

from sqlalchemy import select

from ..extensions import db
from ..hooks import Hook
from ..models import Account

WITHDRAWN = "Педагог (согласие отозвано)"

HIDDEN_NAMES = Hook("accounts.hidden-names")


def hidden_ids(account_ids: Iterable[int]) -> set[int]:
    """The accounts among these whose owner's name is not to be shown (one query per answer)."""
    ids = {i for i in account_ids if i}
    hidden: set[int] = set()
    if ids:
        for answer in HIDDEN_NAMES.answers():
            hidden |= answer(ids)
    return hidden


def shown_names(accounts: Iterable[Account]) -> dict[int, str]:
    """By account id, the name to show."""
    accounts = list(accounts)
    hidden = hidden_ids(a.id for a in accounts)
    return {a.id: WITHDRAWN if a.id in hidden else a.full_name for a in accounts}


def names_of(account_ids: Iterable[int]) -> dict[int, str]:
    """By account id, the name to show, for ids of the bound school (who marked, proposed…)."""
    ids = {i for i in account_ids if i}
    if not ids:
        return {}
    rows = db.session.execute(select(Account.id, Account.full_name).where(Account.id.in_(ids)))
    names = dict(rows.all())
    hidden = hidden_ids(names)
    return {i: WITHDRAWN if i in hidden else name for i, name in names.items()}
