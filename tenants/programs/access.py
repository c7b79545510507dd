"""Who takes part in a program, and what each may do with it, with the reason why not.

An account's part in a program is looked up once (`part_in`): the mentor of the program's
pairing, one of its mentees, or neither; and, by role, whether it manages programs (the curator's
side) and whether it sees every program (managers and the working group). Anyone else is told
the program does not exist.

Each rule below returns the Russian message that refuses the action, or None when it may be
done: a view shows the message, the service raises `Refusal` with it, so the two never disagree.
"""

from dataclasses import dataclass
from datetime import date

from flask import abort
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from nastavnik.extensions import db
from nastavnik.models import Account
from nastavnik.permissions import Role, can
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.pairings.models import Pairing, PairingMember
from nastavnik.tenants.staff.models import Staff

from .models import Activity, ActivityStatus, EndReason, Program, ProgramStatus

# 7.1: the reasons a participant may give; a curator (manager) may give any.
MENTOR_REASONS = frozenset({EndReason.COMPLETED, EndReason.MENTOR_INITIATIVE, EndReason.MUTUAL})
MENTEE_REASONS = frozenset({EndReason.COMPLETED, EndReason.MENTEE_INITIATIVE, EndReason.MUTUAL})

ENDED = "Программа завершена: изменить её уже нельзя."
# 7.2: once the program has started, its term, plan and form change only by mutual consent.
PROGRAM_BY_CONSENT = (
    "Программа уже началась: срок, план и форму теперь меняют по согласию "
    "наставника и наставляемого (п. 7.2)."
)
PLAN_BY_CONSENT = (
    "Программа уже началась: план теперь корректируют по согласию наставника "
    "и наставляемого (п. 7.2)."
)


@dataclass(frozen=True)
class Part:
    """The part an account takes in one program, looked up once by `part_in`."""

    program_id: int
    account: Account
    role: Role | None  # Role.MENTOR, Role.MENTEE or None
    staff: Staff | None  # the account's person as the program's mentor or one of its mentees
    manages: bool  # programs.manage: drafts, corrects and ends any program (the curator's side)
    sees_all: bool  # programs.view_all: sees every program of the school

    @property
    def sees(self) -> bool:
        return self.sees_all or self.role is not None


def own_staff_ids(account) -> list[int]:
    """The staff records whose person logs in with this account."""
    statement = select(Staff.id).where(Staff.account_id == account.id)
    return list(db.session.execute(statement).scalars())


def part_in(program: Program, account) -> Part:
    ids = set(own_staff_ids(account))
    pairing = program.pairing
    role, staff = None, None
    if pairing.mentor_staff_id in ids:
        role, staff = Role.MENTOR, pairing.mentor
    else:
        member = next((m for m in pairing.members if m.mentee_staff_id in ids), None)
        if member is not None:
            role, staff = Role.MENTEE, member.mentee
    return Part(
        program_id=program.id,
        account=account,
        role=role,
        staff=staff,
        manages=can(account, "programs.manage"),
        sees_all=can(account, "programs.view_all"),
    )


def reach(account, program_id: int) -> tuple[Program, Part]:
    """The program and the account's part in it; for one who may not see it, a 404."""
    program = get_or_404(Program, program_id, options=_WITH_PAIRING)
    part = part_in(program, account)
    if not part.sees:
        abort(404)
    return program, part


# A program's pair and its people, loaded with it (the pages name them).
_WITH_PAIRING = (
    joinedload(Program.pairing).joinedload(Pairing.mentor),
    joinedload(Program.pairing).selectinload(Pairing.members).joinedload(PairingMember.mentee),
)


def participant_programs(account) -> list[Program]:
    """The programs of the pairings in which the account's person is mentor or mentee."""
    ids = own_staff_ids(account)
    if not ids:
        return []
    mentee_pairings = select(PairingMember.pairing_id).where(PairingMember.mentee_staff_id.in_(ids))
    pairing_ids = select(Pairing.id).where(
        or_(Pairing.mentor_staff_id.in_(ids), Pairing.id.in_(mentee_pairings))
    )
    statement = (
        select(Program)
        .where(Program.pairing_id.in_(pairing_ids))
        .order_by(Program.status, Program.starts_on.desc(), Program.id)
        .options(*_WITH_PAIRING)  # the page names each program's pair
    )
    return list(db.session.execute(statement).scalars().unique())


# --- The rules: the message that refuses, or None -------------------------------------------


def check_part(program: Program, part: Part) -> None:
    """A part answers only for its own program."""
    if part.program_id != program.id:
        raise ValueError(f"part in program {part.program_id} asked about program {program.id}")


def why_read_only(program: Program) -> str | None:
    """7.1: an ended program stays as it ended; nothing in it changes any more."""
    return ENDED if program.status != ProgramStatus.ACTIVE else None


def why_not_edit_program(program: Program, part: Part, today: date) -> str | None:
    """Before its start the curator corrects the program directly; afterwards only by 7.2."""
    check_part(program, part)
    if why := why_read_only(program):
        return why
    if not part.manages:
        return "Программу до её начала изменяет куратор."
    if program.starts_on <= today:
        return PROGRAM_BY_CONSENT
    return None


def why_not_edit_plan(program: Program, part: Part, today: date) -> str | None:
    """Before the start the plan is drawn up by the curator and the mentor directly."""
    check_part(program, part)
    if why := why_read_only(program):
        return why
    if not (part.manages or part.role == Role.MENTOR):
        return "Мероприятия в план добавляют куратор и наставник."
    if program.starts_on <= today:
        return PLAN_BY_CONSENT
    return None


def why_not_mark(program: Program, part: Part, activity: Activity | None = None) -> str | None:
    """5.2: the participants and the curator mark the plan's activities done, each once."""
    check_part(program, part)
    if why := why_read_only(program):
        return why
    if not (part.manages or part.role):
        return "Отмечать мероприятия могут участники программы и куратор."
    if activity is not None and activity.status != ActivityStatus.PLANNED:
        return "Это мероприятие уже отмечено выполненным или отменено."
    return None


def why_not_propose(program: Program, part: Part) -> str | None:
    """7.2: a change is proposed by a participant or the curator."""
    check_part(program, part)
    if why := why_read_only(program):
        return why
    if not (part.manages or part.role):
        return "Предложить изменение могут участники программы и куратор."
    return None


def end_reasons(part: Part) -> list[EndReason]:
    """7.1: the participants end a program on their own grounds; the curator on any."""
    if part.manages:
        return list(EndReason)
    allowed = {Role.MENTOR: MENTOR_REASONS, Role.MENTEE: MENTEE_REASONS}.get(part.role, ())
    return [r for r in EndReason if r in allowed]


def why_not_end(program: Program, part: Part, reason: str | None = None) -> str | None:
    """7.1: who may end the program, and (when `reason` is given) on that ground."""
    check_part(program, part)
    if why := why_read_only(program):
        return why
    allowed = end_reasons(part)
    if not allowed:
        return "Завершить программу могут её участники и куратор."
    if reason is None:
        return None
    if EndReason.parse(reason) is None:
        return "Выберите основание завершения программы."
    if reason not in allowed:
        return (
            "Это основание завершения программы может выбрать только куратор "
            "или другой участник программы (п. 7.1)."
        )
    return None
