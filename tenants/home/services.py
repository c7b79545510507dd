"""What a member's home shows: their deadlines, and for the curator the pairs that stalled."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import selectinload

from nastavnik.extensions import db
from nastavnik.tenants.consents.models import ConsentKind
from nastavnik.tenants.consents.services import valid_kinds
from nastavnik.tenants.pairings.models import IN_FORCE, Pairing, PairingMember, PairingStatus
from nastavnik.tenants.programs.models import Activity, ActivityStatus, Program, ProgramStatus
from nastavnik.tenants.staff.models import Staff


def staff_of(account_id: int) -> Staff | None:
    """The staff member whose login this account is (Staff.account_id), if any."""
    return db.session.execute(
        select(Staff).where(Staff.account_id == account_id).order_by(Staff.id).limit(1)
    ).scalar_one_or_none()


def takes_part(staff_id: int):
    """The condition 'the staff member is the pairing's mentor or one of its mentees'."""
    return or_(
        Pairing.mentor_staff_id == staff_id,
        # The member as an entity (not a bare exists()), so the school's filter reaches it.
        select(PairingMember.id)
        .where(PairingMember.pairing_id == Pairing.id, PairingMember.mentee_staff_id == staff_id)
        .exists(),
    )


def planned_activities(staff_id: int):
    """(Activity, Program) of the person's active programs that are still planned."""
    return (
        select(Activity, Program)
        .join(Program, Program.id == Activity.program_id)
        .join(Pairing, Pairing.id == Program.pairing_id)
        .where(
            Activity.status == ActivityStatus.PLANNED,
            Program.status == ProgramStatus.ACTIVE,
            takes_part(staff_id),
        )
        .order_by(Activity.due_on, Activity.id)
    )


@dataclass(frozen=True)
class Deadline:
    activity_id: int
    title: str
    due_on: date
    program_id: int
    program_title: str


def due_and_overdue(
    staff_id: int, today: date, days: int = 14
) -> tuple[list[Deadline], list[Deadline]]:
    """Planned activities due within `days` from today, and those already past due (5.2)."""
    rows = db.session.execute(
        planned_activities(staff_id).where(Activity.due_on <= today + timedelta(days=days))
    ).all()
    due, overdue = [], []
    for activity, program in rows:
        item = Deadline(activity.id, activity.title, activity.due_on, program.id, program.title)
        (overdue if activity.due_on < today else due).append(item)
    return due, overdue


@dataclass(frozen=True)
class IdlePairing:
    pairing: Pairing
    program_id: int
    program_title: str
    last_marked: datetime | None


def idle_statement(today: date, days: int = 30):
    """Active pairs whose active program has had nothing marked for `days` days, the longest
    idle first: (Pairing, program id, program title, last mark or None).

    A program that started less than `days` days ago and has no marks yet is not idle.
    """
    since = datetime.combine(today - timedelta(days=days), time.min)
    last_marked = func.max(Activity.marked_at)
    return (
        select(Pairing, Program.id, Program.title, last_marked)
        .join(
            Program, and_(Program.pairing_id == Pairing.id, Program.status == ProgramStatus.ACTIVE)
        )
        .outerjoin(Activity, Activity.program_id == Program.id)
        .where(Pairing.status == PairingStatus.ACTIVE)
        .group_by(Pairing.id, Program.id, Program.title, Program.starts_on)
        .having(
            or_(
                last_marked < since,
                and_(last_marked.is_(None), Program.starts_on < since.date()),
            )
        )
        .order_by(last_marked.is_not(None), last_marked, Program.starts_on, Program.id)
        .options(
            selectinload(Pairing.mentor),
            selectinload(Pairing.members).selectinload(PairingMember.mentee),
        )
    )


def idle_rows(result) -> list[IdlePairing]:
    return [IdlePairing(p, program_id, title, last) for p, program_id, title, last in result]


@dataclass(frozen=True)
class ConsentGap:
    pairing: Pairing
    problems: tuple[str, ...]


def pairings_without_consent(today: date) -> list[ConsentGap]:
    """Approved or active pairs where someone's consent has lapsed or been revoked since.

    Nobody enters a bank or a pair without a valid consent, but a consent can be revoked or
    expire later; the curator then decides what becomes of the pair.
    """
    # The people by id first (the pairs in force of a large school are 150, their gaps few);
    # then only the pairs with a gap are loaded with their people, for the page to name them.
    mentors = dict(
        db.session.execute(
            select(Pairing.id, Pairing.mentor_staff_id).where(Pairing.status.in_(IN_FORCE))
        )
        .tuples()
        .all()
    )
    mentees = {pairing_id: [] for pairing_id in mentors}
    for pairing_id, staff_id in db.session.execute(
        select(PairingMember.pairing_id, PairingMember.mentee_staff_id).where(
            PairingMember.pairing_id.in_(list(mentors))
        )
    ).tuples():
        mentees[pairing_id].append(staff_id)
    kinds = valid_kinds({*mentors.values(), *(s for ids in mentees.values() for s in ids)}, today)
    problems_of = {}
    for pairing_id, mentor_id in mentors.items():
        problems = []
        mentor = kinds[mentor_id]
        if ConsentKind.PERSONAL_DATA not in mentor:
            problems.append("у наставника нет действующего согласия на обработку ПДн")
        if ConsentKind.MENTOR_DUTY not in mentor:
            problems.append("у наставника нет действующего согласия на обязанности наставника")
        if any(ConsentKind.PERSONAL_DATA not in kinds[s] for s in mentees[pairing_id]):
            problems.append("у наставляемого нет действующего согласия на обработку ПДн")
        if problems:
            problems_of[pairing_id] = tuple(problems)
    found = db.session.execute(
        select(Pairing)
        .where(Pairing.id.in_(list(problems_of)))
        .order_by(Pairing.id)
        .options(
            selectinload(Pairing.mentor),
            selectinload(Pairing.members).selectinload(PairingMember.mentee),
        )
    ).scalars()
    return [ConsentGap(pairing, problems_of[pairing.id]) for pairing in found]
