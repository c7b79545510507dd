"""The slip a new school's director is handed: where to log in, the login and the one-time
password, and what to do first. A .docx (python-docx, the page set up as the platform's orders)."""

from dataclasses import dataclass
from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH as Align
from docx.shared import Cm, Pt

from nastavnik.dates import format_date, today
from nastavnik.documents import describe, set_up_page

MONOSPACE = "Courier New"
FILE_NAME = "Памятка для входа руководителя — {school}.docx"

STEPS = (
    "Откройте в браузере адрес для входа (его можно набрать вручную).",
    "Введите логин и одноразовый пароль так, как они напечатаны: строчными латинскими буквами "
    "и цифрами, с дефисами.",
    "Сразу после входа платформа попросит задать свой пароль: не короче 8 символов, не "
    "совпадающий с логином и не из распространённых. После этого одноразовый пароль больше "
    "не действует.",
    "В разделе «Учётные записи» создайте записи для куратора, координатора и других "
    "сотрудников школы.",
    "Не показывайте памятку другим людям, а после смены пароля уничтожьте её. Если пароль "
    "утерян или памятка попала в чужие руки, обратитесь в Управление образования.",
)


@dataclass(frozen=True)
class Slip:
    school_name: str
    short_name: str
    person: str
    login_url: str
    login: str
    password: str
    issued_by: str


def render_slip(slip: Slip) -> bytes:
    document = Document()
    set_up_page(document)
    describe(document, f"Памятка для входа: {slip.short_name}", slip.issued_by)

    _line(document, slip.issued_by, size=12, align=Align.RIGHT)
    _line(document, "ПАМЯТКА ДЛЯ ВХОДА НА ПЛАТФОРМУ «НАСТАВНИК»", bold=True, before=18)
    _line(document, slip.school_name, before=6)
    _line(document, f"Руководитель: {slip.person}", before=6, after=12)

    table = document.add_table(rows=0, cols=2, style="Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (Cm(5.5), Cm(12))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for label, value, mono in (
        ("Адрес для входа", slip.login_url, False),
        ("Логин", slip.login, True),
        ("Одноразовый пароль", slip.password, True),
    ):
        cells = table.add_row().cells
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
        _cell(cells[0], label, bold=True)
        _cell(cells[1], value, mono=mono)

    _line(document, "Что сделать", bold=True, align=Align.LEFT, before=18, after=6)
    for n, step in enumerate(STEPS, start=1):
        paragraph = _line(document, f"{n}. {step}", align=Align.JUSTIFY, after=4)
        paragraph.paragraph_format.left_indent = Cm(0.6)
        paragraph.paragraph_format.first_line_indent = Cm(-0.6)

    _line(document, f"Выдано {format_date(today())}", align=Align.LEFT, before=24)
    _line(document, "Выдал(а) ____________________ (подпись)", align=Align.LEFT, before=12)
    _line(document, "Получил(а) ____________________ (подпись)", align=Align.LEFT, before=12)

    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _line(document, text, *, bold=False, align=Align.CENTER, before=0, after=0, size=None):
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    return paragraph


def _cell(cell, text, *, bold=False, mono=False):
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(4)
    run = paragraph.add_run(text)
    run.bold = bold or mono
    if mono:
        run.font.name = MONOSPACE
        run.font.size = Pt(16)
