"""7.2: by mutual consent of the mentor and the mentee(s) the program's term is extended or its
content (the plan, the form of mentoring) corrected; each change is recorded with who agreed.

Each kind of change is one small class: it takes its part of the proposal's values as the
payload stored with the change (JSON), parses that payload, checks it against the program as it
is now, applies it, and describes it in words for the history.
"""

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from nastavnik.dates import format_date
from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.refusals import Refusal
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.pairings.services import form_labels

from .access import Part, check_part, why_not_propose, why_read_only
from .models import (
    ActivityStatus,
    ChangeAgreement,
    ChangeKind,
    ChangeStatus,
    Program,
    ProgramChange,
)
from .plan import check_activity, check_forms, clean, new_activity, plan_of
from .term import check_deadline, check_term


def _iso(value) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _parse_date(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


class ChangeRules(ABC):
    """One kind of change: its payload, and what it checks, does and says."""

    kind: ChangeKind

    @abstractmethod
    def payload(self, values: Mapping) -> dict:
        """This kind's part of the proposal's values, as stored with the change (JSON)."""

    @abstractmethod
    def parse(self, payload: Mapping) -> Any:
        """The stored payload as values: dates as dates; what is missing as None or empty."""

    @abstractmethod
    def check(self, program: Program, value) -> None:
        """Refuses unless the change can be made to the program as it is now."""

    @abstractmethod
    def apply(self, program: Program, value) -> None:
        """Makes the change; checked just before, flushed by the caller."""

    @abstractmethod
    def describe(self, value, activities: dict[int, str]) -> list[str]:
        """The change in words, for the history; `activities`: the plan's titles by id."""


class ExtendTerm(ChangeRules):
    """The term extended to a later end, still within 1 year of the start (1.2)."""

    kind = ChangeKind.EXTEND

    def payload(self, values: Mapping) -> dict:
        return {"ends_on": _iso(values.get("ends_on"))}

    def parse(self, payload: Mapping) -> date | None:
        return _parse_date(payload.get("ends_on"))

    def check(self, program: Program, value: date | None) -> None:
        if value is None:
            raise Refusal("Укажите новую дату окончания программы.", field="ends_on")
        if value <= program.ends_on:
            now = format_date(program.ends_on)
            raise Refusal(
                f"Новая дата окончания должна быть позже нынешней ({now}).", field="ends_on"
            )
        try:
            check_term(program.starts_on, value)
        except Refusal as refusal:
            refusal.field = "ends_on"
            raise

    def apply(self, program: Program, value: date) -> None:
        program.ends_on = value

    def describe(self, value: date | None, activities: dict[int, str]) -> list[str]:
        return [f"Новая дата окончания: {format_date(value)}"]


@dataclass(frozen=True)
class NewActivity:
    title: str | None
    due_on: date | None
    responsible: str | None


@dataclass(frozen=True)
class PlanCorrection:
    add: tuple[NewActivity, ...]
    cancel: tuple[int, ...]  # ids of the plan's activities not yet done


class CorrectPlan(ChangeRules):
    """Activities added to the plan within the term, planned ones cancelled."""

    kind = ChangeKind.PLAN

    def payload(self, values: Mapping) -> dict:
        return {
            "add": [
                {
                    "title": row.get("title"),
                    "due_on": _iso(row.get("due_on")),
                    "responsible": row.get("responsible"),
                }
                for row in values.get("add") or []
            ],
            "cancel": list(values.get("cancel") or []),
        }

    def parse(self, payload: Mapping) -> PlanCorrection:
        added = tuple(
            NewActivity(item.get("title"), _parse_date(item.get("due_on")), item.get("responsible"))
            for item in payload.get("add") or []
        )
        return PlanCorrection(added, tuple(payload.get("cancel") or ()))

    def check(self, program: Program, value: PlanCorrection) -> None:
        if not value.add and not value.cancel:
            raise Refusal("Добавьте мероприятие в план или отметьте, какое отменить.")
        for number, item in enumerate(value.add):  # refusals name the row: add-N-due_on
            at = f"add-{number}-"
            check_activity(item.title, item.due_on, item.responsible, at)
            try:
                check_deadline(program.starts_on, program.ends_on, item.due_on)
            except Refusal as refusal:
                refusal.field = f"{at}due_on"
                raise
        planned = {a.id for a in plan_of(program) if a.status == ActivityStatus.PLANNED}
        if not set(value.cancel) <= planned:
            raise Refusal("Отменить можно только невыполненное мероприятие этой программы.")

    def apply(self, program: Program, value: PlanCorrection) -> None:
        for item in value.add:
            new_activity(program, item.title, item.due_on, item.responsible)
        for activity in plan_of(program):
            if activity.id in value.cancel:
                activity.status = ActivityStatus.CANCELLED

    def describe(self, value: PlanCorrection, activities: dict[int, str]) -> list[str]:
        lines = [
            f"Добавить: {a.title} — до {format_date(a.due_on)}, отв. {a.responsible}"
            for a in value.add
        ]
        return lines + [f"Отменить: {activities.get(i, '—')}" for i in value.cancel]


class ChangeMentoringForm(ChangeRules):
    """The program's forms of mentoring (2.3) replaced by others from the school's list."""

    kind = ChangeKind.FORM

    def payload(self, values: Mapping) -> dict:
        return {"forms": list(values.get("forms") or [])}

    def parse(self, payload: Mapping) -> tuple[str, ...]:
        return tuple(payload.get("forms") or ())

    def check(self, program: Program, value: tuple[str, ...]) -> None:
        try:
            check_forms(value)
        except Refusal as refusal:
            refusal.field = "forms"
            raise

    def apply(self, program: Program, value: tuple[str, ...]) -> None:
        program.forms = tuple(dict.fromkeys(value))

    def describe(self, value: tuple[str, ...], activities: dict[int, str]) -> list[str]:
        labels = form_labels()
        return ["Формы: " + "; ".join(labels.get(code, code) for code in value)]


KINDS: dict[ChangeKind, ChangeRules] = {
    rules.kind: rules for rules in (ExtendTerm(), CorrectPlan(), ChangeMentoringForm())
}


def rules_of(kind: str) -> ChangeRules:
    """The rules of a kind of change named by its code."""
    if ChangeKind.parse(kind) is None:
        raise Refusal("Выберите, что изменить в программе.")
    return KINDS[ChangeKind(kind)]


# --- Proposing and agreeing -----------------------------------------------------------------


def required_agreements(program: Program) -> list[int]:
    """7.2: the mentor and every mentee."""
    pairing = program.pairing
    return [pairing.mentor_staff_id, *(m.mentee_staff_id for m in pairing.members)]


def _agreed_staff(change: ProgramChange) -> set[int]:
    statement = select(ChangeAgreement.staff_id).where(ChangeAgreement.change_id == change.id)
    return set(db.session.execute(statement).scalars())


def pending_agreements(change: ProgramChange, program: Program) -> list[int]:
    agreed = _agreed_staff(change)
    return [i for i in required_agreements(program) if i not in agreed]


def changes_of(program: Program) -> list[ProgramChange]:
    """The history of the program's changes, newest first."""
    statement = (
        select(ProgramChange)
        .where(ProgramChange.program_id == program.id)
        .order_by(ProgramChange.proposed_at.desc(), ProgramChange.id.desc())
    )
    return list(db.session.execute(statement).scalars())


def propose_change(program: Program, kind: str, description: str, values: Mapping, part: Part):
    """A proposal to extend the term or correct the plan or the form (7.2).

    `values`: the proposal form's values (or only those of this kind); the kind keeps its own.
    A participant who proposes agrees by proposing; the change is made once the mentor and
    every mentee have agreed.
    """
    if why := why_not_propose(program, part):
        raise Refusal(why)
    if not clean(description):
        raise Refusal("Опишите, что и почему меняется.")
    rules = rules_of(kind)
    payload = rules.payload(values)
    rules.check(program, rules.parse(payload))
    change = ProgramChange(
        program_id=program.id,
        kind=rules.kind,
        description=clean(description),
        payload=payload,
        status=ChangeStatus.PROPOSED,
        proposed_by_id=part.account.id,
    )
    db.session.add(change)
    db.session.flush()
    if part.role is not None:
        agree(change, part)
    return change


def why_not_agree(program: Program, part: Part, change: ProgramChange) -> str | None:
    """7.2: each participant agrees once, to a change still waiting for agreement."""
    check_part(program, part)
    if why := why_read_only(program):
        return why
    if change.status != ChangeStatus.PROPOSED:
        return "Это изменение уже не ждёт согласия."
    if part.staff is None or part.staff.id not in required_agreements(program):
        return "Согласие на изменение дают наставник и наставляемые этой программы."
    if part.staff.id in _agreed_staff(change):
        return "Вы уже дали согласие на это изменение."
    return None


def agree(change: ProgramChange, part: Part) -> ProgramChange:
    """One participant's agreement; the last one needed makes the change."""
    program = get_or_404(Program, change.program_id)
    if why := why_not_agree(program, part, change):
        raise Refusal(why)
    completes = set(required_agreements(program)) <= _agreed_staff(change) | {part.staff.id}
    rules = KINDS[change.kind]
    value = rules.parse(change.payload)
    if completes:
        # Checked before anything is recorded: the program may have changed since the proposal.
        rules.check(program, value)
    agreement = ChangeAgreement(
        change_id=change.id, staff_id=part.staff.id, account_id=part.account.id
    )
    db.session.add(agreement)
    db.session.flush()
    if completes:
        rules.apply(program, value)
        change.status = ChangeStatus.APPLIED
        change.applied_at = utcnow()
        db.session.flush()
    return change


def why_not_decline(program: Program, part: Part, change: ProgramChange) -> str | None:
    """7.2: a participant whose agreement is awaited may decline instead of agreeing."""
    check_part(program, part)
    if why := why_read_only(program):
        return why
    if change.status != ChangeStatus.PROPOSED:
        return "Это изменение уже не ждёт согласия."
    if part.staff is None or part.staff.id not in required_agreements(program):
        return "Отклонить изменение могут наставник и наставляемые этой программы."
    if part.staff.id in _agreed_staff(change):
        return "Вы уже согласились с этим изменением: отклонить его нельзя."
    return None


def decline(change: ProgramChange, part: Part, reason: str) -> ProgramChange:
    """7.2: without everyone's consent there is no change: one participant's «нет», with the
    reason, closes the proposal; the program stays as it is and the history keeps both."""
    program = get_or_404(Program, change.program_id)
    if why := why_not_decline(program, part, change):
        raise Refusal(why)
    if not clean(reason):
        raise Refusal("Укажите, почему вы не согласны с изменением.", field="reason")
    change.status = ChangeStatus.DECLINED
    change.declined_at = utcnow()
    change.declined_by_id = part.account.id
    change.decline_reason = clean(reason)
    db.session.flush()
    return change


def describe(change: ProgramChange, activities: dict[int, str]) -> list[str]:
    """The change in words, for its history; `activities`: the plan's titles by id."""
    rules = KINDS[change.kind]
    return rules.describe(rules.parse(change.payload or {}), activities)
