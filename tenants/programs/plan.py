"""Drawing up a program and its plan (1.2), and carrying the plan out (5.2)."""

from datetime import date

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from nastavnik.dates import format_date
from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.refusals import Refusal
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.banks.models import MenteeEntry, MenteeStatus
from nastavnik.tenants.pairings.models import IN_FORCE, Pairing, PairingStatus
from nastavnik.tenants.pairings.services import form_labels, name_of, start_pairing, with_people
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


def difficulties_from_bank(pairing: Pairing) -> tuple[tuple[str, ...], str]:
    """What the mentees' bank entries say they need (their requests, by area, and their
    difficulties in their own words): a new program's difficulties, pre-filled."""
    staff_ids = [m.mentee_staff_id for m in pairing.members]
    statement = (
        select(MenteeEntry)
        .where(MenteeEntry.staff_id.in_(staff_ids), MenteeEntry.status != MenteeStatus.LEFT)
        .order_by(MenteeEntry.id)
    )
    # a mentee's latest entry: one who finished a program and came back has two
    entries = list({e.staff_id: e for e in db.session.execute(statement).scalars()}.values())
    areas = tuple(dict.fromkeys(code for e in entries for code in e.requests))
    names = {m.mentee_staff_id: name_of(m.mentee) for m in pairing.members}
    texts = [
        (f"{names[e.staff_id]}: " if len(pairing.members) > 1 else "") + e.difficulties.strip()
        for e in entries
        if e.difficulties.strip()
    ]
    return areas, "\n".join(texts)


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


def check_activity(
    title: str | None, due_on: date | None, responsible: str | None, at: str = ""
) -> None:
    """An activity of the plan says what, by when and who is responsible; `at`: the prefix of
    the form row's field names, for the refusal to be shown at the field that has it."""
    if not clean(title):
        raise Refusal("Укажите, что за мероприятие.", field=f"{at}title")
    if due_on is None:
        raise Refusal(f"Укажите срок мероприятия «{clean(title)}».", field=f"{at}due_on")
    if not clean(responsible):
        raise Refusal(
            f"Укажите ответственного за мероприятие «{clean(title)}».", field=f"{at}responsible"
        )


def check_row(item: dict, starts_on: date, ends_on: date, rows: str, number: int) -> None:
    """One filled row of a plan form: its refusal names the row's field (`rows`-N-due_on)."""
    at = f"{rows}-{item.get('row', number)}-"
    check_activity(item.get("title"), item.get("due_on"), item.get("responsible"), at)
    try:
        check_deadline(starts_on, ends_on, item["due_on"])
    except Refusal as refusal:
        refusal.field = f"{at}due_on"
        raise


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
    for number, item in enumerate(activities):
        check_row(item, starts_on, ends_on, "activities", number)
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


def why_not_done_on(program: Program, done_on: date | None, today: date) -> str | None:
    """5.2: an activity is done on a day within the program's term, never in the future."""
    if done_on is None:
        return "Укажите дату выполнения."
    if done_on > today:
        return "Дата выполнения не может быть позже сегодняшнего дня."
    if not program.starts_on <= done_on <= program.ends_on:
        return (
            "Дата выполнения должна быть в пределах срока программы: "
            f"с {format_date(program.starts_on)} по {format_date(program.ends_on)}"
        )
    return None


def mark_done(
    activity: Activity,
    result: str,
    evidence: FileStorage | None,
    part: Part,
    today: date,
    done_on: date | None = None,
) -> Activity:
    """The activity is done on `done_on` (today unless said): its result in words and, if
    there is one, a file as evidence."""
    program = get_or_404(Program, activity.program_id)
    if why := why_not_mark(program, part, activity):
        raise Refusal(why)
    done_on = today if done_on is None else done_on
    if why := why_not_done_on(program, done_on, today):
        raise Refusal(why, field="done_on")
    if not clean(result):
        raise Refusal("Опишите результат мероприятия.", field="result")
    if evidence is not None and evidence.filename:
        activity.evidence_file_id = save_upload(evidence, program.school_id).id
    activity.status = ActivityStatus.DONE
    activity.result = clean(result)
    activity.done_on = done_on
    activity.marked_at = utcnow()
    activity.marked_by_id = part.account.id
    db.session.flush()
    return activity
