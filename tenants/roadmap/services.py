"""The rules of the roadmap: one per school per academic year, from the template; its activities;
the director's approval. Services flush, never commit."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from nastavnik.dates import format_date, today
from nastavnik.extensions import db
from nastavnik.models import School
from nastavnik.permissions import Role
from nastavnik.refusals import Refusal
from nastavnik.tenancy import current_scope
from nastavnik.tenants.staff.models import Staff
from nastavnik.uploads import StoredFile

from . import progress
from .evidence import evidence_of
from .models import Roadmap, RoadmapActivity, RoadmapStatus, Stage, StepStatus
from .template import template_for
from .timing import academic_year, due_date, span, within, year_label

CONTENT_MAX = 2000
TIMING_MAX = 100
RESPONSIBLE_MAX = 200
LINK_MAX = 300
# The years a school may keep a roadmap for: from the platform's first to the next one.
FIRST_YEAR = 2020


def known_year(year) -> int:
    """The year, if it is one a roadmap can be made for (the past ones and the next)."""
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise Refusal("Укажите учебный год.", field="year") from None
    if not FIRST_YEAR <= year <= academic_year() + 1:
        raise Refusal(
            f"Дорожную карту можно составить на учебные годы с {year_label(FIRST_YEAR)} "
            f"по {year_label(academic_year() + 1)}.",
            field="year",
        )
    return year


def roadmap_of_year(year: int) -> Roadmap | None:
    """The bound school's roadmap of the academic year (its starting calendar year), or None."""
    return db.session.execute(select(Roadmap).where(Roadmap.year == year)).scalar_one_or_none()


def roadmaps() -> list[Roadmap]:
    return list(db.session.execute(select(Roadmap).order_by(Roadmap.year.desc())).scalars())


def own_activities_of(year: int) -> list[RoadmapActivity]:
    """The school's own activities (not of the template) of a year's roadmap: offered for copying
    into the next year's."""
    return list(
        db.session.execute(
            select(RoadmapActivity)
            .join(
                Roadmap,
                (Roadmap.id == RoadmapActivity.roadmap_id)
                & (Roadmap.school_id == RoadmapActivity.school_id),
            )
            .where(Roadmap.year == year, RoadmapActivity.from_template.is_(False))
            .order_by(RoadmapActivity.stage, RoadmapActivity.position, RoadmapActivity.id)
        ).scalars()
    )


def create_roadmap(year, copy_ids=()) -> Roadmap:
    """The roadmap of a year from the template (the district's of that year, once published);
    the chosen own activities of last year copied with their timing (a date moved on by a year)."""
    year = known_year(year)
    if roadmap_of_year(year) is not None:
        raise Refusal(f"Дорожная карта на {year_label(year)} учебный год уже есть.", field="year")
    roadmap = Roadmap(year=year, status=RoadmapStatus.DRAFT)
    db.session.add(roadmap)
    db.session.flush()
    for stage in template_for(year):
        for position, item in enumerate(stage.activities, start=1):
            db.session.add(
                RoadmapActivity(
                    roadmap_id=roadmap.id,
                    stage=stage.stage,
                    position=position,
                    content=item.content,
                    timing=item.timing,
                    due_on=due_date(item.timing, year),
                    responsible=item.responsible,
                    expected_result=item.expected_result,
                    from_template=True,
                    check_key=item.check,
                )
            )
    wanted = {int(i) for i in copy_ids or ()}
    if wanted:
        offered = {a.id: a for a in own_activities_of(year - 1)}
        if not wanted <= offered.keys():
            raise Refusal("Мероприятие прошлого года для переноса не найдено.")
        for old in (offered[i] for i in sorted(wanted)):
            due = due_date(old.timing, year)
            if due is None or not within(year, due):
                due = _next_year(old.due_on)
            db.session.add(
                RoadmapActivity(
                    roadmap_id=roadmap.id,
                    stage=old.stage,
                    position=_next_position(roadmap, old.stage),
                    content=old.content,
                    timing=old.timing,
                    due_on=due,
                    responsible=old.responsible,
                    responsible_staff_id=old.responsible_staff_id,
                    expected_result=old.expected_result,
                    from_template=False,
                )
            )
            db.session.flush()
    db.session.flush()
    return roadmap


def _next_year(on: date) -> date:
    try:
        return on.replace(year=on.year + 1)
    except ValueError:  # 29 February
        return on.replace(year=on.year + 1, day=28)


def _next_position(roadmap: Roadmap, stage: str) -> int:
    positions = db.session.execute(
        select(RoadmapActivity.position).where(
            RoadmapActivity.roadmap_id == roadmap.id, RoadmapActivity.stage == stage
        )
    ).scalars()
    return max(positions, default=0) + 1


@dataclass
class ActivityFields:
    """What a person types for an activity."""

    content: str
    timing: str
    due_on: date | None = None  # a date typed; when empty, derived from the timing
    responsible: str = ""
    responsible_staff_id: int | None = None
    expected_result: str = ""


def _clean(fields: ActivityFields, year: int) -> dict:
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
    due = fields.due_on or due_date(timing, year)
    if due is None:
        raise Refusal(
            "Из срока не понятна дата: укажите месяц, «В течение года», дату (15.10.2026) "
            "или заполните поле «Выполнить до».",
            field="timing",
        )
    if not within(year, due):
        first, last = span(year)
        raise Refusal(
            f"Срок вне учебного года {year_label(year)}: мероприятие дорожной карты выполняется "
            f"с {format_date(first)} по {format_date(last)}",
            field="due_on" if fields.due_on else "timing",
        )
    responsible = " ".join((fields.responsible or "").split())
    if len(responsible) > RESPONSIBLE_MAX:
        raise Refusal(
            f"Ответственный — не длиннее {RESPONSIBLE_MAX} символов.", field="responsible"
        )
    staff_id = fields.responsible_staff_id or None
    if staff_id is not None:
        staff = db.session.execute(select(Staff).where(Staff.id == staff_id)).scalar_one_or_none()
        if staff is None:
            raise Refusal(
                "Ответственный не найден в реестре педагогов школы.", field="responsible_staff_id"
            )
    if not responsible and staff_id is None:
        raise Refusal("Укажите ответственного: роль или педагога.", field="responsible")
    return {
        "content": content,
        "timing": timing,
        "due_on": due,
        "responsible": responsible,
        "responsible_staff_id": staff_id,
        "expected_result": (fields.expected_result or "").strip()[:CONTENT_MAX],
    }


def add_activity(roadmap: Roadmap, stage, fields: ActivityFields) -> RoadmapActivity:
    """The school's own activity in a stage."""
    stage = Stage.parse(stage)
    if stage is None:
        raise Refusal("Выберите этап дорожной карты.", field="stage")
    activity = RoadmapActivity(
        roadmap_id=roadmap.id,
        stage=stage,
        position=_next_position(roadmap, stage),
        from_template=False,
        **_clean(fields, roadmap.year),
    )
    db.session.add(activity)
    db.session.flush()
    return activity


def roadmap_of(activity: RoadmapActivity) -> Roadmap:
    return db.session.execute(select(Roadmap).where(Roadmap.id == activity.roadmap_id)).scalar_one()


def update_activity(activity: RoadmapActivity, fields: ActivityFields) -> None:
    for name, value in _clean(fields, roadmap_of(activity).year).items():
        setattr(activity, name, value)
    db.session.flush()


def remove_activity(activity: RoadmapActivity) -> None:
    """Only the school's own activities: those of the district's template stay (they may be
    changed, and are marked done or not)."""
    if activity.from_template:
        raise Refusal(
            "Мероприятие из шаблона района удалить нельзя: его можно изменить или отметить."
        )
    if evidence_of([activity.id]):
        raise Refusal("К мероприятию привязаны проведённые события школы: сначала отвяжите их.")
    db.session.delete(activity)
    db.session.flush()


def platform_link(link: str, school_slug: str) -> str:
    """A link to a record of the platform: a page of this school (its address from /s/…)."""
    link = (link or "").strip()
    if not link:
        return ""
    if "://" in link:
        link = "/" + link.split("://", 1)[1].split("/", 1)[-1]
    if (
        not link.startswith(f"/s/{school_slug}/")
        or len(link) > LINK_MAX
        or any(c.isspace() for c in link)
    ):
        raise Refusal(
            "Ссылка должна вести на страницу платформы этой школы "
            f"(начинаться с /s/{school_slug}/).",
            field="evidence_link",
        )
    return link


def mark(
    activity: RoadmapActivity,
    status,
    *,
    note: str = "",
    link: str = "",
    school_slug: str = "",
    evidence_file: StoredFile | None = None,
    on: date | None = None,
) -> None:
    """The status of an activity marked by hand, with its evidence (a note, a file, a link)."""
    status = StepStatus.parse(status)
    if status is None:
        raise Refusal("Выберите статус мероприятия.", field="status")
    note = (note or "").strip()
    if len(note) > CONTENT_MAX:
        raise Refusal(f"Примечание — не длиннее {CONTENT_MAX} символов.", field="evidence_note")
    activity.evidence_link = platform_link(link, school_slug)
    activity.evidence_note = note
    if evidence_file is not None:
        activity.evidence_file_id = evidence_file.id
    activity.status = status
    activity.done_on = (on or today()) if status == StepStatus.DONE else None
    db.session.flush()


def mark_done_by(activity: RoadmapActivity, on: date) -> None:
    """Done, as an event that fulfilled it shows (its evidence is the event)."""
    if activity.status != StepStatus.DONE:
        activity.status = StepStatus.DONE
        activity.done_on = on
        db.session.flush()


def _bound_school() -> School:
    school_id = current_scope().school_id
    return db.session.execute(select(School).where(School.id == school_id)).scalar_one()


def approve(roadmap: Roadmap, by, on: date | None = None) -> None:
    """The director approves the roadmap (the Regulation: the director approves it)."""
    if Role.DIRECTOR not in getattr(by, "roles", ()):
        raise Refusal("Утвердить дорожную карту может только директор школы.")
    school = _bound_school()
    if not (school.director_name or "").strip():
        raise Refusal(
            "В карточке школы не указан директор: утверждать дорожную карту некому. "
            "Попросите администратора района указать директора школы."
        )
    if roadmap.is_approved:
        raise Refusal(f"Дорожная карта уже утверждена {format_date(roadmap.approved_on)}")
    roadmap.status = RoadmapStatus.APPROVED
    roadmap.approved_on = on or today()
    roadmap.approved_by_id = by.id
    roadmap.approved_by_name = by.full_name
    db.session.flush()


def is_approved(roadmap: Roadmap | None) -> bool:
    return roadmap is not None and roadmap.is_approved


# What the roadmap page shows.


@dataclass
class Step:
    """An activity as the page shows it: its status counting the automatic check."""

    activity: RoadmapActivity
    status: StepStatus
    finding: progress.Finding | None
    overdue: bool

    @property
    def status_label(self) -> str:
        return StepStatus(self.status).label

    @property
    def automatic(self) -> bool:
        return self.finding is not None


def steps(
    roadmap: Roadmap, on: date | None = None, with_records: bool = True
) -> dict[Stage, list[Step]]:
    """Every activity of the roadmap, by stage, with its status from data where the data show it."""
    on = on or today()
    found = (
        progress.school_findings(roadmap.school_id, roadmap.year, on)
        if with_records
        else progress.findings(roadmap.year, on).get(roadmap.school_id, progress.findings_empty())
    )
    out: dict[Stage, list[Step]] = {stage: [] for stage in Stage}
    for activity in roadmap.activities:
        finding = found.get(activity.check_key) if activity.check_key else None
        status = activity.status
        if finding is not None:
            status = progress.better(status, finding.status)
        out[Stage(activity.stage)].append(
            Step(activity, status, finding, status != StepStatus.DONE and activity.due_on < on)
        )
    return out


def overdue_steps(on: date | None = None) -> list[Step]:
    """The overdue activities of this year's roadmap of the bound school (for the home page)."""
    on = on or today()
    roadmap = roadmap_of_year(academic_year(on))
    if roadmap is None:
        return []
    return [
        s for group in steps(roadmap, on, with_records=False).values() for s in group if s.overdue
    ]
