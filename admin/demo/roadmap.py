"""This year's roadmap of a demo school, and its events, made through the services the screens use.

Stages at different progress: the banks, the order on pairs and the programs complete
themselves from the demo's data; some activities are marked by hand, a few left overdue (more
in every third school); a setup session for mentors fulfils its activity; a seminar is planned;
a pair entered the «Педагогический дуэт» contest. Most schools' roadmaps are approved.
"""

from datetime import date, timedelta

from sqlalchemy import select

from nastavnik import dates
from nastavnik.extensions import db
from nastavnik.models import Account
from nastavnik.tenants.events import services as events
from nastavnik.tenants.events.models import EventKind
from nastavnik.tenants.roadmap import services as roadmap
from nastavnik.tenants.roadmap.models import Stage, StepStatus
from nastavnik.tenants.roadmap.timing import academic_year
from nastavnik.tenants.staff.models import Staff


def _staff_of(accounts: dict[str, Account], *logins: str) -> list[int]:
    ids = [accounts[login].id for login in logins if login in accounts]
    rows = db.session.execute(select(Staff.id).where(Staff.account_id.in_(ids))).scalars()
    return list(rows)


def seed_roadmap(position: int, accounts: dict[str, Account], profile: dict | None = None) -> bool:
    """This year's roadmap of the bound school (and last year's), unless it has them; True when
    made. The profile says whether the school has this year's at all, whether the director has
    approved it, whether it lags (more overdue) or is on time (nothing overdue)."""
    profile = profile or {}
    today = dates.today()
    year = academic_year(today)
    made_last = seed_last_roadmap(accounts, profile.get("last_roadmap", 8), today)
    if profile.get("roadmap", "approved") is None:
        return made_last  # the school has not drawn up this year's roadmap yet
    if roadmap.roadmap_of_year(year) is not None:
        return made_last
    made = roadmap.create_roadmap(year)
    behind = profile.get("behind", position % 3 == 1)  # a lagging school: more overdue
    steps = {(a.stage, a.position): a for a in made.activities}

    def mark(stage: Stage, n: int, status=StepStatus.DONE, note: str = "", days: int = 0):
        activity = steps[(stage.value, n)]
        roadmap.mark(activity, status, note=note, on=activity.due_on + timedelta(days=days))

    mark(Stage.CONDITIONS, 1, note="Приказ об утверждении Положения подписан 30 августа.")
    mark(Stage.MENTEE_BANK, 1, note="Проведено анкетирование педагогов о запросах.", days=-3)
    if not behind:
        mark(Stage.MENTOR_BANK, 1, note="Собраны анкеты потенциальных наставников.", days=-5)
        mark(Stage.SELECTION, 1, note="Наставники подобраны на заседании рабочей группы.")
    mark(Stage.SELECTION, 2, StepStatus.IN_PROGRESS, note="Подготовлена памятка наставника.")
    mark(Stage.INFORMATION, 1, StepStatus.IN_PROGRESS, note="Новости на сайте школы.")

    # The school's own activity, not held by its October: overdue in every school.
    roadmap.add_activity(
        made,
        Stage.SELECTION,
        roadmap.ActivityFields(
            content="Методический день наставников: взаимопосещение уроков.",
            timing="Октябрь",
            responsible="Руководитель МО",
            expected_result="Наставники обменялись опытом",
        ),
    )

    if profile.get("on_time"):
        # Everything whose date has passed is done: nothing overdue on this school's roadmap.
        db.session.refresh(made)  # with the school's own activity added above
        for activity in made.activities:
            if activity.due_on and activity.due_on < today and activity.status != StepStatus.DONE:
                roadmap.mark(
                    activity, StepStatus.DONE, note="Выполнено в срок.", on=activity.due_on
                )

    if profile.get("roadmap", "approved") == "approved":
        director = accounts.get("director")
        if director is not None:
            roadmap.approve(made, director, date(year, 8, 30))

    mentors = _staff_of(accounts, "mentor1", "mentor2", "curator")
    session_on = min(today, date(year, 9, 20))
    events.create_event(
        events.EventFields(
            kind=EventKind.SETUP_SESSION,
            title="Установочная сессия для наставников «Роль наставника в адаптации молодого "
            "педагога»",
            held_on=session_on,
            place="Учительская",
            results="Наставники познакомились с Положением и планом на год, получили памятки.",
            activity_id=steps[(Stage.SELECTION.value, 3)].id,
            participant_ids=mentors,
        ),
        on=today,
    )
    events.create_event(
        events.EventFields(
            kind=EventKind.CONFERENCE,
            title="Школьный семинар «Наставничество: первые итоги»",
            held_on=date(year + 1, 3, 25),
            place="Актовый зал школы",
            activity_id=steps[(Stage.COMPLETION.value, 2)].id,
            participant_ids=mentors,
        ),
        on=today,
    )
    duet = _staff_of(accounts, "mentor1", "mentee1")
    contest_on = min(today, date(year, 11, 20))
    events.create_event(
        events.EventFields(
            kind=EventKind.CONTEST,
            title="Региональный конкурс наставнических пар «Педагогический дуэт»",
            held_on=contest_on,
            place="Районный методический кабинет",
            results="Пара прошла отборочный этап." if contest_on < today else "",
            participant_ids=duet,
        ),
        on=today,
    )
    db.session.flush()
    return True


def seed_last_roadmap(accounts: dict[str, Account], tenths: int, today: date) -> bool:
    """Last year's roadmap, approved on 30 August and done by `tenths` of its activities marked
    by hand (the rest completes itself from last year's data or stays undone); True when made."""
    year = academic_year(today) - 1
    if roadmap.roadmap_of_year(year) is not None:
        return False
    made = roadmap.create_roadmap(year)
    director = accounts.get("director")
    if director is not None:
        roadmap.approve(made, director, date(year, 8, 30))
    activities = sorted(made.activities, key=lambda a: (a.stage, a.position))
    for n, activity in enumerate(activities):
        if activity.status == StepStatus.DONE or (n * 7) % 10 >= tenths:
            continue
        on = min(activity.due_on or date(year + 1, 5, 31), date(year + 1, 8, 31))
        roadmap.mark(activity, StepStatus.DONE, note="Выполнено, материалы у куратора.", on=on)
    db.session.flush()
    return True
