"""The demo schools' public sections (8.1): an introduction, news, an announcement and a
recommendation, and the signed order of this year's pairs shown among the school's documents.

Who is named there follows the consents the mentoring seed records: the curator, a mentor and
one mentee consented to publication, the others did not (so both cases show).
"""

from datetime import timedelta

from sqlalchemy import select

from nastavnik import dates
from nastavnik.extensions import db
from nastavnik.tenants.orders import services as orders
from nastavnik.tenants.orders.models import OrderKind, OrderStatus, SchoolOrder
from nastavnik.tenants.public import services as public
from nastavnik.tenants.public.models import PublicSettings

from .mentoring import academic_year_start

INTRODUCTION = """\
Наставничество в {short} — это помощь опытного педагога молодому или новому коллеге:
вместе они составляют **персонализированную программу наставничества** сроком от 3 месяцев
до 1 года и выполняют её план.

Система наставничества работает по Положению, утверждённому приказом директора, и по
дорожной карте на учебный год. Формы наставничества: традиционная «один на один», групповая,
обратная (молодой педагог помогает коллеге освоить цифровую среду) и другие (п. 2.3 Положения).

- наставников подбирают по запросам наставляемого и с согласия обеих сторон (раздел 6);
- результаты программы публикуются после её завершения (п. 8.2).
"""

RECOMMENDATION = """\
## С чего начать наставнику

1. Посетите 2–3 урока наставляемого и обсудите их вместе, начиная с удач.
2. Запишите в программу не больше трёх главных затруднений — по ним и стройте план.
3. Договоритесь о постоянном времени встреч: хотя бы раз в две недели.

Полезно: *Методические рекомендации по разработке и внедрению системы (целевой модели)
наставничества педагогических работников в образовательных организациях* (письмо
Минпросвещения России от 21.12.2021 № АЗ-1128/08).
"""


def seed_public(school) -> bool:
    """Fills the school's public section once; False when it was already filled."""
    if db.session.execute(select(PublicSettings.id)).first():
        return False
    today = dates.today()
    start = academic_year_start(today)
    public.save_settings(
        INTRODUCTION.format(short=school.short_name),
        f"Приёмная {school.short_name}, {school.settlement}",
    )
    items = (
        (
            "news",
            "Установочная сессия для наставников",
            "Куратор провёл установочную сессию для наставников: обсудили Положение о системе "
            "наставничества, дорожную карту на год и как составлять персонализированные программы.",
            start + timedelta(days=10),
            None,
        ),
        (
            "news",
            "Закреплены наставнические пары и группы",
            "Приказом директора закреплены наставнические пары и группы на учебный год. "
            "Наставники вместе с наставляемыми составляют персонализированные программы.",
            start + timedelta(days=5),
            None,
        ),
        (
            "announcement",
            "Круглый стол «Лучшие практики наставничества»",
            "Приглашаем педагогов школы на круглый стол: наставнические пары расскажут, "
            "что получилось за полугодие.",
            min(today, start + timedelta(days=60)),
            start + timedelta(days=120),
        ),
        ("recommendation", "Памятка наставнику: первые шаги", RECOMMENDATION, start, None),
    )
    for kind, title, body, published_on, event_on in items:
        post = public.create_post(
            kind, title, body, event_on=event_on, event_place="Актовый зал" if event_on else ""
        )
        public.publish_post(post, min(published_on, today))
    # A draft stays a draft: nobody outside sees it.
    public.create_post("news", "Черновик: итоги первого полугодия", "Текст готовится.")
    # The director shows this year's order of pairs among the school's own documents.
    latest = (
        db.session.execute(
            select(SchoolOrder)
            .where(SchoolOrder.kind == OrderKind.PAIRINGS, SchoolOrder.status == OrderStatus.SIGNED)
            .order_by(SchoolOrder.signed_on.desc())
        )
        .scalars()
        .first()
    )
    if latest is not None:
        orders.set_public(latest, True)
    return True
