"""Who is asked to fill a questionnaire: at the end of a program (Roadmap, stage 6), on entering
the mentor bank (stage 3: анкетирование потенциальных наставников), or a group the curator
chooses, by a deadline."""

from datetime import date, timedelta

from sqlalchemy import select

from nastavnik.extensions import db
from nastavnik.refusals import Refusal
from nastavnik.tenants.banks.models import (
    MENTEE_IN_BANK,
    MenteeEntry,
    MentorEntry,
    MentorStatus,
)
from nastavnik.tenants.pairings.models import Pairing, PairingMember
from nastavnik.tenants.staff.models import Staff

from .editing import in_use_for, why_empty
from .models import Assignment, Purpose, Questionnaire

# Time to answer an end-of-program questionnaire.
DAYS_TO_ANSWER = 30


class Group:
    MENTORS = "mentors"
    MENTEES = "mentees"
    CHOSEN = "chosen"
    LABELS = {
        MENTORS: "Все наставники банка",
        MENTEES: "Все наставляемые банка",
        CHOSEN: "Выбранные педагоги",
    }


def _already_asked(questionnaire_id: int, staff_id: int, program_id: int | None) -> bool:
    found = db.session.execute(
        select(Assignment.id).where(
            Assignment.questionnaire_id == questionnaire_id,
            Assignment.staff_id == staff_id,
            Assignment.program_id.is_(None)
            if program_id is None
            else Assignment.program_id == program_id,
        )
    ).first()
    return found is not None


def assign(
    questionnaire: Questionnaire,
    staff_ids,
    on: date,
    due_on: date | None = None,
    program_id: int | None = None,
    by=None,
) -> list[Assignment]:
    """Each person asked once (per program, for the end of a program)."""
    if why := why_empty(questionnaire):
        raise Refusal(why)
    made = []
    for staff_id in dict.fromkeys(staff_ids):
        if _already_asked(questionnaire.id, staff_id, program_id):
            continue
        assignment = Assignment(
            questionnaire_id=questionnaire.id,
            staff_id=staff_id,
            program_id=program_id,
            due_on=due_on,
            assigned_on=on,
            assigned_by_id=by.id if by is not None else None,
        )
        db.session.add(assignment)
        made.append(assignment)
    db.session.flush()
    return made


def on_program_ended(sender, program, on: date, **extra) -> None:
    """Stage 6: the mentor and each mentee of an ended program get its questionnaires."""
    pairing = db.session.execute(
        select(Pairing).where(Pairing.id == program.pairing_id)
    ).scalar_one()
    mentees = db.session.execute(
        select(PairingMember.mentee_staff_id).where(PairingMember.pairing_id == pairing.id)
    ).scalars()
    due = on + timedelta(days=DAYS_TO_ANSWER)
    assign(in_use_for(Purpose.MENTOR_END), [pairing.mentor_staff_id], on, due, program.id)
    assign(in_use_for(Purpose.MENTEE_END), list(mentees), on, due, program.id)


def on_mentor_entered(sender, entry, on: date, **extra) -> None:
    """Stage 3: a teacher entering the mentor bank is asked the potential mentors' survey."""
    assign(in_use_for(Purpose.POTENTIAL_MENTOR), [entry.staff_id], on)


def people_of(group: str, chosen=()) -> list[int]:
    """The staff ids a group names: the banks' people, or those chosen by hand."""
    if group == Group.MENTORS:
        statement = select(MentorEntry.staff_id).where(MentorEntry.status == MentorStatus.ACTIVE)
    elif group == Group.MENTEES:
        statement = select(MenteeEntry.staff_id).where(MenteeEntry.status.in_(MENTEE_IN_BANK))
    elif group == Group.CHOSEN:
        ids = [int(i) for i in chosen]
        statement = select(Staff.id).where(Staff.id.in_(ids), Staff.data_hidden.is_(False))
    else:
        raise Refusal("Выберите, кому отправить анкету.", field="group")
    found = list(dict.fromkeys(db.session.execute(statement).scalars()))
    if group == Group.CHOSEN and len(found) != len(set(int(i) for i in chosen)):
        raise Refusal("Выберите педагогов из списка.", field="people")
    return found


def send_to_group(questionnaire, group: str, chosen, due_on: date | None, on: date, by) -> int:
    """The curator sends a questionnaire to a group, to be answered by a deadline."""
    if why := why_empty(questionnaire):
        raise Refusal(why)
    if due_on is None:
        raise Refusal("Укажите срок, до которого нужно ответить.", field="due_on")
    if due_on < on:
        raise Refusal("Срок ответа не может быть в прошлом.", field="due_on")
    people = people_of(group, chosen)
    if not people:
        raise Refusal("В выбранной группе никого нет.", field="group")
    return len(assign(questionnaire, people, on, due_on, None, by))


def teachers() -> list[Staff]:
    """Those a curator may choose: teachers whose data are not hidden."""
    return list(
        db.session.execute(
            select(Staff)
            .where(Staff.data_hidden.is_(False))
            .order_by(Staff.last_name, Staff.first_name, Staff.id)
        ).scalars()
    )
