"""The questionnaires the platform ships: a starting point a school may copy and adapt.

Written for the school's own monitoring (Roadmap, stage 6: «мониторинг качества реализации
персонализированных программ наставничества (анкетирование)»); they are not an official form
of any authority. Short, neutral wording; scales labelled at both ends; one open question at
the end so that what the scales miss can still be said.

The district may edit each of them for its schools (/district/published/questionnaires/):
`current_defaults()` is what a school's copy starts from.
"""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from nastavnik.extensions import db

from .models import DistrictDefault, Purpose, QuestionKind

S, ONE, MANY, T = QuestionKind.SCALE, QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TEXT


@dataclass(frozen=True)
class Q:
    text: str
    kind: QuestionKind
    required: bool = True
    scale_max: int | None = None
    low_label: str = ""
    high_label: str = ""
    options: tuple[str, ...] = ()
    per_area: bool = False


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    purpose: Purpose
    anonymous: bool
    description: str
    questions: tuple[Q, ...] = field(default_factory=tuple)


def scale(text, low="совсем нет", high="полностью", top=5, **kw) -> Q:
    return Q(text, S, scale_max=top, low_label=low, high_label=high, **kw)


FORMS_OF_MEETING = (
    "Личные встречи и беседы",
    "Посещение уроков друг друга",
    "Совместная подготовка уроков и мероприятий",
    "Консультации по переписке, онлайн",
    "Участие в семинарах, мастер-классах",
)

MENTEE_END = Template(
    key="mentee_end",
    title="Анкета наставляемого по итогам программы наставничества",
    purpose=Purpose.MENTEE_END,
    anonymous=True,
    description=(
        "Анкета помогает школе понять, что в программе наставничества получилось, а что стоит "
        "изменить. Она анонимна: в результатах не видно, кто как ответил, а итоги показываются "
        "только по группе не меньше чем из трёх человек. Заполнение займёт 5–7 минут."
    ),
    questions=(
        scale(
            "Насколько вы в целом удовлетворены участием в программе наставничества?",
            low="совсем не удовлетворён(а)",
            high="полностью удовлетворён(а)",
        ),
        scale(
            "Насколько помощь наставника была полезна для вашей работы?",
            low="совсем не полезна",
            high="очень полезна",
        ),
        scale(
            "Насколько наставник был доступен, когда вам нужна была помощь?",
            low="почти никогда",
            high="всегда",
        ),
        scale(
            "Насколько вам удалось продвинуться в этом направлении?",
            low="без изменений",
            high="затруднение преодолено",
            per_area=True,
        ),
        scale(
            "Насколько реалистичным был план мероприятий программы по срокам и объёму?",
            low="совсем нереалистичным",
            high="вполне реалистичным",
        ),
        Q(
            "Какие формы работы с наставником были для вас самыми полезными?",
            MANY,
            required=False,
            options=FORMS_OF_MEETING,
        ),
        Q(
            "Чувствуете ли вы себя увереннее в профессии, чем до начала программы?",
            ONE,
            options=("Да, заметно", "Скорее да", "Без изменений", "Скорее нет"),
        ),
        Q("Что было самым ценным в программе?", T, required=False),
        Q("Что вы предложили бы изменить в программе или в работе с наставником?", T, False),
    ),
)

MENTOR_END = Template(
    key="mentor_end",
    title="Анкета наставника по итогам программы наставничества",
    purpose=Purpose.MENTOR_END,
    anonymous=True,
    description=(
        "Ваш взгляд на прошедшую программу наставничества: что удалось наставляемому, что "
        "помогало и мешало. Анкета анонимна; итоги показываются только по группе не меньше чем "
        "из трёх человек."
    ),
    questions=(
        scale(
            "Насколько вы в целом удовлетворены ходом и итогами программы?",
            low="совсем не удовлетворён(а)",
            high="полностью удовлетворён(а)",
        ),
        scale(
            "Насколько продвинулся наставляемый в этом направлении?",
            low="без изменений",
            high="затруднение преодолено",
            per_area=True,
        ),
        scale(
            "Насколько активно наставляемый участвовал в работе по программе?",
            low="пассивно",
            high="очень активно",
        ),
        scale(
            "Хватало ли вам времени на наставническую работу наряду с основной нагрузкой?",
            low="совсем не хватало",
            high="вполне хватало",
        ),
        scale(
            "Насколько вы получали нужную поддержку куратора и методического объединения?",
            low="не получал(а)",
            high="в полной мере",
        ),
        Q(
            "Что мешало работе по программе?",
            MANY,
            required=False,
            options=(
                "Нехватка времени",
                "Несовпадение расписаний",
                "Недостаток методических материалов",
                "Низкая мотивация наставляемого",
                "Ничего существенного",
            ),
        ),
        Q(
            "Готовы ли вы снова стать наставником?",
            ONE,
            options=("Да", "Скорее да", "Пока не знаю", "Нет"),
        ),
        Q("Что вы предложили бы изменить в организации наставничества в школе?", T, False),
    ),
)

POTENTIAL_MENTOR = Template(
    key="potential_mentor",
    title="Анкета потенциального наставника",
    purpose=Purpose.POTENTIAL_MENTOR,
    anonymous=False,
    description=(
        "Анкета помогает куратору подобрать наставнические пары (раздел 6 Положения): в каких "
        "вопросах вы можете помочь коллегам, сколько наставляемых вам по силам и в какой форме "
        "удобнее работать. Ответы видят куратор, координатор, руководитель и рабочая группа."
    ),
    questions=(
        Q("Почему вы хотите стать наставником?", T),
        Q("Каким опытом вы готовы поделиться с коллегами?", T),
        Q(
            "В каких направлениях вы можете помочь коллегам?",
            MANY,
            options=(
                "Предметное содержание",
                "Методика преподавания",
                "Воспитательная работа",
                "Урочная и внеурочная деятельность",
                "Психолого-педагогическое сопровождение",
                "Цифровая образовательная среда",
            ),
        ),
        Q(
            "Есть ли у вас опыт наставничества?",
            ONE,
            options=(
                "Нет",
                "Был неформальный опыт помощи коллегам",
                "Был наставником в школе",
                "Был наставником несколько раз",
            ),
        ),
        Q(
            "Скольких наставляемых вы готовы сопровождать одновременно?",
            ONE,
            options=("Одного", "Двоих", "Троих и больше (групповая форма)"),
        ),
        Q(
            "Какие формы наставничества вам ближе?",
            MANY,
            options=(
                "Традиционная («один на один»)",
                "Групповая",
                "Виртуальная (дистанционная)",
                "Краткосрочная, под конкретную цель",
                "Ситуационная (помощь по запросу)",
                "Реверсивная (молодой педагог помогает опытному)",
            ),
        ),
        scale(
            "Насколько уверенно вы чувствуете себя в роли наставника?",
            low="совсем не уверенно",
            high="вполне уверенно",
        ),
        Q("Что вы ждёте от участия в наставничестве?", T, required=False),
    ),
)

DEFAULTS: dict[str, Template] = {t.key: t for t in (MENTEE_END, MENTOR_END, POTENTIAL_MENTOR)}


def current_defaults() -> dict[str, Template]:
    """Each default as the district has edited it, or as the platform ships it."""
    edited = {
        d.key: d
        for d in db.session.execute(
            select(DistrictDefault).options(selectinload(DistrictDefault.questions))
        ).scalars()
    }
    result = {}
    for key, shipped in DEFAULTS.items():
        district = edited.get(key)
        if district is None:
            result[key] = shipped
            continue
        result[key] = Template(
            key=key,
            title=district.title,
            purpose=shipped.purpose,
            anonymous=district.anonymous,
            description=district.description,
            questions=tuple(
                Q(
                    q.text,
                    QuestionKind(q.kind),
                    required=q.required,
                    scale_max=q.scale_max,
                    low_label=q.low_label,
                    high_label=q.high_label,
                    options=tuple(q.options),
                    per_area=q.per_area,
                )
                for q in district.questions
            ),
        )
    return result
