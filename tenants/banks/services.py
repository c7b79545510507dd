"""The banks of mentees (roadmap stage 2) and of mentors (stage 3): who enters, who leaves.

Nobody enters either bank without a valid consent to the processing of personal data (152-ФЗ,
roadmap stages 2 and 3); the mentor's consent to the duties (3.2) is needed to be assigned, not
to be in the bank, so the bank shows its state.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import func, select

from nastavnik.extensions import db
from nastavnik.hooks import Hook
from nastavnik.permissions import Role
from nastavnik.refusals import Refusal
from nastavnik.tenants.consents.models import ConsentKind
from nastavnik.tenants.consents.services import valid_kinds
from nastavnik.tenants.staff.models import Staff
from nastavnik.tenants.vocabulary import Area, MenteeCategory

from .models import (
    MENTEE_IN_BANK,
    MenteeEntry,
    MenteeStatus,
    MentorEntry,
    MentorStatus,
    MentorTraining,
    TrainingKind,
)
from .signals import mentor_entered_bank

NO_CONSENT = "Нет действующего согласия на обработку персональных данных"
MAX_CAPACITY = 5


# What the pairs and groups hold (section 6, later in the year: the pairings feature answers)


@dataclass(frozen=True)
class FromPairings:
    pairings_of_mentees: Callable[[list[int]], dict[int, Any]]  # the pair or group holding each
    places_taken: Callable[[list[int]], dict[int, int]]  # mentees each mentor holds in them
    form_labels: Callable[[], dict[str, str]]  # the forms of mentoring (2.3 and the school's own)


PAIRINGS = Hook("banks.pairings")

# The survey of potential mentors (stage 3) is a questionnaire, kept by a later feature: it
# answers with a callable staff_id -> [(question, answer)] of the person's survey.
SURVEY = Hook("banks.mentor_survey")


def survey_of(staff_id: int) -> list[tuple[str, str]] | None:
    """The mentor's answers to the survey of potential mentors; None when nobody keeps it."""
    for answer in SURVEY.answers():
        return answer(staff_id)
    return None


def open_pairings_of_mentees(staff_ids) -> dict[int, Any]:
    """For each mentee held by a pair or group from its proposal to its end, that pairing."""
    ids = list(staff_ids)
    held: dict[int, Any] = {}
    for answer in PAIRINGS.answers():
        held.update(answer.pairings_of_mentees(ids))
    return held


def places_taken(mentor_staff_ids) -> dict[int, int]:
    """How many mentees each mentor holds in pairs and groups from proposal to their end."""
    ids = list(mentor_staff_ids)
    taken = dict.fromkeys(ids, 0)
    for answer in PAIRINGS.answers():
        for staff_id, count in answer.places_taken(ids).items():
            taken[staff_id] += count
    return taken


def form_labels() -> dict[str, str]:
    """The forms of mentoring a mentor may prefer, code → label."""
    labels: dict[str, str] = {}
    for answer in PAIRINGS.answers():
        labels.update(answer.form_labels())
    return labels


# Who may enter


def mentee_candidates(on: date) -> list[Staff]:
    """Staff with a valid data consent who are not in the mentee bank now."""
    inside = select(MenteeEntry.staff_id).where(MenteeEntry.status.in_(MENTEE_IN_BANK))
    return _consenting_staff(on, exclude=inside)


def mentor_candidates(on: date) -> list[Staff]:
    """Staff with a valid data consent who are not in the mentor bank now."""
    inside = select(MentorEntry.staff_id).where(MentorEntry.status == MentorStatus.ACTIVE)
    return _consenting_staff(on, exclude=inside)


def _consenting_staff(on: date, exclude) -> list[Staff]:
    staff = (
        db.session.execute(
            select(Staff)
            .where(Staff.data_hidden.is_(False), Staff.id.not_in(exclude))
            .order_by(Staff.last_name, Staff.first_name, Staff.middle_name, Staff.id)
        )
        .scalars()
        .all()
    )
    kinds = valid_kinds([s.id for s in staff], on)
    return [s for s in staff if ConsentKind.PERSONAL_DATA in kinds[s.id]]


def _staff_who_may_enter(staff_id: int | None, on: date) -> Staff:
    staff = None
    if staff_id is not None:
        staff = db.session.execute(select(Staff).where(Staff.id == staff_id)).scalar_one_or_none()
    if staff is None:
        raise Refusal("Выберите педагога из списка.")
    if staff.data_hidden or ConsentKind.PERSONAL_DATA not in valid_kinds([staff.id], on)[staff.id]:
        raise Refusal(NO_CONSENT)
    return staff


# The mentee bank (stage 2)


def add_mentee(staff_id: int, category: str, requests, difficulties: str, on: date) -> MenteeEntry:
    staff = _staff_who_may_enter(staff_id, on)
    already = db.session.execute(
        select(MenteeEntry.id).where(
            MenteeEntry.staff_id == staff.id, MenteeEntry.status.in_(MENTEE_IN_BANK)
        )
    ).first()
    if already:
        raise Refusal("Этот педагог уже есть в банке наставляемых.")
    entry = MenteeEntry(staff_id=staff.id, status=MenteeStatus.WAITING, added_on=on)
    _fill_mentee(entry, category, requests, difficulties)
    db.session.add(entry)
    db.session.flush()
    return entry


def update_mentee(entry: MenteeEntry, category: str, requests, difficulties: str) -> None:
    if entry.status == MenteeStatus.LEFT:
        raise Refusal("Педагог выбыл из банка: его запись не изменяется.")
    _fill_mentee(entry, category, requests, difficulties)
    db.session.flush()


def _fill_mentee(entry: MenteeEntry, category: str, requests, difficulties: str) -> None:
    if MenteeCategory.parse(category) is None:
        raise Refusal("Выберите категорию наставляемого.")
    entry.category = category
    entry.requests = _areas(requests)
    entry.difficulties = (difficulties or "").strip()


def remove_mentee(entry: MenteeEntry, on: date) -> None:
    if entry.status == MenteeStatus.LEFT:
        raise Refusal("Педагог уже выбыл из банка.")
    if open_pairings_of_mentees([entry.staff_id]):
        raise Refusal("Наставляемый состоит в наставнической паре (группе): сначала завершите её.")
    entry.status = MenteeStatus.LEFT
    entry.left_on = on
    db.session.flush()


# The mentor bank (stage 3)


def add_mentor(
    staff_id: int,
    competences,
    capacity: int,
    preferred_forms,
    digital_strong: bool,
    on: date,
) -> MentorEntry:
    staff = _staff_who_may_enter(staff_id, on)
    already = db.session.execute(
        select(MentorEntry.id).where(
            MentorEntry.staff_id == staff.id, MentorEntry.status == MentorStatus.ACTIVE
        )
    ).first()
    if already:
        raise Refusal("Этот педагог уже есть в банке наставников.")
    entry = MentorEntry(staff_id=staff.id, status=MentorStatus.ACTIVE, added_on=on)
    _fill_mentor(
        entry,
        competences,
        capacity,
        preferred_forms,
        digital_strong,
    )
    db.session.add(entry)
    db.session.flush()
    if has_app_context():  # stage 3: the survey of potential mentors
        mentor_entered_bank.send(current_app._get_current_object(), entry=entry, on=on)
    return entry


def update_mentor(
    entry: MentorEntry,
    competences,
    capacity: int,
    preferred_forms,
    digital_strong: bool,
) -> None:
    if entry.status == MentorStatus.LEFT:
        raise Refusal("Педагог выбыл из банка: его запись не изменяется.")
    taken = places_taken([entry.staff_id])[entry.staff_id]
    if capacity is not None and capacity < taken:
        raise Refusal(f"У наставника уже {taken} наставляемых: число мест не может быть меньше.")
    _fill_mentor(
        entry,
        competences,
        capacity,
        preferred_forms,
        digital_strong,
    )
    db.session.flush()


def _fill_mentor(
    entry: MentorEntry,
    competences,
    capacity,
    preferred_forms,
    digital_strong,
) -> None:
    if capacity is None or not 1 <= capacity <= MAX_CAPACITY:
        raise Refusal(f"Число наставляемых одновременно — от 1 до {MAX_CAPACITY}.")
    known_forms = form_labels()
    forms = tuple(dict.fromkeys(preferred_forms or ()))
    if any(code not in known_forms for code in forms):
        raise Refusal("Выберите формы наставничества из списка.")
    entry.competences = _areas(competences)
    entry.capacity = capacity
    entry.preferred_forms = forms
    entry.digital_strong = bool(digital_strong)


def remove_mentor(entry: MentorEntry, on: date) -> None:
    if entry.status == MentorStatus.LEFT:
        raise Refusal("Педагог уже выбыл из банка.")
    if places_taken([entry.staff_id])[entry.staff_id]:
        raise Refusal("Наставник ведёт пары (группы): сначала завершите их.")
    entry.status = MentorStatus.LEFT
    entry.left_on = on
    db.session.flush()


def trainings_count(mentor_ids) -> dict[int, int]:
    ids = list(mentor_ids)
    counts = dict.fromkeys(ids, 0)
    if ids:
        rows = db.session.execute(
            select(MentorTraining.mentor_id, func.count(MentorTraining.id))
            .where(MentorTraining.mentor_id.in_(ids))
            .group_by(MentorTraining.mentor_id)
        ).all()
        counts.update(dict(rows))
    return counts


def add_training(
    mentor_entry: MentorEntry, kind: str, title: str, held_on: date, hours: int | None
) -> MentorTraining:
    """An induction session, internship or course the mentor took (roadmap stage 4)."""
    if TrainingKind.parse(kind) is None:
        raise Refusal("Выберите вид обучения из списка.")
    title = (title or "").strip()
    if not title:
        raise Refusal("Укажите название.")
    if held_on is None:
        raise Refusal("Укажите дату.")
    if hours is not None and hours <= 0:
        raise Refusal("Число часов должно быть положительным.")
    training = MentorTraining(
        mentor_id=mentor_entry.id, kind=kind, title=title, held_on=held_on, hours=hours
    )
    db.session.add(training)
    db.session.flush()
    return training


def delete_training(training: MentorTraining) -> None:
    db.session.delete(training)
    db.session.flush()


def _areas(codes) -> tuple[str, ...]:
    chosen = set(codes or ())
    if chosen - set(Area):
        raise Refusal("Выберите направления из списка.")
    return tuple(area for area in Area if area in chosen)


# The entries of a person, and a person's leaving


def entries_of(staff_ids) -> dict[int, dict[str, list]]:
    """For each staff member, their mentee-bank and mentor-bank entries, oldest first."""
    ids = list(staff_ids)
    found: dict[int, dict[str, list]] = {i: {"mentee": [], "mentor": []} for i in ids}
    if not ids:
        return found
    for key, model in (("mentee", MenteeEntry), ("mentor", MentorEntry)):
        entries = db.session.execute(
            select(model).where(model.staff_id.in_(ids)).order_by(model.added_on, model.id)
        ).scalars()
        for entry in entries:
            found[entry.staff_id][key].append(entry)
    return found


def roles_of(staff_ids) -> dict[int, set[Role]]:
    """The account roles the banks give (nastavnik.tenants.staff.parts.ROLES): a mentor of the
    mentor bank, a mentee of the mentee bank (who left a bank is not counted)."""
    roles: dict[int, set[Role]] = {}
    for staff_id, entries in entries_of(staff_ids).items():
        roles[staff_id] = set()
        if any(e.status != MentorStatus.LEFT for e in entries["mentor"]):
            roles[staff_id].add(Role.MENTOR)
        if any(e.status != MenteeStatus.LEFT for e in entries["mentee"]):
            roles[staff_id].add(Role.MENTEE)
    return roles


def leave_banks(app, *, staff: Staff, on: date) -> None:
    """The person's data consent is withdrawn (152-ФЗ): they leave both banks on that day.

    Connected to nastavnik.tenants.consents.signals.data_consent_withdrawn by the blueprint.
    """
    for model, left in ((MenteeEntry, MenteeStatus.LEFT), (MentorEntry, MentorStatus.LEFT)):
        entries = db.session.execute(
            select(model).where(model.staff_id == staff.id, model.status != left)
        ).scalars()
        for entry in entries:
            entry.status = left
            entry.left_on = on
