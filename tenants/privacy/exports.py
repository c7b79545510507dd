"""A teacher's data as .xlsx (a sheet per section) and as .json (a key per section)."""

import json
import textwrap
from datetime import date, datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .gather import Section

WIDTH_MAX = 60


def as_xlsx(sections: list[Section], title: str) -> bytes:
    """One sheet per section: the title in the first row, the columns in the second."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for section in sections:
        sheet = workbook.create_sheet(section.title[:31])
        sheet.append([title])
        sheet["A1"].font = Font(bold=True, size=12)
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        if section.vertical:
            _write_down(sheet, section)
            continue
        sheet.append(list(section.columns))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in section.rows:
            sheet.append([_cell(v) for v in row])
        if not section.rows:
            sheet.append(["Нет записей."])
        for index, column in enumerate(section.columns, start=1):
            longest = max(
                [len(column)] + [len(str(r[index - 1] or "")) for r in section.rows], default=10
            )
            sheet.column_dimensions[get_column_letter(index)].width = min(longest + 2, WIDTH_MAX)
            for cell in sheet[get_column_letter(index)][2:]:
                _format(cell)
        sheet.freeze_panes = "A3"
        _fit_rows(sheet)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _write_down(sheet, section: Section) -> None:
    """A single record: the field in column A, the value in column B."""
    sheet.append(["Поле", "Значение"])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    if not section.rows:
        sheet.append(["Нет записей."])
    for row in section.rows:
        for column, value in zip(section.columns, row):
            # a field with nothing in it says so («Обезличены: —»), not a blank that reads as lost
            sheet.append([column, "—" if value is None or value == "" else _cell(value)])
            _format(sheet.cell(sheet.max_row, 2), horizontal="left")
    sheet.column_dimensions["A"].width = max(len(c) for c in section.columns) + 2
    sheet.column_dimensions["B"].width = WIDTH_MAX
    _fit_rows(sheet)


def _fit_rows(sheet) -> None:
    """Neither Excel nor LibreOffice grows a row for wrapped text on opening (the consent's
    purpose showed two lines of five): each row as tall as its longest wrapped cell."""
    for row in sheet.iter_rows(min_row=2):
        lines = 1
        for cell in row:
            if isinstance(cell.value, str):
                width = sheet.column_dimensions[cell.column_letter].width or 10
                lines = max(lines, len(textwrap.wrap(cell.value, max(int(width) - 2, 4))))
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = 15 * lines + 2


def _format(cell, horizontal=None) -> None:
    cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal=horizontal)
    if isinstance(cell.value, datetime):
        cell.number_format = "DD.MM.YYYY HH:MM"
    elif isinstance(cell.value, date):
        cell.number_format = "DD.MM.YYYY"


def _cell(value):
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def as_json(sections: list[Section], header: dict) -> bytes:
    """UTF-8, Russian keys: the header's, then each section's title → a list of rows, each row
    its columns → values (dates as ГГГГ-ММ-ДД, moments in Moscow time as ГГГГ-ММ-ДДTЧЧ:ММ:СС)."""
    body = dict(header)
    for section in sections:
        body[section.title] = [dict(zip(section.columns, row)) for row in section.rows]
    return json.dumps(body, ensure_ascii=False, indent=2, default=_iso).encode("utf-8")


def _iso(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"не сериализуется: {type(value).__name__}")
