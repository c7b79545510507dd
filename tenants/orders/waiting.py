"""What waits for the director: the orders drafted for their signature."""

from datetime import date

from sqlalchemy import Select, select

from nastavnik.dates import format_date
from nastavnik.permissions import can
from nastavnik.waiting import Waiting, rows_of

from .models import OrderStatus, SchoolOrder


def waiting_rows(account, today: date) -> list[Select]:
    """The statements whose rows wait (one row, one item): the menu counts them in SQL."""
    if not can(account, "pairings.approve"):  # the director signs (the sign route's permission)
        return []
    return [
        select(SchoolOrder)
        .where(SchoolOrder.status == OrderStatus.DRAFT)
        .order_by(SchoolOrder.created_at, SchoolOrder.id)
    ]


def waiting_for(account, today: date) -> list[Waiting]:
    drafts = [order for (order,) in rows_of(waiting_rows(account, today))]
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
