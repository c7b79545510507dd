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


def seed_roadmap(position: int, accounts: dict[str, Account]) -> bool:
    """This year's roadmap of the bound school, unless it has one; True when made."""
    today = dates.today()
    year = academic_year(today)
    if roadmap.roadmap_of_year(year) is not None:
        return False
    made = roadmap.create_roadmap(year)
    behind = position % 3 == 1  # every third school lags: more overdue
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

    if position % 4 != 3:
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
