"""What anyone may read in the school's public section (8.1), gathered from the features.

The one rule of names: a person is named only while they have a valid consent to publication
of their name and results (and have not withdrawn their data consent); everyone else is
«педагог школы». Contacts, difficulties and requests are never read here at all.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from nastavnik.extensions import db
from nastavnik.models import Account, RoleGrant
from nastavnik.permissions import Role
from nastavnik.publication import PUBLIC_DOCUMENTS, PublicDocument
from nastavnik.tenancy import current_scope
from nastavnik.tenants.banks.models import MENTEE_IN_BANK, MenteeEntry, MentorEntry, MentorStatus
from nastavnik.tenants.consents.models import Consent, ConsentKind
from nastavnik.tenants.orders.services import public_orders
from nastavnik.tenants.pairings.models import IN_FORCE, Pairing
from nastavnik.tenants.pairings.services import form_labels
from nastavnik.tenants.practices.library import PracticeCard, public_practices_of_school
from nastavnik.tenants.programs.lookups import with_pairing
from nastavnik.tenants.programs.models import Program, ProgramStatus
from nastavnik.tenants.staff.models import Staff

from .district import district_documents
from .normative import LEVELS

UNNAMED = "педагог школы"


@dataclass(frozen=True)
class Person:
    """A name that may be shown, or None where the person gave no consent to publication."""

    name: str | None
    position: str = ""

    @property
    def shown(self) -> str:
        return self.name or UNNAMED


@dataclass
class PublicProgram:
    title: str
    forms: list[str]
    starts_on: date
    ends_on: date
    mentor: Person
    mentees: list[Person]
    ended_on: date | None = None
    results: str = ""


@dataclass
class Bases:
    mentors: int
    mentees: int
    pairings: int
    programs_running: int
    programs_ended: int
    mentor_names: list[str] = field(default_factory=list)
    mentee_names: list[str] = field(default_factory=list)


def publishable(staff_ids, on: date) -> set[int]:
    """Those of the staff who may be named publicly on the day (consent to publication)."""
    ids = set(staff_ids)
    if not ids:
        return set()
    consents = db.session.execute(
        select(Consent).where(Consent.staff_id.in_(ids), Consent.kind == ConsentKind.PUBLICATION)
    ).scalars()
    consenting = {c.staff_id for c in consents if c.is_valid(on)}
    hidden = set(
        db.session.execute(
            select(Staff.id).where(Staff.id.in_(consenting), Staff.data_hidden.is_(True))
        ).scalars()
    )
    return consenting - hidden


def _person(staff: Staff, named: set[int], with_position: bool = False) -> Person:
    if staff.id not in named:
        return Person(None)
    return Person(staff.full_name, staff.position if with_position else "")


def coordinators(on: date) -> tuple[list[Person], int]:
    """The curators and coordinators linked to a staff record: the named ones, and how many
    others there are (whose names are not published)."""
    staff = list(
        db.session.execute(
            select(Staff)
            .join(Account, Account.id == Staff.account_id)
            .join(RoleGrant, RoleGrant.account_id == Account.id)
            .where(RoleGrant.role.in_((Role.CURATOR.value, Role.COORDINATOR.value)))
            .where(Account.active.is_(True))
            .order_by(Staff.last_name, Staff.id)
            .distinct()
        ).scalars()
    )
    named = publishable((s.id for s in staff), on)
    people = [_person(s, named, with_position=True) for s in staff if s.id in named]
    return people, len(staff) - len(people)


def _public_program(program: Program, labels: dict, named: set[int]) -> PublicProgram:
    pairing = program.pairing
    return PublicProgram(
        title=program.title,
        forms=[labels.get(code, "собственная форма школы") for code in program.forms]
        or [labels.get(pairing.form, "собственная форма школы")],
        starts_on=program.starts_on,
        ends_on=program.ends_on,
        mentor=_person(pairing.mentor, named),
        mentees=[_person(m.mentee, named) for m in pairing.members],
        ended_on=program.ended_on,
        # 8.2: the results only once the program has ended and the curator published them.
        results=program.results
        if program.status == ProgramStatus.ENDED and program.results_published
        else "",
    )


def _people_of(programs) -> set[int]:
    ids = set()
    for program in programs:
        ids.add(program.pairing.mentor_staff_id)
        ids.update(m.mentee_staff_id for m in program.pairing.members)
    return ids


def programs(on: date) -> tuple[list[PublicProgram], list[PublicProgram]]:
    """The programs running now, and the ended ones whose results the curator published."""
    running = list(
        db.session.execute(
            select(Program)
            .options(*with_pairing())  # each program's pair and people, not a query per row
            .where(Program.status == ProgramStatus.ACTIVE)
            .order_by(Program.starts_on.desc(), Program.id.desc())
        ).scalars()
    )
    ended = list(
        db.session.execute(
            select(Program)
            .options(*with_pairing())
            .where(Program.status == ProgramStatus.ENDED, Program.results_published.is_(True))
            .order_by(Program.ended_on.desc(), Program.id.desc())
        ).scalars()
    )
    labels = form_labels()
    named = publishable(_people_of(running + ended), on)
    return (
        [_public_program(p, labels, named) for p in running],
        [_public_program(p, labels, named) for p in ended],
    )


def _count(statement) -> int:
    return db.session.execute(statement).scalar_one()


def bases(on: date) -> Bases:
    """The banks in figures; names only of those who consented to publication."""
    mentor_staff = list(
        db.session.execute(
            select(Staff)
            .join(MentorEntry, MentorEntry.staff_id == Staff.id)
            .where(MentorEntry.status == MentorStatus.ACTIVE)
            .order_by(Staff.last_name, Staff.first_name, Staff.id)
        ).scalars()
    )
    mentee_staff = list(
        db.session.execute(
            select(Staff)
            .join(MenteeEntry, MenteeEntry.staff_id == Staff.id)
            .where(MenteeEntry.status.in_(MENTEE_IN_BANK))
            .order_by(Staff.last_name, Staff.first_name, Staff.id)
        ).scalars()
    )
    named = publishable({s.id for s in mentor_staff + mentee_staff}, on)
    return Bases(
        mentors=len({s.id for s in mentor_staff}),
        mentees=len({s.id for s in mentee_staff}),
        pairings=_count(select(func.count(Pairing.id)).where(Pairing.status.in_(IN_FORCE))),
        programs_running=_count(
            select(func.count(Program.id)).where(Program.status == ProgramStatus.ACTIVE)
        ),
        programs_ended=_count(
            select(func.count(Program.id)).where(Program.status == ProgramStatus.ENDED)
        ),
        mentor_names=list(dict.fromkeys(s.full_name for s in mentor_staff if s.id in named)),
        mentee_names=list(dict.fromkeys(s.full_name for s in mentee_staff if s.id in named)),
    )


def documents() -> list[tuple[str, list[PublicDocument]]]:
    """The normative base by level: the documents the district publishes for every school,
    then the school's own (its public orders, and what later features answer)."""
    found = district_documents()
    for order in public_orders():
        found.append(
            PublicDocument(
                title=f"Приказ «{order.title}»",
                number=order.number or "",
                signed_on=order.signed_on,
                level="school",
            )
        )
    for answer in PUBLIC_DOCUMENTS.answers():
        found.extend(answer())
    return [(label, [d for d in found if d.level == level]) for level, label in LEVELS.items()]


def practices() -> list[PracticeCard]:
    """The school's best practices anyone may read: published in the school, or shared by the
    district with every school (authors named only with their consent)."""
    return public_practices_of_school(current_scope().school_id)
