"""What waits for the curator and the director: participants' requests not yet answered."""

from datetime import date

from sqlalchemy import Select, select

from nastavnik.dates import format_date
from nastavnik.permissions import can
from nastavnik.tenants.staff.models import Staff
from nastavnik.waiting import Waiting, rows_of

from .models import ParticipantRequest, RequestKind, RequestStatus


def waiting_rows(account, today: date) -> list[Select]:
    """The statements whose rows wait (one row, one item): the menu counts them in SQL."""
    if not can(account, "requests.answer"):
        return []
    return [
        select(ParticipantRequest, Staff)
        .join(Staff, Staff.id == ParticipantRequest.staff_id)
        .where(ParticipantRequest.status == RequestStatus.OPEN)
        .order_by(ParticipantRequest.created_at, ParticipantRequest.id)
    ]


def waiting_for(account, today: date) -> list[Waiting]:
    rows = rows_of(waiting_rows(account, today))
    return [
        Waiting(
            f"{RequestKind(req.kind).label} ({_name(staff)}, "
            f"{format_date(req.created_at.date())}) ждёт ответа.",
            "requests.show",
            {"request_id": req.id},
            "Ответить",
        )
        for req, staff in rows
    ]


def _name(staff: Staff) -> str:
    return staff.display_name if staff.data_hidden else staff.short_name
