"""The demo school's mentoring year, made through the same services the screens use.

Last academic year: one pair whose program was completed and published. This year: a pair,
a group and a reverse-mentoring pair approved by one order, programs in progress with
activities done and overdue, one program extended by agreement, one consent revoked, two
mentees still waiting for the curator's matching, an open request for another mentor.
The school's profile (data.PROFILES) trims it: the smallest school does without the optional
people, the one without a signed order keeps this year's pairs waiting for the signature, the
one on time has its overdue activities done. Each school's own teachers: variety.py.
"""

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from nastavnik import dates
from nastavnik.dates import AcademicYear
from nastavnik.extensions import db
from nastavnik.models import Account
from nastavnik.tenants.banks import services as banks
from nastavnik.tenants.banks.models import MentorEntry, TrainingKind
from nastavnik.tenants.consents import services as consents
from nastavnik.tenants.consents.models import ConsentKind
from nastavnik.tenants.orders import ending as order_ending
from nastavnik.tenants.orders import services as orders
from nastavnik.tenants.orders import wording
from nastavnik.tenants.pairings import services as pairings
from nastavnik.tenants.programs import access, changes, ending
from nastavnik.tenants.programs import plan as programs
from nastavnik.tenants.programs.models import (
    ActivityStatus,
    ChangeKind,
    EndReason,
    Program,
    ProgramStatus,
)
from nastavnik.tenants.requests import services as requests
from nastavnik.tenants.staff import services as staff_register
from nastavnik.tenants.statistics import services as statistics

from . import data, surveys


def academic_year_start(today: date) -> date:
    return date(today.year if today.month >= 9 else today.year - 1, 9, 1)


def seed_mentoring(
    position: int, names: dict, accounts: dict[str, Account], profile: dict | None = None
) -> dict:
    """The school's named core (the demo accounts' people and pairs); returns its people."""
    profile = profile or {}
    today = dates.today()
    this_year = academic_year_start(today)
    last_year = this_year.replace(year=this_year.year - 1)
    skip = set(data.OPTIONAL) if profile.get("small") else set()
    people = _staff(names, accounts, skip)
    curator = accounts["curator"]

    for n, (key, person) in enumerate(people.items(), start=1):
        signed = max(last_year, person.hired_on + timedelta(days=3))
        consents.record_consent(
            person, ConsentKind.PERSONAL_DATA, signed_on=signed, paper_number=f"ПДн-{n}/{signed:%y}"
        )
        if key.startswith("mentor"):
            consents.record_consent(
                person, ConsentKind.MENTOR_DUTY, signed_on=signed, paper_number=f"Н-{n}/{signed:%y}"
            )
        if key in ("curator", "mentor1", "mentee1", "mentee6"):
            consents.record_consent(
                person, ConsentKind.PUBLICATION, signed_on=signed, paper_number=f"П-{n}/{signed:%y}"
            )

    _mentor_bank(people, last_year + timedelta(days=1))
    surveys.fill_mentor_surveys(people, last_year + timedelta(days=6))
    _last_year(people, accounts, last_year, position)
    _last_year_report(last_year, curator, position)
    _this_year(people, accounts, this_year, today, position, profile)

    # A teacher who asked to be taken out: the bank entry is closed and the details hidden.
    revoked = people.get("revoked")
    if revoked is None:
        return people
    banks.add_mentee(revoked.id, "difficulties", ("digital",), "", this_year + timedelta(days=1))
    consent = consents.history(revoked.id)[0]
    consents.revoke_consent(
        consent, this_year + timedelta(days=30), "Заявление об отзыве согласия", by=curator
    )
    return people


def _staff(names: dict, accounts: dict[str, Account], skip=()) -> dict:
    people = {}
    for key, login, _roles, position, subjects, total, teaching, category, hired in data.STAFF:
        if key in skip:
            continue
        last, first, middle = names[key]
        person = staff_register.create_staff(
            last_name=last,
            first_name=first,
            middle_name=middle,
            position=position,
            subjects=subjects,
            total_years=total,
            teaching_years=teaching,
            category=category,
            hired_on=date.fromisoformat(hired),
            born_on=_born(key, total, len(people)),
            phone=f"+7 928 {700 + len(people):03d}-{len(people) * 7 % 100:02d}-{len(people):02d}",
            email=f"{key}@school.example",
        )
        if login:
            person.account_id = accounts[login].id
        people[key] = person
    db.session.flush()
    return people


def _born(key: str, total_years: int, n: int) -> date | None:
    """About 22 at the start of work; the director's and the psychologist's are not given."""
    if key in ("director", "psychologist"):
        return None
    year = dates.today().year - 22 - total_years - n % 3
    return date(year, 1 + (n * 5) % 12, 1 + (n * 7) % 27)


def _mentor_bank(people: dict, on: date) -> None:
    entries = {}
    for key, competences, capacity, forms, digital in (
        (
            "mentor1",
            ("subject", "methods", "lessons"),
            1,
            ("traditional", "teacher_teacher"),
            False,
        ),
        (
            "mentor2",
            ("methods", "upbringing", "psychology"),
            2,
            ("group", "teacher_teacher"),
            False,
        ),
        ("mentor3", ("digital", "methods"), 1, ("reverse", "virtual"), True),
        ("mentor4", ("upbringing", "psychology", "lessons"), 2, ("traditional",), False),
    ):
        if key not in people:
            continue
        entries[key] = banks.add_mentor(people[key].id, competences, capacity, forms, digital, on)
        banks.add_training(
            entries[key],
            TrainingKind.SESSION,
            "Установочная сессия для наставников",
            on + timedelta(days=1),
            4,
        )
    banks.add_training(
        entries["mentor2"],
        "internship",
        "Стажировка «Наставничество в образовательной организации»",
        on + timedelta(days=40),
        16,
    )


def _approve(pairing_list, on: date, number: str | None, curator: Account) -> None:
    """The pairs' written consents and the order on them; signed unless `number` is None."""
    for pairing in pairing_list:
        pairings.record_consents(pairing, on, {m.mentee_staff_id: on for m in pairing.members})
    order = orders.draft_pairings_order(
        [p.id for p in pairing_list], on, curator, curator=wording.curator_in_dative(curator).text
    )
    if number is not None:
        orders.sign_pairings_order(order, number, on, None)


def _mark(program, activity, result: str, by: Account, on: date) -> None:
    programs.mark_done(activity, result, None, access.part_in(program, by), on)
    activity.marked_at = datetime.combine(on, time(15, 0))


# Last year's programs, all completed: (mentor, mentee, form, title, goals, areas, difficulties,
# expected results, published results, mentee's category).
LAST_YEAR = (
    (
        "mentor1",
        "mentee6",
        "teacher_teacher",
        "Адаптация молодого учителя английского языка",
        "Освоить методику современного урока и приёмы управления классом.",
        ("methods", "lessons"),
        "Трудности с дисциплиной на уроке",
        "Самостоятельное проведение уроков, открытый урок на уровне школы.",
        "Наставляемая провела открытый урок, освоила приёмы управления классом.",
    ),
    (
        "mentor2",
        "mentee2",
        "traditional",
        "Первый год классного руководства",
        "Освоить планирование воспитательной работы класса и общение с родителями.",
        ("upbringing", "lessons"),
        "Классное руководство, родительские собрания",
        "План воспитательной работы класса, проведённые родительские собрания.",
        "Составлен план воспитательной работы, проведены два родительских собрания.",
    ),
    (
        "mentor4",
        "mentee5",
        "traditional",
        "Адаптация учителя начальных классов",
        "Освоить организацию урока в первом классе и работу в период адаптации детей.",
        ("methods", "psychology"),
        "Адаптация первоклассников, организация урока",
        "Уроки в первом классе без срывов, программа адаптационного периода.",
        "Наставляемая самостоятельно ведёт уроки в первом классе, разработана памятка.",
    ),
)


def _last_year(people: dict, accounts: dict, start: date, position: int) -> None:
    formed = start + timedelta(days=20)
    made = []
    for mentor_key, mentee_key, form, *_rest in LAST_YEAR:
        mentee = people[mentee_key]
        banks.add_mentee(
            mentee.id, "young", _rest[2], _rest[3], max(start, mentee.hired_on) + timedelta(days=5)
        )
        made.append(pairings.create_pairing(people[mentor_key].id, [mentee.id], form, formed))
    _approve(made, formed, f"{41 + position}-од", accounts["curator"])
    begins = formed + timedelta(days=5)
    ends = date(start.year + 1, 5, 29)
    curator = accounts["curator"]
    ended = []
    for variant, (pair, row) in enumerate(zip(made, LAST_YEAR, strict=True)):
        mentor_key, mentee_key, form, title, goals, areas, text, expected, results = row
        program = programs.create_program(
            pair,
            title,
            goals,
            areas,
            text,
            (form,),
            expected,
            begins,
            ends,
            [
                {
                    "title": "Диагностика профессиональных затруднений",
                    "due_on": begins + timedelta(days=10),
                    "responsible": "Наставник",
                },
                {
                    "title": "Взаимопосещение уроков",
                    "due_on": begins + timedelta(days=60),
                    "responsible": "Наставник и наставляемый",
                },
                {
                    "title": "Открытый урок наставляемого",
                    "due_on": date(start.year + 1, 4, 15),
                    "responsible": "Наставляемый",
                },
            ],
        )
        for activity in programs.plan_of(program):
            _mark(
                program, activity, "Выполнено, обсуждено с наставником.", curator, activity.due_on
            )
        ending.end_program(program, EndReason.COMPLETED, "", access.part_in(program, curator), ends)
        ending.publish_results(program, results)
        # Stage 6: both answered the end-of-program questionnaires within the month.
        surveys.fill_end_of_program(
            program,
            people[mentor_key].id,
            [people[mentee_key].id],
            ends + timedelta(days=3 + variant),
            variant + position,
        )
        ended.append(program.id)
    # 7.1: the director's order records the endings, each with its ground.
    order = order_ending.draft_ending_order(
        ended,
        ends + timedelta(days=1),
        curator,
        curator=wording.curator_in_dative(curator).text,
    )
    order_ending.sign_ending_order(order, f"{75 + position}-од", ends + timedelta(days=2), None)


def _last_year_report(start: date, curator: Account, position: int) -> None:
    """What the curator wrote in last year's annual report (3.4); the figures are computed."""
    statistics.save_text_parts(
        AcademicYear(start.year),
        curator,
        aims=(
            "Цель года — создать условия для профессионального становления молодых педагогов "
            "и закрепления их в школе.\n"
            "Задачи: сформировать банки наставников и наставляемых; организовать пары; "
            "разработать и выполнить персонализированные программы; провести мониторинг."
        ),
        conclusions=(
            "Система наставничества в школе запущена: сформированы банки, утверждена первая "
            "пара, программа адаптации выполнена в полном объёме, результаты опубликованы.\n"
            f"Охват молодых педагогов пока невелик: часть из них пришла в школу в конце года "
            f"(школа № {position + 1} района)."
        ),
        tasks=(
            "Охватить наставничеством всех молодых педагогов.\n"
            "Применить групповую и реверсивную формы наставничества.\n"
            "Провести анкетирование участников по окончании каждой программы."
        ),
    )


def _this_year(
    people: dict, accounts: dict, start: date, today: date, position: int, profile: dict
) -> None:
    on = start + timedelta(days=1)
    on_time = profile.get("on_time", False)
    for key, category, requests_, text in (
        ("mentee1", "young", ("subject", "methods"), "Как объяснять решение текстовых задач"),
        (
            "mentee2",
            "young",
            ("methods", "upbringing"),
            "Классное руководство, работа с родителями",
        ),
        ("mentee3", "young", ("lessons", "methods"), "Первый год работы в школе"),
        (
            "mentee4",
            "reverse",
            ("digital",),
            "Электронный журнал, цифровые образовательные ресурсы",
        ),
        ("mentee5", "young", ("upbringing", "psychology"), "Адаптация первоклассников"),
        (
            "mentee7",
            "new_to_school",
            ("lessons", "upbringing"),
            "Новый коллектив, внеурочная работа",
        ),
    ):
        if key in people:
            banks.add_mentee(people[key].id, category, requests_, text, on)

    formed = start + timedelta(days=4)
    pair = pairings.create_pairing(
        people["mentor1"].id, [people["mentee1"].id], "traditional", formed
    )
    group = pairings.create_pairing(
        people["mentor2"].id, [people["mentee2"].id, people["mentee3"].id], "group", formed
    )
    made = [pair, group]
    reverse = None
    if "mentor3" in people:
        reverse = pairings.create_pairing(
            people["mentor3"].id, [people["mentee4"].id], "reverse", formed
        )
        made.append(reverse)
    second_year = None
    if on_time and "mentee5" in people:
        # A school on time has matched every young teacher: the beginner of the primary classes
        # goes on with last year's mentor for a second year of adaptation.
        second_year = pairings.create_pairing(
            people["mentor4"].id, [people["mentee5"].id], "traditional", formed
        )
        made.append(second_year)
    if not profile.get("orders", True):
        # This year's order waits for the director's signature: the pairs wait with it.
        _approve(made, formed, None, accounts["curator"])
        return
    _approve(made, formed, f"{112 + position}-од", accounts["curator"])

    begins = start + timedelta(days=14)

    def plan(*items):
        return [{"title": t, "due_on": d, "responsible": r} for t, d, r in items]

    overdue = max(today - timedelta(days=12), begins + timedelta(days=20))
    soon = today + timedelta(days=9)
    first = programs.create_program(
        pair,
        "Профессиональное становление молодого учителя математики",
        "Освоить методику обучения решению текстовых задач; подготовить открытый урок.",
        ("subject", "methods"),
        "Как объяснять решение текстовых задач",
        ("traditional",),
        "Наставляемый самостоятельно проектирует уроки, проводит открытый урок.",
        begins,
        date(start.year + 1, 3, 31),
        plan(
            ("Знакомство и диагностика затруднений", begins + timedelta(days=10), "Наставник"),
            ("Посещение уроков наставника", begins + timedelta(days=35), "Наставляемый"),
            ("Совместная разработка урока решения задач", overdue, "Наставник и наставляемый"),
            ("Открытый урок наставляемого в 6 классе", soon, "Наставляемый"),
            (
                "Участие в школьном методическом семинаре",
                date(start.year + 1, 2, 15),
                "Наставляемый",
            ),
        ),
    )
    mentor1, mentee1 = accounts["mentor1"], accounts["mentee1"]
    activities = programs.plan_of(first)
    _mark(
        first,
        activities[0],
        "Составлена карта затруднений, намечены темы.",
        mentor1,
        activities[0].due_on,
    )
    _mark(
        first,
        activities[1],
        "Посещено 4 урока, обсуждены приёмы.",
        mentee1,
        activities[1].due_on + timedelta(days=1),
    )
    if on_time:
        _mark(
            first,
            activities[2],
            "Урок разработан вместе, проведён в 6 «А».",
            mentor1,
            activities[2].due_on,
        )
    # 7.2: the term is extended to the end of the school year, with both agreements.
    change = changes.propose_change(
        first,
        ChangeKind.EXTEND,
        "Продлить программу до конца учебного года, чтобы провести итоговую рефлексию.",
        {"ends_on": date(start.year + 1, 5, 31).isoformat()},
        access.part_in(first, mentor1),
    )
    changes.agree(change, access.part_in(first, mentee1))

    second = programs.create_program(
        group,
        "Адаптация молодых учителей-словесников",
        "Освоить классное руководство и работу с родителями; методику урока литературы.",
        ("methods", "upbringing"),
        "Классное руководство, работа с родителями",
        ("group",),
        "Наставляемые проводят родительские собрания и уроки без помощи наставника.",
        begins,
        date(start.year + 1, 5, 31),
        plan(
            (
                "Групповое занятие «Первые шаги классного руководителя»",
                begins + timedelta(days=16),
                "Наставник",
            ),
            (
                "Подготовка к родительскому собранию",
                max(today - timedelta(days=19), begins + timedelta(days=25)),
                "Наставляемые",
            ),
            (
                "Взаимопосещение уроков литературы",
                date(start.year + 1, 1, 20),
                "Наставник и наставляемые",
            ),
        ),
    )
    first_activity = programs.plan_of(second)[0]
    _mark(
        second,
        first_activity,
        "Проведено занятие, даны памятки.",
        accounts["mentor2"],
        first_activity.due_on + timedelta(days=1),
    )

    if on_time:
        meeting = programs.plan_of(second)[1]
        _mark(
            second,
            meeting,
            "Составлен сценарий собрания, проведена репетиция.",
            accounts["mentor2"],
            meeting.due_on,
        )
    if reverse is not None:
        _reverse_program(reverse, start, accounts, plan)
    if second_year is not None:
        programs.create_program(
            second_year,
            "Второй год адаптации учителя начальных классов",
            "Освоить проектную работу с младшими школьниками и подготовку к ВПР.",
            ("methods", "psychology"),
            "Адаптация первоклассников",
            ("traditional",),
            "Наставляемая ведёт проектную работу класса и готовит учеников к ВПР сама.",
            begins,
            date(start.year + 1, 5, 31),
            plan(
                ("Диагностика затруднений второго года", begins + timedelta(days=10), "Наставник"),
                ("Проект класса «Моя малая родина»", date(start.year + 1, 3, 20), "Наставляемая"),
            ),
        )

    # Training of mentors this year: a district seminar for two of them.
    for key in ("mentor1", "mentor2"):
        banks.add_training(
            db.session.execute(
                select(MentorEntry).where(MentorEntry.staff_id == people[key].id)
            ).scalar_one(),
            TrainingKind.SEMINAR,
            "Районный семинар «Наставничество: от адаптации к профессиональному росту»",
            start + timedelta(days=50),
            6,
        )

    requests.file_request(
        group,
        people["mentee2"],
        "Прошу назначить наставника с опытом классного руководства в начальной школе.",
        accounts["mentee2"],
    )


def _reverse_program(reverse, start: date, accounts: dict, plan) -> None:
    third = programs.create_program(
        reverse,
        "Обратное наставничество: цифровая образовательная среда",
        "Освоить электронный журнал и создание интерактивных заданий.",
        ("digital",),
        "Электронный журнал, цифровые образовательные ресурсы",
        ("reverse",),
        "Наставляемый ведёт электронный журнал и использует ЦОР на уроках.",
        start + timedelta(days=9),
        date(start.year + 1, 1, 31),
        plan(
            ("Настройка электронного журнала", start + timedelta(days=20), "Наставник"),
            ("Создание интерактивного задания", date(start.year, 12, 20), "Наставляемый"),
        ),
    )
    done = programs.plan_of(third)[0]
    _mark(third, done, "Журнал настроен, проведено занятие.", accounts["curator"], done.due_on)


def keep_on_time(accounts: dict[str, Account]) -> None:
    """A school on time (the profile's `on_time`): every activity of its running programs whose
    date has passed is done on that date, and a program whose term is over is completed, so
    nothing is overdue whatever day the demo is loaded on."""
    today = dates.today()
    curator = accounts["curator"]
    running = db.session.execute(
        select(Program).where(Program.status == ProgramStatus.ACTIVE).order_by(Program.id)
    ).scalars()
    for program in list(running):
        over = program.ends_on < today  # its term is over: the whole plan done, then ended
        for activity in programs.plan_of(program):
            if activity.status == ActivityStatus.PLANNED and (activity.due_on < today or over):
                _mark(program, activity, "Выполнено в срок.", curator, min(activity.due_on, today))
        if over:
            ending.end_program(
                program, EndReason.COMPLETED, "", access.part_in(program, curator), program.ends_on
            )
