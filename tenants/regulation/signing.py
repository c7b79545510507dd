"""The appointments an order carries come into force when it is signed, whichever screen
records the signature (this feature's review page or the register of orders): the school's
orders know nothing of appointments, so this listens to the order's status as it is flushed."""

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from nastavnik.tenants.appointments import services as appointments
from nastavnik.tenants.orders.models import OrderKind, OrderStatus, SchoolOrder


def _signed_now(session: Session) -> list[SchoolOrder]:
    out = []
    for obj in session.dirty:
        if isinstance(obj, SchoolOrder) and obj.kind == OrderKind.TARGET_MODEL:
            history = inspect(obj).attrs.status.history
            if history.has_changes() and obj.status == OrderStatus.SIGNED:
                out.append(obj)
    return out


def _put_in_force(session, flush_context, instances) -> None:
    for order in _signed_now(session):
        with session.no_autoflush:
            appointments.put_in_force(order.id, order.signed_on, flush=False)


def listen() -> None:
    """Once per process (every app's sessions are Sessions)."""
    if not event.contains(Session, "before_flush", _put_in_force):
        event.listen(Session, "before_flush", _put_in_force)
