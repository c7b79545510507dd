"""An official school order (приказ) rendered as a .docx, in the layout the schools already use."""

import base64
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH as Align
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from nastavnik.dates import format_date

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
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
# A date as format_date writes it: «30 августа 2023 г.».
_WRITTEN_DATE = re.compile(r"\b\d{1,2} [а-яё]+ \d{4} г\.")
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
    # Unnumbered lines after the item: the seed lists the working group this way.
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Approval:
    """The blocks above an adopted document: what follows each word, line by line."""

    considered: str = ""  # РАССМОТРЕНО: «на педагогическом совете (протокол № 1 от …)»
    approved: str = ""  # УТВЕРЖДЕНО: «приказом директора № 90-од от 30.08.2023 г.»
    agreed: str = ""  # СОГЛАСОВАНО: «на заседании МО (протокол № 1 от 30.08.2023 г.)»


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Annex:
    """An annex on its own page: a table (columns and rows) and/or text in sections."""

    title: str
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    sections: tuple[Section, ...] = ()
    approval: Approval | None = None


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
    annex_title: str | None = None  # a single table annex, the older way to give one
    annex_columns: tuple[str, ...] = ()
    annex_rows: tuple[tuple[str, ...], ...] = ()
    heading: str = "ПРИКАЗ"  # or «ВЫПИСКА ИЗ ПРИКАЗА»
    acquainted: tuple[str, ...] = ()  # «С приказом ознакомлены:», one name per line
    approval: Approval | None = None
    annexes: tuple[Annex, ...] = ()

    def all_annexes(self) -> tuple[Annex, ...]:
        single = ()
        if self.annex_title:
            single = (Annex(self.annex_title, self.annex_columns, self.annex_rows),)
        return single + self.annexes


def render_order(doc: OrderDocument) -> bytes:
    """The order as the bytes of a .docx file."""
    annexes = doc.all_annexes()
    for annex in annexes:
        for row in annex.rows:
            if len(row) != len(annex.columns):
                raise ValueError(f"annex row has {len(row)} cells, expected {len(annex.columns)}")

    document = Document()
    set_up_page(document)
    _set_properties(document, doc)

    date_text = DATE_BLANK if doc.date is None else format_date(doc.date)
    number_text = f"№ {doc.number or NUMBER_BLANK}"

    write_letterhead(document, doc.letterhead)

    _write(document.add_paragraph(), doc.heading, bold=True, align=Align.CENTER, before=18)

    dated = _table(document, (HALF_WIDTH, HALF_WIDTH))
    left, right = dated.rows[0].cells
    _write(left.paragraphs[0], date_text)
    _write(right.paragraphs[0], number_text, align=Align.RIGHT)

    _write(document.add_paragraph(), doc.letterhead.settlement, align=Align.CENTER, before=6)
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
        for line in item.lines:
            _write(document.add_paragraph(), line, align=Align.LEFT)

    keep_with_signature(document)
    signature = f"{doc.signer_position} ____________ {doc.signer_name}"
    _write(document.add_paragraph(), signature, before=36)

    if doc.acquainted:
        _write(document.add_paragraph(), "С приказом ознакомлены:", before=24, after=6)
        for name in doc.acquainted:
            _write(document.add_paragraph(), f"{name} ____________ {DATE_BLANK}", after=4)

    if doc.approval:
        _approval_blocks(document, doc.approval)

    # The seed: «Приложение 1 к приказу от 30.08.2023 № 90-од».
    short_date = DATE_BLANK if doc.date is None else doc.date.strftime("%d.%m.%Y")
    for n, annex in enumerate(annexes, start=1):
        page = document.add_paragraph()
        page.paragraph_format.page_break_before = True
        if annex.approval:
            _approval_blocks(document, annex.approval, first=page)
            page = document.add_paragraph()
        label = "Приложение" if len(annexes) == 1 else f"Приложение {n}"
        below = 12 if annex.approval else 0  # a line's room under the approval blocks
        _write(
            page,
            f"{label} к приказу от {short_date} {number_text}",
            align=Align.RIGHT,
            before=below,
        )
        _write(
            document.add_paragraph(),
            annex.title,
            bold=True,
            align=Align.CENTER,
            before=12,
            after=12,
        )
        if annex.columns:
            _annex_table(document, annex.columns, annex.rows)
        for section in annex.sections:
            if section.heading:
                _write(document.add_paragraph(), section.heading, bold=True, before=12, after=6)
            for text in section.paragraphs:
                _write(document.add_paragraph(), text, justify=True)

    out = BytesIO()
    document.save(out)
    return out.getvalue()


def write_letterhead(document, lh: SchoolLetterhead) -> None:
    """The school's header, in Russian on the left and in Chechen on the right; with no
    Chechen name (the district's department), the Russian one across the page."""
    if not lh.name_ce:
        header = _table(document, (TEXT_WIDTH,))
        blocks = ((*HEADER_RU, lh.name_ru.upper()),)
    else:
        header = _table(document, (HALF_WIDTH, HALF_WIDTH))
        blocks = ((*HEADER_RU, lh.name_ru.upper()), (*HEADER_CE, lh.name_ce.upper()))
    for cell, lines in zip(header.rows[0].cells, blocks, strict=True):
        for i, line in enumerate(lines):
            paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            _write(paragraph, line, bold=True, align=Align.CENTER)


def _approval_blocks(document, approval: Approval, first=None):
    """РАССМОТРЕНО, УТВЕРЖДЕНО and СОГЛАСОВАНО side by side, as above the seed's annexes."""
    blocks = [
        (word, text)
        for word, text in (
            ("РАССМОТРЕНО", approval.considered),
            ("УТВЕРЖДЕНО", approval.approved),
            ("СОГЛАСОВАНО", approval.agreed),
        )
        if text
    ]
    if not blocks:
        return
    if first is not None:  # the paragraph carrying the page break stays empty above the table
        first.paragraph_format.space_after = Pt(0)
    table = _table(document, (TEXT_WIDTH // len(blocks),) * len(blocks))
    # After the order's last lines (not at the top of a new page), a little room above them.
    above = 0 if first is not None else 24
    for cell, (word, text) in zip(table.rows[0].cells, blocks, strict=True):
        _write(cell.paragraphs[0], word, bold=True, size=12, before=above)
        _write(cell.add_paragraph(), text, size=12)


def _all_item_texts(items):
    for item in items:
        yield item.text
        yield from item.subitems


def set_up_page(document):
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
    describe(document, doc.title, doc.letterhead.name_ru)


def page_by_page(document, items, write) -> bytes:
    """`write(document, item)` for each item, each from a new page; the file's bytes."""
    for empty in document.paragraphs[:1]:  # the template's own first paragraph
        empty._p.getparent().remove(empty._p)
    for number, item in enumerate(items):
        if number:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        write(document, item)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def describe(document, title: str, author: str) -> None:
    """The file's own properties: its title and author, Russian, made now."""
    properties = document.core_properties
    properties.title = title
    properties.author = properties.last_modified_by = author
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
    widths = _column_widths(columns, rows)
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


def keep_with_signature(document) -> None:
    """The last line above the signature goes to the next page with it: the school's report
    ended on a page holding only «Куратор … ____________ Джамалдаева А.Х.»."""
    last = document.paragraphs[-1] if document.paragraphs else None
    body = document.element.body
    if last is not None and len(body) > 1 and body[-2] is last._p:
        last.paragraph_format.keep_with_next = True


def _column_widths(columns, rows):
    """A number column needs little room; the others share the rest by how much they hold
    (the roadmap's «Содержание деятельности» is long, its «Сроки» short), each at least as
    wide as its longest word, so that no word breaks in the middle («Ответственн-ый»)."""
    numbered = len(columns) > 1 and columns[0].strip() in ("№", "№ п/п")
    first = Cm(1.2) if numbered else 0
    offset = 1 if numbered else 0
    texts = [
        [str(title)] + [str(row[i]) for row in rows if i < len(row)]
        for i, title in enumerate(columns[offset:], start=offset)
    ]
    room = TEXT_WIDTH - first
    floors = [
        max(word_room(col[0], bold=True), max((word_room(t) for t in col[1:]), default=0))
        for col in texts
    ]
    weights = [max(sum(len(t) for t in col[1:]) / max(len(col) - 1, 1), 8) for col in texts]
    # Shares by weight; a column whose share is below its floor gets the floor, and the rest
    # is shared again among the others.
    fixed: dict[int, int] = {}
    while True:
        left = room - sum(fixed.values())
        free = [i for i in range(len(texts)) if i not in fixed]
        total = sum(weights[i] for i in free) or 1
        short = [i for i in free if left * weights[i] / total < floors[i]]
        if not short or len(short) == len(free):
            break
        fixed.update({i: floors[i] for i in short})
    widths = [fixed.get(i, int(left * weights[i] / total)) for i in range(len(texts))]
    return ([first] if numbered else []) + widths


def word_room(text: str, *, bold: bool = False, size: float = 12) -> int:
    """How wide a cell must be for the longest word of `text` not to break in the middle:
    Times New Roman's Cyrillic letters, about 0.215 cm at 12 pt (0.24 bold: «Наставляемые» is
    2.84 cm), and the cell's margins, 0.19 cm on each side. A date written out is one word
    («6 октября 2025» over a lone «г.» was read in a plan's «Срок»); its digits and spaces are
    narrower, about 0.18 cm a character («25 сентября 2026 г.» is 3.14 cm at 11 pt)."""
    text = str(text)
    letter = (0.24 if bold else 0.215) * size / 12
    words = [letter * len(w) for w in _WRITTEN_DATE.sub(" ", text).split()]
    dates = [0.18 * size / 12 * len(d) for d in _WRITTEN_DATE.findall(text)]
    return Cm(max(words + dates, default=0) + 0.5)


def fit_to_words(widths: list[int], floors: list[int]) -> list[int]:
    """The widths, each column at least its floor: what a narrow column lacks is taken from
    the others in proportion to what they have above their own floors; the total stays."""
    lacking = sum(max(f - w, 0) for w, f in zip(widths, floors, strict=True))
    spare = [max(w - f, 0) for w, f in zip(widths, floors, strict=True)]
    if not lacking or sum(spare) < lacking:
        return list(widths)
    share = lacking / sum(spare)
    return [max(w, f) - int(s * share) for w, f, s in zip(widths, floors, spare, strict=True)]


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


def with_control(items: tuple[OrderItem, ...]) -> tuple[OrderItem, ...]:
    """The items as the order numbers them, «Контроль исполнения…» last unless one says it
    (for a screen that shows the draft as the document will read)."""
    if any(_CONTROL.search(text.casefold()) for text in _all_item_texts(items)):
        return tuple(items)
    return (*items, OrderItem(CONTROL_ITEM))


def data_link(document: bytes, mimetype: str = DOCX) -> str:
    """A document that holds a one-time password, as a `data:` link inside the page itself.

    The password is in that response only (sent no-store): neither the database, nor the
    session cookie, nor a later download keeps it; the document is gone with the page.
    """
    return f"data:{mimetype};base64,{base64.b64encode(document).decode()}"
