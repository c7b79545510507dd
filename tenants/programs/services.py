"""Personalised programs: their term (1.2), plan, changes by mutual consent (7.2) and end (7.1).

Who takes part: the staff member whose `account_id` is the person's account — the mentor of
the program's pairing or one of its mentees. Managers (and the working group) see every
program; a participant only their own; anyone else is told the program does not exist.
"""

import calendar
from datetime import date, timedelta

from flask import abort
from sqlalchemy import func, or_, select
from werkzeug.datastructures import FileStorage

from nastavnik.dates import format_date
from nastavnik.extensions import db
from nastavnik.models import Account, utcnow
from nastavnik.permissions import can
from nastavnik.refusals import Refusal
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.matching.algorithm import AREA_LABELS
from nastavnik.tenants.pairings.models import Pairing, PairingMember
from nastavnik.tenants.pairings.services import describe, end_pairing, form_labels, start_pairing
from nastavnik.tenants.staff.models import Staff
from nastavnik.uploads import save_upload

from .models import END_REASONS, Activity, ChangeAgreement, Program, ProgramChange

MIN_MONTHS = 3  # 1.2: from 3 months...
MAX_MONTHS = 12  # ...to 1 year

PLAN_OPEN_STATUSES = ("approved", "active")  # a pairing a program may be drawn up for

# 7.1: the reasons a participant may give; a curator (manager) may give any.
MENTOR_REASONS = ("completed", "mentor_initiative", "mutual")
MENTEE_REASONS = ("completed", "mentee_initiative", "mutual")


# --- The term (1.2) ------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later; a day the month lacks rolls to the next."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    last = calendar.monthrange(year, month)[1]
    if day.day <= last:
        return date(year, month, day.day)
    return date(year, month, last) + timedelta(days=1)


def term_end(starts_on: date, months: int) -> date:
    """The last day of a term of `months` whole months: 1 Sep + 3 months → 30 Nov."""
    return add_months(starts_on, months) - timedelta(days=1)


def check_term(starts_on: date, ends_on: date) -> None:
    """1.2: a program lasts from 3 months to 1 year, both days counted."""
    if ends_on < starts_on:
        raise Refusal("Дата окончания программы раньше даты начала.")
    shortest = term_end(starts_on, MIN_MONTHS)
    if ends_on < shortest:
        raise Refusal(
            "Программа длится не меньше 3 месяцев (п. 1.2 Положения): при начале "
            f"{format_date(starts_on)} она может закончиться не раньше {format_date(shortest)}"
        )
    longest = term_end(starts_on, MAX_MONTHS)
    if ends_on > longest:
        raise Refusal(
            "Программа длится не больше 1 года (п. 1.2 Положения): при начале "
            f"{format_date(starts_on)} она должна закончиться не позже {format_date(longest)}"
        )


def check_deadline(starts_on: date, ends_on: date, due_on: date) -> None:
    if not starts_on <= due_on <= ends_on:
        raise Refusal(
            f"Срок мероприятия должен быть в пределах срока программы: "
            f"с {format_date(starts_on)} по {format_date(ends_on)}"
        )


# --- Who may do what -----------------------------------------------------------------------


def sees_every_program(account) -> bool:
    """Managers and the working group; mentors and mentees see only their own."""
    return can(account, "programs.view_all")


def manages(account) -> bool:
    return can(account, "programs.manage")


def own_staff_ids(account) -> list[int]:
    return list(
        db.session.execute(select(Staff.id).where(Staff.account_id == account.id)).scalars()
    )


def participant_staff(program: Program, account) -> Staff | None:
    """The account's staff record when it is the program's mentor or one of its mentees."""
    ids = set(own_staff_ids(account))
    pairing = program.pairing
    if pairing.mentor_staff_id in ids:
        return pairing.mentor
    for member in pairing.members:
        if member.mentee_staff_id in ids:
            return member.mentee
    return None


def participant_role(program: Program, account) -> str | None:
    """ "mentor", "mentee" or None: the part the account's person takes in the program."""
    staff = participant_staff(program, account)
    if staff is None:
        return None
    return "mentor" if staff.id == program.pairing.mentor_staff_id else "mentee"


def program_for(account, program_id: int) -> Program:
    """The program if this account may see it; for anyone else it does not exist (404)."""
    program = get_or_404(Program, program_id)
    if sees_every_program(account) or participant_role(program, account):
        return program
    abort(404)


def may_edit_plan(program: Program, account) -> bool:
    """Before the start the plan is drawn up by the curator and the mentor directly."""
    return manages(account) or participant_role(program, account) == "mentor"


def may_mark(program: Program, account) -> bool:
    return manages(account) or participant_role(program, account) is not None


def end_reasons_for(program: Program, account) -> list[str]:
    """7.1: the participants end a program on their own grounds; the curator on any."""
    if manages(account):
        return list(END_REASONS)
    role = participant_role(program, account)
    allowed = {"mentor": MENTOR_REASONS, "mentee": MENTEE_REASONS}.get(role, ())
    return [r for r in END_REASONS if r in allowed]


def all_programs(status: str | None = None) -> list[Program]:
    statement = select(Program).order_by(Program.status, Program.starts_on.desc(), Program.id)
    if status:
        statement = statement.where(Program.status == status)
    return list(db.session.execute(statement).scalars())


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
    )
    return list(db.session.execute(statement).scalars())


def overdue_counts(today: date) -> dict[int, int]:
    """Per program, how many activities are past their deadline and not done."""
    statement = (
        select(Activity.program_id, func.count())
        .where(Activity.status == "planned", Activity.due_on < today)
        .group_by(Activity.program_id)
    )
    return dict(db.session.execute(statement).all())


def pairings_awaiting_program() -> list[Pairing]:
    """Approved or active pairings that have no program in progress."""
    running = select(Program.pairing_id).where(Program.status == "active")
    statement = (
        select(Pairing)
        .where(Pairing.status.in_(PLAN_OPEN_STATUSES), Pairing.id.not_in(running))
        .order_by(Pairing.id)
    )
    return list(db.session.execute(statement).scalars())


def pairing_title(pairing: Pairing) -> str:
    return describe(pairing)


def area_labels() -> dict[str, str]:
    return dict(AREA_LABELS)


def account_names(ids) -> dict[int, str]:
    ids = {i for i in ids if i}
    if not ids:
        return {}
    rows = db.session.execute(select(Account.id, Account.full_name).where(Account.id.in_(ids)))
    return dict(rows.all())


def plan_of(program: Program) -> list[Activity]:
    """The program's activities as they are in the database now, by deadline."""
    statement = (
        select(Activity)
        .where(Activity.program_id == program.id)
        .order_by(Activity.due_on, Activity.id)
    )
    return list(db.session.execute(statement).scalars())


def staff_names(ids) -> dict[int, str]:
    ids = set(ids)
    if not ids:
        return {}
    staff = db.session.execute(select(Staff).where(Staff.id.in_(ids))).scalars()
    return {s.id: s.display_name for s in staff}


# --- Drawing up the program ----------------------------------------------------------------


def _text(value: str | None) -> str:
    return (value or "").strip()


def _check_forms(forms) -> tuple[str, ...]:
    forms = tuple(dict.fromkeys(forms or ()))
    if not forms:
        raise Refusal("Выберите хотя бы одну форму наставничества.")
    unknown = set(forms) - set(form_labels())
    if unknown:
        raise Refusal("Такой формы наставничества нет в перечне школы.")
    return forms


def _check_difficulties(difficulties) -> tuple[str, ...]:
    difficulties = tuple(dict.fromkeys(difficulties or ()))
    if set(difficulties) - set(AREA_LABELS):
        raise Refusal("Такого направления затруднений нет в перечне.")
    return difficulties


def _check_activity(title: str, due_on: date | None, responsible: str) -> None:
    if not _text(title):
        raise Refusal("Укажите, что за мероприятие.")
    if due_on is None:
        raise Refusal(f"Укажите срок мероприятия «{_text(title)}».")
    if not _text(responsible):
        raise Refusal(f"Укажите ответственного за мероприятие «{_text(title)}».")


def _check_running(program: Program) -> None:
    if program.status != "active":
        raise Refusal("Программа завершена: изменить её уже нельзя.")


def _check_not_started(program: Program, today: date) -> None:
    if program.starts_on <= today:
        raise Refusal(
            "Программа уже началась: изменить её срок, план или форму можно только "
            "по согласию наставника и наставляемого (п. 7.2)."
        )


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
    if not _text(title):
        raise Refusal("Укажите название программы.")
    if not _text(goals):
        raise Refusal("Укажите цели программы.")
    forms = _check_forms(forms)
    difficulties = _check_difficulties(difficulties)
    check_term(starts_on, ends_on)
    return {
        "title": _text(title),
        "goals": _text(goals),
        "difficulties": difficulties,
        "difficulties_text": _text(difficulties_text),
        "forms": forms,
        "expected_results": _text(expected_results),
        "starts_on": starts_on,
        "ends_on": ends_on,
    }


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
    if pairing.status not in PLAN_OPEN_STATUSES:
        raise Refusal("Программу составляют для утверждённой приказом пары или группы.")
    running = db.session.execute(
        select(Program.id).where(Program.pairing_id == pairing.id, Program.status == "active")
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
        _check_activity(item.get("title"), item.get("due_on"), item.get("responsible"))
        check_deadline(starts_on, ends_on, item["due_on"])
    program = Program(pairing_id=pairing.id, status="active", **fields)
    db.session.add(program)
    db.session.flush()
    for item in activities:
        _new_activity(program, item["title"], item["due_on"], item["responsible"])
    _start_pairing(pairing)
    db.session.flush()
    return program


def update_program(
    program: Program,
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
    _check_running(program)
    _check_not_started(program, today)
    fields = _program_fields(
        title, goals, difficulties, difficulties_text, forms, expected_results, starts_on, ends_on
    )
    for activity in plan_of(program):
        if activity.status != "cancelled" and not starts_on <= activity.due_on <= ends_on:
            raise Refusal(
                f"Срок мероприятия «{activity.title}» ({format_date(activity.due_on)}) "
                "выходит за новый срок программы: сначала измените его."
            )
    for name, value in fields.items():
        setattr(program, name, value)
    db.session.flush()


def _new_activity(program: Program, title: str, due_on: date, responsible: str) -> Activity:
    activity = Activity(
        program_id=program.id,
        title=_text(title),
        due_on=due_on,
        responsible=_text(responsible),
        status="planned",
    )
    db.session.add(activity)
    return activity


def add_activity(
    program: Program, title: str, due_on: date | None, responsible: str, today: date
) -> Activity:
    """An activity added to the plan before the start; afterwards only by a change (7.2)."""
    _check_running(program)
    _check_not_started(program, today)
    _check_activity(title, due_on, responsible)
    check_deadline(program.starts_on, program.ends_on, due_on)
    activity = _new_activity(program, title, due_on, responsible)
    db.session.flush()
    return activity


# --- Carrying out the plan (5.2) -----------------------------------------------------------


def mark_done(
    activity: Activity, result: str, evidence: FileStorage | None, by, today: date
) -> Activity:
    """The activity is done: its result in words and, if there is one, a file as evidence."""
    program = get_or_404(Program, activity.program_id)
    _check_running(program)
    if not may_mark(program, by):
        raise Refusal("Отмечать мероприятия могут участники программы и куратор.")
    if activity.status != "planned":
        raise Refusal("Это мероприятие уже отмечено выполненным или отменено.")
    if not _text(result):
        raise Refusal("Опишите результат мероприятия.")
    if evidence is not None and evidence.filename:
        activity.evidence_file_id = save_upload(evidence, program.school_id).id
    activity.status = "done"
    activity.result = _text(result)
    activity.done_on = today
    activity.marked_at = utcnow()
    activity.marked_by_id = by.id
    db.session.flush()
    return activity


# --- Changes by mutual consent (7.2) -------------------------------------------------------


def _parse_date(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _check_payload(program: Program, kind: str, payload: dict) -> None:
    """Whether the change can be made to the program as it is now."""
    if kind == "extend":
        new_end = _parse_date(payload.get("ends_on"))
        if new_end is None:
            raise Refusal("Укажите новую дату окончания программы.")
        if new_end <= program.ends_on:
            raise Refusal(
                f"Новая дата окончания должна быть позже нынешней ({format_date(program.ends_on)})."
            )
        check_term(program.starts_on, new_end)
    elif kind == "plan":
        added, cancelled = payload.get("add") or [], payload.get("cancel") or []
        if not added and not cancelled:
            raise Refusal("Добавьте мероприятие в план или отметьте, какое отменить.")
        for item in added:
            due_on = _parse_date(item.get("due_on"))
            _check_activity(item.get("title"), due_on, item.get("responsible"))
            check_deadline(program.starts_on, program.ends_on, due_on)
        planned = {a.id for a in plan_of(program) if a.status == "planned"}
        if not set(cancelled) <= planned:
            raise Refusal("Отменить можно только невыполненное мероприятие этой программы.")
    elif kind == "form":
        _check_forms(payload.get("forms"))
    else:
        raise Refusal("Выберите, что изменить в программе.")


def propose_change(program: Program, kind: str, description: str, payload: dict, by):
    """A proposal to extend the term or correct the plan or the form (7.2).

    A participant who proposes agrees by proposing; the change is made once the mentor and
    every mentee have agreed.
    """
    _check_running(program)
    role = participant_role(program, by)
    if role is None and not manages(by):
        raise Refusal("Предложить изменение могут участники программы и куратор.")
    if not _text(description):
        raise Refusal("Опишите, что и почему меняется.")
    _check_payload(program, kind, payload)
    change = ProgramChange(
        program_id=program.id,
        kind=kind,
        description=_text(description),
        payload=payload,
        status="proposed",
        proposed_by_id=by.id,
    )
    db.session.add(change)
    db.session.flush()
    if role is not None:
        agree(change, participant_staff(program, by), by)
    return change


def required_agreements(program: Program) -> list[int]:
    """7.2: the mentor and every mentee."""
    pairing = program.pairing
    return [pairing.mentor_staff_id, *(m.mentee_staff_id for m in pairing.members)]


def agree(change: ProgramChange, staff: Staff, by) -> ProgramChange:
    """One participant's agreement; the last one needed makes the change."""
    program = get_or_404(Program, change.program_id)
    _check_running(program)
    if change.status != "proposed":
        raise Refusal("Это изменение уже не ждёт согласия.")
    if staff is None or staff.id not in required_agreements(program):
        raise Refusal("Согласие на изменение дают наставник и наставляемые этой программы.")
    agreed = _agreed_staff(change)
    if staff.id in agreed:
        raise Refusal("Вы уже дали согласие на это изменение.")
    completes = set(required_agreements(program)) <= agreed | {staff.id}
    if completes:
        # Checked before anything is recorded: the program may have changed since the proposal.
        _check_payload(program, change.kind, change.payload)
    db.session.add(ChangeAgreement(change_id=change.id, staff_id=staff.id, account_id=by.id))
    db.session.flush()
    if completes:
        _apply(program, change)
    return change


def _agreed_staff(change: ProgramChange) -> set[int]:
    statement = select(ChangeAgreement.staff_id).where(ChangeAgreement.change_id == change.id)
    return set(db.session.execute(statement).scalars())


def changes_of(program: Program) -> list[ProgramChange]:
    """The history of the program's changes, newest first."""
    statement = (
        select(ProgramChange)
        .where(ProgramChange.program_id == program.id)
        .order_by(ProgramChange.proposed_at.desc(), ProgramChange.id.desc())
    )
    return list(db.session.execute(statement).scalars())


def pending_agreements(change: ProgramChange, program: Program) -> list[int]:
    agreed = _agreed_staff(change)
    return [i for i in required_agreements(program) if i not in agreed]


def _apply(program: Program, change: ProgramChange) -> None:
    _check_payload(program, change.kind, change.payload)
    payload = change.payload
    if change.kind == "extend":
        program.ends_on = _parse_date(payload["ends_on"])
    elif change.kind == "plan":
        for item in payload.get("add") or []:
            _new_activity(program, item["title"], _parse_date(item["due_on"]), item["responsible"])
        for activity in plan_of(program):
            if activity.id in (payload.get("cancel") or []):
                activity.status = "cancelled"
    elif change.kind == "form":
        program.forms = tuple(dict.fromkeys(payload["forms"]))
    change.status = "applied"
    change.applied_at = utcnow()
    db.session.flush()


def change_details(change: ProgramChange, activities: dict[int, str]) -> list[str]:
    """The change in words, for its history."""
    payload = change.payload or {}
    if change.kind == "extend":
        return [f"Новая дата окончания: {format_date(_parse_date(payload.get('ends_on')))}"]
    if change.kind == "form":
        labels = form_labels()
        return ["Формы: " + "; ".join(labels.get(c, c) for c in payload.get("forms") or [])]
    lines = [
        f"Добавить: {a.get('title')} — до {format_date(_parse_date(a.get('due_on')))}, "
        f"отв. {a.get('responsible')}"
        for a in payload.get("add") or []
    ]
    lines += [f"Отменить: {activities.get(i, '—')}" for i in payload.get("cancel") or []]
    return lines


# --- The end (7.1) and the results (8.2) ---------------------------------------------------


def end_program(program: Program, reason: str, comment: str, by, today: date) -> Program:
    """7.1: the program ends, recorded with who and why; the pairing ends with it."""
    _check_running(program)
    if reason not in END_REASONS:
        raise Refusal("Выберите основание завершения программы.")
    if reason not in end_reasons_for(program, by):
        raise Refusal(
            "Это основание завершения программы может выбрать только куратор "
            "или другой участник программы (п. 7.1)."
        )
    if reason == "completed" and any(a.status == "planned" for a in plan_of(program)):
        raise Refusal(
            "План выполнен не полностью: отметьте выполненными или отмените (через изменение "
            "плана) оставшиеся мероприятия."
        )
    if reason != "completed" and not _text(comment):
        raise Refusal("Укажите причину завершения программы.")
    program.status = "ended"
    program.ended_on = today
    program.ended_by_id = by.id
    program.end_reason = reason
    program.end_comment = _text(comment)
    pending = select(ProgramChange).where(
        ProgramChange.program_id == program.id, ProgramChange.status == "proposed"
    )
    for change in db.session.execute(pending).scalars():
        change.status = "withdrawn"
    why = END_REASONS[reason] + (f": {_text(comment)}" if _text(comment) else "")
    _end_pairing(get_or_404(Pairing, program.pairing_id), today, why)
    db.session.flush()
    return program


def publish_results(program: Program, results: str) -> Program:
    """8.2: the results of a program are published only after it has ended."""
    if program.status != "ended":
        raise Refusal("Результаты программы публикуются только после её завершения (п. 8.2).")
    if not _text(results):
        raise Refusal("Опишите результаты программы.")
    program.results = _text(results)
    program.results_published = True
    db.session.flush()
    return program


# --- The pairing's own steps --------------------------------------------------------------


def _start_pairing(pairing: Pairing) -> None:
    """The program's start sets the approved pairing to work."""
    if pairing.status == "approved":
        start_pairing(pairing)


def _end_pairing(pairing: Pairing, on: date, reason: str) -> None:
    """The program's end ends its pairing; its mentees have finished (7.1)."""
    if pairing.status in ("approved", "active"):
        end_pairing(pairing, on, reason)
