"""The first sheet of a spreadsheet a school already has: .xlsx, .ods or the older .xls.

The values are read by python-calamine (one maintained reader for all three formats). Calamine
lays a sheet out as a dense grid from its first to its last filled cell, so a 5 KB file whose
only data row is numbered 4,000,000 would make it allocate and walk four million rows. Before
calamine sees a file, a cheap scan of the file's own structure (the sheet's XML, streamed, or the
.xls records) counts the cells actually present and where they lie, with a hard cap on what it
scans; a sheet whose filled area is larger than a register can be is refused there. The scan also
notes which cells hold formulas or errors, which calamine would silently replace by their cached
values.

Pure functions over bytes: no Flask, no database.
"""

import struct
import warnings
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from xml.parsers import expat

import olefile
import python_calamine
from defusedxml import ElementTree as ET

MAX_BYTES = 2 * 1024 * 1024
# A 2 MB archive may unpack to gigabytes; a real register of 1000 teachers unpacks to about 1 MB.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
# The bounds of the scan and of the grid calamine may build (a register: 1000 rows, ~12 columns).
MAX_SCANNED_CELLS = 100_000  # cell elements or records looked at, filled or not
MAX_SHEET_ROWS = 5_000  # the last filled row of the sheet, counted from 1
MAX_SHEET_COLUMNS = 60  # the last filled column
MAX_FILLED_ROWS = 1_100  # rows with anything in them: the register's 1000, a title, a header

NOT_A_SHEET = (
    "Файл не является таблицей (.xlsx, .ods или .xls) или повреждён. Откройте его в Excel или "
    "LibreOffice, сохраните как «Книга Excel (.xlsx)» или в формате .ods и загрузите снова "
    "— или скачайте шаблон и перенесите данные в него."
)
UNPACKED = (
    "Файл слишком велик после распаковки. Оставьте в нём только лист с педагогами "
    "(без картинок и других листов) и загрузите снова."
)


class NotReadable(Exception):
    """The file cannot be read as a register; the message is for the user."""


class TooManyRows(NotReadable):
    """More filled rows than a register may have; ``count`` of them, the header among them."""

    def __init__(self, count: int):
        super().__init__(f"{count} filled rows")
        self.count = count


@dataclass
class Scan:
    """What the file's structure says about its first sheet, before any value is read."""

    cells: int = 0  # cell elements or records looked at
    filled_rows: set[int] = field(default_factory=set)  # 0-based numbers of rows with values
    repeated_beyond: int = 0  # filled rows a repetition stands for beyond those in the set
    last_row: int = -1  # 0-based
    last_column: int = -1
    formulas: set[tuple[int, int]] = field(default_factory=set)  # (row, column), 0-based
    errors: set[tuple[int, int]] = field(default_factory=set)
    # The other sheets, where the reader lays them all out at once (.ods, .xls): bounded alike.
    others: list["Scan"] = field(default_factory=list)
    budget: list[int] = field(default_factory=lambda: [0])  # cells looked at in the whole file

    def another(self) -> "Scan":
        other = Scan(budget=self.budget)
        self.others.append(other)
        return other

    def filled(self, row: int, column: int, repeated_rows: int = 1, repeated_columns: int = 1):
        self.last_row = max(self.last_row, row + repeated_rows - 1)
        self.last_column = max(self.last_column, column + repeated_columns - 1)
        # a row repeated a million times is counted, not walked
        walked = min(repeated_rows, MAX_FILLED_ROWS + 1)
        self.filled_rows.update(range(row, row + walked))
        self.repeated_beyond += repeated_rows - walked

    @property
    def filled_count(self) -> int:
        return len(self.filled_rows) + self.repeated_beyond

    def count(self, cells: int = 1) -> None:
        self.cells += cells
        self.budget[0] += cells
        if self.budget[0] > MAX_SCANNED_CELLS:
            raise NotReadable(
                f"В файле больше {MAX_SCANNED_CELLS:,} ячеек".replace(",", " ")
                + " — это больше, чем может быть в реестре педагогов. Оставьте на первом листе "
                "только таблицу педагогов и загрузите снова."
            )


@dataclass
class Sheet:
    """The first sheet: its rows from the top, 0-based positions, and what the scan noted."""

    rows: list[list]  # rows[i][j] is the value at row i, column j (None when empty)
    formulas: set[tuple[int, int]]
    errors: set[tuple[int, int]]
    filled_rows: int


def kind_of(data: bytes) -> str:
    """«xlsx», «ods», «xls» or «» — decided from the bytes, never from the file's name."""
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if not data.startswith(b"PK"):
        return ""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "content.xml" in names and "mimetype" in names:
                with archive.open("mimetype") as part:
                    mimetype = part.read(100)  # never unpacked whole: it may be a bomb
                if mimetype.strip() == b"application/vnd.oasis.opendocument.spreadsheet":
                    return "ods"
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
        return ""
    return ""


def read_first_sheet(data: bytes) -> Sheet:
    """The values of the first sheet, after the scan has bounded the work; raises NotReadable."""
    kind = kind_of(data)
    if not kind:
        raise NotReadable(NOT_A_SHEET)
    try:
        scan = _SCANNERS[kind](data)
    except NotReadable:
        raise
    except Exception as exc:  # whatever bad bytes make zipfile, expat or olefile raise
        raise NotReadable(NOT_A_SHEET) from exc
    _check_bounds(scan)
    return _read_values(data, scan)


def column_letter(column: int) -> str:
    """0 → A, 26 → AA."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _check_bounds(scan: Scan) -> None:
    if scan.filled_count > MAX_FILLED_ROWS:
        raise TooManyRows(scan.filled_count)
    for other in scan.others:
        if (
            other.filled_count > MAX_FILLED_ROWS
            or other.last_row >= MAX_SHEET_ROWS
            or other.last_column >= MAX_SHEET_COLUMNS
        ):
            raise NotReadable(
                "Другие листы файла слишком велики для реестра педагогов. Оставьте в файле только "
                "лист с педагогами (первым) и загрузите снова."
            )
    if scan.last_row >= MAX_SHEET_ROWS or scan.last_column >= MAX_SHEET_COLUMNS:
        cell = f"{column_letter(scan.last_column)}{scan.last_row + 1}"
        raise NotReadable(
            f"На первом листе заполнены ячейки далеко за пределами реестра (до {cell}): таблица "
            f"педагогов должна умещаться в первые {MAX_SHEET_ROWS} строк и {MAX_SHEET_COLUMNS} "
            "столбцов листа. Удалите лишнее ниже и правее таблицы и загрузите файл снова."
        )


def _read_values(data: bytes, scan: Scan) -> Sheet:
    if scan.last_row < 0:
        return Sheet([], scan.formulas, scan.errors, 0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = python_calamine.CalamineWorkbook.from_filelike(BytesIO(data))
            try:
                sheet = workbook.get_sheet_by_index(0)
                start = sheet.start or (0, 0)
                # the scan bounded the grid; calamine's own view must agree with it
                if sheet.height > MAX_SHEET_ROWS or sheet.width > MAX_SHEET_COLUMNS:
                    raise NotReadable(NOT_A_SHEET)
                rows: list[list] = [[] for _ in range(start[0])]
                for values in sheet.iter_rows():
                    rows.append([None] * start[1] + [_value(v) for v in values])
            finally:
                workbook.close()
    except NotReadable:
        raise
    except Exception as exc:  # calamine's errors on a file the scan let through
        raise NotReadable(NOT_A_SHEET) from exc
    return Sheet(rows, scan.formulas, scan.errors, len(scan.filled_rows))


def _value(value):
    return None if isinstance(value, str) and value == "" else value


# --- .xlsx ---------------------------------------------------------------------------------

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_MAIN = "{" + _MAIN_NS + "}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_SMALL_PART = 2 * 1024 * 1024


def _unpacked_size(archive: zipfile.ZipFile) -> None:
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
        raise NotReadable(UNPACKED)


def _small(archive: zipfile.ZipFile, name: str) -> bytes:
    if archive.getinfo(name).file_size > _SMALL_PART:
        raise NotReadable(NOT_A_SHEET)
    return archive.read(name)


def _scan_xlsx(data: bytes) -> Scan:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        _unpacked_size(archive)
        workbook = ET.fromstring(_small(archive, "xl/workbook.xml"))
        first = workbook.find(f"{_MAIN}sheets/{_MAIN}sheet")
        if first is None:
            raise NotReadable(NOT_A_SHEET)
        relations = ET.fromstring(_small(archive, "xl/_rels/workbook.xml.rels"))
        target = next(
            (
                r.get("Target", "")
                for r in relations.iter(f"{_PACKAGE_REL}Relationship")
                if r.get("Id") == first.get(f"{_REL}id")
            ),
            "",
        )
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        scan = Scan()
        with archive.open(path) as part:
            _scan_xlsx_sheet(part, scan)
        return scan


class _Stop(Exception):
    """The part of the XML the scan needs is over."""


def _stream(part, handlers: dict) -> None:
    """Feeds an XML part to expat in chunks; a document type (and so any entity) is refused."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def no_doctype(*args):
        raise NotReadable(NOT_A_SHEET)

    parser.StartDoctypeDeclHandler = no_doctype
    parser.EntityDeclHandler = no_doctype
    parser.ExternalEntityRefHandler = no_doctype
    for name, handler in handlers.items():
        setattr(parser, name, handler)
    try:
        while chunk := part.read(64 * 1024):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Stop:
        pass


_X_ROW, _X_CELL = f"{_MAIN_NS} row", f"{_MAIN_NS} c"
_X_FILLED = {f"{_MAIN_NS} v", f"{_MAIN_NS} is", f"{_MAIN_NS} f"}
_X_FORMULA, _X_SHEET_DATA = f"{_MAIN_NS} f", f"{_MAIN_NS} sheetData"


def _scan_xlsx_sheet(part, scan: Scan) -> None:
    at = {"row": 0, "column": 0, "cell": None}

    def start(name, attributes):
        if name == _X_CELL:
            scan.count()
            row, column = _cell_position(attributes.get("r"), at["row"], at["column"])
            at["column"] = column + 1
            at["cell"] = (row, column)
            if attributes.get("t") == "e":
                scan.errors.add((row, column))
        elif name in _X_FILLED and at["cell"] is not None:
            scan.filled(*at["cell"])
            if name == _X_FORMULA:
                scan.formulas.add(at["cell"])
        elif name == _X_ROW:
            reference = attributes.get("r")
            if reference is not None and not reference.isdigit():
                raise NotReadable(NOT_A_SHEET)
            at["row"] = int(reference) - 1 if reference else at["row"]
            at["column"] = 0

    def end(name):
        if name == _X_CELL:
            at["cell"] = None
        elif name == _X_ROW:
            at["row"] += 1
        elif name == _X_SHEET_DATA:
            raise _Stop

    _stream(part, {"StartElementHandler": start, "EndElementHandler": end})


def _cell_position(reference: str | None, row: int, column: int) -> tuple[int, int]:
    if not reference:
        return row, column
    letters = reference.rstrip("0123456789")
    digits = reference[len(letters) :]
    if not letters or not digits or not letters.isascii() or not letters.isalpha():
        raise NotReadable(NOT_A_SHEET)
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return int(digits) - 1, number - 1


# --- .ods ----------------------------------------------------------------------------------

_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _scan_ods(data: bytes) -> Scan:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        _unpacked_size(archive)
        scan = Scan()
        with archive.open("content.xml") as part:
            _scan_ods_content(part, scan)
        return scan


def _repeats(attributes: dict, name: str) -> int:
    value = attributes.get(name) or "1"
    if not value.isdigit():
        raise NotReadable(NOT_A_SHEET)
    return max(1, int(value))


_O_TABLE, _O_ROW = f"{_TABLE_NS} table", f"{_TABLE_NS} table-row"
_O_CELLS = {f"{_TABLE_NS} table-cell", f"{_TABLE_NS} covered-table-cell"}
_O_ROWS_REPEATED = f"{_TABLE_NS} number-rows-repeated"
_O_COLUMNS_REPEATED = f"{_TABLE_NS} number-columns-repeated"
_O_FORMULA, _O_VALUE_TYPE = f"{_TABLE_NS} formula", f"{_OFFICE_NS} value-type"
_O_PARAGRAPH = f"{_TEXT_NS} p"


def _scan_ods_content(part, first: Scan) -> None:
    # calamine reads every table of the file at once: each is scanned, the first is the register
    at = {"row": 0, "column": 0, "tables": 0, "repeated": 1, "filled": False, "cell": None}
    scan = first

    def start(name, attributes):
        nonlocal scan
        if name == _O_TABLE:
            at["tables"] += 1
            at["row"] = 0
            if at["tables"] > 1:
                scan = first.another()
        elif name == _O_ROW:
            at["column"] = 0
            at["repeated"] = _repeats(attributes, _O_ROWS_REPEATED)
            at["filled"] = False
        elif name in _O_CELLS:
            scan.count()
            repeated = _repeats(attributes, _O_COLUMNS_REPEATED)
            row, column = at["row"], at["column"]
            at["column"] += repeated
            at["cell"] = (row, column, repeated)
            if attributes.get(_O_FORMULA) is not None:
                scan.formulas.update((row, column + i) for i in range(min(repeated, 100)))
            if attributes.get(_O_FORMULA) is not None or _O_VALUE_TYPE in attributes:
                filled()
        elif name == _O_PARAGRAPH and at["cell"] is not None:
            filled()

    def filled():
        row, column, repeated = at["cell"]
        at["filled"] = True
        scan.filled(row, column, 1, repeated)

    def end(name):
        if name in _O_CELLS:
            at["cell"] = None
        elif name == _O_ROW:
            if at["filled"] and at["repeated"] > 1:
                # the row's own repetition: counted, never walked
                scan.filled(at["row"], 0, at["repeated"], 1)
            at["row"] += at["repeated"]

    _stream(part, {"StartElementHandler": start, "EndElementHandler": end})


# --- .xls (BIFF8 in an OLE2 compound file) ---------------------------------------------------

_BOF, _EOF, _BOUNDSHEET = 0x0809, 0x000A, 0x0085
_FORMULA = 0x0006
_BOOLERR = 0x0205
_VALUE_RECORDS = {0x0203, 0x027E, 0x00FD, 0x0204, _BOOLERR, _FORMULA, 0x00D6}
_MULRK = 0x00BD


def _scan_xls(data: bytes) -> Scan:
    with olefile.OleFileIO(BytesIO(data)) as ole:
        name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
        if name is None:
            raise NotReadable(NOT_A_SHEET)
        if ole.get_size(name) > MAX_UNPACKED_BYTES:
            raise NotReadable(UNPACKED)
        stream = ole.openstream(name).read()
    # calamine reads every sheet of the file at once: each is scanned, the first is the register
    first = Scan()
    for number, offset in enumerate(_sheet_offsets(stream)):
        _scan_xls_sheet(stream, offset, first if number == 0 else first.another())
    return first


def _scan_xls_sheet(stream: bytes, offset: int, scan: Scan) -> None:
    while offset + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, offset)
        body = stream[offset + 4 : offset + 4 + length]
        offset += 4 + length
        if kind == _EOF:
            break
        if kind in _VALUE_RECORDS and len(body) >= 4:
            scan.count()
            row, column = struct.unpack_from("<HH", body)
            scan.filled(row, column)
            if kind == _FORMULA:
                scan.formulas.add((row, column))
            elif kind == _BOOLERR and len(body) >= 8 and body[7] == 1:
                scan.errors.add((row, column))
        elif kind == _MULRK and len(body) >= 6:
            row, first = struct.unpack_from("<HH", body)
            (last,) = struct.unpack_from("<H", body, len(body) - 2)
            if last >= first:
                scan.count(last - first + 1)
                scan.filled(row, first, 1, last - first + 1)


def _sheet_offsets(stream: bytes) -> list[int]:
    """Where each sheet's records begin, from the workbook's list of sheets, in its order."""
    offsets = []
    offset = 0
    while offset + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, offset)
        if kind == _BOUNDSHEET and length >= 6:
            (position,) = struct.unpack_from("<I", stream, offset + 4)
            if position + 4 > len(stream) or struct.unpack_from("<H", stream, position)[0] != _BOF:
                raise NotReadable(NOT_A_SHEET)
            offsets.append(position)
        elif kind == _EOF:
            break
        offset += 4 + length
    if not offsets:
        raise NotReadable(NOT_A_SHEET)
    return offsets


def _first_sheet_offset(stream: bytes) -> int:
    return _sheet_offsets(stream)[0]


_SCANNERS = {"xlsx": _scan_xlsx, "ods": _scan_ods, "xls": _scan_xls}
