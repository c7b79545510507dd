"""What the demo district publishes for its schools: the normative base (real documents with
their exact titles, numbers and dates; links to official sources, the district's own order as a
file), two news items and this year's roadmap template, through the services the screens use.

Run after the schools are seeded, so the demo schools' own roadmaps of the year stay as the
platform's template made them; a school starting its roadmap now starts from the district's.
"""

import io
from datetime import date, timedelta

from docx import Document
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from nastavnik import dates
from nastavnik.extensions import db
from nastavnik.models import Account
from nastavnik.tenancy import Scope, scoped
from nastavnik.tenants.public.models import DistrictNews, NormativeDocument
from nastavnik.tenants.roadmap.models import DistrictTemplate, Stage
from nastavnik.tenants.roadmap.timing import academic_year, year_label

from ..publishing import documents, news, roadmaps

CONSULTANT = "https://www.consultant.ru/document/"
MINPROS_DOCS = "https://docs.edu.gov.ru/"

ORDER_TITLE = (
    "Приказ МУ «Управление образования Курчалоевского муниципального района» «Об утверждении "
    "положения о системе наставничества педагогических работников в образовательных "
    "организациях Курчалоевского муниципального района»"
)

# (level, title, number, signed on, link or None: the district's own order is kept as a file)
DOCUMENTS = (
    (
        "federal",
        "Федеральный закон «Об образовании в Российской Федерации»",
        "273-ФЗ",
        date(2012, 12, 29),
        CONSULTANT + "cons_doc_LAW_140174/",
    ),
    (
        "federal",
        "Федеральный закон «О персональных данных»",
        "152-ФЗ",
        date(2006, 7, 27),
        CONSULTANT + "cons_doc_LAW_61801/",
    ),
    (
        "federal",
        "Распоряжение Министерства просвещения Российской Федерации «Об утверждении методологии "
        "(целевой модели) наставничества обучающихся для организаций, осуществляющих "
        "образовательную деятельность по общеобразовательным, дополнительным "
        "общеобразовательным и программам среднего профессионального образования, в том числе "
        "с применением лучших практик обмена опытом между обучающимися»",
        "Р-145",
        date(2019, 12, 25),
        MINPROS_DOCS,
    ),
    (
        "federal",
        "Письмо Министерства просвещения Российской Федерации «О направлении методических "
        "рекомендаций» (Методические рекомендации по разработке и внедрению системы (целевой "
        "модели) наставничества педагогических работников в образовательных организациях)",
        "АЗ-1128/08",
        date(2021, 12, 21),
        MINPROS_DOCS,
    ),
    (
        "federal",
        "Указ Президента Российской Федерации «О проведении в Российской Федерации Года педагога "
        "и наставника»",
        "401",
        date(2022, 6, 27),
        "https://www.kremlin.ru/acts/bank",
    ),
    ("district", ORDER_TITLE, "131-од", date(2022, 8, 17), None),
)


def _order_file() -> FileStorage:
    """The district's order as the department keeps it for the schools (a demo copy)."""
    doc = Document()
    doc.add_paragraph("МУ «Управление образования Курчалоевского муниципального района»")
    doc.add_heading("ПРИКАЗ", level=1)
    doc.add_paragraph("от 17 августа 2022 г. № 131-од")
    doc.add_paragraph(
        "Об утверждении положения о системе наставничества педагогических работников в "
        "образовательных организациях Курчалоевского муниципального района"
    )
    doc.add_paragraph(
        "Демонстрационная копия для платформы «Наставник»: подлинник хранится в Управлении "
        "образования."
    )
    data = io.BytesIO()
    doc.save(data)
    data.seek(0)
    return FileStorage(data, "Приказ 131-од о наставничестве.docx")


def _news(today: date) -> tuple[news.NewsFields, ...]:
    seminar = today + timedelta(days=12)
    return (
        news.NewsFields(
            "Районный семинар наставников «Первые шаги молодого педагога»",
            today - timedelta(days=3),
            f"{dates.format_date(seminar)} в 10:00 в Управлении образования пройдёт районный "
            "семинар для наставников и кураторов школ.\n\n"
            "В программе:\n\n"
            "- как составить **персонализированную программу** по затруднениям наставляемого;\n"
            "- посещение уроков: что смотреть и как обсуждать;\n"
            "- опыт школ района — выступления наставнических пар.\n\n"
            "Заявки на выступление принимает куратор наставничества района до "
            f"{dates.format_date(seminar - timedelta(days=5))}",
        ),
        news.NewsFields(
            f"Опубликован шаблон дорожной карты на {year_label(academic_year(today))} учебный год",
            today - timedelta(days=20),
            "Управление образования опубликовало шаблон дорожной карты (плана мероприятий) "
            "по реализации положения о системе наставничества. Школы, которые ещё не составили "
            "дорожную карту этого года, составят её по шаблону района: в этап 4 добавлено "
            "участие наставников в районном семинаре.\n\n"
            "Уже составленные дорожные карты не меняются.",
        ),
    )


def seed_publishing() -> list[str]:
    """Adds what is missing, as the district's administrator; a second run changes nothing."""
    with scoped(Scope.district()):
        district_admin = db.session.execute(
            select(Account).where(Account.login == "district")
        ).scalar_one_or_none()
        return _seed(district_admin)


def _seed(district_admin: Account | None) -> list[str]:
    done = []
    today = dates.today()
    if not db.session.execute(select(func.count(NormativeDocument.id))).scalar_one():
        for level, title, number, signed_on, link in DOCUMENTS:
            documents.add_document(
                documents.DocumentFields(
                    level,
                    title,
                    number,
                    signed_on,
                    link=link or "",
                    upload=None if link else _order_file(),
                ),
                district_admin,
            )
        done.append("нормативная база района")
    if not db.session.execute(select(func.count(DistrictNews.id))).scalar_one():
        for fields in _news(today):
            news.add_news(fields, district_admin)
        done.append("новости района")
    year = academic_year(today)
    if not db.session.execute(
        select(DistrictTemplate.id).where(DistrictTemplate.year == year)
    ).scalar_one_or_none():
        template = roadmaps.prepare(year, district_admin)
        roadmaps.add_activity(
            template,
            roadmaps.TemplateActivityFields(
                stage=Stage.SELECTION,
                content="Участие наставников в районном семинаре «Первые шаги молодого педагога».",
                timing="Декабрь",
                responsible="Куратор по наставничеству",
                expected_result="Наставники школы приняли участие в районном семинаре",
            ),
            district_admin,
        )
        roadmaps.publish(template, today - timedelta(days=20), district_admin)
        done.append(f"шаблон дорожной карты района на {template.label}")
    return done
