"""The demo's questionnaires, filled through the same services the screens use: the potential
mentors' survey of each mentor, and both end-of-program questionnaires of last year's programs
(varied answers, so that the results page has something to show from three answers up)."""

from datetime import date

from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from nastavnik.extensions import db
from nastavnik.tenants.questionnaires import filling
from nastavnik.tenants.questionnaires.models import (
    Assignment,
    AssignmentStatus,
    Purpose,
    QuestionKind,
    Questionnaire,
)

# Each mentor's survey, in their words: (motivation, experience, expectations), the areas they
# can help in and the preferred forms (indexes of the default questionnaire's options), their
# how many mentees at once, their experience of mentoring (an option's index), confidence.
MENTOR_SURVEYS = {
    "mentor1": (
        "Хочу помочь молодым коллегам быстрее почувствовать себя уверенно у доски.",
        "Руковожу МО учителей математики, готовлю к олимпиадам, даю открытые уроки.",
        "Рост мастерства наставляемого и свежий взгляд на собственные уроки.",
        [0, 1, 3],
        [0, 4],
        1,
        2,
        5,
    ),
    "mentor2": (
        "Помню, как трудно было в первый год; хочу, чтобы у молодых было на кого опереться.",
        "Классное руководство 15 лет, работа с родителями, подготовка к ОГЭ по русскому языку.",
        "Сплочённое методическое объединение, обмен приёмами работы.",
        [1, 2, 3],
        [0, 1],
        2,
        3,
        4,
    ),
    "mentor3": (
        "Могу помочь коллегам освоить цифровые инструменты, которыми пользуюсь каждый день.",
        "Веду электронный журнал школы, провожу занятия по цифровым ресурсам для коллег.",
        "Чтобы цифровая среда стала помощником, а не нагрузкой.",
        [5, 1],
        [2, 5, 4],
        1,
        1,
        4,
    ),
    "mentor4": (
        "Начальная школа требует особого подхода; готова делиться наработками.",
        "20 лет в начальной школе, адаптация первоклассников, работа с психологом.",
        "",
        [2, 3, 4],
        [0, 1],
        2,
        2,
        5,
    ),
}

# End-of-program answers, one set per program: mentee's scales (satisfaction, mentor's help,
# availability, progress per area, realism), useful forms, confidence option, two texts;
# mentor's scales (satisfaction, progress per area, activity, time, support), obstacles,
# readiness option, text.
MENTEE_ANSWERS = [
    (
        [5, 5, 5, 4, 4],
        [0, 1, 2],
        0,
        "Посещение уроков наставника и разбор моих уроков.",
        "Больше времени на совместное планирование уроков.",
    ),
    (
        [4, 5, 4, 4, 3],
        [0, 2],
        1,
        "Помощь в подготовке к родительскому собранию.",
        "Встречаться чаще в начале года, когда труднее всего.",
    ),
    ([4, 4, 3, 3, 4], [1, 3], 1, "Советы, как работать с первоклассниками в период адаптации.", ""),
]
MENTOR_ANSWERS = [
    ([5, 4, 5, 3, 4], [0], 0, "Предусмотреть часы наставника в нагрузке."),
    ([4, 4, 4, 2, 4], [0, 1], 1, "Общий план взаимопосещений для всего МО."),
    ([4, 3, 4, 3, 3], [2], 0, "Методические материалы по адаптации первоклассников."),
]


def _form_for(items, scales, choices_many, choice_one, texts) -> MultiDict:
    """The answers as the fill page would send them, in the questionnaire's order."""
    form = MultiDict()
    scale_values = iter(scales)
    text_values = iter(texts)
    for item in items:
        kind = item.question.kind
        if kind == QuestionKind.SCALE:
            form.add(item.key, str(next(scale_values, 3)))
        elif kind == QuestionKind.MULTIPLE:
            for option in choices_many:
                if option < len(item.question.options):
                    form.add(item.key, str(option))
        elif kind == QuestionKind.SINGLE:
            form.add(item.key, str(choice_one))
        else:
            text = next(text_values, "")
            if text:
                form.add(item.key, text)
    return form


def _scales_for(items, scales):
    """One scale value per item: a per-area question's value for its first area, one less for
    the next ones (the progress is seldom even)."""
    out, values = [], iter(scales)
    current = None
    for item in items:
        if item.question.kind != QuestionKind.SCALE:
            continue
        if item.question.per_area and current is not None and current[0] == item.question.id:
            out.append(max(1, current[1] - 1))
            continue
        value = next(values, scales[-1])
        current = (item.question.id, value)
        out.append(value)
    return out


def _submit(assignment: Assignment, on: date, scales, many, one, texts) -> None:
    questionnaire = db.session.get(Questionnaire, assignment.questionnaire_id)
    items = filling.items_of(questionnaire, filling.program_of(assignment))
    form = _form_for(items, _scales_for(items, scales), many, one, texts)
    filling.submit(assignment, items, form, on)


def _pending(staff_id: int, purpose: Purpose, program_id=None) -> Assignment | None:
    statement = (
        select(Assignment)
        .join(Questionnaire, Questionnaire.id == Assignment.questionnaire_id)
        .where(
            Assignment.staff_id == staff_id,
            Assignment.status == AssignmentStatus.PENDING,
            Questionnaire.purpose == purpose,
        )
    )
    if program_id is not None:
        statement = statement.where(Assignment.program_id == program_id)
    return db.session.execute(statement).scalars().first()


def fill_mentor_surveys(people: dict, on: date) -> None:
    """Each mentor answered the survey of potential mentors on entering the bank."""
    for key, survey in MENTOR_SURVEYS.items():
        if key not in people:
            continue
        motivation, experience, expectations, areas, forms, capacity, before, sure = survey
        assignment = _pending(people[key].id, Purpose.POTENTIAL_MENTOR)
        if assignment is None:
            continue
        questionnaire = db.session.get(Questionnaire, assignment.questionnaire_id)
        items = filling.items_of(questionnaire, None)
        form = MultiDict()
        texts = iter([motivation, experience])
        multiples = iter([areas, forms])
        singles = iter([before, capacity - 1])  # the options: one, two, three and more
        for item in items:
            kind = item.question.kind
            if kind == QuestionKind.TEXT:
                text = next(texts, expectations)
                if text:
                    form.add(item.key, text)
            elif kind == QuestionKind.MULTIPLE:
                for option in next(multiples, []):
                    form.add(item.key, str(option))
            elif kind == QuestionKind.SINGLE:
                form.add(item.key, str(next(singles, 0)))
            else:
                form.add(item.key, str(sure))
        filling.submit(assignment, items, form, on)


def fill_end_of_program(program, mentor_id: int, mentee_ids, on: date, variant: int) -> None:
    """The mentor and mentee(s) of an ended program answered within the deadline."""
    scales, many, one, *texts = MENTOR_ANSWERS[variant % len(MENTOR_ANSWERS)]
    assignment = _pending(mentor_id, Purpose.MENTOR_END, program.id)
    if assignment is not None:
        _submit(assignment, on, scales, many, one, texts)
    for n, mentee_id in enumerate(mentee_ids):
        scales, many, one, *texts = MENTEE_ANSWERS[(variant + n) % len(MENTEE_ANSWERS)]
        assignment = _pending(mentee_id, Purpose.MENTEE_END, program.id)
        if assignment is not None:
            _submit(assignment, on, scales, many, one, texts)
