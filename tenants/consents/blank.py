"""The paper a teacher signs: a consent to the processing of personal data, pre-filled.

It carries what part 4 of article 9 of 152-ФЗ asks of a written consent: the subject (name;
the passport and address are written in by hand), the operator (the school, its address), the
purpose, the list of data, the list of actions and the ways of processing, the term and how the
consent is revoked, and the signature. One page a person; several people, one file.
"""

from dataclasses import dataclass
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH as Align
from docx.shared import Pt

from nastavnik.documents import describe, page_by_page, set_up_page

from .models import ConsentKind
from .services import DEFAULTS


def file_name(subjects: list["Subject"], day: date) -> str:
    """«Согласие на обработку ПДн — Алиева Р.М. — 01.12.2026.docx»; several people: how many."""
    who = subjects[0].short_name if len(subjects) == 1 else f"{len(subjects)} чел."
    title = "Согласие" if len(subjects) == 1 else "Согласия"
    return f"{title} на обработку ПДн — {who} — {day:%d.%m.%Y}.docx"


BLANK = "_" * 60

ACTIONS = (
    "сбор, запись, систематизация, накопление, хранение, уточнение (обновление, изменение), "
    "извлечение, использование, передача (предоставление, доступ) в пределах цели обработки, "
    "обезличивание, блокирование, удаление, уничтожение. Обработка ведётся с использованием "
    "средств автоматизации (платформа «Наставник») и без их использования."
)
TERM = (
    "Согласие действует со дня его подписания до прекращения трудовых отношений с оператором "
    "либо до его отзыва. По истечении срока или после отзыва персональные данные уничтожаются, "
    "кроме тех, которые оператор обязан хранить по закону."
)
REVOCATION = (
    "Согласие может быть отозвано мной в любое время письменным заявлением, поданным оператору "
    "(часть 2 статьи 9 Федерального закона № 152-ФЗ). Оператор прекращает обработку и уничтожает "
    "персональные данные в срок, не превышающий десяти рабочих дней с даты поступления отзыва "
    "(часть 5 статьи 21 того же закона)."
)


@dataclass(frozen=True)
class Operator:
    name: str  # the school's full name
    address: str


def operator_of(school) -> Operator:
    """The school as the operator: its full postal address when the district has given it;
    otherwise the settlement and a line to write the rest of the address by hand."""
    address = school.postal_address or (
        f"Чеченская Республика, Курчалоевский район, {school.settlement}, {BLANK[:30]}"
    )
    return Operator(name=school.name_ru, address=address)


@dataclass(frozen=True)
class Subject:
    full_name: str
    short_name: str
    position: str


def render_blanks(operator: Operator, people: list[Subject]) -> bytes:
    document = Document()
    set_up_page(document)
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    describe(document, "Согласие на обработку персональных данных", operator.name)
    return page_by_page(
        document, people, lambda document, person: _page(document, operator, person)
    )


def in_sentence(position: str) -> str:
    """A position as the register writes it («Учитель истории»), after a comma in a sentence:
    its first letter small, unless it begins an abbreviation («ПДО»)."""
    if len(position) > 1 and position[1].islower():
        return position[:1].lower() + position[1:]
    return position


def _page(document, operator: Operator, person: Subject) -> None:
    purpose, data_list = DEFAULTS[ConsentKind.PERSONAL_DATA]
    _para(document, "СОГЛАСИЕ", bold=True, align=Align.CENTER)
    _para(document, "на обработку персональных данных", bold=True, align=Align.CENTER, after=10)
    paragraph = _para(document, "Я, ")
    _run(paragraph, person.full_name, bold=True)
    if person.position:
        _run(paragraph, f", {in_sentence(person.position)}")
    _run(paragraph, ",")
    _para(document, "паспорт: серия ________ № ______________, выдан «___» ____________ ______ г.")
    _para(document, f"кем выдан: {BLANK}")
    _para(document, f"адрес регистрации: {BLANK[:52]}", after=6)
    paragraph = _para(document, "", after=6)  # the school's long name would stretch the words
    _run(
        paragraph,
        "в соответствии со статьёй 9 Федерального закона от 27.07.2006 № 152-ФЗ «О "
        "персональных данных» свободно, своей волей и в своём интересе даю согласие оператору — ",
    )
    _run(paragraph, operator.name, bold=True)
    _run(paragraph, f", адрес: {operator.address}, — на обработку моих персональных данных:")
    for label, text in (
        (
            "Цель обработки",
            f"{purpose.rstrip('.')} — в рамках Положения о системе наставничества "
            "педагогических работников.",
        ),
        ("Перечень персональных данных", data_list),
        ("Перечень действий и способы обработки", ACTIONS),
        ("Срок действия согласия", TERM),
        ("Порядок отзыва", REVOCATION),
    ):
        paragraph = _para(document, "", justify=True, after=4)
        _run(paragraph, f"{label}: ", bold=True)
        _run(paragraph, text)
    _para(document, "", after=12)
    _para(document, "«___» ____________ 20___ г.")
    paragraph = _para(document, "", before=18)
    _run(paragraph, "________________ / ")
    _run(paragraph, person.short_name)
    _para(document, "(подпись)            (расшифровка подписи)", size=9)


def _para(document, text, *, bold=False, align=None, justify=False, before=0, after=0, size=None):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    elif justify:
        paragraph.alignment = Align.JUSTIFY
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.line_spacing = 1.0
    if text:
        _run(paragraph, text, bold=bold, size=size)
    return paragraph


def _run(paragraph, text, *, bold=False, size=None):
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    return run
