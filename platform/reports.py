"""A report of figures: a .docx with the school's (or the district's) header, tables, charts and
a signature; the same tables as an .xlsx workbook (a sheet per table) or one table as .csv.
Page set-up as for the orders."""

import csv
import math
import textwrap
from copy import deepcopy
from dataclasses import dataclass
from datetime import UTC, date, datetime
from io import BytesIO, StringIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH as Align
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from nastavnik.dates import format_date
from nastavnik.documents import (
    _NOT_XML,
    FONT,
    TEXT_WIDTH,
    SchoolLetterhead,
    _table,
    _write,
    fit_to_words,
    keep_with_signature,
    set_up_page,
    word_room,
    write_letterhead,
)

Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    """A table of figures; `totals` is its last row («Итого»), `note` the sentence on it."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    totals: tuple[Cell, ...] | None = None
    note: str = ""
    sheet: str = ""  # the workbook sheet's name (31 characters at most); the title if empty
    weights: tuple[float, ...] = ()  # the columns' relative widths; by default the first wide


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart: one bar per label, on a scale from 0 to `scale`."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    scale: float
    # What each bar says («75 %», «нет карты»); the value itself when empty.
    texts: tuple[str, ...] = ()

    def png(self) -> bytes:
        return bar_chart_png(self)


Block = str | Table | Chart


@dataclass(frozen=True)
class Part:
    heading: str
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class ReportDocument:
    letterhead: SchoolLetterhead
    title: str
    dated: date
    parts: tuple[Part, ...]
    signer_position: str
    signer_name: str

    def all_tables(self) -> list[Table]:
        return [b for part in self.parts for b in part.blocks if isinstance(b, Table)]


def render_report(doc: ReportDocument) -> bytes:
    """The report as the bytes of a .docx file."""
    document = Document()
    set_up_page(document)
    properties = document.core_properties
    properties.title = doc.title
    properties.author = properties.last_modified_by = doc.letterhead.name_ru
    properties.language = "ru-RU"
    properties.comments = ""
    properties.created = properties.modified = datetime.now(UTC)

    write_letterhead(document, doc.letterhead)
    _write(document.add_paragraph(), doc.title, bold=True, align=Align.CENTER, before=18, after=6)
    _write(
        document.add_paragraph(),
        f"{doc.letterhead.settlement}, {format_date(doc.dated)}",
        align=Align.CENTER,
        after=12,
    )
    for n, part in enumerate(doc.parts, start=1):
        heading = document.add_paragraph()
        heading.paragraph_format.keep_with_next = True  # not at a page's foot, its text over
        _write(heading, f"{n}. {part.heading}", bold=True, before=12, after=6)
        for block in part.blocks:
            if isinstance(block, Table):
                _figures_table(document, block)
            elif isinstance(block, Chart):
                _chart(document, block)
            else:
                for text in block.split("\n"):
                    if text.strip():
                        _write(document.add_paragraph(), text.strip(), justify=True)
    keep_with_signature(document)
    signature = f"{doc.signer_position} ____________ {doc.signer_name}"
    _write(document.add_paragraph(), signature, before=36)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _text(value: Cell) -> str:
    if value is None:
        return "—"
    return ru_number(value) if isinstance(value, float) else str(value)


def _figures_table(document, table: Table) -> None:
    if table.title:  # a table that is its part's whole content goes under the part's heading
        title = document.add_paragraph()
        title.paragraph_format.keep_with_next = True
        _write(title, table.title, bold=True, before=6, after=4, size=12)
    weights = table.weights or (2.2, *([1.0] * (len(table.columns) - 1)))
    widths = [int(TEXT_WIDTH * w / sum(weights)) for w in weights]
    # No header word broken in the middle («Педагогическ-их»): the columns take the room their
    # longest words need; when many columns cannot all have it, the header's letters get smaller.
    lines = (*table.rows, *((table.totals,) if table.totals else ()))
    for size in (11, 10, 9):
        floors = [
            max(
                [word_room(title, bold=True, size=size)]
                + [word_room(_text(r[i]), size=11) for r in lines]
            )
            for i, title in enumerate(table.columns)
        ]
        if sum(floors) <= TEXT_WIDTH:
            break
    widths = fit_to_words(widths, floors)
    grid = _table(document, widths, style="Table Grid")
    grid.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, text in zip(grid.rows[0].cells, table.columns, strict=True):
        _write(cell.paragraphs[0], text, bold=True, align=Align.CENTER, size=size)
    # Each row is a copy of one row made through python-docx, its texts replaced: building every
    # cell's formatting anew costs ~1 ms a cell, minutes for the 500 schools of a district.
    # A column of figures is centred; one of sentences (a plan's activities, a program's results)
    # reads from the left, as in the schools' own plans.
    wordy = [
        any(isinstance(r[i], str) and len(r[i]) > 24 for r in table.rows)
        for i in range(len(table.columns))
    ]
    plain = _row_prototype(grid, widths, False, wordy)
    bold = _row_prototype(grid, widths, True, wordy)
    lines = [(row, plain) for row in table.rows]
    if table.totals:
        lines.append((table.totals, bold))
    for row, prototype in lines:
        tr = deepcopy(prototype)
        texts = tr.xpath("./w:tc/w:p/w:r/w:t")
        for t, value in zip(texts, row, strict=True):
            t.text = _NOT_XML.sub("", _text(value))
        grid._tbl.append(tr)
    if table.note:
        _write(document.add_paragraph(), table.note, justify=True, before=6, after=6)


def _row_prototype(grid, widths: list[int], bold: bool, wordy: list[bool]):
    """A row of the table's cells formatted for data (the first cell and columns of sentences
    left, the others centred), each with one run of text to replace; taken out of the table to be
    copied."""
    cells = grid.add_row().cells
    for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
        cell.width = width
        align = Align.LEFT if i == 0 or wordy[i] else Align.CENTER
        _write(cell.paragraphs[0], "-", bold=bold, align=align, size=11)
    tr = grid.rows[-1]._tr
    for t in tr.xpath("./w:tc/w:p/w:r/w:t"):
        t.set(qn("xml:space"), "preserve")
    tr.getparent().remove(tr)
    return tr


def _chart(document, chart: Chart) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = Align.CENTER
    paragraph.add_run().add_picture(BytesIO(chart.png()), width=Cm(15))


def ru_number(value: float) -> str:
    """«4,67», «4,5», «4»: up to two decimals, with the Russian decimal comma."""
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


CHAR_INCHES = 0.075  # a character of the labels (9 pt DejaVu Sans), on average, in inches


def _margins(figure, labels: list[str], texts, title_lines: int) -> None:
    """Room for the labels on the left, the bars' texts on the right and the title on top,
    reckoned from their lengths (what tight_layout measures by drawing the figure once more)."""
    width, height = figure.get_size_inches()
    left = 0.2 + CHAR_INCHES * max(
        (len(line) for lb in labels for line in lb.split("\n")), default=1
    )
    right = 0.2 + CHAR_INCHES * max((len(str(t)) for t in texts), default=1)
    top = 0.15 + 0.2 * title_lines
    figure.subplots_adjust(
        left=min(left / width, 0.6),
        right=max(1 - right / width, 0.65),
        top=1 - top / height,
        bottom=0.4 / height,
    )


def bar_chart_png(chart: Chart) -> bytes:
    """The chart as a PNG, drawn with matplotlib (the labels wrapped to fit)."""
    labels = ["\n".join(textwrap.wrap(label, 60)) or "—" for label in chart.labels]
    height = 0.9 + 0.3 * sum(label.count("\n") + 1 for label in labels) + 0.15 * len(labels)
    # A bare Figure on the Agg canvas: no pyplot, no figure manager to keep or to close.
    figure = Figure(figsize=(8, max(1.8, height)), dpi=110)
    FigureCanvasAgg(figure)
    axes = figure.subplots()
    positions = range(len(labels))
    bars = axes.barh(positions, chart.values, color="#2f6f9f", height=0.6)
    axes.set_yticks(list(positions), labels, fontsize=9, fontfamily="DejaVu Sans")
    axes.invert_yaxis()
    axes.set_xlim(0, chart.scale)
    figure.suptitle("\n".join(textwrap.wrap(chart.title, 90)), x=0.01, ha="left", fontsize=10)
    texts = chart.texts or tuple(ru_number(v) for v in chart.values)
    axes.bar_label(bars, labels=list(texts), padding=3)
    axes.spines[["top", "right"]].set_visible(False)
    _margins(figure, labels, texts, title_lines=len(textwrap.wrap(chart.title, 90)))
    out = BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


_FORBIDDEN_IN_SHEET_NAMES = str.maketrans({c: " " for c in "[]:*?/\\"})


def render_workbook(tables: list[Table], title: str, dated: date | None = None) -> bytes:
    """The tables as an .xlsx: a sheet each, with the table's title (and, given `dated`, the
    date of the data under it), a bold header, widths, the totals row; numbers stay numbers."""
    book = Workbook()
    book.remove(book.active)
    book.properties.title = title
    used: set[str] = set()
    for n, table in enumerate(tables, start=1):
        name = (table.sheet or table.title).translate(_FORBIDDEN_IN_SHEET_NAMES)[:28].strip()
        if name in used:
            name = f"{name[:25]} {n}"
        used.add(name)
        sheet = book.create_sheet(name)
        sheet.append([table.title])
        sheet["A1"].font = Font(name=FONT, bold=True, size=12)
        if dated is not None:
            sheet.append([f"Данные на {format_date(dated)}"])
            sheet["A2"].font = Font(name=FONT, italic=True)
        header = sheet.max_row + 1
        sheet.append(list(table.columns))
        for cell in sheet[header]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            sheet.append(list(row))
        if table.totals:
            sheet.append(list(table.totals))
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
        sheet.freeze_panes = f"B{header + 1}"
        widths = []
        for i, name in enumerate(table.columns, start=1):
            # The header wraps (by words); a long text cell wraps at the widest column.
            cells = [sheet.cell(row=r, column=i) for r in range(header + 1, sheet.max_row + 1)]
            longest = max((len(_text(c.value)) for c in cells), default=0)
            word = max((len(w) for w in str(name).split()), default=0)
            width = min(max(longest + 2, word + 2, 8), 60)
            sheet.column_dimensions[get_column_letter(i)].width = width
            widths.append(width)
            for cell in cells:
                if isinstance(cell.value, str) and len(cell.value) > width:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        for cell in sheet[header][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center")
        # Neither Excel nor LibreOffice grows a row for wrapped text on opening: say how tall.
        for r in range(header, sheet.max_row + 1):
            lines = max(
                len(textwrap.wrap(_text(c.value), max(w - 2, 4)) or [""])
                if c.alignment.wrap_text
                else 1
                for c, w in zip(sheet[r], widths)
            )
            if lines > 1:
                sheet.row_dimensions[r].height = 15 * lines + 2
                for c in sheet[r]:
                    c.alignment = Alignment(
                        wrap_text=c.alignment.wrap_text,
                        vertical="top",
                        horizontal=c.alignment.horizontal,
                    )
        _fit_title(sheet, table.title, widths)
        # Printed (or saved as PDF) across the page's width, as many pages down as it takes.
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4  # not the program's default (Letter)
        if len(table.columns) > 6:
            sheet.page_setup.orientation = "landscape"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _fit_title(sheet, title: str, widths: list[int]) -> None:
    """A title longer than the table is wide wraps over the table's columns, not past them."""
    across = sum(widths)
    if len(title) <= across or len(widths) < 2:
        return
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(widths))
    sheet["A1"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[1].height = 17 * math.ceil(len(title) * 1.15 / across)


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return ru_number(value)  # the decimal comma a Russian Excel reads as a number
    return str(value)


def render_csv(table: Table) -> bytes:
    """The table as .csv for Excel on a Russian desktop: UTF-8 with BOM, `;` between cells;
    the header, the rows and the totals row; empty where there is no figure."""
    out = StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_csv_cell(v) for v in row])
    if table.totals:
        writer.writerow([_csv_cell(v) for v in table.totals])
    return out.getvalue().encode("utf-8-sig")
