"""The school's questionnaires: the platform's defaults, the school's copies and its own."""

from sqlalchemy import func, select, update

from nastavnik.extensions import db
from nastavnik.refusals import Refusal
from nastavnik.types import parse_id

from .defaults import Template, current_defaults
from .models import AUTOMATIC, Assignment, Purpose, Question, QuestionKind, Questionnaire

MAX_TITLE = 300
MAX_TEXT = 2000
MAX_OPTIONS = 20
SCALES = (5, 10)


def _clean(text: str | None) -> str:
    return (text or "").strip()


def _from_template(template: Template, in_use: bool) -> Questionnaire:
    questionnaire = Questionnaire(
        title=template.title,
        description=template.description,
        purpose=template.purpose,
        anonymous=template.anonymous,
        origin=template.key,
        in_use=in_use,
    )
    db.session.add(questionnaire)
    db.session.flush()
    for position, q in enumerate(template.questions, start=1):
        db.session.add(
            Question(
                questionnaire_id=questionnaire.id,
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
    return questionnaire


def ensure_defaults() -> None:
    """The default questionnaires in the school, once (the district's version of each, where it
    has edited it; the platform's otherwise); each in use unless the school has put another one
    in its place."""
    have = set(
        db.session.execute(select(Questionnaire.origin).where(Questionnaire.origin.is_not(None)))
        .scalars()
        .all()
    )
    used = set(
        db.session.execute(select(Questionnaire.purpose).where(Questionnaire.in_use.is_(True)))
        .scalars()
        .all()
    )
    for key, template in current_defaults().items():
        if key not in have:
            _from_template(template, in_use=template.purpose not in used)
    db.session.flush()


def in_use_for(purpose: Purpose) -> Questionnaire:
    """The questionnaire the platform sends for this purpose."""
    ensure_defaults()
    return db.session.execute(
        select(Questionnaire)
        .where(Questionnaire.purpose == purpose, Questionnaire.in_use.is_(True))
        .order_by(Questionnaire.id)
        .limit(1)
    ).scalar_one()


def all_questionnaires() -> list[Questionnaire]:
    return list(
        db.session.execute(
            select(Questionnaire).order_by(Questionnaire.purpose, Questionnaire.id)
        ).scalars()
    )


def assignment_count(questionnaire: Questionnaire) -> int:
    return db.session.execute(
        select(func.count(Assignment.id)).where(Assignment.questionnaire_id == questionnaire.id)
    ).scalar_one()


def why_locked(questionnaire: Questionnaire) -> str | None:
    """Why its questions cannot be changed: a default, or one already sent to people."""
    if questionnaire.origin:
        return (
            "Это анкета, предложенная платформой: её нельзя изменить. "
            "Сделайте копию и измените копию."
        )
    if assignment_count(questionnaire):
        return (
            "Анкета уже разослана: её вопросы не меняются, чтобы ответы можно было сравнивать. "
            "Сделайте копию и измените копию."
        )
    return None


def _check_head(title: str, description: str, purpose: str) -> tuple[str, str, Purpose]:
    title, description = _clean(title), _clean(description)
    if not title:
        raise Refusal("Укажите название анкеты.", field="title")
    if len(title) > MAX_TITLE:
        raise Refusal(f"Название — не длиннее {MAX_TITLE} символов.", field="title")
    if len(description) > MAX_TEXT:
        raise Refusal(f"Пояснение — не длиннее {MAX_TEXT} символов.", field="description")
    parsed = Purpose.parse(purpose)
    if parsed is None:
        raise Refusal("Выберите назначение анкеты из списка.", field="purpose")
    return title, description, parsed


def create_questionnaire(title, description, purpose, anonymous: bool) -> Questionnaire:
    title, description, purpose = _check_head(title, description, purpose)
    questionnaire = Questionnaire(
        title=title, description=description, purpose=purpose, anonymous=bool(anonymous)
    )
    db.session.add(questionnaire)
    db.session.flush()
    return questionnaire


def update_questionnaire(questionnaire, title, description, purpose, anonymous: bool) -> None:
    if why := why_locked(questionnaire):
        raise Refusal(why)
    title, description, purpose = _check_head(title, description, purpose)
    if questionnaire.in_use and purpose != questionnaire.purpose:
        raise Refusal("Анкета используется для рассылки по своему назначению: его не изменить.")
    questionnaire.title, questionnaire.description = title, description
    questionnaire.purpose, questionnaire.anonymous = purpose, bool(anonymous)
    db.session.flush()


def check_question(
    text, kind, scale_max=None, low_label="", high_label="", options_text="", per_area=False
) -> dict:
    """A question's fields as typed, checked and cleaned (the school's and the district's)."""
    text = _clean(text)
    if not text:
        raise Refusal("Напишите текст вопроса.", field="text")
    if len(text) > MAX_TEXT:
        raise Refusal(f"Вопрос — не длиннее {MAX_TEXT} символов.", field="text")
    kind = QuestionKind.parse(kind)
    if kind is None:
        raise Refusal("Выберите вид вопроса из списка.", field="kind")
    options: list[str] = []
    if kind == QuestionKind.SCALE:
        if scale_max not in SCALES:
            raise Refusal("Шкала — от 1 до 5 или от 1 до 10.", field="scale_max")
        if not _clean(low_label) or not _clean(high_label):
            raise Refusal("Подпишите оба конца шкалы.", field="low_label")
    else:
        scale_max, low_label, high_label, per_area = None, "", "", False
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        options = list(dict.fromkeys(o.strip() for o in (options_text or "").splitlines()))
        options = [o for o in options if o]
        if len(options) < 2:
            raise Refusal("Укажите не меньше двух вариантов ответа, по одному в строке.", "options")
        if len(options) > MAX_OPTIONS or any(len(o) > MAX_TITLE for o in options):
            raise Refusal(
                f"Не больше {MAX_OPTIONS} вариантов, каждый — не длиннее {MAX_TITLE} символов.",
                field="options",
            )
    return {
        "text": text,
        "kind": kind,
        "scale_max": scale_max,
        "low_label": _clean(low_label)[:100],
        "high_label": _clean(high_label)[:100],
        "options": options,
        "per_area": bool(per_area),
    }


def add_question(
    questionnaire: Questionnaire,
    text: str,
    kind: str,
    required: bool,
    scale_max=None,
    low_label: str = "",
    high_label: str = "",
    options_text: str = "",
    per_area: bool = False,
) -> Question:
    if why := why_locked(questionnaire):
        raise Refusal(why)
    checked = check_question(text, kind, scale_max, low_label, high_label, options_text, per_area)
    last = max((q.position for q in questionnaire.questions), default=0)
    question = Question(
        questionnaire_id=questionnaire.id,
        position=last + 1,
        required=bool(required),
        **checked,
    )
    db.session.add(question)
    db.session.flush()
    db.session.expire(questionnaire, ["questions"])
    return question


def remove_question(questionnaire: Questionnaire, question: Question) -> None:
    if why := why_locked(questionnaire):
        raise Refusal(why)
    if question.questionnaire_id != questionnaire.id:
        raise Refusal("Этого вопроса нет в анкете.")
    db.session.delete(question)
    db.session.flush()
    db.session.expire(questionnaire, ["questions"])


def find(questionnaire_id) -> Questionnaire:
    """A questionnaire of this school named in a form; another school's is not found."""
    ident = parse_id(questionnaire_id)
    found = None
    if ident is not None:
        found = db.session.execute(
            select(Questionnaire).where(Questionnaire.id == ident)
        ).scalar_one_or_none()
    if found is None:
        raise Refusal("Такой анкеты в вашей школе нет.")
    return found


def copy_questionnaire(source_id) -> Questionnaire:
    """A copy the school may change: the same questions, not yet in use."""
    source = find(source_id)
    title = f"{source.title} (копия)"[:MAX_TITLE]
    copy = Questionnaire(
        title=title,
        description=source.description,
        purpose=source.purpose,
        anonymous=source.anonymous,
    )
    db.session.add(copy)
    db.session.flush()
    for q in source.questions:
        db.session.add(
            Question(
                questionnaire_id=copy.id,
                position=q.position,
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
    return copy


def why_empty(questionnaire: Questionnaire) -> str | None:
    if not questionnaire.questions:
        return "В анкете нет ни одного вопроса: добавьте вопросы, прежде чем её рассылать."
    return None


def put_in_use(questionnaire: Questionnaire) -> None:
    """This one, instead of the one before, is sent for its purpose from now on."""
    if questionnaire.purpose not in AUTOMATIC:
        raise Refusal(
            "Платформа сама рассылает только анкеты по завершении программы и анкету "
            "потенциального наставника; эту рассылает куратор."
        )
    if why := why_empty(questionnaire):
        raise Refusal(why)
    db.session.execute(
        update(Questionnaire)
        .where(Questionnaire.purpose == questionnaire.purpose, Questionnaire.id != questionnaire.id)
        .values(in_use=False)
    )
    questionnaire.in_use = True
    db.session.flush()
