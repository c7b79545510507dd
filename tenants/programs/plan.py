"""Drawing up a program and its plan (1.2), and carrying the plan out (5.2)."""

from datetime import date

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from nastavnik.dates import format_date
from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.refusals import Refusal
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.pairings.models import IN_FORCE, Pairing, PairingStatus
from nastavnik.tenants.pairings.services import form_labels, start_pairing, with_people
from nastavnik.tenants.vocabulary import Area
from nastavnik.uploads import save_upload

from .access import Part, why_not_edit_plan, why_not_edit_program, why_not_mark
from .models import Activity, ActivityStatus, Program, ProgramStatus
from .term import check_deadline, check_term


def clean(value: str | None) -> str:
    return (value or "").strip()


def plan_of(program: Program) -> list[Activity]:
    """The program's activities as they are in the database now, by deadline."""
    statement = (
        select(Activity)
        .where(Activity.program_id == program.id)
        .order_by(Activity.due_on, Activity.id)
    )
    return list(db.session.execute(statement).scalars())


def pairings_awaiting_program() -> list[Pairing]:
    """Approved or active pairings that have no program in progress."""
    running = select(Program.pairing_id).where(Program.status == ProgramStatus.ACTIVE)
    statement = (
        select(Pairing)
        .where(Pairing.status.in_(IN_FORCE), Pairing.id.not_in(running))
        .order_by(Pairing.id)
        .options(*with_people())
    )
    return list(db.session.execute(statement).scalars())


# --- The program's own fields ---------------------------------------------------------------


def check_forms(forms) -> tuple[str, ...]:
    """2.3: one or more forms of mentoring from the school's list, each once."""
    forms = tuple(dict.fromkeys(forms or ()))
    if not forms:
        raise Refusal("Выберите хотя бы одну форму наставничества.")
    unknown = set(forms) - set(form_labels())
    if unknown:
        raise Refusal("Такой формы наставничества нет в перечне школы.")
    return forms


def _check_difficulties(difficulties) -> tuple[str, ...]:
    difficulties = tuple(dict.fromkeys(difficulties or ()))
    if set(difficulties) - set(Area.labels()):
        raise Refusal("Такого направления затруднений нет в перечне.")
    return difficulties


def why_form_kept(code: str) -> str | None:
    """A school's own form of mentoring (pairings) stays while a program names it."""
    if any(code in forms for forms in db.session.execute(select(Program.forms)).scalars()):
        return "Форма указана в программе наставничества — удалить нельзя."
    return None


def check_activity(title: str | None, due_on: date | None, responsible: str | None) -> None:
    """An activity of the plan says what, by when and who is responsible."""
    if not clean(title):
        raise Refusal("Укажите, что за мероприятие.")
    if due_on is None:
        raise Refusal(f"Укажите срок мероприятия «{clean(title)}».")
    if not clean(responsible):
        raise Refusal(f"Укажите ответственного за мероприятие «{clean(title)}».")


def _program_fields(
    title: str,
    goals: str,
    difficulties,
    difficulties_text: str,
    forms,
    expected_results: str,
    starts_on: date,
    ends_on: date,
) -> dict:
    """The program's own fields, checked and cleaned, as drawn up (1.2) or corrected."""
    if not clean(title):
        raise Refusal("Укажите название программы.")
    if not clean(goals):
        raise Refusal("Укажите цели программы.")
    forms = check_forms(forms)
    difficulties = _check_difficulties(difficulties)
    check_term(starts_on, ends_on)
    return {
        "title": clean(title),
        "goals": clean(goals),
        "difficulties": difficulties,
        "difficulties_text": clean(difficulties_text),
        "forms": forms,
        "expected_results": clean(expected_results),
        "starts_on": starts_on,
        "ends_on": ends_on,
    }


# --- Drawing up the program -----------------------------------------------------------------


def create_program(
    pairing: Pairing,
    title: str,
    goals: str,
    difficulties,
    difficulties_text: str,
    forms,
    expected_results: str,
    starts_on: date,
    ends_on: date,
    activities=(),
) -> Program:
    """A program for an approved pair or group; its start makes the pairing active.

    `activities`: dicts with "title", "due_on" (a date) and "responsible".
    """
    if pairing.status not in IN_FORCE:
        raise Refusal("Программу составляют для утверждённой приказом пары или группы.")
    running = db.session.execute(
        select(Program.id).where(
            Program.pairing_id == pairing.id, Program.status == ProgramStatus.ACTIVE
        )
    ).first()
    if running:
        raise Refusal("У этой пары (группы) уже есть действующая программа.")
    fields = _program_fields(
        title, goals, difficulties, difficulties_text, forms, expected_results, starts_on, ends_on
    )
    activities = list(activities)
    if not activities:
        raise Refusal("Добавьте в план хотя бы одно мероприятие.")
    for item in activities:
        check_activity(item.get("title"), item.get("due_on"), item.get("responsible"))
        check_deadline(starts_on, ends_on, item["due_on"])
    program = Program(pairing_id=pairing.id, status=ProgramStatus.ACTIVE, **fields)
    db.session.add(program)
    db.session.flush()
    for item in activities:
        new_activity(program, item["title"], item["due_on"], item["responsible"])
    if pairing.status == PairingStatus.APPROVED:  # the program's start sets the pairing to work
        start_pairing(pairing)
    db.session.flush()
    return program


def update_program(
    program: Program,
    part: Part,
    title: str,
    goals: str,
    difficulties,
    difficulties_text: str,
    forms,
    expected_results: str,
    starts_on: date,
    ends_on: date,
    today: date,
) -> None:
    """Before the start the curator corrects the program directly; afterwards only by 7.2."""
    if why := why_not_edit_program(program, part, today):
        raise Refusal(why)
    fields = _program_fields(
        title, goals, difficulties, difficulties_text, forms, expected_results, starts_on, ends_on
    )
    for activity in plan_of(program):
        if activity.status != ActivityStatus.CANCELLED and not (
            starts_on <= activity.due_on <= ends_on
        ):
            raise Refusal(
                f"Срок мероприятия «{activity.title}» ({format_date(activity.due_on)}) "
                "выходит за новый срок программы: сначала измените его."
            )
    for name, value in fields.items():
        setattr(program, name, value)
    db.session.flush()


def new_activity(program: Program, title: str, due_on: date, responsible: str) -> Activity:
    """A planned activity of the program, already checked; flushed by the caller."""
    activity = Activity(
        program_id=program.id,
        title=clean(title),
        due_on=due_on,
        responsible=clean(responsible),
        status=ActivityStatus.PLANNED,
    )
    db.session.add(activity)
    return activity


def add_activity(
    program: Program, part: Part, title: str, due_on: date | None, responsible: str, today: date
) -> Activity:
    """An activity added to the plan before the start; afterwards only by a change (7.2)."""
    if why := why_not_edit_plan(program, part, today):
        raise Refusal(why)
    check_activity(title, due_on, responsible)
    check_deadline(program.starts_on, program.ends_on, due_on)
    activity = new_activity(program, title, due_on, responsible)
    db.session.flush()
    return activity


# --- Carrying out the plan (5.2) ------------------------------------------------------------


def mark_done(
    activity: Activity, result: str, evidence: FileStorage | None, part: Part, today: date
) -> Activity:
    """The activity is done: its result in words and, if there is one, a file as evidence."""
    program = get_or_404(Program, activity.program_id)
    if why := why_not_mark(program, part, activity):
        raise Refusal(why)
    if not clean(result):
        raise Refusal("Опишите результат мероприятия.")
    if evidence is not None and evidence.filename:
        activity.evidence_file_id = save_upload(evidence, program.school_id).id
    activity.status = ActivityStatus.DONE
    activity.result = clean(result)
    activity.done_on = today
    activity.marked_at = utcnow()
    activity.marked_by_id = part.account.id
    db.session.flush()
    return activity
