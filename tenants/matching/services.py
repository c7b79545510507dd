"""Selection of pairs from the banks (roadmap stages 4–5, section 6.1), over algorithm.py.

The hard rules (valid consents, the mentor's free places, not oneself) are checked again here
on every proposal, whatever the curator's screen showed: the data may have changed since.
"""

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from nastavnik.extensions import db
from nastavnik.refusals import Refusal
from nastavnik.tenants.banks.models import MenteeEntry, MenteeStatus, MentorEntry, MentorStatus
from nastavnik.tenants.consents.models import MENTOR_CONSENTS, ConsentKind
from nastavnik.tenants.consents.services import valid_kinds
from nastavnik.tenants.pairings.models import Pairing
from nastavnik.tenants.pairings.services import (
    GROUP_ONLY,
    create_pairing,
    form_labels,
    open_pairings_of_mentees,
    places_taken,
)
from nastavnik.tenants.vocabulary import MenteeCategory, MentoringForm

from .algorithm import (
    MENTEE_NOT_ELIGIBLE,
    Assignment,
    Fit,
    MenteeProfile,
    MentorProfile,
    blockers_of,
    by_name,
    evaluate,
    propose_assignment,
    rank_mentors,
    score_table,
)


@dataclass
class Bank:
    """The banks as the algorithm sees them, with the records behind each profile; the profiles
    in the order of staff ids (the order propose_assignment computes in)."""

    mentees: list[MenteeProfile]
    mentors: list[MentorProfile]
    mentee_entries: dict[int, MenteeEntry]  # by staff id
    mentor_entries: dict[int, MentorEntry]  # by staff id


def profiles(on: date) -> tuple[list[MenteeProfile], list[MentorProfile]]:
    """Waiting mentees not yet in a pair or group, and every mentor of the bank."""
    bank = load_bank(on)
    return bank.mentees, bank.mentors


def load_bank(on: date, extra_mentees=()) -> Bank:
    mentee_entries = _waiting_mentees()
    for entry in extra_mentees:
        mentee_entries.setdefault(entry.staff_id, entry)
    mentor_entries = {
        e.staff_id: e
        for e in db.session.execute(
            select(MentorEntry)
            .where(MentorEntry.status == MentorStatus.ACTIVE)
            .options(joinedload(MentorEntry.staff))
        )
        .scalars()
        .all()
    }
    kinds = valid_kinds({*mentee_entries, *mentor_entries}, on)
    taken = places_taken(mentor_entries)
    mentees = [
        _mentee_profile(entry, ConsentKind.PERSONAL_DATA in kinds[entry.staff_id])
        for _, entry in sorted(mentee_entries.items())
    ]
    mentors = [
        MentorProfile(
            staff_id=entry.staff_id,
            name=entry.staff.display_name,
            competences=frozenset(entry.competences),
            subjects=_subjects(entry),
            teaching_years=entry.staff.teaching_years or 0,
            capacity_left=entry.capacity - taken[entry.staff_id],
            eligible=kinds[entry.staff_id] >= MENTOR_CONSENTS,
            young=_young(entry),
            digital_strong=entry.digital_strong,
        )
        for _, entry in sorted(mentor_entries.items())
    ]
    return Bank(mentees, mentors, mentee_entries, mentor_entries)


def _waiting_mentees() -> dict[int, MenteeEntry]:
    entries = (
        db.session.execute(
            select(MenteeEntry)
            .where(MenteeEntry.status == MenteeStatus.WAITING)
            .options(joinedload(MenteeEntry.staff))
        )
        .scalars()
        .all()
    )
    paired = open_pairings_of_mentees(e.staff_id for e in entries)
    return {e.staff_id: e for e in entries if e.staff_id not in paired}


def _mentee_profile(entry: MenteeEntry, eligible: bool) -> MenteeProfile:
    return MenteeProfile(
        staff_id=entry.staff_id,
        name=entry.staff.display_name,
        category=entry.category,
        requests=frozenset(entry.requests),
        subjects=_subjects(entry),
        teaching_years=entry.staff.teaching_years or 0,
        eligible=eligible,
    )


def _subjects(entry) -> frozenset[str]:
    return frozenset(s.lower() for s in entry.staff.subject_list)


def _young(entry) -> bool:
    return entry.staff.is_young


# One mentee


@dataclass
class Candidate:
    fit: Fit
    mentor: MentorEntry


def ranked(mentee_entry: MenteeEntry, on: date) -> list[Candidate]:
    """Every mentor of the bank for this mentee: the allowed best first, the blocked with why."""
    bank = load_bank(on, extra_mentees=[mentee_entry])
    mentee = next(m for m in bank.mentees if m.staff_id == mentee_entry.staff_id)
    return [
        Candidate(fit, bank.mentor_entries[fit.mentor_id])
        for fit in rank_mentors(mentee, bank.mentors)
    ]


def pair_forms() -> dict[str, str]:
    """The forms a pair of one mentor and one mentee may take (2.3: a group is two or more)."""
    return {code: label for code, label in form_labels().items() if code not in GROUP_ONLY}


def default_form(mentee_entry: MenteeEntry) -> str:
    # 2.3: reverse mentoring has its own form.
    if mentee_entry.category == MenteeCategory.REVERSE:
        return MentoringForm.REVERSE
    return MentoringForm.TRADITIONAL


def propose(mentee_entry: MenteeEntry, mentor_id: int | None, form: str, on: date) -> Pairing:
    """A proposed pair of this mentee with one mentor of the bank, if the rules allow it."""
    (pairing,) = create_pairs([ChosenRow(mentee_entry.id, mentor_id, form)], on)
    return pairing


# All waiting mentees at once


# The page stays light at 200 waiting mentees: each row offers its few best mentors (and the
# one chosen); the whole ranked list is one link away (the mentee's own page).
FEW_BEST = 5


@dataclass
class ProposalRow:
    mentee: MenteeEntry
    profile: MenteeProfile
    shown: list[MentorProfile]  # the few best allowed mentors, best first (and those kept)
    entries: dict[int, MentorEntry]  # the bank's mentors by staff id
    allowed: int  # how many mentors are allowed in all
    chosen: Candidate | None  # the optimum's choice
    form: str

    @cached_property
    def candidates(self) -> list[Candidate]:
        """The shown mentors with their reasons, written only for the rows a page shows (the
        proposal has a row for every waiting mentee, the page 25 of them)."""
        return [Candidate(evaluate(m, self.profile), self.entries[m.staff_id]) for m in self.shown]


@dataclass
class Proposal:
    rows: list[ProposalRow]
    assignment: Assignment
    forms: dict[str, str]

    @property
    def matched(self) -> int:
        return len(self.assignment.pairs)


def proposal(on: date, keep: dict[int, int | None] | None = None) -> Proposal:
    """The plan of greatest total fit for all waiting mentees, for the curator to edit (6.2).

    Each row offers its FEW_BEST allowed mentors, the optimum's choice, and the mentor `keep`
    names for it (MenteeEntry.id -> MentorEntry.id: the curator's choice on a re-shown form).
    """
    bank = load_bank(on)
    table = score_table(bank.mentees, bank.mentors)  # scored once: for the plan and the rows
    assignment = propose_assignment(bank.mentees, bank.mentors, table)
    chosen = {fit.mentee_id: fit for fit in assignment.pairs}
    order = by_name(bank.mentors)
    staff_of = {entry.id: staff_id for staff_id, entry in bank.mentor_entries.items()}
    keep = keep or {}
    rows = []
    for i in sorted(range(len(bank.mentees)), key=lambda i: _by_name(bank.mentees[i])):
        mentee = bank.mentees[i]
        entry = bank.mentee_entries[mentee.staff_id]
        pick = chosen.get(mentee.staff_id)
        wanted = {pick.mentor_id if pick else None, staff_of.get(keep.get(entry.id))}
        best = table.best(i, bank.mentors, order)
        shown = [
            bank.mentors[j]
            for k, j in enumerate(best)
            if k < FEW_BEST or bank.mentors[j].staff_id in wanted
        ]
        rows.append(
            ProposalRow(
                mentee=entry,
                profile=mentee,
                shown=shown,
                entries=bank.mentor_entries,
                allowed=len(best),
                chosen=Candidate(pick, bank.mentor_entries[pick.mentor_id]) if pick else None,
                form=default_form(entry),
            )
        )
    return Proposal(rows, assignment, pair_forms())


def _by_name(profile) -> tuple:
    return (profile.name, profile.staff_id)


@dataclass(frozen=True)
class ChosenRow:
    mentee_id: int  # MenteeEntry.id
    mentor_id: int | None  # MentorEntry.id
    form: str


class RowsRefused(Refusal):
    """Some chosen rows break a rule: nothing is created; the message of each, by mentee id."""

    def __init__(self, errors: dict[int, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def create_pairs(rows, on: date) -> list[Pairing]:
    """Proposed pairs for the chosen rows, all or none (6.2: the director approves them later)."""
    rows = list(rows)
    if not rows:
        raise Refusal("Отметьте хотя бы одну пару.")
    mentee_entries = _by_id(MenteeEntry, [r.mentee_id for r in rows])
    mentor_entries = _by_id(MentorEntry, [r.mentor_id for r in rows if r.mentor_id is not None])
    errors = _refusals(rows, mentee_entries, mentor_entries, on)
    if errors:
        raise RowsRefused(errors)
    created = []
    for row in rows:
        mentor_staff_id = mentor_entries[row.mentor_id].staff_id
        mentee_staff_id = mentee_entries[row.mentee_id].staff_id
        try:
            created.append(create_pairing(mentor_staff_id, [mentee_staff_id], row.form, on))
        except Refusal as error:
            # The pairings feature has the last word; all or none: `attempt()` undoes the rows
            # above, and the refusal is told against this row.
            raise RowsRefused({row.mentee_id: str(error)}) from error
    return created


def _by_id(model, ids) -> dict:
    return {e.id: e for e in db.session.execute(select(model).where(model.id.in_(ids))).scalars()}


def _refusals(rows, mentee_entries, mentor_entries, on: date) -> dict[int, str]:
    """Why each row may not become a pair, by mentee id; the places of a mentor that the rows
    above took in the same submission count as taken."""
    waiting = {e.id for e in _waiting_mentees().values()}
    bank = load_bank(on, extra_mentees=mentee_entries.values())
    mentees = {m.staff_id: m for m in bank.mentees}
    mentors = {m.staff_id: m for m in bank.mentors}
    forms = pair_forms()
    used = Counter()  # mentor's staff id -> rows above given to them
    seen = set()
    errors = {}
    for row in rows:
        entry = mentee_entries.get(row.mentee_id)
        mentor_entry = mentor_entries.get(row.mentor_id)
        if row.mentee_id in seen:
            errors[row.mentee_id] = "Наставляемый выбран дважды."
            continue
        seen.add(row.mentee_id)
        if entry is None:
            errors[row.mentee_id] = "Наставляемого нет в банке."
        elif entry.id not in waiting:
            errors[row.mentee_id] = "Наставляемый не ожидает наставника: он уже в паре или выбыл."
        elif mentor_entry is None or mentor_entry.status != MentorStatus.ACTIVE:
            errors[row.mentee_id] = "Выберите наставника из банка."
        elif row.form not in forms:
            errors[row.mentee_id] = "Выберите форму наставничества из списка."
        else:
            mentor = mentors[mentor_entry.staff_id]
            left = mentor.capacity_left - used[mentor.staff_id]
            fit = evaluate(replace(mentor, capacity_left=left), mentees[entry.staff_id])
            if fit.allowed:
                used[mentor.staff_id] += 1
            else:
                errors[row.mentee_id] = "; ".join(fit.blockers) + "."
    return errors


# Stage 5: those without a mentor


@dataclass
class Unmatched:
    mentee: MenteeEntry
    reason: str
    left_out: bool  # the bank as it is gives them no mentor: support and search go on (stage 5)


NO_MENTORS = "В банке наставников никого нет"


def unmatched(on: date) -> list[Unmatched]:
    """Waiting mentees without a pair or group, and why (for the psychologist and curator)."""
    bank = load_bank(on)
    table = score_table(bank.mentees, bank.mentors)
    plan = {
        fit.mentee_id: fit for fit in propose_assignment(bank.mentees, bank.mentors, table).pairs
    }
    names = {m.staff_id: m.name for m in bank.mentors}
    allowed = table.allowed.sum(axis=1)
    result = []
    for i in sorted(range(len(bank.mentees)), key=lambda i: _by_name(bank.mentees[i])):
        mentee = bank.mentees[i]
        entry = bank.mentee_entries[mentee.staff_id]
        if not mentee.eligible:
            result.append(Unmatched(entry, MENTEE_NOT_ELIGIBLE + ".", True))
        elif not bank.mentors:
            result.append(Unmatched(entry, NO_MENTORS + ".", True))
        elif not allowed[i]:
            blockers = Counter(b for m in bank.mentors for b in blockers_of(m, mentee))
            reasons = "; ".join(f"{b} ({_mentors(n)})" for b, n in blockers.most_common())
            result.append(Unmatched(entry, f"Никто не подходит: {reasons}.", True))
        elif mentee.staff_id in plan:
            best = names[plan[mentee.staff_id].mentor_id]
            result.append(
                Unmatched(entry, f"Подходящий наставник есть ({best}), пара ещё не создана.", False)
            )
        else:
            result.append(
                Unmatched(
                    entry,
                    f"Подходящих наставников: {allowed[i]}, но их свободные места "
                    "при общем подборе нужнее другим наставляемым.",
                    True,
                )
            )
    result.sort(key=lambda u: not u.left_out)
    return result


def _mentors(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return f"{n} наставник"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return f"{n} наставника"
    return f"{n} наставников"
