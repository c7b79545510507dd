"""The default questionnaires the district edits for its schools: the platform's three (at the
end of a program, for the mentee and the mentor; for a potential mentor). The district's version
of one replaces the platform's for every school that has not yet taken it; a school keeps its own
copy as it took it. Services flush, never commit."""

from dataclasses import dataclass

from flask import abort
from sqlalchemy import select

from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.refusals import Refusal
from nastavnik.tenants.questionnaires.defaults import DEFAULTS, Template, current_defaults
from nastavnik.tenants.questionnaires.editing import MAX_TEXT, MAX_TITLE, check_question
from nastavnik.tenants.questionnaires.models import DistrictDefault, DistrictDefaultQuestion


@dataclass(frozen=True)
class DefaultRow:
    key: str
    template: Template
    edited: DistrictDefault | None


def defaults() -> list[DefaultRow]:
    current = current_defaults()
    edited = {d.key: d for d in db.session.execute(select(DistrictDefault)).scalars()}
    return [DefaultRow(key, current[key], edited.get(key)) for key in DEFAULTS]


def row_of(key: str) -> DefaultRow:
    for row in defaults():
        if row.key == key:
            return row
    abort(404)


def edited_of(key: str) -> DistrictDefault:
    found = row_of(key).edited
    if found is None:
        abort(404)
    return found


def question_of(default: DistrictDefault, question_id: int) -> DistrictDefaultQuestion:
    for q in default.questions:
        if q.id == question_id:
            return q
    abort(404)


def _touched(default: DistrictDefault, by) -> None:
    default.updated_at = utcnow()
    default.updated_by_id = getattr(by, "id", None)


def take_over(key: str, by=None) -> DistrictDefault:
    """The district's own version of a default, starting as the platform's."""
    shipped = DEFAULTS.get(key)
    if shipped is None:
        abort(404)
    if row_of(key).edited is not None:
        raise Refusal("Район уже изменяет эту анкету.")
    default = DistrictDefault(
        key=key,
        title=shipped.title,
        description=shipped.description,
        anonymous=shipped.anonymous,
        updated_by_id=getattr(by, "id", None),
    )
    db.session.add(default)
    for position, q in enumerate(shipped.questions, start=1):
        default.questions.append(
            DistrictDefaultQuestion(
                position=position,
                text=q.text,
                kind=q.kind,
                required=q.required,
                scale_max=q.scale_max,
                low_label=q.low_label,
                high_label=q.high_label,
                options=list(q.options),
                per_area=q.per_area,
            )
        )
    db.session.flush()
    return default


def update_head(default: DistrictDefault, title: str, description: str, anonymous, by=None):
    title, description = (title or "").strip(), (description or "").strip()
    if not title:
        raise Refusal("Укажите название анкеты.", field="title")
    if len(title) > MAX_TITLE:
        raise Refusal(f"Название — не длиннее {MAX_TITLE} символов.", field="title")
    if len(description) > MAX_TEXT:
        raise Refusal(f"Пояснение — не длиннее {MAX_TEXT} символов.", field="description")
    default.title, default.description, default.anonymous = title, description, bool(anonymous)
    _touched(default, by)
    db.session.flush()


@dataclass
class QuestionFields:
    text: str
    kind: str
    required: bool
    scale_max: int | None = None
    low_label: str = ""
    high_label: str = ""
    options_text: str = ""
    per_area: bool = False


def _checked(fields: QuestionFields) -> dict:
    checked = check_question(
        fields.text,
        fields.kind,
        fields.scale_max,
        fields.low_label,
        fields.high_label,
        fields.options_text,
        fields.per_area,
    )
    return {**checked, "required": bool(fields.required)}


def add_question(default: DistrictDefault, fields: QuestionFields, by=None):
    values = _checked(fields)
    last = max((q.position for q in default.questions), default=0)
    question = DistrictDefaultQuestion(position=last + 1, **values)
    default.questions.append(question)
    _touched(default, by)
    db.session.flush()
    return question


def update_question(question: DistrictDefaultQuestion, fields: QuestionFields, by=None) -> None:
    for name, value in _checked(fields).items():
        setattr(question, name, value)
    _touched(question.default, by)
    db.session.flush()


def remove_question(question: DistrictDefaultQuestion, by=None) -> None:
    default = question.default
    if len(default.questions) <= 1:
        raise Refusal("Это последний вопрос анкеты: анкета без вопросов школам не нужна.")
    default.questions.remove(question)
    _touched(default, by)
    db.session.flush()


def restore(default: DistrictDefault) -> None:
    """Back to the platform's version for the schools that take it from now on."""
    db.session.delete(default)
    db.session.flush()
