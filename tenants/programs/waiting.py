"""What waits for a mentor or a mentee: a change to agree to (7.2), activities due this week."""

from datetime import date, timedelta

from sqlalchemy import Select, or_, select

from nastavnik.dates import format_date
from nastavnik.extensions import db
from nastavnik.permissions import can
from nastavnik.tenants.pairings.models import Pairing, PairingMember
from nastavnik.tenants.staff.persons import own_staff
from nastavnik.waiting import Waiting

from .models import (
    Activity,
    ActivityStatus,
    ChangeAgreement,
    ChangeKind,
    ChangeStatus,
    Program,
    ProgramChange,
    ProgramStatus,
)

WEEK = 7  # «this week»: today and the six days after it


def _takes_part(staff_ids):
    """The pairing's mentor or one of its mentees is one of `staff_ids` (a subquery)."""
    return or_(
        Pairing.mentor_staff_id.in_(staff_ids),
        select(PairingMember.id)
        .where(PairingMember.pairing_id == Pairing.id, PairingMember.mentee_staff_id.in_(staff_ids))
        .exists(),
    )


def changes_to_agree(account) -> Select:
    """(ProgramChange, Program), 7.2: proposed changes of the person's active programs they
    have not agreed to yet."""
    mine = own_staff(account.id)
    agreed = (
        select(ChangeAgreement.id)
        .where(ChangeAgreement.change_id == ProgramChange.id, ChangeAgreement.staff_id.in_(mine))
        .exists()
    )
    return (
        select(ProgramChange, Program)
        .join(Program, Program.id == ProgramChange.program_id)
        .join(Pairing, Pairing.id == Program.pairing_id)
        .where(
            ProgramChange.status == ChangeStatus.PROPOSED,
            Program.status == ProgramStatus.ACTIVE,
            _takes_part(mine),
            ~agreed,
        )
        .order_by(ProgramChange.proposed_at, ProgramChange.id)
    )


def due_this_week(account, today: date) -> Select:
    """(Activity, Program): planned activities of the person's active programs due from today
    to a week ahead."""
    return (
        select(Activity, Program)
        .join(Program, Program.id == Activity.program_id)
        .join(Pairing, Pairing.id == Program.pairing_id)
        .where(
            Activity.status == ActivityStatus.PLANNED,
            Program.status == ProgramStatus.ACTIVE,
            Activity.due_on >= today,
            Activity.due_on < today + timedelta(days=WEEK),
            _takes_part(own_staff(account.id)),
        )
        .order_by(Activity.due_on, Activity.id)
    )


def waiting_rows(account, today: date) -> list[Select]:
    """The statements whose rows wait (one row, one item): the menu counts them in SQL."""
    if not can(account, "programs.view"):
        return []
    return [changes_to_agree(account), due_this_week(account, today)]


def waiting_for(account, today: date) -> list[Waiting]:
    if not can(account, "programs.view"):
        return []
    changes, due = (db.session.execute(q).tuples().all() for q in waiting_rows(account, today))
    items = [
        Waiting(
            f"Изменение программы «{program.title}» ждёт вашего согласия: "
            f"{ChangeKind(change.kind).label.lower()} (п. 7.2).",
            "programs.show",
            {"program_id": program.id},
            "Рассмотреть",
        )
        for change, program in changes
    ]
    items += [
        Waiting(
            f"До {format_date(activity.due_on)} — мероприятие «{activity.title}» "
            f"программы «{program.title}».",
            "programs.show",
            {"program_id": program.id},
            "Отметить",
            activity.due_on,
        )
        for activity, program in due
    ]
    return items
