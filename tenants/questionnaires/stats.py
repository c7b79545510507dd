"""Questionnaire figures, per school: one SQL query each, {school_id: value}.

Run under the bound scope: a school sees only itself; the district calls these inside
`nastavnik.tenancy.all_schools()`. An academic year runs from 1 September to 31 August and
counts what was answered (or asked) in it.
"""

from collections import defaultdict
from datetime import date

from sqlalchemy import and_, case, func, select

from nastavnik.dates import AcademicYear
from nastavnik.extensions import db
from nastavnik.yearly import Years

from .models import (
    Answer,
    Assignment,
    AssignmentStatus,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
)

# Fewer answers than this and no figure is shown: it could point at a person.
MIN_ANSWERS = 3


def year_bounds(year_start: int) -> tuple[date, date]:
    """[1 September, next 1 September) of the academic year that begins in `year_start`."""
    return date(year_start, 9, 1), date(year_start + 1, 9, 1)


def _same_school(child_fk, child, parent):
    return and_(child_fk == parent.id, child.school_id == parent.school_id)


def question_averages(
    year: int | Years,
) -> dict[int, list[tuple[str, str, float | None, int]]]:
    """{school_id: [(questionnaire title, question text, average, answers)]} for the scale
    questions answered in the year; the average is None under MIN_ANSWERS answers. Given
    `Years`, {year: that} for each of them in one statement."""
    years = year if isinstance(year, Years) else Years([AcademicYear(year)])
    answers = func.count(Answer.id)
    rows = db.session.execute(
        select(
            *years.key,
            Question.school_id,
            Questionnaire.title,
            Question.text,
            func.avg(Answer.value),
            answers,
        )
        .join(Questionnaire, _same_school(Question.questionnaire_id, Question, Questionnaire))
        .join(Answer, _same_school(Answer.question_id, Answer, Question))
        .join(Response, _same_school(Answer.response_id, Answer, Response))
        .where(
            Question.kind == QuestionKind.SCALE,
            Answer.value.is_not(None),
            Response.submitted_on >= years.start,
            Response.submitted_on < years.next_start,
        )
        .group_by(
            *years.key,
            Question.school_id,
            Questionnaire.id,
            Questionnaire.title,
            Question.id,
            Question.position,
            Question.text,
        )
        .order_by(*years.key, Question.school_id, Questionnaire.id, Question.position, Question.id)
    ).all()
    by_year = {}
    for academic_year, found in years.split(rows).items():
        out: dict[int, list] = defaultdict(list)
        for school_id, title, text, average, n in found:
            shown = round(float(average), 2) if n >= MIN_ANSWERS else None
            out[school_id].append((title, text, shown, n))
        by_year[academic_year] = dict(out)
    return by_year if isinstance(year, Years) else by_year[years.years[0]]


def answer_counts(year_start: int) -> dict[int, tuple[int, int]]:
    """{school_id: (people asked to fill a questionnaire, of them answered)} in the year."""
    start, end = year_bounds(year_start)
    answered = func.sum(case((Assignment.status == AssignmentStatus.SUBMITTED, 1), else_=0))
    rows = db.session.execute(
        select(Assignment.school_id, func.count(Assignment.id), answered)
        .where(Assignment.assigned_on >= start, Assignment.assigned_on < end)
        .group_by(Assignment.school_id)
    )
    return {school_id: (asked, int(done or 0)) for school_id, asked, done in rows}
