"""What waits for the director: the orders drafted for their signature."""

from datetime import date

from sqlalchemy import select

from nastavnik.dates import format_date
from nastavnik.extensions import db
from nastavnik.permissions import can
from nastavnik.waiting import Waiting

from .models import OrderStatus, SchoolOrder


def waiting_for(account, today: date) -> list[Waiting]:
    if not can(account, "pairings.approve"):  # the director signs (the sign route's permission)
        return []
    drafts = db.session.execute(
        select(SchoolOrder)
        .where(SchoolOrder.status == OrderStatus.DRAFT)
        .order_by(SchoolOrder.created_at, SchoolOrder.id)
    ).scalars()
    return [
        Waiting(
            f"Приказ «{order.title}» ждёт вашей подписи "
            f"(проект от {format_date(order.created_at.date())}).",
            "orders.show",
            {"order_id": order.id},
            "Подписать",
        )
        for order in drafts
    ]
