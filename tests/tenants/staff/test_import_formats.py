"""The register a school already has: .xlsx, .ods and .xls as Excel and LibreOffice save them,
columns in the school's own order — and files built to make the reader walk millions of rows,
which are refused after looking at the few cells they really have."""

import re
import zipfile
from datetime import date
from io import BytesIO

import olefile
import pytest
from openpyxl import Workbook

from nastavnik.tenants.staff import sheets
from nastavnik.tenants.staff.xlsx import COLUMNS, parse_staff_file

# A school's own list: a title above, a number column, the whole name in one column, its own
# words for the columns and its own order.
SCHOOL_HEADER = [
    "№ п/п",
    "Ф.И.О.",
    "Стаж педагогический",
    "Дата приема",
    "Должность",
    "Категория",
    "Контактный телефон",
    "E-mail",
    "Стаж общий",
    "Преподаваемые предметы",
]
SCHOOL_ROWS = [
    [1, "Мадаев Ибрагим Асланович", 10, date(2014, 9, 1), "учитель математики", "Первая",
     "+7 928 123-45-67", "madaev@example.ru", 12, "математика, информатика"],
    [2, "Садулаева Хава", 1, "01.09.2023", "учитель истории", None,
     89281234567, None, 1, "история"],
    [3, "Луиза Исаевна Магомадова", 25, date(1999, 9, 1), "учитель начальных классов",
     "высшая", None, "luiza@example.ru", 30, "русский язык; литература"],
]  # fmt: skip
EXPECTED = [
    ("Мадаев", "Ибрагим", "Асланович", "учитель математики", ("математика", "информатика"),
     12, 10, "first", date(2014, 9, 1), "+7 928 123-45-67", "madaev@example.ru"),
    ("Садулаева", "Хава", "", "учитель истории", ("история",),
     1, 1, "none", date(2023, 9, 1), "89281234567", ""),
    ("Магомадова", "Луиза", "Исаевна", "учитель начальных классов",
     ("русский язык", "литература"), 30, 25, "highest", date(1999, 9, 1), "", "luiza@example.ru"),
]  # fmt: skip


def workbook_bytes(*rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Кадры"
    for row in rows:
        sheet.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


SCHOOL_XLSX = workbook_bytes(
    ["Список педагогических работников МБОУ «СОШ № 1»"], SCHOOL_HEADER, *SCHOOL_ROWS
)


def in_format(libreoffice, kind: str, data: bytes = SCHOOL_XLSX) -> bytes:
    return data if kind == "xlsx" else libreoffice(data, kind)


def values(row) -> tuple:
    return tuple(getattr(row, column.field) for column in COLUMNS)


def only_error(result) -> str:
    assert result.rows == [] and len(result.errors) == 1, result.errors
    return result.errors[0].message


class Recording:
    """Stands for python_calamine: notes that a workbook was opened, and opens nothing."""

    def __init__(self):
        self.CalamineWorkbook = self
        self.opened = 0

    def from_filelike(self, *args, **kwargs):
        self.opened += 1
        raise AssertionError("the values were read")


@pytest.fixture
def scans(monkeypatch) -> list:
    """The scans made, as the bounds check saw them."""
    seen = []
    real = sheets._check_bounds

    def check(scan):
        seen.append(scan)
        return real(scan)

    monkeypatch.setattr(sheets, "_check_bounds", check)
    return seen


@pytest.fixture
def calamine(monkeypatch) -> Recording:
    recording = Recording()
    monkeypatch.setattr(sheets, "python_calamine", recording)
    return recording


# --- the formats ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["xlsx", "ods", "xls"])
def test_a_school_register_in_its_own_column_order_reads_alike_in_every_format(libreoffice, kind):
    data = in_format(libreoffice, kind)

    result = parse_staff_file(data)

    assert result.ok, result.errors
    assert result.kind == kind
    assert [values(row) for row in result.rows] == EXPECTED
    assert [row.row_number for row in result.rows] == [3, 4, 5]  # as the school sees them
    assert result.ignored == ["№ п/п"]


@pytest.mark.parametrize("kind", ["ods", "xls"])
def test_errors_are_told_by_row_and_by_the_school_s_own_column_name(libreoffice, kind):
    rows = [list(row) for row in SCHOOL_ROWS]
    rows[1][2] = 70  # «Стаж педагогический» of row 4
    rows[2][1] = "Магомадова"  # no name
    data = in_format(libreoffice, kind, workbook_bytes(["Список"], SCHOOL_HEADER, *rows))

    result = parse_staff_file(data)

    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (4, "Стаж педагогический", "Укажите целое число лет от 0 до 60"),
        (5, "Ф.И.О.", "Укажите фамилию, имя и отчество через пробел"),
    ]


@pytest.mark.parametrize("kind", ["xlsx", "ods", "xls"])
def test_a_formula_is_refused_in_every_format(libreoffice, kind):
    rows = [list(row) for row in SCHOOL_ROWS]
    rows[0][8] = "=5+7"  # «Стаж общий» computed
    data = in_format(libreoffice, kind, workbook_bytes(SCHOOL_HEADER, *rows))

    result = parse_staff_file(data)

    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "Стаж общий", "Формулы не допускаются — вставьте значение")
    ]


def test_a_file_named_ods_that_is_not_one_is_refused():
    fake = BytesIO()
    with zipfile.ZipFile(fake, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")

    assert only_error(parse_staff_file(fake.getvalue())).startswith("Файл не является таблицей")


def test_an_xml_bomb_is_refused():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    data = replaced_part(workbook_bytes(["Фамилия", "Имя", "Должность"]), bomb)

    assert only_error(parse_staff_file(data)).startswith("Файл не является таблицей")


# --- a file that would make the reader walk millions of rows ----------------------------------


def replaced_part(data: bytes, sheet_xml: str, name: str = "xl/worksheets/sheet1.xml") -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = sheet_xml.encode() if item.filename == name else source.read(item)
            target.writestr(item, body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def renumbered(data: bytes, row: int, to: int) -> bytes:
    """The sheet's row `row` moved to `to`, as a hand-edited file may have it."""
    with zipfile.ZipFile(BytesIO(data)) as source:
        xml = source.read("xl/worksheets/sheet1.xml").decode()
    xml = re.sub(rf'(<row r="){row}"', rf'\g<1>{to}"', xml)
    xml = re.sub(rf'(<c r="[A-Z]+){row}"', rf'\g<1>{to}"', xml)
    return replaced_part(data, xml)


ONE_TEACHER = workbook_bytes(
    ["Фамилия", "Имя", "Отчество", "Должность"], ["Мадаев", "Ибрагим", "Асланович", "учитель"]
)


def test_a_single_data_row_numbered_4000000_is_refused_after_scanning_its_eight_cells(
    scans, calamine
):
    header = ["Фамилия", "Имя", "Отчество", "Должность"]
    data = renumbered(
        workbook_bytes(header, ["Мадаев", "Ибрагим", "Асланович", "учитель"]), 2, 4_000_000
    )
    assert len(data) < 10_000  # fmt: skip

    message = only_error(parse_staff_file(data))

    assert "до A4000000" in message or "до D4000000" in message
    assert "в первые 5000 строк" in message
    assert [(scan.cells, scan.last_row + 1) for scan in scans] == [(8, 4_000_000)]
    assert calamine.opened == 0  # the values were never read: no grid of four million rows


def test_a_row_numbered_4000_is_read_and_numbered_as_the_user_sees_it():
    header = ["Фамилия", "Имя", "Отчество", "Должность"]
    data = renumbered(
        workbook_bytes(header, ["Мадаев", "Ибрагим", "Асланович", "учитель"]), 2, 4000
    )

    result = parse_staff_file(data)

    assert result.ok, result.errors
    assert [row.row_number for row in result.rows] == [4000]


def test_a_declared_dimension_of_a_whole_sheet_costs_nothing(scans):
    data = workbook_bytes(["Фамилия", "Имя", "Должность"], ["Мадаев", "Ибрагим", "учитель"])
    with zipfile.ZipFile(BytesIO(data)) as source:
        xml = source.read("xl/worksheets/sheet1.xml").decode()
    xml = re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', xml)

    result = parse_staff_file(replaced_part(data, xml))

    assert result.ok, result.errors
    assert [scan.cells for scan in scans] == [6]


def test_an_ods_row_repeated_4000000_times_is_refused_without_walking_them(
    libreoffice, scans, calamine
):
    data = libreoffice(SCHOOL_XLSX, "ods")
    with zipfile.ZipFile(BytesIO(data)) as source:
        content = source.read("content.xml").decode()
    last = content.rindex("<table:table-row", 0, content.index("Магомадова"))
    content = (
        content[:last]
        + '<table:table-row table:number-rows-repeated="4000000"'
        + content[last + len("<table:table-row") :]
    )
    bomb = replaced_part(data, content, "content.xml")

    message = only_error(parse_staff_file(bomb))

    # the title, the header, two rows and the last one four million times: counted, not walked
    assert message.startswith("В файле 4000003 строки с данными")
    assert scans[0].cells < 1000
    assert calamine.opened == 0


def xls_with_a_cell_moved(data: bytes, to_row: int) -> bytes:
    """The first number cell of the .xls's first sheet moved to another row (BIFF8 records)."""
    ole = olefile.OleFileIO(BytesIO(data), write_mode=True)
    stream = bytearray(ole.openstream("Workbook").read())
    offset = sheets._first_sheet_offset(bytes(stream))
    while True:
        kind, length = (
            int.from_bytes(stream[offset : offset + 2], "little"),
            int.from_bytes(stream[offset + 2 : offset + 4], "little"),
        )
        if kind in (0x0203, 0x027E):  # NUMBER, RK
            stream[offset + 4 : offset + 6] = to_row.to_bytes(2, "little")
            break
        offset += 4 + length
    ole.write_stream("Workbook", bytes(stream))
    ole.fp.seek(0)
    moved = ole.fp.read()
    ole.close()
    return moved


def test_an_xls_cell_in_row_60000_is_refused_without_reading_the_values(
    libreoffice, scans, calamine
):
    data = xls_with_a_cell_moved(libreoffice(SCHOOL_XLSX, "xls"), 59_999)

    message = only_error(parse_staff_file(data))

    assert "60000" in message and "в первые 5000 строк" in message
    assert scans[0].cells < 100
    assert calamine.opened == 0


# LibreOffice's and Excel's older formats are laid out by the reader all sheets at once: a huge
# second sheet would cost as much as a huge first one, so every sheet is scanned and bounded.
TWO_SHEETS = workbook_bytes(SCHOOL_HEADER, *SCHOOL_ROWS)


def with_second_sheet(data: bytes) -> bytes:
    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(data))
    other = workbook.create_sheet("Архив")
    other.append(["Прошлый год"])
    other.append([12345])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_ods_second_sheet_with_a_row_repeated_a_million_times_is_refused(
    libreoffice, scans, calamine
):
    data = libreoffice(with_second_sheet(TWO_SHEETS), "ods")
    with zipfile.ZipFile(BytesIO(data)) as source:
        content = source.read("content.xml").decode()
    last = content.rindex("<table:table-row", 0, content.index("Прошлый год"))
    content = (
        content[:last]
        + '<table:table-row table:number-rows-repeated="1000000"'
        + content[last + len("<table:table-row") :]
    )

    message = only_error(parse_staff_file(replaced_part(data, content, "content.xml")))

    assert message.startswith("Другие листы файла слишком велики")
    assert calamine.opened == 0


def test_an_xls_second_sheet_with_a_cell_in_row_60000_is_refused(libreoffice, scans, calamine):
    data = libreoffice(with_second_sheet(TWO_SHEETS), "xls")
    ole = olefile.OleFileIO(BytesIO(data), write_mode=True)
    stream = bytearray(ole.openstream("Workbook").read())
    second = sheets._sheet_offsets(bytes(stream))[1]
    moved = bytes(stream[:second]) + xls_record_moved(bytes(stream[second:]), 59_999)
    ole.write_stream("Workbook", moved)
    ole.fp.seek(0)
    data = ole.fp.read()
    ole.close()

    message = only_error(parse_staff_file(data))

    assert message.startswith("Другие листы файла слишком велики")
    assert calamine.opened == 0


def xls_record_moved(records: bytes, to_row: int) -> bytes:
    """The first number cell of these BIFF8 records moved to another row."""
    stream = bytearray(records)
    offset = 0
    while offset + 4 <= len(stream):
        kind = int.from_bytes(stream[offset : offset + 2], "little")
        length = int.from_bytes(stream[offset + 2 : offset + 4], "little")
        if kind in (0x0203, 0x027E):  # NUMBER, RK
            stream[offset + 4 : offset + 6] = to_row.to_bytes(2, "little")
            return bytes(stream)
        offset += 4 + length
    raise AssertionError("no number cell")


def test_a_workbook_with_a_small_second_sheet_is_read_from_its_first(libreoffice):
    for kind in ("xlsx", "ods", "xls"):
        data = in_format(libreoffice, kind, with_second_sheet(TWO_SHEETS))

        result = parse_staff_file(data)

        assert [values(row) for row in result.rows] == EXPECTED, kind
