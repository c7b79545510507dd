"""What waits for a person's decision: one item of the home page's «Ждёт вашего решения».

Each school feature that keeps something a person has to act on answers `waiting_for(account,
today)` with a list of these; the school's home page puts them together (nastavnik.tenants.home
.waiting), and the daily e-mail digest sends the same list.
"""

from dataclasses import dataclass, field
from datetime import date

from .extensions import db


@dataclass(frozen=True)
class Waiting:
    text: str  # one sentence, in Russian, saying what waits and for what
    endpoint: str  # where it is done: a route of the school (its school_slug added on use)
    values: dict = field(default_factory=dict, hash=False)
    action: str = "Открыть"  # the link's words
    on: date | None = None  # the date it is due by, when there is one: the nearest first


def rows_of(statements) -> list[tuple]:
    """The rows of a feature's `waiting_rows` statements, one after another (one row, one item;
    the menu counts the same statements)."""
    return [row for statement in statements for row in db.session.execute(statement).tuples()]
