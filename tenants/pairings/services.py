"""Pairs and groups: their creation and the steps of their status (section 6).

proposed → approved (by the director's order, 6.2) → active (its program runs) → ended.
A proposed pairing may be cancelled; it is then ended with the reason CANCELLED, so that
the history of who was proposed with whom is kept.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from nastavnik.dates import today
from nastavnik.extensions import db
from nastavnik.hooks import Hook
from nastavnik.refusals import Refusal
from nastavnik.tenants.banks.models import MenteeEntry, MenteeStatus, MentorEntry, MentorStatus
from nastavnik.tenants.banks.services import FromPairings
from nastavnik.tenants.consents.models import MENTOR_CONSENTS, ConsentKind
from nastavnik.tenants.consents.services import can_mentor, valid_kinds
from nastavnik.tenants.vocabulary import MentoringForm
from nastavnik.types import parse_id

from .models import (
    IN_FORCE,
    NOT_ENDED,
    CustomForm,
    Pairing,
    PairingMember,
    PairingStatus,
    person_name,
)

CANCELLED = "отменена до утверждения"
CUSTOM_PREFIX = "custom:"
# 2.3: these forms fix the number of mentees («один-на-один»; a group is «от двух и более»).
ONE_TO_ONE = frozenset({MentoringForm.TRADITIONAL})
GROUP_ONLY = frozenset({MentoringForm.GROUP})

# Later features answer these from their blueprints (nastavnik.hooks):
# the orders that take a pairing in, `() -> {pairing id: the draft or signed order}` ...
ORDERS = Hook("pairings.orders")
# ... and where else a school's own form is chosen, `(code) -> why it stays, or None`.
FORM_USES = Hook("pairings.form_uses")
# ... and the programs of a pair or group, for its card: `(pairing_id) -> [(title, endpoint,
# values, status)]`, the oldest first.
PROGRAMS = Hook("pairings.programs")


# Forms of mentoring (2.3 and the school's own).


def custom_forms() -> list[CustomForm]:
    return list(db.session.execute(select(CustomForm).order_by(CustomForm.title)).scalars())


def form_labels() -> dict[str, str]:
    """Every form the school may choose, code → label: the list of 2.3, then its own."""
    return {**MentoringForm.labels(), **{f.code: f.title for f in custom_forms()}}


def form_label(code: str) -> str:
    standard = MentoringForm.parse(code)
    if standard:
        return standard.label
    custom = _custom_form_of(code)
    return custom.title if custom else "Собственная форма школы"


def _custom_form_of(code: str) -> CustomForm | None:
    ident = parse_id(code.removeprefix(CUSTOM_PREFIX))
    if not code.startswith(CUSTOM_PREFIX) or ident is None:
        return None
    return db.session.execute(select(CustomForm).where(CustomForm.id == ident)).scalar_one_or_none()


def _same_title(title: str) -> str:
    return " ".join(title.replace("«", "").replace("»", "").replace('"', "").split()).casefold()


def add_custom_form(title: str) -> CustomForm:
    """A form of mentoring the school adds to the list of 2.3."""
    title = " ".join((title or "").split())
    if not title:
        raise Refusal("Укажите название формы наставничества.")
    if len(title) > 200:
        raise Refusal("Название формы — не длиннее 200 символов.")
    key = _same_title(title)
    if any(_same_title(label) == key for label in MentoringForm.labels().values()):
        raise Refusal("Такая форма уже есть в перечне Положения (раздел 2.3).")
    if any(_same_title(f.title) == key for f in custom_forms()):
        raise Refusal("Такая форма у школы уже есть.")
    custom = CustomForm(title=title)
    db.session.add(custom)
    db.session.flush()
    return custom


def delete_custom_form(custom: CustomForm) -> None:
    """Removed only while nothing refers to it: a pairing, a mentor's preference, a program."""
    code = custom.code
    if db.session.execute(select(Pairing.id).where(Pairing.form == code)).first():
        raise Refusal("Форма выбрана для наставнической пары или группы — удалить нельзя.")
    mentors = db.session.execute(select(MentorEntry.preferred_forms)).scalars()
    if any(code in forms for forms in mentors):
        raise Refusal("Форму предпочитает наставник в банке наставников — удалить нельзя.")
    for why_kept in FORM_USES.answers():
        reason = why_kept(code)
        if reason:
            raise Refusal(reason)
    db.session.delete(custom)
    db.session.flush()


# Who may be in a pairing.


def open_pairings_of_mentees(staff_ids) -> dict[int, Pairing]:
    """For each mentee, the pair or group that holds them now (the newest if several)."""
    ids = list(staff_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(PairingMember.mentee_staff_id, Pairing)
        .join(
            Pairing,
            (Pairing.id == PairingMember.pairing_id)
            & (Pairing.school_id == PairingMember.school_id),
        )
        .where(
            PairingMember.mentee_staff_id.in_(ids),
            Pairing.status.in_(NOT_ENDED),
        )
        .order_by(Pairing.id)
        .options(joinedload(Pairing.mentor))  # the bank shows each one's mentor
    ).all()
    return {staff_id: pairing for staff_id, pairing in rows}


def places_taken(mentor_staff_ids) -> dict[int, int]:
    """How many mentees each mentor holds in pairs and groups from proposal to their end."""
    ids = list(mentor_staff_ids)
    taken = dict.fromkeys(ids, 0)
    if not ids:
        return taken
    rows = db.session.execute(
        select(Pairing.mentor_staff_id, func.count(PairingMember.id))
        .join(
            PairingMember,
            (PairingMember.pairing_id == Pairing.id)
            & (PairingMember.school_id == Pairing.school_id),
        )
        .where(Pairing.mentor_staff_id.in_(ids), Pairing.status.in_(NOT_ENDED))
        .group_by(Pairing.mentor_staff_id)
    ).all()
    taken.update({staff_id: n for staff_id, n in rows})
    return taken


def mentees_in_open_pairings() -> set[int]:
    return set(
        db.session.execute(
            select(PairingMember.mentee_staff_id)
            .join(
                Pairing,
                (Pairing.id == PairingMember.pairing_id)
                & (Pairing.school_id == PairingMember.school_id),
            )
            .where(Pairing.status.in_(NOT_ENDED))
        ).scalars()
    )


def _mentor_entry(staff_id: int) -> MentorEntry | None:
    return (
        db.session.execute(
            select(MentorEntry)
            .where(MentorEntry.staff_id == staff_id, MentorEntry.status == MentorStatus.ACTIVE)
            .order_by(MentorEntry.id)
        )
        .scalars()
        .first()
    )


def _waiting_mentees(staff_ids) -> dict[int, MenteeEntry]:
    entries = db.session.execute(
        select(MenteeEntry).where(
            MenteeEntry.staff_id.in_(list(staff_ids)), MenteeEntry.status == MenteeStatus.WAITING
        )
    ).scalars()
    return {e.staff_id: e for e in entries}


def available_mentors(on: date) -> list[tuple[MentorEntry, int]]:
    """Mentors of the bank who may mentor on the day, each with how many mentees they lead."""
    entries: dict[int, MentorEntry] = {}
    for entry in db.session.execute(
        select(MentorEntry)
        .where(MentorEntry.status == MentorStatus.ACTIVE)
        .order_by(MentorEntry.id)
        .options(joinedload(MentorEntry.staff))
    ).scalars():
        entries.setdefault(entry.staff_id, entry)  # one per person, as _mentor_entry finds
    # The consents and the loads of all of them at once (can_mentor's rule, 3.2), not per row.
    kinds = valid_kinds(entries, on)
    able = [e for e in entries.values() if kinds[e.staff_id] >= MENTOR_CONSENTS]
    able.sort(key=lambda e: e.staff.full_name)
    taken = places_taken(e.staff_id for e in able)
    return [(e, taken[e.staff_id]) for e in able]


def available_mentees() -> list[MenteeEntry]:
    """Mentees waiting in the bank who are in no open pairing yet."""
    busy = mentees_in_open_pairings()
    entries = db.session.execute(
        select(MenteeEntry)
        .where(MenteeEntry.status == MenteeStatus.WAITING)
        .order_by(MenteeEntry.id)
        .options(joinedload(MenteeEntry.staff))
    ).scalars()
    unique = {e.staff_id: e for e in entries if e.staff_id not in busy}
    return sorted(unique.values(), key=lambda e: e.staff.full_name)


def create_pairing(mentor_staff_id: int, mentee_staff_ids, form: str, on: date) -> Pairing:
    """A proposed pair (one mentee) or group (two or more) with one mentor.

    Refused (Refusal, nothing saved) unless: the mentor is in the mentor bank with valid
    consents to data processing and to the duties, has room left in their capacity, and is not
    a mentee here; each mentee waits in the mentee bank with a valid data consent and is in no
    other open pairing; the form exists and suits the number of mentees (2.3).
    """
    mentee_ids = list(dict.fromkeys(mentee_staff_ids))
    if not mentee_ids:
        raise Refusal("Выберите хотя бы одного наставляемого.")
    if mentor_staff_id in mentee_ids:
        raise Refusal("Нельзя быть наставником самому себе.")
    if MentoringForm.parse(form) is None and _custom_form_of(form) is None:
        raise Refusal("Выберите форму наставничества из перечня.")
    if form in ONE_TO_ONE and len(mentee_ids) > 1:
        raise Refusal(
            "Традиционная форма («один на один») — только для пары: выберите одного "
            "наставляемого или другую форму."
        )
    if form in GROUP_ONLY and len(mentee_ids) < 2:
        raise Refusal("Наставничество в группе — от двух наставляемых.")

    mentor = _mentor_entry(mentor_staff_id)
    if mentor is None:
        raise Refusal("Наставник должен состоять в банке наставников.")
    if not can_mentor(mentor_staff_id, on):
        raise Refusal(
            "У наставника нет действующих согласий на обработку персональных данных "
            "и на исполнение обязанностей наставника."
        )
    kinds = valid_kinds(mentee_ids, on)
    waiting = _waiting_mentees(mentee_ids)
    busy = mentees_in_open_pairings()
    for staff_id in mentee_ids:
        entry = waiting.get(staff_id)
        if entry is None:
            raise Refusal("Наставляемый должен ожидать наставника в банке наставляемых.")
        name = name_of(entry.staff)
        if ConsentKind.PERSONAL_DATA not in kinds[staff_id]:
            raise Refusal(
                f"У наставляемого {name} нет действующего согласия "
                "на обработку персональных данных."
            )
        if staff_id in busy:
            raise Refusal(f"Наставляемый {name} уже состоит в паре или группе.")
    load = places_taken([mentor_staff_id])[mentor_staff_id]
    if load + len(mentee_ids) > mentor.capacity:
        raise Refusal(
            f"Наставник может вести не более {mentor.capacity} наставляемых одновременно; "
            f"у него уже {load}."
        )

    pairing = Pairing(
        mentor_staff_id=mentor_staff_id, form=form, status=PairingStatus.PROPOSED, created_on=on
    )
    pairing.members = [PairingMember(mentee_staff_id=i) for i in mentee_ids]
    db.session.add(pairing)
    db.session.flush()
    return pairing


# Written consents and the steps of the status.


def record_consents(pairing: Pairing, mentor_on: date | None, mentee_dates: dict) -> None:
    """The dates of everyone's written consent to this pairing (6.2); None: not yet given.

    A mentee missing from `mentee_dates` keeps the date already recorded.
    """
    if pairing.status != PairingStatus.PROPOSED:
        raise Refusal("Согласия записываются до утверждения пары или группы приказом.")
    members = {m.mentee_staff_id: m for m in pairing.members}
    if set(mentee_dates) - set(members):
        raise Refusal("Наставляемый не состоит в этой паре или группе.")
    given = [mentor_on, *mentee_dates.values()]
    if any(d is not None and d > today() for d in given):
        raise Refusal("Дата согласия не может быть позже сегодняшнего дня.")
    pairing.mentor_consent_on = mentor_on
    for staff_id, consent_on in mentee_dates.items():
        members[staff_id].consent_on = consent_on
    db.session.flush()


def consents_recorded(pairing: Pairing) -> bool:
    return pairing.mentor_consent_on is not None and all(
        m.consent_on is not None for m in pairing.members
    )


def people_of(pairings) -> set[int]:
    """The staff ids of the pairings' mentors and mentees."""
    return {
        i for p in pairings for i in (p.mentor_staff_id, *(m.mentee_staff_id for m in p.members))
    }


def not_ready_reasons(pairing: Pairing, on: date, kinds=None) -> list[str]:
    """Why the pairing cannot yet be put into an order of approval; empty when it can.
    `kinds`: valid_kinds of its people, when a list has read them for all its rows at once."""
    if pairing.status != PairingStatus.PROPOSED:
        return [f"статус «{pairing.status_label}»"]
    reasons = []
    if pairing.mentor_consent_on is None:
        reasons.append("нет письменного согласия наставника")
    for m in pairing.members:
        if m.consent_on is None:
            reasons.append(f"нет письменного согласия наставляемого {name_of(m.mentee)}")
    if kinds is None:
        kinds = valid_kinds(people_of([pairing]), on)
    if not kinds[pairing.mentor_staff_id] >= MENTOR_CONSENTS:  # can_mentor's rule (3.2)
        reasons.append("у наставника нет действующих согласий на обработку ПДн и на обязанности")
    for m in pairing.members:
        if ConsentKind.PERSONAL_DATA not in kinds[m.mentee_staff_id]:
            reasons.append(f"у наставляемого {name_of(m.mentee)} нет согласия на обработку ПДн")
    return reasons


def programs_of(pairing_id: int) -> list[tuple[str, str, dict, str]]:
    """The pair's programs as links: (title, endpoint, values, status), told by the programs."""
    return [link for programs in PROGRAMS.answers() for link in programs(pairing_id)]


def orders_by_pairing() -> dict[int, Any]:
    """The draft or signed order of approval each pairing is in."""
    found: dict[int, Any] = {}
    for orders_of_pairings in ORDERS.answers():
        found.update(orders_of_pairings())
    return found


def cancel_pairing(pairing: Pairing, on: date) -> None:
    """Only a proposed pairing is cancelled; its mentees, still waiting in the bank, stay so."""
    if pairing.status != PairingStatus.PROPOSED:
        raise Refusal("Отменить можно только пару или группу, ещё не утверждённую приказом.")
    if pairing.id in orders_by_pairing():
        raise Refusal("Пара или группа включена в проект приказа: сначала удалите проект приказа.")
    pairing.status = PairingStatus.ENDED
    pairing.ended_on = on
    pairing.end_reason = CANCELLED
    db.session.flush()


def _move_mentees(pairing: Pairing, from_status: MenteeStatus, to_status: MenteeStatus) -> None:
    ids = [m.mentee_staff_id for m in pairing.members]
    entries = db.session.execute(
        select(MenteeEntry).where(MenteeEntry.staff_id.in_(ids), MenteeEntry.status == from_status)
    ).scalars()
    for entry in entries:
        entry.status = to_status


def approve_pairing(pairing: Pairing, order, on: date) -> None:
    """Approved by the director's order (6.2): its mentees are now in the program."""
    if pairing.status != PairingStatus.PROPOSED:
        raise Refusal("Утвердить можно только предложенную пару или группу.")
    pairing.status = PairingStatus.APPROVED
    pairing.order_id = order.id
    pairing.approved_on = on
    _move_mentees(pairing, MenteeStatus.WAITING, MenteeStatus.IN_PROGRAM)
    db.session.flush()


def start_pairing(pairing: Pairing) -> None:
    """The approved pairing starts to work (its program begins)."""
    if pairing.status != PairingStatus.APPROVED:
        raise Refusal("Начать работу может только пара или группа, утверждённая приказом.")
    pairing.status = PairingStatus.ACTIVE
    db.session.flush()


def end_pairing(pairing: Pairing, on: date, reason: str, *, mentees_finished: bool = True) -> None:
    """The pairing ends (7.1). Its mentees have finished, or — when they are to get another
    mentor (`mentees_finished=False`) — go back to waiting in the mentee bank."""
    if pairing.status not in IN_FORCE:
        raise Refusal("Завершить можно только утверждённую или действующую пару или группу.")
    if on < (pairing.approved_on or on):
        raise Refusal("Дата завершения не может быть раньше утверждения.")
    pairing.status = PairingStatus.ENDED
    pairing.ended_on = on
    pairing.end_reason = (reason or "").strip()
    after = MenteeStatus.FINISHED if mentees_finished else MenteeStatus.WAITING
    _move_mentees(pairing, MenteeStatus.IN_PROGRAM, after)
    db.session.flush()


def name_of(staff) -> str:
    """«Иванова М.И.», unless the person revoked the data consent (152-ФЗ)."""
    return person_name(staff)


def pairings_listed(status: PairingStatus | None = None):
    """The list's statement: the newest first, with their people (of one status, if given)."""
    statement = (
        select(Pairing)
        .order_by(Pairing.created_on.desc(), Pairing.id.desc())
        .options(*with_people())
    )
    return statement.where(Pairing.status == status) if status else statement


def counts_by_status() -> dict[PairingStatus, int]:
    rows = db.session.execute(select(Pairing.status, func.count()).group_by(Pairing.status))
    return dict(rows.tuples().all())


def with_people():
    """Loader options: a pairing's mentor and its members' mentees in two more queries in all,
    not one per row (the composite (school_id, id) keys never hit the identity map lazily)."""
    return (
        joinedload(Pairing.mentor),
        selectinload(Pairing.members).joinedload(PairingMember.mentee),
    )


def describe(pairing: Pairing) -> str:
    """«Пара: Иванова М.И. — Петрова А.А.», «Группа: Иванова М.И. — Петрова А.А. и ещё 2»,
    for messages and lists."""
    return f"{pairing.kind_label}: {pairing.name}"


# What the pairs and groups tell the banks, which come earlier in the year.
FOR_BANKS = FromPairings(open_pairings_of_mentees, places_taken, form_labels)
