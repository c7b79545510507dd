"""What waits for everyone asked: questionnaires assigned to them and not yet filled."""

from datetime import date

from sqlalchemy import Select, select

from nastavnik.dates import format_date
from nastavnik.permissions import can
from nastavnik.tenants.staff.persons import own_staff
from nastavnik.waiting import Waiting, rows_of

from .models import Assignment, AssignmentStatus, Questionnaire


def waiting_rows(account, today: date) -> list[Select]:
    """The statements whose rows wait (one row, one item): the menu counts them in SQL."""
    if not can(account, "questionnaires.fill"):
        return []
    return [
        select(Assignment, Questionnaire)
        .join(Questionnaire, Questionnaire.id == Assignment.questionnaire_id)
        .where(
            Assignment.staff_id.in_(own_staff(account.id)),
            Assignment.status == AssignmentStatus.PENDING,
        )
        .order_by(Assignment.due_on.is_(None), Assignment.due_on, Assignment.id)
    ]


def waiting_for(account, today: date) -> list[Waiting]:
    rows = rows_of(waiting_rows(account, today))
    return [
        Waiting(
            f"Анкета «{q.title}» ждёт ваших ответов"
            + (f" до {format_date(a.due_on)}" if a.due_on else "."),  # the date ends in «г.»
            "questionnaires.fill",
            {"assignment_id": a.id},
            "Заполнить",
            a.due_on,
        )
        for a, q in rows
    ]
