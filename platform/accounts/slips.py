"""One printable sheet of login slips: eight to a page, cut apart along the dashed lines.

Each slip gives one person the address of their school's login page, their login and one-time
password. The sheet is made for the response that created the passwords and kept nowhere
(`nastavnik.documents.data_link`).
"""

from dataclasses import dataclass
from datetime import date

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ..dates import format_date
from ..documents import describe, page_by_page, set_up_page

MONOSPACE = "Courier New"
COLUMNS, ROWS = 2, 4  # slips across and down a page
SLIP_WIDTH, SLIP_HEIGHT = Cm(9), Cm(6.4)
FILE_NAME = "Памятки для входа — {school} — {day:%d.%m.%Y}.docx"


@dataclass(frozen=True)
class Slip:
    person: str
    login: str
    password: str


@dataclass(frozen=True)
class SlipSheet:
    school_name: str
    login_url: str
    valid_until: date  # the one-time passwords open the accounts until this day
    slips: tuple[Slip, ...]


def render_slips(sheet: SlipSheet) -> bytes:
    document = Document()
    set_up_page(document)
    section = document.sections[0]
    section.top_margin = section.bottom_margin = Cm(1.5)
    section.left_margin = section.right_margin = Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    describe(document, f"Памятки для входа: {sheet.school_name}", sheet.school_name)

    per_page = COLUMNS * ROWS
    pages = [sheet.slips[i : i + per_page] for i in range(0, len(sheet.slips), per_page)]
    return page_by_page(document, pages, lambda document, page: _page(document, sheet, page))


def _page(document, sheet: SlipSheet, slips) -> None:
    rows = -(-len(slips) // COLUMNS)
    table = document.add_table(rows=rows, cols=COLUMNS)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _dashed_borders(table)
    for column in table.columns:
        column.width = SLIP_WIDTH
    for row in table.rows:
        row.height = SLIP_HEIGHT
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
        _keep_whole(row)
        for cell in row.cells:
            cell.width = SLIP_WIDTH
    for index, slip in enumerate(slips):
        _slip(table.cell(index // COLUMNS, index % COLUMNS), sheet, slip)


def _slip(cell, sheet: SlipSheet, slip: Slip) -> None:
    first = cell.paragraphs[0]
    _run(first, "Вход на платформу «Наставник»", size=9)
    _run(_line(cell), sheet.school_name, size=9)
    _run(_line(cell, before=4), slip.person, bold=True, size=12)
    paragraph = _line(cell, before=4)
    _run(paragraph, "Адрес: ", size=9)
    _run(paragraph, sheet.login_url, size=9)
    paragraph = _line(cell, before=4)
    _run(paragraph, "Логин: ", size=11)
    _run(paragraph, slip.login, bold=True, mono=True, size=13)
    paragraph = _line(cell)
    _run(paragraph, "Пароль: ", size=11)
    _run(paragraph, slip.password, bold=True, mono=True, size=13)
    _run(
        _line(cell, before=4),
        "Пароль одноразовый: при первом входе платформа попросит задать свой пароль. "
        f"Войдите до {format_date(sheet.valid_until)}, потом пароль не действует. "
        "Никому не показывайте памятку, после смены пароля уничтожьте её.",
        size=8,
    )


def _line(cell, before=0):
    paragraph = cell.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(before)
    return paragraph


def _run(paragraph, text, *, bold=False, mono=False, size=11):
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    if mono:
        run.font.name = MONOSPACE
    return run


def _dashed_borders(table) -> None:
    """Cut lines: every border of every slip is dashed."""
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "dashed")
        border.set(qn("w:sz"), "6")
        border.set(qn("w:space"), "0")
        border.set(qn("w:color"), "808080")
        borders.append(border)
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "200")  # twentieths of a point: 10 pt inside each slip
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties = table._tbl.tblPr
    properties.append(borders)
    properties.append(margins)


def _keep_whole(row) -> None:
    """A slip is never split between two pages."""
    properties = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    properties.append(cant_split)
