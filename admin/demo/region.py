"""A synthetic school (or a region of them) of any size, for the benchmark and the query counts.

Rows are written with the platform's own models, in the proportions of a real school: `n`
mentors, as many pairs (one in ten still proposed, the rest approved by signed orders and at
work), a program with four activities for every pair at work, `waiting` mentees without a
mentor, and three times `n` other teachers; every teacher has a data consent. Names are
fictional (data.NAMES). No services: the benchmark needs hundreds of thousands of rows fast,
and the shapes here are the ones the services leave (tests check the pages, not these rows).
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from nastavnik.accounts.services import create_account
from nastavnik.extensions import db
from nastavnik.models import School
from nastavnik.tenants.banks.models import MenteeEntry, MentorEntry, MentorTraining
from nastavnik.tenants.consents.models import Consent
from nastavnik.tenants.orders.models import SchoolOrder
from nastavnik.tenants.pairings.models import CustomForm, Pairing, PairingMember
from nastavnik.tenants.programs.models import Activity, Program, ProgramChange
from nastavnik.tenants.requests.models import ParticipantRequest
from nastavnik.tenants.staff.models import Staff

from . import data

AREAS = ("subject", "methods", "upbringing", "lessons", "psychology", "digital")
FORMS = ("traditional", "traditional", "traditional", "group", "virtual", "reverse")
CATEGORIES = ("young", "young", "young", "new_to_school", "new_position", "difficulties")
SUBJECTS = ("математика", "русский язык", "чеченский язык", "история", "физика", "биология")


@dataclass
class Made:
    """What a populated school holds: ids the pages and the benchmark's users need."""

    mentor_staff_ids: list[int]
    pairing_ids: list[int]
    program_ids: list[int]
    draft_order_id: int | None

    @property
    def pairing_id(self) -> int:
        """The first pair at work (its mentor and mentee get the accounts of `users`)."""
        return self.pairing_ids[0]

    @property
    def program_id(self) -> int:
        return self.program_ids[0]


def populate_school(
    school: School,
    n: int,
    waiting: int | None = None,
    others: int | None = None,
    seed: int = 1,
    year_start=None,
) -> Made:
    """Fills the bound school (scope set by the caller) with `n` of each kind of row; flushes.
    `waiting`: mentees without a mentor (n // 3); `others`: teachers in no bank (3 n)."""
    rng = random.Random(seed * 7919 + school.id)
    start = year_start or date(2024, 9, 1)
    waiting = n // 3 if waiting is None else waiting
    others = 3 * n if others is None else others
    session = db.session
    names = data.NAMES
    sid = school.id

    def person(i: int, years: int) -> Staff:
        last, first, middle = names[i % len(names)]
        return Staff(
            school_id=sid,
            last_name=f"{last}-{i}",
            first_name=first,
            middle_name=middle,
            position=f"учитель ({SUBJECTS[i % len(SUBJECTS)]})",
            subjects=SUBJECTS[i % len(SUBJECTS)],
            total_years=years,
            teaching_years=years,
            category="first" if years > 10 else "none",
            hired_on=start - timedelta(days=365 * years),
        )

    mentors = [person(i, 12 + rng.randrange(20)) for i in range(n)]
    mentees = [person(n + i, rng.randrange(3)) for i in range(n + waiting)]
    other_staff = [person(2 * n + waiting + i, rng.randrange(30)) for i in range(others)]
    session.add_all(mentors + mentees + other_staff)
    session.flush()

    consents = [
        Consent(
            school_id=sid,
            staff_id=s.id,
            kind="personal_data",
            signed_on=start,
            purpose="Организация наставничества",
            paper_number=f"ПДн-{k}",
        )
        for k, s in enumerate(mentors + mentees + other_staff, 1)
    ]
    consents += [
        Consent(school_id=sid, staff_id=s.id, kind="mentor_duty", signed_on=start) for s in mentors
    ]
    mentor_entries = [
        MentorEntry(
            school_id=sid,
            staff_id=s.id,
            competences=tuple(rng.sample(AREAS, 3)),
            capacity=rng.choice((1, 2, 2, 3)),
            digital_strong=rng.random() < 0.3,
            survey_motivation="Хочу помочь молодым коллегам",
            added_on=start,
        )
        for s in mentors
    ]
    mentee_entries = [
        MenteeEntry(
            school_id=sid,
            staff_id=s.id,
            category=CATEGORIES[k % len(CATEGORIES)],
            requests=tuple(rng.sample(AREAS, 2)),
            difficulties="Дисциплина на уроке, оценивание",
            status="in_program" if k < n else "waiting",
            added_on=start,
        )
        for k, s in enumerate(mentees)
    ]
    session.add_all(consents + mentor_entries + mentee_entries)
    orders = [
        SchoolOrder(
            school_id=sid,
            kind="pairings",
            title="О закреплении наставнических пар/групп",
            number=f"{10 + k}-од",
            signed_on=start + timedelta(days=10),
            status="signed",
            content={"items": []},
        )
        for k in range(max(1, n // 20))
    ]
    draft = SchoolOrder(
        school_id=sid,
        kind="pairings",
        title="О закреплении наставнических пар/групп",
        status="draft",
        content={"items": []},
    )
    session.add_all([*orders, draft, CustomForm(school_id=sid, title="Наставничество в проекте")])
    session.flush()
    session.add_all(
        MentorTraining(
            school_id=sid,
            mentor_id=e.id,
            kind="session",
            title="Установочная сессия для наставников",
            held_on=start + timedelta(days=5),
            hours=4,
        )
        for e in mentor_entries
    )

    pairings = []
    for k in range(n):
        proposed = k % 10 == 9
        pairings.append(
            Pairing(
                school_id=sid,
                mentor_staff_id=mentors[k].id,
                form=FORMS[k % len(FORMS)],
                status="proposed" if proposed else "active",
                created_on=start + timedelta(days=7),
                mentor_consent_on=start + timedelta(days=7),
                order_id=None if proposed else orders[k % len(orders)].id,
                approved_on=None if proposed else start + timedelta(days=10),
            )
        )
    session.add_all(pairings)
    session.flush()
    session.add_all(
        PairingMember(
            school_id=sid,
            pairing_id=p.id,
            mentee_staff_id=mentees[k].id,
            consent_on=start + timedelta(days=7),
        )
        for k, p in enumerate(pairings)
    )
    programs = [
        Program(
            school_id=sid,
            pairing_id=p.id,
            title="Программа адаптации молодого педагога",
            goals="Освоить методику урока и оценивания",
            difficulties=tuple(rng.sample(AREAS, 2)),
            forms=(p.form,),
            starts_on=start + timedelta(days=14),
            ends_on=start + timedelta(days=270),
        )
        for p in pairings
        if p.status == "active"
    ]
    session.add_all(programs)
    session.flush()
    for k, program in enumerate(programs):
        for j in range(4):
            due = program.starts_on + timedelta(days=30 * (j + 1))
            done = j < 2
            session.add(
                Activity(
                    school_id=sid,
                    program_id=program.id,
                    title=f"Мероприятие {j + 1}: посещение уроков",
                    due_on=due,
                    responsible="Наставник" if j % 2 else "Наставляемый",
                    status="done" if done else "planned",
                    done_on=due if done else None,
                )
            )
        if k % 10 == 0:
            session.add(
                ProgramChange(
                    school_id=sid,
                    program_id=program.id,
                    kind="extend",
                    description="Продлить программу до конца учебного года",
                    payload={"ends_on": (program.ends_on + timedelta(days=30)).isoformat()},
                )
            )
        if k % 10 == 5:
            pairing = next(p for p in pairings if p.id == program.pairing_id)
            session.add(
                ParticipantRequest(
                    school_id=sid,
                    kind="another_mentor",
                    pairing_id=pairing.id,
                    staff_id=mentees[pairings.index(pairing)].id,
                    reason="Не совпадают расписания",
                )
            )
    session.flush()
    return Made(
        mentor_staff_ids=[s.id for s in mentors],
        pairing_ids=[p.id for p in pairings],
        program_ids=[p.id for p in programs],
        draft_order_id=draft.id,
    )


def users(school: School, made: Made, password: str, login_prefix: str = "") -> dict[str, str]:
    """Accounts of the roles whose pages are measured; the mentor and the mentee of the first
    pair at work are tied to their staff rows. Logins by role."""
    from sqlalchemy import select, update

    logins = {}
    for role in ("director", "curator", "mentor", "mentee", "psychologist"):
        login = f"{login_prefix}{role}"
        account = create_account(school.id, login, f"Пользователь {role}", [role], password, False)
        logins[role] = login
        if role in ("mentor", "mentee"):
            pairing_id = made.pairing_id
            if role == "mentor":
                staff_id = db.session.execute(
                    select(Pairing.mentor_staff_id).where(Pairing.id == pairing_id)
                ).scalar_one()
            else:
                staff_id = db.session.execute(
                    select(PairingMember.mentee_staff_id).where(
                        PairingMember.pairing_id == pairing_id
                    )
                ).scalar_one()
            db.session.execute(
                update(Staff).where(Staff.id == staff_id).values(account_id=account.id)
            )
    return logins
