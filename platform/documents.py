"""An official school order (приказ) rendered as a .docx, in the layout the schools already use."""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH as Align
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from nastavnik.dates import format_date

FONT = "Times New Roman"
DATE_BLANK = "«___» __________ 20__ г."
NUMBER_BLANK = "______"
CONTROL_ITEM = "Контроль исполнения приказа оставляю за собой."

HEADER_RU = (
    "РОССИЙСКАЯ ФЕДЕРАЦИЯ",
    "ЧЕЧЕНСКАЯ РЕСПУБЛИКА",
    "АДМИНИСТРАЦИЯ КУРЧАЛОЕВСКОГО МУНИЦИПАЛЬНОГО РАЙОНА",
)
HEADER_CE = (
    "РОССИИ ФЕДЕРАЦИ",
    "НОХЧИЙН РЕСПУБЛИКА",
    "КУРЧАЛОЙН К1ОШТАН МУНИЦИПАЛЬНИ АДМИНИСТРАЦИ",
)

# «Контроль за исполнением…», «…контроль исполнения приказа возложить на…» and the like.
_CONTROL = re.compile(r"контрол\w*\s+(?:(?:за|над)\s+)?(?:исполнени|выполнени)")
# Text pasted into forms may carry Windows line ends and control characters XML cannot hold.
_NOT_XML = re.compile("[\x00-\x08\x0c\x0e-\x1f\ufffe\uffff]")

TEXT_WIDTH = Cm(21 - 2 - 1.5)
HALF_WIDTH = TEXT_WIDTH // 2
INDENT = Cm(1.25)


@dataclass(frozen=True)
class SchoolLetterhead:
    name_ru: str
    name_ce: str
    settlement: str


@dataclass(frozen=True)
class OrderItem:
    text: str
    subitems: tuple[str, ...] = ()


@dataclass(frozen=True)
class OrderDocument:
    letterhead: SchoolLetterhead
    number: str | None  # None: a blank «№ ______» to fill in by hand
    date: date | None  # None: a blank «___» __________ 20__ г.
    title: str
    preamble: str
    items: tuple[OrderItem, ...]
    signer_position: str
    signer_name: str
    annex_title: str | None = None  # the annex and its table appear only with a title
    annex_columns: tuple[str, ...] = ()
    annex_rows: tuple[tuple[str, ...], ...] = ()


def render_order(doc: OrderDocument) -> bytes:
    """The order as the bytes of a .docx file."""
    for row in doc.annex_rows:
        if len(row) != len(doc.annex_columns):
            raise ValueError(f"annex row has {len(row)} cells, expected {len(doc.annex_columns)}")

    document = Document()
    _set_up_page(document)
    _set_properties(document, doc)

    date_text = DATE_BLANK if doc.date is None else format_date(doc.date)
    number_text = f"№ {doc.number or NUMBER_BLANK}"

    lh = doc.letterhead
    header = _table(document, (HALF_WIDTH, HALF_WIDTH))
    blocks = ((*HEADER_RU, lh.name_ru.upper()), (*HEADER_CE, lh.name_ce.upper()))
    for cell, lines in zip(header.rows[0].cells, blocks, strict=True):
        for i, line in enumerate(lines):
            paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            _write(paragraph, line, bold=True, align=Align.CENTER)

    _write(document.add_paragraph(), "ПРИКАЗ", bold=True, align=Align.CENTER, before=18)

    dated = _table(document, (HALF_WIDTH, HALF_WIDTH))
    left, right = dated.rows[0].cells
    _write(left.paragraphs[0], date_text)
    _write(right.paragraphs[0], number_text, align=Align.RIGHT)

    _write(document.add_paragraph(), lh.settlement, align=Align.CENTER, before=6)
    _write(document.add_paragraph(), doc.title, bold=True, align=Align.CENTER, before=12)
    _write(document.add_paragraph(), doc.preamble, justify=True, before=12)
    _write(document.add_paragraph(), "ПРИКАЗЫВАЮ:", bold=True, before=12, after=6)

    items = list(doc.items)
    if not any(_CONTROL.search(text.casefold()) for text in _all_item_texts(items)):
        items.append(OrderItem(CONTROL_ITEM))
    for n, item in enumerate(items, start=1):
        _write(document.add_paragraph(), f"{n}. {item.text}", justify=True)
        for m, subitem in enumerate(item.subitems, start=1):
            _write(document.add_paragraph(), f"{n}.{m}. {subitem}", justify=True)

    signature = f"{doc.signer_position} ____________ {doc.signer_name}"
    _write(document.add_paragraph(), signature, before=36)

    if doc.annex_title:
        heading = document.add_paragraph()
        heading.paragraph_format.page_break_before = True
        annex_of = f"Приложение к приказу от {date_text} {number_text}"
        _write(heading, annex_of, align=Align.RIGHT)
        _write(
            document.add_paragraph(),
            doc.annex_title,
            bold=True,
            align=Align.CENTER,
            before=12,
            after=12,
        )
        if doc.annex_columns:
            _annex_table(document, doc.annex_columns, doc.annex_rows)

    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _all_item_texts(items):
    for item in items:
        yield item.text
        yield from item.subitems


def _set_up_page(document):
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = section.left_margin = Cm(2)
    section.right_margin = Cm(1.5)

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    fonts = normal.element.rPr.rFonts
    for attribute in ("w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    # The template defaults to en-US, which would spell-check the order as English.
    for lang in document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang"):
        lang.set(qn("w:val"), "ru-RU")
        lang.set(qn("w:eastAsia"), "ru-RU")


def _set_properties(document, doc):
    properties = document.core_properties
    properties.title = doc.title
    properties.author = doc.letterhead.name_ru
    properties.last_modified_by = doc.letterhead.name_ru
    properties.language = "ru-RU"
    properties.comments = ""  # the template says «generated by python-docx»
    properties.created = properties.modified = datetime.now(UTC)


def _table(document, widths, style=None):
    table = document.add_table(rows=1, cols=len(widths), style=style)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # Word reads the cell widths, LibreOffice the grid columns: set both.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = width
    return table


def _annex_table(document, columns, rows):
    widths = [TEXT_WIDTH // len(columns)] * len(columns)
    if columns and columns[0].strip() in ("№", "№ п/п") and len(columns) > 1:
        # A number column needs little room; the rest share what is left.
        first = Cm(1.2)
        widths = [first] + [(TEXT_WIDTH - first) // (len(columns) - 1)] * (len(columns) - 1)
    table = _table(document, widths, style="Table Grid")
    header = table.rows[0]
    # Repeat the header row on every page of a long annex.
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, text in zip(header.cells, columns, strict=True):
        _write(cell.paragraphs[0], text, bold=True, align=Align.CENTER, size=12)
    for row in rows:
        cells = table.add_row().cells
        for cell, text, width in zip(cells, row, widths, strict=True):
            cell.width = width
            _write(cell.paragraphs[0], text, size=12)


def _write(paragraph, text, *, bold=False, align=None, justify=False, before=0, after=0, size=None):
    """Put text into a paragraph; `justify` makes it body text with a first-line indent."""
    layout = paragraph.paragraph_format
    layout.space_before, layout.space_after = Pt(before), Pt(after)
    if justify:
        align = Align.JUSTIFY
        layout.first_line_indent = INDENT
    paragraph.alignment = align
    text = text.replace("\r\n", "\n").replace("\x0b", "\n")
    run = paragraph.add_run(_NOT_XML.sub("", text))
    run.bold = bold
    if size:
        run.font.size = Pt(size)
