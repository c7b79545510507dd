"""The roadmap template shipped with the platform: Приложение 2 of the seed (order № 90-од).

Each stage's «Содержание деятельности и план мероприятий» is split into its activities as the
seed lists them, with the seed's timing and responsible. Where the seed leaves the timing or the
responsible of a stage blank (stages 6 and 7), the template names the curator and the end of the
programs, so that every activity has a due date; the school may change both.

`lead` is the stage's opening words that the seed puts before its list (stage 1), and `style` how
the annex joins the activities back into one cell: "dash" — each on its own line after «– », as
stages 1, 5 and 6 list them; "prose" — one after another, as sentences (stages 2, 3, 4, 7).

This is the platform's template: the starting content of the district's template of a year
(edited under /district/published/roadmaps/), and what a school gets for a year the district
has not published one for. `template_for(year)` says which one a school starts from.
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from nastavnik.extensions import db

from .models import DistrictTemplate, Stage

CURATOR = "Куратор по наставничеству"
DIRECTOR_AND_DEPUTY = "Директор, заместитель директора по УВР"
WORKING_GROUP = "Рабочая группа по наставничеству"


@dataclass(frozen=True)
class TemplateActivity:
    content: str
    timing: str
    responsible: str
    expected_result: str = ""
    check: str | None = None  # an automatic check of progress.py, where the data show it


@dataclass(frozen=True)
class TemplateStage:
    stage: Stage
    activities: tuple[TemplateActivity, ...]
    lead: str = ""
    style: str = "prose"


TEMPLATE: tuple[TemplateStage, ...] = (
    TemplateStage(
        Stage.CONDITIONS,
        lead="Подготовка и принятие локальных нормативных правовых актов образовательной "
        "организации:",
        style="dash",
        activities=(
            TemplateActivity(
                "приказ «Об утверждении положения о системе наставничества педагогических "
                "работников в образовательной организации»;",
                "Август",
                DIRECTOR_AND_DEPUTY,
                "Положение о системе наставничества утверждено приказом директора",
            ),
            TemplateActivity(
                "Дорожная карта (план мероприятий) по реализации Положения о системе "
                "наставничества педагогических работников.",
                "Август",
                DIRECTOR_AND_DEPUTY,
                "Дорожная карта утверждена директором",
                check="roadmap_approved",
            ),
            TemplateActivity(
                "приказ(ы) о закреплении наставнических пар/групп с письменного согласия их "
                "участников на возложение на них дополнительных обязанностей, связанных с "
                "наставнической деятельностью.",
                "Август",
                DIRECTOR_AND_DEPUTY,
                "Пары/группы закреплены подписанным приказом",
                check="pairs_ordered",
            ),
            TemplateActivity(
                "подготовка персонализированных программ наставничества – при наличии в "
                "Организации наставляемых",
                "Август",
                DIRECTOR_AND_DEPUTY,
                "У каждой утверждённой пары/группы есть программа",
                check="programs",
            ),
        ),
    ),
    TemplateStage(
        Stage.MENTEE_BANK,
        activities=(
            TemplateActivity(
                "Сбор информации о профессиональных запросах педагогов.",
                "Август",
                CURATOR,
                "Запросы и затруднения педагогов собраны",
            ),
            TemplateActivity(
                "Формирование банка данных наставляемых, обеспечение согласий на сбор и "
                "обработку персональных данных.",
                "Август",
                CURATOR,
                "Банк наставляемых сформирован, согласия получены",
                check="mentee_bank",
            ),
        ),
    ),
    TemplateStage(
        Stage.MENTOR_BANK,
        activities=(
            TemplateActivity(
                "Проведение анкетирования среди потенциальных наставников в образовательной "
                "организации, желающих принять участие в персонализированных программах "
                "наставничества.",
                "Сентябрь",
                CURATOR,
                "Анкеты потенциальных наставников собраны",
            ),
            TemplateActivity(
                "Формирование банка данных наставников, обеспечение согласий на сбор и "
                "обработку персональных данных.",
                "Сентябрь",
                CURATOR,
                "Банк наставников сформирован, согласия получены",
                check="mentor_bank",
            ),
        ),
    ),
    TemplateStage(
        Stage.SELECTION,
        activities=(
            TemplateActivity(
                "Анализ банка наставников и выбор подходящих для конкретной персонализированной "
                "программы наставничества педагога/группы педагогов.",
                "Сентябрь",
                WORKING_GROUP,
                "Наставники подобраны для каждого наставляемого",
            ),
            TemplateActivity(
                "Обучение наставников для работы с наставляемыми: подготовка методических "
                "материалов для сопровождения наставнической деятельности;",
                "В течение года",
                WORKING_GROUP,
                "Методические материалы для наставников подготовлены",
            ),
            TemplateActivity(
                "проведение консультаций, организация обмена опытом среди наставников – "
                "«установочные сессии» наставников.",
                "В течение года",
                WORKING_GROUP,
                "Установочные сессии наставников проведены",
            ),
        ),
    ),
    TemplateStage(
        Stage.PAIRS,
        style="dash",
        activities=(
            TemplateActivity(
                "Формирование наставнических пар/групп.",
                "В течение года",
                "Все участники программы",
                "Пары/группы закреплены приказом",
                check="pairs_ordered",
            ),
            TemplateActivity(
                "Разработка персонализированных программ наставничества для каждой пары/группы.",
                "В течение года",
                "Все участники программы",
                "У каждой пары/группы есть персонализированная программа",
                check="programs",
            ),
            TemplateActivity(
                "Организация психолого-педагогической поддержки сопровождения наставляемых, не "
                "сформировавших пару или группу (при необходимости), продолжение поиска "
                "наставника/наставников.",
                "В течение года",
                "Педагог-психолог",
                "Наставляемые без пары получают поддержку",
            ),
        ),
    ),
    TemplateStage(
        Stage.COMPLETION,
        style="dash",
        activities=(
            TemplateActivity(
                "Проведение мониторинга качества реализации персонализированных программ "
                "наставничества (анкетирование).",
                "Май",
                CURATOR,
                "Программы завершены, анкеты участников собраны",
                check="completion",
            ),
            TemplateActivity(
                "Проведение школьной конференции или семинара.",
                "Апрель",
                CURATOR,
                "Конференция или семинар проведены",
            ),
            TemplateActivity(
                "Проведение итогового мероприятия (круглого стола) по выявлению лучших практик "
                "наставничества; пополнение методической копилки педагогических практик "
                "наставничества.",
                "Май",
                WORKING_GROUP,
                "Лучшие практики отобраны, методическая копилка пополнена",
            ),
        ),
    ),
    TemplateStage(
        Stage.INFORMATION,
        activities=(
            TemplateActivity(
                "Освещение мероприятий Дорожной карты осуществляется на всех этапах на сайте ОО "
                "и социальных сетях.",
                "В течение года",
                CURATOR,
                "Мероприятия освещены на сайте школы и в социальных сетях",
            ),
        ),
    ),
)

BY_STAGE = {t.stage: t for t in TEMPLATE}


def published_template(year: int) -> DistrictTemplate | None:
    """The district's template of the academic year, if the district has published it."""
    return db.session.execute(
        select(DistrictTemplate)
        .where(DistrictTemplate.year == year, DistrictTemplate.published_on.is_not(None))
        .options(selectinload(DistrictTemplate.activities))
    ).scalar_one_or_none()


def template_for(year: int) -> tuple[TemplateStage, ...]:
    """What a school's roadmap of the year starts from: the district's published template of
    that year, else the platform's. A stage keeps the platform's lead words and style (the annex
    of the founding order joins its activities so)."""
    district = published_template(year)
    if district is None:
        return TEMPLATE
    by_stage: dict[Stage, list[TemplateActivity]] = {stage: [] for stage in Stage}
    for item in district.activities:
        by_stage[Stage(item.stage)].append(
            TemplateActivity(
                item.content, item.timing, item.responsible, item.expected_result, item.check_key
            )
        )
    return tuple(
        TemplateStage(
            stage,
            tuple(items),
            lead=BY_STAGE[stage].lead if stage in BY_STAGE else "",
            style=BY_STAGE[stage].style if stage in BY_STAGE else "prose",
        )
        for stage, items in by_stage.items()
    )
