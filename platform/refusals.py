"""A refused action changes nothing.

`Refusal` is the one exception of the platform by which a rule (of the Regulation, of a form,
of a file) says no; its message is Russian and meant for the user, `field` names the form field
it concerns, if any.

A refusal may be raised after a service has already changed and flushed rows. Two places, and
only these, make sure such a half-made change is never saved:

- `attempt()` runs an action inside a savepoint and, when the action is refused, rolls the
  savepoint back and hands the refusal to the view as an outcome to show;
- the request's edge (app.py) commits only when every refusal raised during the request was
  rolled back by `attempt()`; a refusal that a view caught by itself, or let escape, makes the
  whole request roll back (and an escaped one is answered by `errors.py` in the site's style).

So a view cannot save half of a refused action, whether or not it remembered `attempt()`.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import g, has_request_context

from .extensions import db


class Refusal(Exception):
    """A rule refused the action; `str(refusal)` is the Russian message for the user."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        # Set once `attempt()` has rolled back what the refused action had done.
        self.undone = False
        if has_request_context():
            g.setdefault("refusals", []).append(self)

    def __str__(self) -> str:
        return self.message


class RowsRefused(Refusal):
    """An action on a list refused as a whole: `rows` tells, by row key, what stops each row."""

    def __init__(self, message: str, rows: dict):
        super().__init__(message)
        self.rows = rows


@dataclass
class Outcome:
    """What `attempt()` reports: the refusal, if the action was refused."""

    refusal: Refusal | None = None

    @property
    def refused(self) -> bool:
        return self.refusal is not None

    @property
    def message(self) -> str:
        return self.refusal.message if self.refusal else ""


@contextmanager
def attempt() -> Iterator[Outcome]:
    """Runs the action in a savepoint; a refusal rolls back everything it did.

        with attempt() as outcome:
            services.extend(program, ...)
        if outcome.refused:
            form.form_errors.append(outcome.message)

    Any other exception rolls the savepoint back too and goes on up.
    """
    outcome = Outcome()
    raised_before = len(g.get("refusals", ())) if has_request_context() else 0
    savepoint = db.session.begin_nested()
    try:
        yield outcome
    except Refusal as refusal:
        if savepoint.is_active:
            savepoint.rollback()
        outcome.refusal = refusal
    except BaseException:
        if savepoint.is_active:
            savepoint.rollback()
        raise
    else:
        savepoint.commit()
    # Refusals raised inside were rolled back with the savepoint, or answered by the action
    # itself (one refusal told as another, a check that collects messages): none is left open.
    for refusal in g.get("refusals", ())[raised_before:] if has_request_context() else ():
        refusal.undone = True
    if outcome.refusal is not None:
        outcome.refusal.undone = True


def request_was_refused() -> bool:
    """True when a refusal of this request was not rolled back by `attempt()`."""
    return any(not refusal.undone for refusal in g.get("refusals", ()))
