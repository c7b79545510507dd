"""Each demo school's own teachers and mentoring around the named core, as its profile says.

The core (data.STAFF: the demo accounts' people and their pairs) is the same in every school;
this adds the school's other teachers — its own size, share of young teachers, subjects, hire
and birth dates — its other mentors and pairs of this year and last, with programs at their own
pace (overdue or not, one ended early), so that no two schools show the same figures. Made
through the services the screens use, from a random generator seeded by the school's address:
the same demo on every run.
"""

import random
from datetime import date, timedelta

from sqlalchemy import func, select

from nastavnik import dates
from nastavnik.extensions import db
from nastavnik.models import Account
from nastavnik.tenants.banks import services as banks
from nastavnik.tenants.banks.models import TrainingKind
from nastavnik.tenants.consents import services as consents
from nastavnik.tenants.consents.models import ConsentKind
from nastavnik.tenants.orders import ending as order_ending
from nastavnik.tenants.orders import wording
from nastavnik.tenants.pairings import services as pairings
from nastavnik.tenants.programs import access, ending
from nastavnik.tenants.programs import plan as programs
from nastavnik.tenants.programs.models import EndReason
from nastavnik.tenants.staff import services as staff_register
from nastavnik.tenants.staff.models import Staff

from . import data, surveys
from .mentoring import _approve, _mark, academic_year_start

# What a young teacher asks for, and the program that answers it: (requests, difficulties,
# title, goals).
NEEDS = (
    (
        ("methods", "lessons"),
        "Планирование урока, приёмы активизации учеников",
        "Адаптация молодого учителя: современный урок",
        "Освоить структуру урока по ФГОС и приёмы активизации учащихся.",
    ),
    (
        ("upbringing", "psychology"),
        "Дисциплина в классе, работа с родителями",
        "Первые шаги классного руководителя",
        "Освоить планирование воспитательной работы и общение с родителями.",
    ),
    (
        ("subject", "methods"),
        "Подготовка учеников к ОГЭ, трудные темы предмета",
        "Методика подготовки к государственной итоговой аттестации",
        "Освоить разбор заданий ОГЭ и систему повторения.",
    ),
    (
        ("digital", "lessons"),
        "Электронный журнал, цифровые ресурсы на уроке",
        "Цифровая образовательная среда на уроке",
        "Освоить электронный журнал и интерактивные задания к урокам.",
    ),
    (
        ("lessons", "psychology"),
        "Работа с детьми с трудностями в обучении",
        "Индивидуальный подход к ученикам с трудностями в обучении",
        "Освоить приёмы дифференцированного обучения и взаимодействие с психологом.",
    ),
)

PLAN = (
    ("Диагностика профессиональных затруднений", 10, "Наставник"),
    ("Посещение уроков наставника", 30, "Наставляемый"),
    ("Разбор уроков наставляемого", 55, "Наставник и наставляемый"),
    ("Открытый урок наставляемого", 150, "Наставляемый"),
    ("Итоговая беседа и самоанализ", 220, "Наставник и наставляемый"),
)

RESULTS = (
    "Выполнено, обсуждено с наставником.",
    "Проведено, составлены рекомендации.",
    "Выполнено в срок, материалы в папке наставника.",
)


def _name(rng: random.Random, used: set) -> tuple[tuple[str, str, str], bool]:
    """A fictional Chechen name not yet used in the school, and whether she is a woman."""
    while True:
        female = rng.random() < 0.68  # most of a Chechen school's teachers are women
        surname = rng.choice(data.SURNAMES)
        first = rng.choice(data.FEMALE_NAMES if female else data.MALE_NAMES)
        father = rng.choice(data.PATRONYMICS)
        name = (surname + ("а" if female else ""), first, father[1] if female else father[0])
        if name[:2] not in used:
            used.add(name[:2])
            return name, female


def _teacher(rng, used, n: int, teaching: int, hired: date, position=None) -> Staff:
    (last, first, middle), _female = _name(rng, used)
    title, subjects = position or rng.choice(data.POSITIONS)
    total = teaching + (0 if teaching < 3 else rng.choice((0, 0, 0, 1, 2, 4)))
    if teaching < 3:
        category = "none"
    elif teaching < 6:
        category = rng.choice(("none", "conformity", "first"))
    else:
        category = rng.choice(("conformity", "first", "first", "highest", "highest"))
    born = None
    if rng.random() > 0.08:  # some teachers did not give their birth date
        age_at_start = rng.choice((21, 22, 22, 23, 24, 26, 29))
        born = date(
            dates.today().year - total - age_at_start, rng.randint(1, 12), rng.randint(1, 28)
        )
    return staff_register.create_staff(
        last_name=last,
        first_name=first,
        middle_name=middle,
        position=title,
        subjects=subjects,
        total_years=total,
        teaching_years=teaching,
        category=category,
        hired_on=hired,
        born_on=born,
        phone=f"+7 928 {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",
        email=f"teacher{n}@school.example",
    )


def _august(year: int, rng: random.Random) -> date:
    return date(year, 8, rng.randint(22, 31))


def seed_variety(position: int, slug: str, profile: dict, accounts: dict[str, Account]) -> None:
    """The bound school's own teachers and their mentoring, this year and last."""
    rng = random.Random(f"nastavnik-demo-{slug}")
    today = dates.today()
    this_year = academic_year_start(today)
    last_year = this_year.replace(year=this_year.year - 1)
    curator = accounts["curator"]
    used = {(s.last_name, s.first_name) for s in db.session.execute(select(Staff)).scalars().all()}
    core = db.session.execute(select(func.count(Staff.id))).scalar_one()
    extra = max(0, profile["size"] - core)
    young_n = min(profile["young"], extra)

    # The young: 0 to 2 years of teaching, hired in August of the year they started.
    young = []
    for k in range(young_n):
        teaching = (0, 1, 2, 1, 0, 2, 1)[k % 7]
        hired = _august(this_year.year - teaching, rng)
        young.append(_teacher(rng, used, len(used), teaching, hired))
    # Last year's mentees not among the young: teachers who came to the school a year ago.
    newcomers = []
    old_young = [t for t in young if t.teaching_years >= 1]
    for _ in range(max(0, len(profile["last_year"]) - len(old_young))):
        if len(young) + len(newcomers) >= extra:
            break
        teaching = rng.randint(4, 15)
        newcomers.append(_teacher(rng, used, len(used), teaching, _august(last_year.year, rng)))
    # The experienced: long careers, most of them at this school for years.
    seasoned = []
    for k in range(extra - len(young) - len(newcomers)):
        teaching = rng.choice((6, 9, 12, 15, 18, 21, 24, 27, 30, 34, 38)) + rng.randint(0, 2)
        since = max(this_year.year - teaching, this_year.year - rng.randint(3, 30))
        post = data.POSITIONS[k % len(data.POSITIONS)] if k < 6 else None
        seasoned.append(_teacher(rng, used, len(used), teaching, _august(since, rng), post))
    everyone = young + newcomers + seasoned
    for n, person in enumerate(everyone, start=100):
        signed = max(last_year, person.hired_on + timedelta(days=3))
        consents.record_consent(
            person, ConsentKind.PERSONAL_DATA, signed_on=signed, paper_number=f"ПДн-{n}/{signed:%y}"
        )

    # Mentors: the most experienced, in the bank since last year or this one.
    mentors = sorted(seasoned, key=lambda s: -s.teaching_years)[: profile["mentors"]]
    if not mentors:
        return
    last_forms = list(profile["last_year"])
    this_forms = list(profile["pairs"])
    loads = _plan_loads(mentors, this_forms, last_forms, profile.get("unclosed", False))
    entries = {}
    for k, mentor in enumerate(mentors):
        since = last_year + timedelta(days=3) if k < len(last_forms) or k % 2 else this_year
        consents.record_consent(
            mentor, ConsentKind.MENTOR_DUTY, signed_on=since, paper_number=f"Н-{100 + k}"
        )
        need = NEEDS[k % len(NEEDS)]
        entries[mentor.id] = banks.add_mentor(
            mentor.id,
            tuple(
                dict.fromkeys(need[0] + tuple(rng.sample(("subject", "methods", "upbringing"), 1)))
            ),
            max(1, loads[k]),
            ("traditional", this_forms[k % len(this_forms)] if this_forms else "group"),
            "digital" in need[0],
            since + timedelta(days=1),
        )
        if rng.random() < 0.6:
            banks.add_training(
                entries[mentor.id],
                TrainingKind.SESSION,
                "Установочная сессия для наставников",
                since + timedelta(days=2),
                4,
            )
        if rng.random() < 0.3:
            banks.add_training(
                entries[mentor.id],
                TrainingKind.COURSE,
                "Курсы повышения квалификации «Наставничество в образовании»",
                this_year + timedelta(days=rng.randint(20, 70)),
                36,
            )

    _last_year(
        rng,
        position,
        mentors,
        old_young + newcomers,
        last_forms,
        last_year,
        curator,
        profile.get("unclosed", False),
    )
    _this_year(rng, position, profile, mentors, young, seasoned, this_forms, this_year, accounts)


def _plan_loads(mentors, this_forms, last_forms, unclosed: bool) -> list[int]:
    """Each mentor's capacity: as many mentees as the demo gives them this year (at least one
    last year's), so no extra mentor has a free place the curator's matching would offer."""
    loads = [0] * len(mentors)
    for k, form in enumerate(this_forms):
        loads[k % len(mentors)] += 2 if form == "group" else 1
    if unclosed and last_forms:  # last year's program still running: its mentee still counts
        loads[(len(last_forms) - 1) % len(mentors)] += 2 if last_forms[-1] == "group" else 1
    for k, form in enumerate(last_forms):
        loads[k % len(mentors)] = max(loads[k % len(mentors)], 2 if form == "group" else 1)
    return loads


def _program(rng, pair, need, form, begins: date, ends: date):
    requests_, difficulties, title, goals = need
    return programs.create_program(
        pair,
        title,
        goals,
        requests_,
        difficulties,
        (form,),
        "Наставляемый самостоятельно планирует и проводит уроки, проводит открытый урок.",
        begins,
        ends,
        [
            {"title": t, "due_on": min(begins + timedelta(days=d), ends), "responsible": r}
            for t, d, r in PLAN
        ],
    )


def _last_year(
    rng, position, mentors, mentees, forms, start: date, curator: Account, unclosed: bool
) -> None:
    """Last year's extra pairs: formed in September, programs completed (one ended early by the
    mentee's wish in a large school), the questionnaires answered, the endings ordered; where
    `unclosed`, the last program was never closed: it runs on past its end (overdue, 1.2)."""
    if not forms or not mentees:
        return
    formed = start + timedelta(days=25)
    made, needs = [], []
    queue = list(mentees)
    for k, form in enumerate(forms):
        size = 2 if form == "group" else 1
        group, queue = queue[:size], queue[size:]
        if len(group) < size:
            break
        need = NEEDS[(k + position) % len(NEEDS)]
        for mentee in group:
            banks.add_mentee(mentee.id, "young", need[0], need[1], formed - timedelta(days=5))
        made.append(
            pairings.create_pairing(
                mentors[k % len(mentors)].id, [m.id for m in group], form, formed
            )
        )
        needs.append(need)
    if not made:
        return
    _approve(made, formed, f"{55 + position}-од", curator)
    ends = date(start.year + 1, 5, 27)
    ended = []
    for k, (pair, need) in enumerate(zip(made, needs, strict=True)):
        program = _program(rng, pair, need, pair.form, formed + timedelta(days=5), ends)
        early = k == 3  # the fourth program of a large school ended early
        if unclosed and k == len(made) - 1:
            for activity in programs.plan_of(program)[:3]:
                _mark(program, activity, rng.choice(RESULTS), curator, activity.due_on)
            continue
        for activity in programs.plan_of(program):
            if early and activity.due_on > start.replace(year=start.year + 1, month=2):
                continue
            _mark(program, activity, rng.choice(RESULTS), curator, activity.due_on)
        part = access.part_in(program, curator)
        if early:
            on = date(start.year + 1, 2, 14)
            ending.end_program(
                program,
                EndReason.MENTEE_INITIATIVE,
                "Наставляемая ушла в отпуск по уходу за ребёнком.",
                part,
                on,
            )
        else:
            on = ends
            ending.end_program(program, EndReason.COMPLETED, "", part, ends)
        surveys.fill_end_of_program(
            program,
            pair.mentor_staff_id,
            [m.mentee_staff_id for m in pair.members],
            on + timedelta(days=rng.randint(2, 9)),
            rng.randrange(3),
        )
        ended.append(program.id)
    if not ended:
        return
    order = order_ending.draft_ending_order(
        ended, ends + timedelta(days=1), curator, curator=wording.curator_in_dative(curator).text
    )
    order_ending.sign_ending_order(order, f"{101 + position}-од", ends + timedelta(days=3), None)


def _this_year(rng, position, profile, mentors, young, seasoned, forms, start, accounts) -> None:
    """This year's extra pairs, the young teachers left waiting, the programs at the school's
    pace: `overdue` activities left unmarked after their date, one program ended early."""
    curator = accounts["curator"]
    today = dates.today()
    on = start + timedelta(days=2)
    fresh = [t for t in young if t.teaching_years < 2] + [t for t in young if t.teaching_years >= 2]
    queue = list(fresh)
    made, needs = [], []
    for k, form in enumerate(forms):
        size = 2 if form == "group" else 1
        if form == "reverse":
            # An experienced teacher learns the digital tools from the mentor.
            candidates = [s for s in seasoned if s not in mentors][-1:]
            group, category = candidates, "reverse"
        else:
            group, queue = queue[:size], queue[size:]
            category = "young"
            if len(group) < size:
                # No young teacher left: a teacher new to their subject.
                others = [s for s in seasoned if s not in mentors][k : k + size - len(group)]
                group += others
                category = "new_position"
        if len(group) < size:
            continue
        need = NEEDS[3] if form == "reverse" else NEEDS[(k + position) % len(NEEDS)]
        for mentee in group:
            banks.add_mentee(mentee.id, category, need[0], need[1], on)
        made.append(
            pairings.create_pairing(
                mentors[k % len(mentors)].id,
                [m.id for m in group],
                form,
                start + timedelta(days=18),
            )
        )
        needs.append(need)
    # Young teachers in the bank still waiting for a mentor (the curator's matching shows them).
    for mentee in queue[: profile["waiting"]]:
        need = NEEDS[rng.randrange(len(NEEDS))]
        banks.add_mentee(mentee.id, "young", need[0], need[1], on + timedelta(days=20))
    if not made:
        return
    formed = start + timedelta(days=19)
    if not profile.get("orders", True):
        _approve(made, formed, None, curator)
        return
    _approve(made, formed, f"{130 + position}-од", curator)

    overdue = profile["overdue"]
    early = None
    for k, (pair, need) in enumerate(zip(made, needs, strict=True)):
        begins = start + timedelta(days=24 + 3 * (k % 4))
        months = (6, 8, 9, 4)[k % 4]
        ends = min(date(start.year + 1, 5, 31), begins + timedelta(days=30 * months))
        program = _program(rng, pair, need, pair.form, begins, ends)
        for activity in programs.plan_of(program):
            if activity.due_on >= today:
                break
            if overdue and activity.due_on > today - timedelta(days=45):
                overdue -= 1  # left unmarked: overdue on the curator's page and the district's
                continue
            _mark(program, activity, rng.choice(RESULTS), curator, activity.due_on)
        if profile.get("early_end") and early is None and k == len(made) - 1:
            early = program
    if early is not None:
        on = today - timedelta(days=9)
        ending.end_program(
            early,
            EndReason.MUTUAL,
            "Наставляемый переведён в другую школу района.",
            access.part_in(early, curator),
            on,
        )
        pair = early.pairing
        surveys.fill_end_of_program(
            early,
            pair.mentor_staff_id,
            [m.mentee_staff_id for m in pair.members],
            on + timedelta(days=2),
            position,
        )
        order = order_ending.draft_ending_order(
            [early.id], on, curator, curator=wording.curator_in_dative(curator).text
        )
        order_ending.sign_ending_order(order, f"{150 + position}-од", on + timedelta(days=1), None)
