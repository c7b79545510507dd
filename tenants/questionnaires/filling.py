"""A person fills their own questionnaire: saves a draft, comes back, and sends it once."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, update

from nastavnik.extensions import db
from nastavnik.refusals import Refusal
from nastavnik.tenants.pairings.models import Pairing
from nastavnik.tenants.programs.models import Program
from nastavnik.tenants.staff.models import Staff
from nastavnik.tenants.vocabulary import Area

from .editing import MAX_TEXT
from .models import (
    Answer,
    Assignment,
    AssignmentStatus,
    Purpose,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
)
from .stats import MIN_ANSWERS


@dataclass(frozen=True)
class Item:
    """One thing to answer: a question, or a per-area question for one of the program's areas."""

    question: Question
    area: str = ""

    @property
    def key(self) -> str:
        return f"q{self.question.id}" + (f"-{self.area}" if self.area else "")

    @property
    def area_label(self) -> str:
        return Area(self.area).label if self.area else ""


def program_of(assignment: Assignment) -> Program | None:
    if assignment.program_id is None:
        return None
    return db.session.execute(
        select(Program).where(Program.id == assignment.program_id)
    ).scalar_one_or_none()


def items_of(questionnaire: Questionnaire, program: Program | None) -> list[Item]:
    """The questions in order; a per-area one once for each difficulty the program addressed."""
    areas = [a for a in (program.difficulties if program else ()) if Area.parse(a)]
    out = []
    for question in questionnaire.questions:
        if question.per_area and areas:
            out.extend(Item(question, area) for area in areas)
        else:
            out.append(Item(question))
    return out


def _number(raw) -> int | None:
    try:
        return int(str(raw).strip())
    except (TypeError, ValueError):
        return None


def read_answers(items: list[Item], form) -> dict[str, object]:
    """The answers in a submitted form, checked for shape; a blank one is left out."""
    answers: dict[str, object] = {}
    for item in items:
        q = item.question
        where = f"«{q.text}»" + (f" ({item.area_label})" if item.area else "")
        if q.kind == QuestionKind.MULTIPLE:
            picked = [_number(v) for v in form.getlist(item.key) if str(v).strip()]
            if any(p is None or not 0 <= p < len(q.options) for p in picked):
                raise Refusal(f"Вопрос {where}: выберите варианты из списка.")
            if picked:
                answers[item.key] = sorted(set(picked))
            continue
        raw = (form.get(item.key) or "").strip()
        if not raw:
            continue
        if q.kind == QuestionKind.TEXT:
            if len(raw) > MAX_TEXT:
                raise Refusal(f"Ответ на вопрос {where} — не длиннее {MAX_TEXT} символов.")
            answers[item.key] = raw
        elif q.kind == QuestionKind.SCALE:
            value = _number(raw)
            if value is None or not 1 <= value <= (q.scale_max or 5):
                raise Refusal(f"Вопрос {where}: оценка по шкале — от 1 до {q.scale_max}.")
            answers[item.key] = value
        else:
            value = _number(raw)
            if value is None or not 0 <= value < len(q.options):
                raise Refusal(f"Вопрос {where}: выберите вариант из списка.")
            answers[item.key] = value
    return answers


def why_closed(assignment: Assignment, today: date) -> str | None:
    """Why the person can no longer answer, or None."""
    if assignment.status == AssignmentStatus.SUBMITTED:
        return "Вы уже отправили ответы на эту анкету: повторно её не заполняют."
    if assignment.due_on is not None and today > assignment.due_on:
        return "Срок ответа на эту анкету истёк."
    return None


def save_draft(assignment: Assignment, items: list[Item], form, today: date) -> None:
    """The answers so far, kept for the person to come back to; nothing is sent."""
    if why := why_closed(assignment, today):
        raise Refusal(why)
    assignment.draft = read_answers(items, form)
    db.session.flush()


def unanswered(items: list[Item], form) -> list[str]:
    """The keys of the required questions a submitted form leaves blank, to mark each where it
    stands (the refusal names only the first)."""
    return [
        item.key
        for item in items
        if item.question.required and not any(str(v).strip() for v in form.getlist(item.key))
    ]


def submit(assignment: Assignment, items: list[Item], form, today: date) -> Response:
    """Sent once: the answers go to a Response with no person when the questionnaire is
    anonymous, and the assignment keeps only «has answered»."""
    if why := why_closed(assignment, today):
        raise Refusal(why)
    answers = read_answers(items, form)
    if not answers:
        raise Refusal("Анкета пуста: ответьте на вопросы, прежде чем отправлять.")
    missing = [i for i in items if i.question.required and i.key not in answers]
    if missing:
        first = missing[0]
        area = f" ({first.area_label})" if first.area else ""
        raise Refusal(
            f"Ответьте на обязательный вопрос «{first.question.text}»{area}"
            + (f" и ещё на {len(missing) - 1}." if len(missing) > 1 else ".")
        )
    # Conditional on still pending, so that two tabs sending at once cannot both count.
    done = db.session.execute(
        update(Assignment)
        .where(Assignment.id == assignment.id, Assignment.status == AssignmentStatus.PENDING)
        .values(status=AssignmentStatus.SUBMITTED, submitted_on=today, draft={})
    )
    if done.rowcount != 1:
        raise Refusal("Вы уже отправили ответы на эту анкету: повторно её не заполняют.")
    questionnaire = db.session.execute(
        select(Questionnaire).where(Questionnaire.id == assignment.questionnaire_id)
    ).scalar_one()
    program = program_of(assignment)
    form_code = ""
    if program is not None:
        form_code = db.session.execute(
            select(Pairing.form).where(Pairing.id == program.pairing_id)
        ).scalar_one()
    response = Response(
        questionnaire_id=questionnaire.id,
        staff_id=None if questionnaire.anonymous else assignment.staff_id,
        program_id=_program_kept(questionnaire, assignment),
        form=form_code,
        submitted_on=today,
    )
    db.session.add(response)
    db.session.flush()
    by_key = {i.key: i for i in items}
    for key, value in answers.items():
        item = by_key[key]
        values = value if isinstance(value, list) else [value]
        for v in values:
            db.session.add(
                Answer(
                    response_id=response.id,
                    question_id=item.question.id,
                    area=item.area,
                    value=None if isinstance(v, str) else v,
                    text=v if isinstance(v, str) else "",
                )
            )
    db.session.flush()
    db.session.refresh(assignment)
    return response


def _program_kept(questionnaire: Questionnaire, assignment: Assignment) -> int | None:
    """The program an answer is kept with: for an anonymous questionnaire only when at least
    MIN_ANSWERS people of the program were asked it — a pair's program would name its mentee."""
    if assignment.program_id is None or not questionnaire.anonymous:
        return assignment.program_id
    asked = db.session.execute(
        select(func.count(Assignment.id)).where(
            Assignment.questionnaire_id == questionnaire.id,
            Assignment.program_id == assignment.program_id,
        )
    ).scalar_one()
    return assignment.program_id if asked >= MIN_ANSWERS else None


def pending_for(staff_id: int) -> list[tuple[Assignment, Questionnaire]]:
    """The person's questionnaires waiting for an answer, the nearest deadline first."""
    rows = db.session.execute(
        select(Assignment, Questionnaire)
        .join(Questionnaire, Questionnaire.id == Assignment.questionnaire_id)
        .where(Assignment.staff_id == staff_id, Assignment.status == AssignmentStatus.PENDING)
        .order_by(Assignment.due_on.is_(None), Assignment.due_on, Assignment.id)
    )
    return list(rows.tuples())


def assignments_of(staff_id: int) -> list[tuple[Assignment, Questionnaire]]:
    rows = db.session.execute(
        select(Assignment, Questionnaire)
        .join(Questionnaire, Questionnaire.id == Assignment.questionnaire_id)
        .where(Assignment.staff_id == staff_id)
        .order_by(Assignment.status, Assignment.id.desc())
    )
    return list(rows.tuples())


def named_answers(staff_id: int, questionnaire_ids=None) -> list[tuple[str, str]]:
    """(question, answer) of the person's latest named response (the potential mentors'
    survey on the mentor bank's card); an anonymous questionnaire has none by design."""
    statement = (
        select(Response)
        .join(Questionnaire, Questionnaire.id == Response.questionnaire_id)
        .where(Response.staff_id == staff_id, Questionnaire.anonymous.is_(False))
        .order_by(Response.submitted_on.desc(), Response.id.desc())
        .limit(1)
    )
    if questionnaire_ids is not None:
        statement = statement.where(Response.questionnaire_id.in_(questionnaire_ids))
    response = db.session.execute(statement).scalar_one_or_none()
    if response is None:
        return []
    rows = db.session.execute(
        select(Question, Answer)
        .join(Answer, Answer.question_id == Question.id)
        .where(Answer.response_id == response.id)
        .order_by(Question.position, Question.id, Answer.area, Answer.id)
    ).tuples()
    out: dict[tuple[int, str], tuple[str, list[str]]] = {}
    for question, answer in rows:
        label = question.text + (f" ({Area(answer.area).label})" if answer.area else "")
        shown = _shown(question, answer)
        out.setdefault((question.id, answer.area), (label, []))[1].append(shown)
    return [(label, "; ".join(parts)) for label, parts in out.values()]


def _shown(question: Question, answer: Answer) -> str:
    if question.kind == QuestionKind.TEXT:
        return answer.text
    if question.kind == QuestionKind.SCALE:
        return f"{answer.value} из {question.scale_max}"
    options = question.options or []
    return options[answer.value] if answer.value is not None and answer.value < len(options) else ""


def staff_name(staff_id: int) -> str:
    staff = db.session.execute(select(Staff).where(Staff.id == staff_id)).scalar_one_or_none()
    return staff.display_name if staff else ""


def survey_answers(staff_id: int) -> list[tuple[str, str]]:
    """The person's answers to the survey of potential mentors (the mentor bank's card)."""
    ids = db.session.execute(
        select(Questionnaire.id).where(Questionnaire.purpose == Purpose.POTENTIAL_MENTOR)
    ).scalars()
    return named_answers(staff_id, list(ids))


def staff_of(account_id: int) -> Staff | None:
    """The staff member whose login this account is, if any."""
    return db.session.execute(
        select(Staff).where(Staff.account_id == account_id).order_by(Staff.id).limit(1)
    ).scalar_one_or_none()
