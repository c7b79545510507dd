"""The district's roadmap template of each academic year: prepared from the platform's (or last
year's district) template, its activities edited, published for the schools. Services flush,
never commit. A school already holding its roadmap of the year keeps it as it is: the template
is what a school starts from."""

from dataclasses import dataclass

from flask import abort
from sqlalchemy import func, select

from nastavnik.dates import format_date
from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.refusals import Refusal
from nastavnik.tenants.roadmap.models import DistrictTemplate, DistrictTemplateActivity, Stage
from nastavnik.tenants.roadmap.progress import CHECK_LABELS
from nastavnik.tenants.roadmap.services import (
    CONTENT_MAX,
    FIRST_YEAR,
    RESPONSIBLE_MAX,
    TIMING_MAX,
    known_year,
)
from nastavnik.tenants.roadmap.template import TEMPLATE
from nastavnik.tenants.roadmap.timing import academic_year, due_date, span, within, year_label


@dataclass(frozen=True)
class YearRow:
    year: int
    template: DistrictTemplate | None
    activities: int

    @property
    def label(self) -> str:
        return year_label(self.year)


def years() -> list[YearRow]:
    """Every year a school may keep a roadmap for, the latest first, with the district's
    template of it (None: the schools start from the platform's)."""
    counts = dict(
        db.session.execute(
            select(DistrictTemplateActivity.template_id, func.count()).group_by(
                DistrictTemplateActivity.template_id
            )
        ).all()
    )
    made = {t.year: t for t in db.session.execute(select(DistrictTemplate)).scalars()}
    return [
        YearRow(year, made.get(year), counts.get(made[year].id, 0) if year in made else 0)
        for year in range(academic_year() + 1, FIRST_YEAR - 1, -1)
    ]


def template_of(year: int) -> DistrictTemplate:
    found = db.session.execute(
        select(DistrictTemplate).where(DistrictTemplate.year == year)
    ).scalar_one_or_none()
    if found is None:
        abort(404)
    return found


def activity_of(template: DistrictTemplate, activity_id: int) -> DistrictTemplateActivity:
    found = db.session.execute(
        select(DistrictTemplateActivity).where(
            DistrictTemplateActivity.id == activity_id,
            DistrictTemplateActivity.template_id == template.id,
        )
    ).scalar_one_or_none()
    if found is None:
        abort(404)
    return found


def prepare(year, by=None) -> DistrictTemplate:
    """A draft of the year's template: a copy of the district's template of the year before, or
    of the platform's when there is none."""
    year = known_year(year)
    if db.session.execute(
        select(DistrictTemplate.id).where(DistrictTemplate.year == year)
    ).scalar_one_or_none():
        raise Refusal(f"Шаблон на {year_label(year)} учебный год уже есть.", field="year")
    template = DistrictTemplate(year=year, updated_by_id=getattr(by, "id", None))
    db.session.add(template)
    db.session.flush()
    before = db.session.execute(
        select(DistrictTemplate).where(DistrictTemplate.year == year - 1)
    ).scalar_one_or_none()
    if before is not None:
        items = [
            (a.stage, n, a.content, a.timing, a.responsible, a.expected_result, a.check_key)
            for n, a in enumerate(before.activities, start=1)
        ]
    else:
        items = [
            (s.stage, n, a.content, a.timing, a.responsible, a.expected_result, a.check)
            for s in TEMPLATE
            for n, a in enumerate(s.activities, start=1)
        ]
    for stage, position, content, timing, responsible, expected, check in items:
        db.session.add(
            DistrictTemplateActivity(
                template_id=template.id,
                stage=stage,
                position=position,
                content=content,
                timing=timing,
                responsible=responsible,
                expected_result=expected,
                check_key=check,
            )
        )
    db.session.flush()
    return template


@dataclass
class TemplateActivityFields:
    """What the district types for an activity of its template."""

    stage: str
    content: str
    timing: str
    responsible: str
    expected_result: str = ""
    check_key: str = ""


def _clean(fields: TemplateActivityFields, year: int) -> dict:
    stage = Stage.parse(fields.stage)
    if stage is None:
        raise Refusal("Выберите этап дорожной карты.", field="stage")
    content = (fields.content or "").strip()
    if not content:
        raise Refusal("Опишите мероприятие.", field="content")
    if len(content) > CONTENT_MAX:
        raise Refusal(f"Описание — не длиннее {CONTENT_MAX} символов.", field="content")
    timing = " ".join((fields.timing or "").split())
    if not timing:
        raise Refusal("Укажите срок: месяц, «В течение года» или дату.", field="timing")
    if len(timing) > TIMING_MAX:
        raise Refusal(f"Срок — не длиннее {TIMING_MAX} символов.", field="timing")
    due = due_date(timing, year)
    if due is None:
        raise Refusal(
            "Из срока не понятна дата: укажите месяц («Октябрь»), «В течение года» или дату "
            "(15.10.2026). По сроку школа получит дату «выполнить до».",
            field="timing",
        )
    if not within(year, due):
        first, last = span(year)
        raise Refusal(
            f"Срок вне учебного года {year_label(year)}: с {format_date(first)} "
            f"по {format_date(last)}",
            field="timing",
        )
    responsible = " ".join((fields.responsible or "").split())
    if not responsible:
        raise Refusal(
            "Укажите ответственного, например «Куратор по наставничеству».", field="responsible"
        )
    if len(responsible) > RESPONSIBLE_MAX:
        raise Refusal(
            f"Ответственный — не длиннее {RESPONSIBLE_MAX} символов.", field="responsible"
        )
    expected = (fields.expected_result or "").strip()
    if len(expected) > CONTENT_MAX:
        raise Refusal(
            f"Ожидаемый результат — не длиннее {CONTENT_MAX} символов.", field="expected_result"
        )
    check = fields.check_key or None
    if check is not None and check not in CHECK_LABELS:
        raise Refusal("Выберите отметку по данным платформы из списка.", field="check_key")
    return {
        "stage": stage,
        "content": content,
        "timing": timing,
        "responsible": responsible,
        "expected_result": expected,
        "check_key": check,
    }


def _next_position(template: DistrictTemplate, stage: Stage) -> int:
    found = db.session.execute(
        select(func.max(DistrictTemplateActivity.position)).where(
            DistrictTemplateActivity.template_id == template.id,
            DistrictTemplateActivity.stage == stage,
        )
    ).scalar_one()
    return (found or 0) + 1


def _touched(template: DistrictTemplate, by) -> None:
    template.updated_at = utcnow()
    template.updated_by_id = getattr(by, "id", None)


def add_activity(template, fields: TemplateActivityFields, by=None) -> DistrictTemplateActivity:
    values = _clean(fields, template.year)
    activity = DistrictTemplateActivity(
        template_id=template.id, position=_next_position(template, values["stage"]), **values
    )
    db.session.add(activity)
    _touched(template, by)
    db.session.flush()
    return activity


def update_activity(activity, fields: TemplateActivityFields, by=None) -> None:
    values = _clean(fields, activity.template.year)
    if values["stage"] != activity.stage:
        activity.position = _next_position(activity.template, values["stage"])
    for name, value in values.items():
        setattr(activity, name, value)
    _touched(activity.template, by)
    db.session.flush()


def remove_activity(activity, by=None) -> None:
    template = activity.template
    if template.is_published and len(template.activities) <= 1:
        raise Refusal(
            "Это последнее мероприятие опубликованного шаблона: шаблон без мероприятий школам "
            "не нужен. Снимите шаблон с публикации или сначала добавьте другое мероприятие."
        )
    _touched(template, by)
    template.activities.remove(activity)
    db.session.flush()


def move(activity, step: int, by=None) -> None:
    """Up (-1) or down (+1) within its stage: the order a school's roadmap lists them in."""
    siblings = [a for a in activity.template.activities if a.stage == activity.stage]
    index = siblings.index(activity)
    other = index + step
    if not 0 <= other < len(siblings):
        raise Refusal("Дальше передвинуть нельзя.")
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, item in enumerate(siblings, start=1):
        item.position = position
    _touched(activity.template, by)
    db.session.flush()


def publish(template: DistrictTemplate, on, by=None) -> None:
    if template.is_published:
        raise Refusal("Шаблон уже опубликован.")
    if not template.activities:
        raise Refusal("В шаблоне нет ни одного мероприятия: публиковать нечего.")
    template.published_on = on
    _touched(template, by)
    db.session.flush()


def withdraw(template: DistrictTemplate, by=None) -> None:
    if not template.is_published:
        raise Refusal("Шаблон не опубликован.")
    template.published_on = None
    _touched(template, by)
    db.session.flush()


def by_stage(template: DistrictTemplate) -> list[tuple[Stage, list[DistrictTemplateActivity]]]:
    grouped: dict[Stage, list] = {stage: [] for stage in Stage}
    for activity in template.activities:
        grouped[Stage(activity.stage)].append(activity)
    return list(grouped.items())
