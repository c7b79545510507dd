"""A questionnaire's results: for the school, a program or a form of mentoring.

Only aggregates, and only from MIN_ANSWERS responses up; free-text answers are listed in
alphabetical order, never with a name or a date.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from nastavnik.extensions import db
from nastavnik.tenants.programs.models import Program
from nastavnik.tenants.vocabulary import Area

from .models import Answer, Assignment, AssignmentStatus, QuestionKind, Questionnaire, Response
from .stats import MIN_ANSWERS


@dataclass
class Bar:
    label: str
    count: int
    share: float  # of the respondents who answered the question, 0..1


@dataclass
class QuestionResult:
    question: object
    area: str
    answered: int = 0  # responses that answered it
    average: float | None = None
    bars: list[Bar] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @property
    def enough(self) -> bool:
        """A figure of fewer answers (one area of one program, say) could point at a person."""
        return self.answered >= MIN_ANSWERS

    @property
    def area_label(self) -> str:
        return Area(self.area).label if self.area else ""


@dataclass
class Results:
    responses: int
    enough: bool
    questions: list[QuestionResult]


def _responses(questionnaire: Questionnaire, program_id=None, form=None):
    statement = select(Response.id).where(Response.questionnaire_id == questionnaire.id)
    if program_id is not None:
        statement = statement.where(Response.program_id == program_id)
    if form:
        statement = statement.where(Response.form == form)
    return statement


def results_of(questionnaire: Questionnaire, program_id=None, form=None) -> Results:
    responses = _responses(questionnaire, program_id, form).subquery()
    total = db.session.execute(select(func.count()).select_from(responses)).scalar_one()
    if total < MIN_ANSWERS:
        return Results(total, False, [])
    in_filter = Answer.response_id.in_(select(responses.c.id))
    counted = db.session.execute(
        select(
            Answer.question_id,
            Answer.area,
            Answer.value,
            func.count(Answer.id),
            func.count(func.distinct(Answer.response_id)),
        )
        .where(in_filter, Answer.value.is_not(None))
        .group_by(Answer.question_id, Answer.area, Answer.value)
    ).all()
    answered = {
        f"{question_id}:{area}": n
        for question_id, area, n in db.session.execute(
            select(Answer.question_id, Answer.area, func.count(func.distinct(Answer.response_id)))
            .where(in_filter)
            .group_by(Answer.question_id, Answer.area)
        )
    }
    texts: dict[tuple[int, str], list[str]] = defaultdict(list)
    for question_id, area, text in db.session.execute(
        select(Answer.question_id, Answer.area, Answer.text)
        .where(in_filter, Answer.text != "")
        .order_by(Answer.text)
    ):
        texts[(question_id, area)].append(text)
    values: dict[tuple[int, str], dict[int, int]] = defaultdict(dict)
    for question_id, area, value, n, _people in counted:
        values[(question_id, area)][value] = n
    areas_seen: dict[int, list[str]] = defaultdict(list)
    for question_id, area in sorted({(q, a) for q, a, *_ in counted} | set(texts)):
        areas_seen[question_id].append(area)
    out = []
    for question in questionnaire.questions:
        for area in areas_seen.get(question.id) or [""]:
            key = (question.id, area)
            result = QuestionResult(question, area, answered.get(f"{question.id}:{area}", 0))
            counts = values.get(key, {})
            if question.kind == QuestionKind.SCALE:
                top = question.scale_max or 5
                n = sum(counts.values())
                if n:
                    result.average = round(sum(v * c for v, c in counts.items()) / n, 2)
                result.bars = [
                    Bar(str(v), counts.get(v, 0), counts.get(v, 0) / n if n else 0)
                    for v in range(1, top + 1)
                ]
            elif question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
                people = result.answered or 1
                result.bars = [
                    Bar(option, counts.get(i, 0), counts.get(i, 0) / people)
                    for i, option in enumerate(question.options)
                ]
            else:
                result.texts = texts.get(key, [])
            out.append(result)
    return Results(total, True, out)


def programs_answered(questionnaire: Questionnaire) -> list[Program]:
    """The programs whose participants answered this questionnaire, for the filter."""
    return list(
        db.session.execute(
            select(Program)
            .where(
                Program.id.in_(
                    select(Response.program_id).where(Response.questionnaire_id == questionnaire.id)
                )
            )
            .order_by(Program.title, Program.id)
        ).scalars()
    )


def forms_answered(questionnaire: Questionnaire) -> list[str]:
    return [
        f
        for f in db.session.execute(
            select(Response.form)
            .where(Response.questionnaire_id == questionnaire.id, Response.form != "")
            .distinct()
            .order_by(Response.form)
        ).scalars()
    ]


def overview() -> list[tuple[Questionnaire, int, int, int]]:
    """Each questionnaire of the school: asked, answered, responses (school-wide results)."""
    asked = (
        select(
            Assignment.questionnaire_id.label("qid"),
            func.count(Assignment.id).label("asked"),
            func.sum(case((Assignment.status == AssignmentStatus.SUBMITTED, 1), else_=0)).label(
                "done"
            ),
        )
        .group_by(Assignment.questionnaire_id)
        .subquery()
    )
    got = (
        select(Response.questionnaire_id.label("qid"), func.count(Response.id).label("n"))
        .group_by(Response.questionnaire_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Questionnaire, asked.c.asked, asked.c.done, got.c.n)
        .outerjoin(asked, asked.c.qid == Questionnaire.id)
        .outerjoin(got, got.c.qid == Questionnaire.id)
        .order_by(Questionnaire.purpose, Questionnaire.id)
        .options(selectinload(Questionnaire.questions))  # the page counts them
    )
    return [(q, a or 0, int(d or 0), n or 0) for q, a, d, n in rows]
