"""The rules of the school's events: who took part (the school's own staff only), and the roadmap
activity an event fulfils, marked done once the event has taken place and has results."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from nastavnik.dates import format_date, today
from nastavnik.extensions import db
from nastavnik.refusals import Refusal
from nastavnik.tenants.roadmap import services as roadmap
from nastavnik.tenants.roadmap.models import RoadmapActivity
from nastavnik.tenants.roadmap.progress import Record
from nastavnik.tenants.roadmap.timing import academic_year, span, within, year_label
from nastavnik.tenants.staff.models import Staff
from nastavnik.uploads import StoredFile

from .models import EventKind, EventMaterial, EventParticipant, SchoolEvent

TITLE_MAX = 300
PLACE_MAX = 300
RESULTS_MAX = 4000
# The platform's years: the first academic year a school may record (the practices' too) …
FIRST_YEAR = 2015
# … and how far ahead an event may be planned: the current academic year and the next.
YEARS_AHEAD = 1


@dataclass
class EventFields:
    kind: str
    title: str
    held_on: date | None
    place: str = ""
    results: str = ""
    activity_id: int | None = None
    participant_ids: list[int] = field(default_factory=list)


def _activity(activity_id) -> RoadmapActivity | None:
    if not activity_id:
        return None
    found = db.session.execute(
        select(RoadmapActivity).where(RoadmapActivity.id == int(activity_id))
    ).scalar_one_or_none()
    if found is None:
        raise Refusal("Мероприятие дорожной карты не найдено.", field="activity_id")
    return found


def _people(ids) -> list[Staff]:
    wanted = list(dict.fromkeys(int(i) for i in ids or ()))
    if not wanted:
        return []
    found = {
        s.id: s for s in db.session.execute(select(Staff).where(Staff.id.in_(wanted))).scalars()
    }
    if len(found) != len(wanted):
        raise Refusal(
            "Участник не найден в реестре педагогов школы: участвовать могут только педагоги "
            "этой школы.",
            field="participants",
        )
    return [found[i] for i in wanted]


def _check(fields: EventFields, on: date) -> tuple[dict, RoadmapActivity | None, list[Staff]]:
    kind = EventKind.parse(fields.kind)
    if kind is None:
        raise Refusal("Выберите вид мероприятия.", field="kind")
    title = " ".join((fields.title or "").split())
    if not title:
        raise Refusal("Укажите название мероприятия.", field="title")
    if len(title) > TITLE_MAX:
        raise Refusal(f"Название — не длиннее {TITLE_MAX} символов.", field="title")
    if fields.held_on is None:
        raise Refusal("Укажите дату проведения.", field="held_on")
    earliest, latest = span(FIRST_YEAR)[0], span(academic_year(on) + YEARS_AHEAD)[1]
    if not earliest <= fields.held_on <= latest:
        raise Refusal(
            f"Дата проведения — с {format_date(earliest)} по {format_date(latest)}: "
            "мероприятия прошлых лет и этого и следующего учебного года.",
            field="held_on",
        )
    place = " ".join((fields.place or "").split())
    if len(place) > PLACE_MAX:
        raise Refusal(f"Место — не длиннее {PLACE_MAX} символов.", field="place")
    results = (fields.results or "").strip()
    if len(results) > RESULTS_MAX:
        raise Refusal(f"Итоги — не длиннее {RESULTS_MAX} символов.", field="results")
    if results and fields.held_on > on:
        raise Refusal("Итоги вносятся после того, как мероприятие проведено.", field="results")
    activity = _activity(fields.activity_id)
    if activity is not None:
        year = roadmap.roadmap_of(activity).year
        if not within(year, fields.held_on):
            first, last = span(year)
            raise Refusal(
                f"Дата вне учебного года {year_label(year)} дорожной карты: с "
                f"{format_date(first)} по {format_date(last)}",
                field="held_on",
            )
    people = _people(fields.participant_ids)
    values = {
        "kind": kind,
        "title": title,
        "held_on": fields.held_on,
        "place": place,
        "results": results,
        "activity_id": activity.id if activity else None,
    }
    return values, activity, people


def _fulfil(event: SchoolEvent, activity: RoadmapActivity | None, on: date) -> None:
    # The event is the evidence of its roadmap activity once held and its results written.
    if activity is not None and event.held_on <= on and event.results:
        roadmap.mark_done_by(activity, event.held_on)


def _set_people(event: SchoolEvent, people: list[Staff]) -> None:
    have = {p.staff_id: p for p in event.participants}
    event.participants = [
        have.get(s.id) or EventParticipant(staff_id=s.id, event_id=event.id) for s in people
    ]


def create_event(fields: EventFields, files=(), on: date | None = None) -> SchoolEvent:
    on = on or today()
    values, activity, people = _check(fields, on)
    event = SchoolEvent(**values)
    db.session.add(event)
    db.session.flush()
    _set_people(event, people)
    add_materials(event, files)
    _fulfil(event, activity, on)
    db.session.flush()
    return event


def update_event(event: SchoolEvent, fields: EventFields, files=(), on: date | None = None):
    on = on or today()
    values, activity, people = _check(fields, on)
    for name, value in values.items():
        setattr(event, name, value)
    _set_people(event, people)
    add_materials(event, files)
    _fulfil(event, activity, on)
    db.session.flush()


def add_materials(event: SchoolEvent, files) -> None:
    for stored in files or ():
        assert isinstance(stored, StoredFile)
        event.materials.append(EventMaterial(event_id=event.id, file_id=stored.id))
    db.session.flush()


def events() -> list[SchoolEvent]:
    return list(
        db.session.execute(
            select(SchoolEvent).order_by(SchoolEvent.held_on.desc(), SchoolEvent.id.desc())
        ).scalars()
    )


def activity_choices() -> list[tuple[int, str]]:
    """The activities of the school's roadmaps an event may fulfil, latest year first."""
    out = []
    for r in roadmap.roadmaps():
        for a in r.activities:
            text = a.content if len(a.content) <= 90 else a.content[:89] + "…"
            out.append((a.id, f"{r.label} · этап {a.stage}: {text}"))
    return out


def evidence(activity_ids) -> dict[int, list[Record]]:
    """The events that fulfil each roadmap activity (the roadmap's EVIDENCE hook)."""
    ids = list(activity_ids)
    if not ids:
        return {}
    out: dict[int, list[Record]] = {}
    rows = db.session.execute(
        select(SchoolEvent)
        .where(SchoolEvent.activity_id.in_(ids))
        .order_by(SchoolEvent.held_on, SchoolEvent.id)
    ).scalars()
    on = today()
    for e in rows:
        state = (
            "Проведено"
            if e.held_on <= on and e.results
            else ("Запланировано" if e.held_on > on else "Проведено, итоги не внесены")
        )
        out.setdefault(e.activity_id, []).append(
            Record(
                f"{state}: {e.kind_label.lower()} «{e.title}», {format_date(e.held_on)}",
                "events.show",
                {"event_id": e.id},
            )
        )
    return out
