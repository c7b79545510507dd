"""The demo's best practices: a dozen in four schools, at every step of their path, with files.

Written through the practices' service, as the screens do: drafts, published in the school,
submitted, shared with all schools by the district methodologist, one returned with a comment,
one withdrawn. The files are small real documents made here (.docx and .xlsx).
"""

import io

from docx import Document
from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from nastavnik.dates import today
from nastavnik.extensions import db
from nastavnik.models import Account
from nastavnik.tenants.consents.models import ConsentKind
from nastavnik.tenants.consents.services import valid_kinds
from nastavnik.tenants.practices.models import Practice
from nastavnik.tenants.practices.services import save_practice, take_step
from nastavnik.tenants.staff.models import Staff

RETURN_COMMENT = (
    "Опишите, как измеряли результат: добавьте итоги анкетирования наставляемых "
    "и приложите план мероприятий программы."
)

# (title, summary, body, forms, areas, the path it takes, views)
PRACTICES = [
    (
        "Наставник на уроке молодого педагога: посещение и разбор",
        "Как наставнику посещать уроки молодого учителя и разбирать их так, чтобы это помогало.",
        "## Что делаем\n\nНаставник посещает **два урока в месяц**, заранее договорившись с "
        "наставляемым о цели посещения.\n\n## Разбор урока\n\n1. Сначала говорит молодой "
        "педагог: что получилось, что нет.\n2. Наставник называет одну сильную сторону и одну "
        "точку роста.\n3. Вместе выбирают приём для следующего урока.\n\n"
        "Подробнее о формах: [методические рекомендации Минпросвещения](https://edu.gov.ru/).",
        ("traditional", "teacher_teacher"),
        ("methods", "lessons"),
        "shared",
        41,
    ),
    (
        "Цифровая среда без страха: реверсивное наставничество",
        "Молодые учителя помогают опытным коллегам освоить электронный журнал и онлайн-платформы.",
        "Опытный педагог и молодой учитель меняются ролями: молодой показывает цифровые "
        "инструменты, опытный — приёмы работы с классом.\n\n- электронный журнал;\n"
        "- платформы для домашних заданий;\n- презентации к уроку.",
        ("reverse",),
        ("digital",),
        "shared",
        17,
    ),
    (
        "Школа молодого педагога: групповые встречи раз в месяц",
        "Групповое наставничество для учителей первых трёх лет работы.",
        "Раз в месяц куратор собирает молодых педагогов и наставников. Каждая встреча — одна "
        "тема: дисциплина на уроке, работа с родителями, подготовка к аттестации.",
        ("group",),
        ("upbringing", "psychology"),
        "submitted",
        0,
    ),
    (
        "Кейс-сессии по трудным ситуациям урока",
        "Ситуационное наставничество: разбор конкретного случая в течение недели.",
        "Черновик: собрать три кейса и описать, как их разбирали с наставниками.",
        ("situational",),
        ("lessons",),
        "draft",
        0,
    ),
    (
        "Педагог – педагог: адаптация учителя, пришедшего в школу",
        "План первых трёх месяцев для учителя, впервые пришедшего в нашу школу.",
        "Наставник знакомит с традициями школы, с классами и с документами. Через три месяца — "
        "открытый урок наставляемого и беседа с куратором.",
        ("teacher_teacher",),
        ("subject", "methods"),
        "shared",
        25,
    ),
    (
        "Скоростные встречи наставников и наставляемых",
        "Короткие встречи по 10 минут, чтобы молодые учителя нашли своего наставника.",
        "Формат помогает подобрать пары до приказа: каждый наставляемый беседует с пятью "
        "наставниками и называет двух, с кем хотел бы работать.",
        ("speed",),
        ("other",),
        "returned",
        0,
    ),
    (
        "Методический день наставника",
        "Один день в четверти наставник и наставляемый проводят вместе: уроки, планирование.",
        "Опубликовано в школе; готовим к отправке в район.",
        ("traditional",),
        ("methods",),
        "published",
        0,
    ),
    (
        "Виртуальное наставничество для сельской школы",
        "Наставник из районной школы ведёт молодого учителя дистанционно.",
        "Встречи по видеосвязи раз в неделю, общий документ с планом и заметками по урокам.",
        ("virtual",),
        ("digital", "methods"),
        "shared",
        9,
    ),
    (
        "Портфолио молодого педагога",
        "Как наставник помогает собрать портфолио к аттестации.",
        "Практика снята с публикации: обновляем под новый порядок аттестации.",
        ("traditional",),
        ("other",),
        "withdrawn",
        0,
    ),
    (
        "Воспитательная работа классного руководителя: первые шаги",
        "Наставник помогает молодому классному руководителю спланировать год.",
        "Черновик плана: классные часы, работа с родителями, внеурочные дела.",
        ("teacher_teacher",),
        ("upbringing",),
        "draft",
        0,
    ),
    (
        "Руководитель – педагог: беседы о профессиональном росте",
        "Директор раз в полугодие беседует с молодыми учителями об их затруднениях.",
        "Беседа строится по итогам анкетирования; результат — индивидуальный план роста.",
        ("head_teacher",),
        ("psychology", "other"),
        "submitted",
        0,
    ),
    (
        "Наставничество в подготовке к олимпиадам",
        "Опытный учитель и молодой коллега вместе готовят учеников к олимпиаде.",
        "Наставляемый ведёт занятия кружка, наставник помогает с подбором заданий.",
        ("short_term",),
        ("subject", "lessons"),
        "shared",
        31,
    ),
]

# Which practices each of the first four demo schools keeps (indexes into PRACTICES).
BY_SCHOOL = {0: (0, 1, 2, 3), 1: (4, 5, 6), 2: (7, 8, 9), 3: (10, 11)}

PATHS = {
    "draft": [],
    "published": ["publish"],
    "submitted": ["publish", "submit"],
    "shared": ["publish", "submit", "share"],
    "returned": ["publish", "submit", "return"],
    "withdrawn": ["publish", "submit", "share", "withdraw"],
}


def _docx(title: str, summary: str) -> FileStorage:
    document = Document()
    document.add_heading(title, level=1)
    document.add_paragraph(summary)
    document.add_paragraph("Материалы практики наставничества (демонстрационный файл).")
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    return FileStorage(buffer, f"{title[:60]}.docx")


def _xlsx(title: str) -> FileStorage:
    book = Workbook()
    sheet = book.active
    sheet.title = "План"
    sheet.append([f"План мероприятий практики «{title}»"])
    sheet.append(["Мероприятие", "Срок", "Ответственный"])
    sheet.append(["Посещение урока наставляемого", "Октябрь", "Наставник"])
    sheet.append(["Разбор урока", "Октябрь", "Наставник и наставляемый"])
    sheet.append(["Открытый урок", "Декабрь", "Наставляемый"])
    for cell in (sheet["A1"], *sheet[2]):
        cell.font = Font(bold=True)
    for column, width in zip("ABC", (34, 12, 28), strict=True):  # no cell cut by the next
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return FileStorage(buffer, "План мероприятий.xlsx")


def seed_practices(position: int, accounts: dict[str, Account], methodist: Account) -> bool:
    """The school's practices, once; False when it already has some (or none are planned)."""
    if position not in BY_SCHOOL:
        return False
    if db.session.execute(select(func.count(Practice.id))).scalar_one():
        return False
    staff = list(db.session.execute(select(Staff).order_by(Staff.id)).scalars())
    kinds = valid_kinds([s.id for s in staff], today())
    consenting = [s for s in staff if ConsentKind.PUBLICATION in kinds[s.id]]
    others = [s for s in staff if s not in consenting and not s.data_hidden]
    curator = accounts["curator"]
    year = today().year if today().month >= 9 else today().year - 1
    for n, index in enumerate(BY_SCHOOL[position]):
        title, summary, body, forms, areas, status, views = PRACTICES[index]
        authors = consenting[:1] + others[n % max(1, len(others)) :][:1]
        files = [_docx(title, summary)] + ([_xlsx(title)] if n % 2 == 0 else [])
        practice = save_practice(
            None,
            {
                "title": title,
                "summary": summary,
                "body": body,
                "forms": forms,
                "areas": areas,
                "year": year - (n % 2),
            },
            [a.id for a in authors],
            files,
            curator,
        )
        for step in PATHS[status]:
            district = step in ("share", "return")
            take_step(
                practice,
                step,
                methodist if district else curator,
                district=district,
                comment=RETURN_COMMENT if step == "return" else "",
            )
        practice.views = views
    db.session.flush()
    return True
