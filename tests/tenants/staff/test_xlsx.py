"""The staff register spreadsheet: template, import and export."""

import random
import zipfile
from dataclasses import replace
from datetime import date, datetime, timedelta
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from nastavnik.dates import format_date
from nastavnik.dates import today as local_today
from nastavnik.tenants.staff import sheets
from nastavnik.tenants.staff.xlsx import (
    COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    CellError,
    ImportResult,
    StaffRow,
    build_template,
    export_staff_xlsx,
    parse_staff_xlsx,
    person_key,
)
from nastavnik.tenants.vocabulary import QualificationCategory

HEADER = [column.header for column in COLUMNS]
NOT_XLSX = "Файл не является таблицей (.xlsx, .ods или .xls)"

SURNAMES = ("Мадаев", "Хасанов", "Исмаилов", "Дудаев", "Магомадов", "Садулаев", "Алиев", "Ахмадов")
FIRST_NAMES = ("Ибрагим", "Ахмед", "Рамзан", "Ислам", "Муса")
PATRONYMICS = ("Асланович", "Русланович", "Хамзатович", "", "Шамилевич")
POSITIONS = ("учитель математики", "учитель русского языка", "учитель чеченского языка")
CATEGORIES = ("без категории", "соответствие занимаемой должности", "первая", "высшая", "")


# --- factories ----------------------------------------------------------------------------


def teacher(**changes) -> list:
    """One data row in the template's column order; change any field by its name."""
    values = {
        "last_name": "Мадаев",
        "first_name": "Ибрагим",
        "middle_name": "Асланович",
        "position": "учитель математики",
        "subjects": "математика, информатика",
        "total_years": 12,
        "teaching_years": 10,
        "category": "первая",
        "hired_on": date(2014, 9, 1),
        "phone": "+7 928 123-45-67",
        "email": "madaev@example.ru",
    }
    unknown = set(changes) - set(values)
    assert not unknown, unknown
    values.update(changes)
    return [values[column.field] for column in COLUMNS]


def forty_teachers() -> list[list]:
    return [
        teacher(
            last_name=SURNAMES[n % len(SURNAMES)],
            first_name=FIRST_NAMES[n % len(FIRST_NAMES)],
            middle_name=PATRONYMICS[n % len(PATRONYMICS)],
            position=POSITIONS[n % len(POSITIONS)],
            subjects="математика" if n % 2 else "русский язык, литература",
            total_years=n + 1,
            teaching_years=n,
            category=CATEGORIES[n % len(CATEGORIES)],
            hired_on=date(1985 + n % 38, 1 + n % 12, 1 + n % 28),
            phone=f"+7 928 000-00-{n:02d}",
            email=f"teacher{n}@example.ru",
        )
        for n in range(40)
    ]


def xlsx(*rows, header=HEADER) -> bytes:
    """A workbook whose first sheet has ``header`` in row 1 and ``rows`` below it."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Педагоги"
    if header is not None:
        sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_write_only(rows, header=HEADER) -> bytes:
    """A big workbook, streamed: openpyxl's write-only mode keeps no rows in memory."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Педагоги")
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def many_teachers(count: int):
    for n in range(count):
        yield teacher(last_name=f"Мадаев-{n}", email=f"t{n}@example.ru")


def parse(*rows, **kwargs) -> ImportResult:
    return parse_staff_xlsx(xlsx(*rows), **kwargs)


def errors_of(result: ImportResult) -> list[tuple[int, str, str]]:
    return [(error.row, error.column, error.message) for error in result.errors]


def single_file_error(result: ImportResult) -> str:
    assert not result.ok
    assert result.rows == []
    assert len(result.errors) == 1, result.errors
    error = result.errors[0]
    assert (error.row, error.column) == (0, "")
    return error.message


def cell_error(result: ImportResult, column: str, row: int = 2) -> str:
    assert not result.ok
    messages = [
        error.message for error in result.errors if (error.row, error.column) == (row, column)
    ]
    assert len(messages) == 1, result.errors
    return messages[0]


def only_row(result: ImportResult) -> StaffRow:
    assert result.ok, result.errors
    assert len(result.rows) == 1
    return result.rows[0]


# --- a good file ------------------------------------------------------------------------------


def test_forty_teachers_parse_into_forty_rows_with_their_values():
    result = parse(*forty_teachers())

    assert result.ok, result.errors
    assert len(result.rows) == 40
    assert [row.row_number for row in result.rows] == list(range(2, 42))
    first, fourth = result.rows[0], result.rows[3]
    assert first == StaffRow(
        row_number=2,
        last_name="Мадаев",
        first_name="Ибрагим",
        middle_name="Асланович",
        position="учитель математики",
        subjects=("русский язык", "литература"),
        total_years=1,
        teaching_years=0,
        category="none",
        hired_on=date(1985, 1, 1),
        phone="+7 928 000-00-00",
        email="teacher0@example.ru",
    )
    assert fourth.middle_name == ""
    assert fourth.subjects == ("математика",)
    assert fourth.category == "highest"
    assert fourth.hired_on == date(1988, 4, 4)
    assert [row.category for row in result.rows[:5]] == [
        "none",
        "conformity",
        "first",
        "highest",
        "none",
    ]


def test_category_is_read_whatever_the_case_and_empty_means_without_category():
    result = parse(
        teacher(category="ВЫСШАЯ"),
        teacher(last_name="Хасанов", category="  Соответствие   занимаемой должности "),
        teacher(last_name="Алиев", category="первая категория"),
        teacher(last_name="Дудаев", category=None),
    )

    assert [row.category for row in result.rows] == ["highest", "conformity", "first", "none"]


def test_unknown_category_is_refused_with_the_list():
    message = cell_error(parse(teacher(category="почётная")), "Квалификационная категория")

    assert all(label in message for label in QualificationCategory.labels().values())


def test_optional_cells_may_be_empty():
    row = only_row(
        parse(
            teacher(
                middle_name=None,
                subjects=None,
                total_years=None,
                teaching_years=None,
                category=None,
                hired_on=None,
                phone=None,
                email="   ",
            )
        )
    )

    assert (row.middle_name, row.subjects, row.total_years, row.teaching_years) == (
        "",
        (),
        None,
        None,
    )
    assert (row.category, row.hired_on, row.phone, row.email) == ("none", None, "", "")


def test_subjects_are_split_by_commas_and_trimmed():
    row = only_row(
        parse(teacher(subjects=" чеченский язык ,, чеченская  литература,Чеченский язык "))
    )

    assert row.subjects == ("чеченский язык", "чеченская литература")


def test_phone_typed_as_a_number_is_kept_as_its_digits():
    assert only_row(parse(teacher(phone=89281234567))).phone == "89281234567"


@pytest.mark.parametrize("email", ["madaev", "madaev@example", "mad aev@example.ru", "@example.ru"])
def test_malformed_email_is_refused(email):
    message = cell_error(parse(teacher(email=email)), "Электронная почта")

    assert "name@example.ru" in message


def test_whitespace_is_trimmed_and_collapsed_in_names():
    row = only_row(
        parse(
            teacher(last_name="  Мадаев ", first_name="Ибрагим\n", middle_name="Асла\u00a0 нович")
        )
    )

    assert (row.last_name, row.first_name, row.middle_name) == ("Мадаев", "Ибрагим", "Асла нович")


def test_html_is_kept_verbatim_as_text():
    script = "<script>alert('x')</script>"
    row = only_row(parse(teacher(position=script, last_name="<b>Мадаев</b>")))

    assert row.position == script
    assert row.last_name == "<b>Мадаев</b>"


# --- the template -----------------------------------------------------------------------------


def test_template_has_the_header_only_and_the_instructions():
    workbook = load_workbook(BytesIO(build_template()))

    assert workbook.sheetnames == ["Педагоги", "Как заполнить"]
    sheet = workbook["Педагоги"]
    assert [cell.value for cell in sheet[1]] == HEADER
    assert sheet.max_row == 1
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert all(sheet.column_dimensions[cell.column_letter].width >= 12 for cell in sheet[1])

    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert len(lists) == 1
    assert str(lists[0].sqref) == f"H2:H{MAX_ROWS + 1}"
    assert all(label in lists[0].formula1 for label in QualificationCategory.labels().values())

    instructions = workbook["Как заполнить"]
    text = " ".join(
        str(cell.value) for row in instructions.iter_rows() for cell in row if cell.value
    )
    assert all(header in text for header in HEADER)
    assert "Мадаев" in text
    example = [row for row in instructions.iter_rows() if row[0].value == "Мадаев"]
    assert len(example) == 1
    assert all(cell.font.italic for cell in example[0])


def test_empty_template_has_no_data():
    message = single_file_error(parse_staff_xlsx(build_template()))

    assert message.startswith("В файле нет ни одной строки с данными")


def test_filled_template_parses():
    workbook = load_workbook(BytesIO(build_template()))
    sheet = workbook["Педагоги"]
    for row in forty_teachers()[:3]:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)

    result = parse_staff_xlsx(buffer.getvalue())

    assert result.ok, result.errors
    assert [row.last_name for row in result.rows] == ["Мадаев", "Хасанов", "Исмаилов"]


# --- the export ---------------------------------------------------------------------------


def test_export_then_import_gives_the_same_rows():
    rows = parse(*forty_teachers()).rows

    exported = export_staff_xlsx(rows, "Реестр педагогов МБОУ «СОШ № 1 с. Курчалой»")

    assert parse_staff_xlsx(exported).rows == rows


def test_export_has_the_template_header_and_real_date_cells():
    rows = parse(teacher()).rows

    workbook = load_workbook(BytesIO(export_staff_xlsx(rows, "Реестр & школа")))

    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[1]] == HEADER
    hired = sheet.cell(2, HEADER.index("Дата приёма на работу") + 1)
    assert hired.is_date
    assert hired.value == datetime(2014, 9, 1)
    assert hired.number_format == "DD.MM.YYYY"
    assert sheet.cell(2, HEADER.index("Квалификационная категория") + 1).value == "первая"
    assert workbook.properties.title == "Реестр & школа"
    about = [[cell.value for cell in row] for row in workbook["О выгрузке"].iter_rows()]
    assert ["Дата выгрузки", format_date(local_today())] in about


def test_export_never_turns_text_into_a_formula():
    row = StaffRow(
        2, '=HYPERLINK("x")', "#N/A", "", "учитель", (), None, None, "none", None, "", ""
    )

    sheet = load_workbook(BytesIO(export_staff_xlsx([row], "Реестр"))).worksheets[0]

    assert [(cell.value, cell.data_type) for cell in sheet[2][:2]] == [
        ('=HYPERLINK("x")', "s"),
        ("#N/A", "s"),
    ]


# --- files that are not a register ------------------------------------------------------------


def test_random_bytes_are_not_a_spreadsheet():
    noise = random.Random(131).randbytes(5000)

    assert single_file_error(parse_staff_xlsx(noise)).startswith(NOT_XLSX)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        "Фамилия;Имя;Отчество\nМадаев;Ибрагим;Асланович\n".encode(),
        "Фамилия,Имя\r\nМадаев,Ибрагим\r\n".encode("cp1251"),
        # the signature of an old binary .xls (OLE2 compound document)
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000),
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
    ],
    ids=["empty", "csv", "csv-cp1251", "xls", "pdf"],
)
def test_other_formats_are_not_a_spreadsheet(data):
    assert single_file_error(parse_staff_xlsx(data)).startswith(NOT_XLSX)


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")

    assert single_file_error(parse_staff_xlsx(buffer.getvalue())).startswith(NOT_XLSX)


@pytest.mark.parametrize("seed", range(12))
def test_a_damaged_archive_never_raises(seed):
    good = xlsx(*forty_teachers())
    chance = random.Random(seed)
    damaged = bytearray(good[: chance.randrange(len(good))] if seed % 2 else good)
    for _ in range(20):
        if damaged:
            damaged[chance.randrange(len(damaged))] = chance.randrange(256)

    # mostly "not a spreadsheet"; a damaged directory may also claim a huge unpacked size
    assert single_file_error(parse_staff_xlsx(bytes(damaged)))


@pytest.mark.parametrize("seed", range(40))
def test_a_workbook_with_damaged_xml_never_raises(seed):
    # a sound archive around broken parts: the errors come from openpyxl's parsing, not zipfile
    chance = random.Random(seed)
    buffer = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(xlsx(*forty_teachers()))) as source,
        zipfile.ZipFile(buffer, "w") as damaged,
    ):
        parts = source.infolist()
        target = parts[seed % len(parts)]
        for part in parts:
            body = bytearray(source.read(part))
            if part is target:
                for _ in range(chance.choice([1, 3, 10])):
                    body[chance.randrange(len(body))] = chance.choice(b'<>"=&/ax09 ')
            damaged.writestr(part.filename, bytes(body))

    result = parse_staff_xlsx(buffer.getvalue())

    assert isinstance(result, ImportResult)
    assert result.ok or result.errors


def test_a_file_over_the_size_limit_is_refused():
    message = single_file_error(parse_staff_xlsx(bytes(MAX_BYTES + 1)))

    assert "2 МБ" in message


def test_a_small_archive_that_unpacks_to_a_huge_one_is_refused():
    buffer = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(xlsx(teacher()))) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for item in source.infolist():
            bomb.writestr(item, source.read(item))
        bomb.writestr("xl/media/padding.bin", bytes(60 * 1024 * 1024))
    assert len(buffer.getvalue()) < MAX_BYTES

    message = single_file_error(parse_staff_xlsx(buffer.getvalue()))

    assert "после распаковки" in message


def test_a_date_cell_beyond_any_date_is_refused_and_no_warning_escapes():
    # a date-formatted number beyond any date: not a date the register can take
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(teacher(hired_on=None))
    sheet.cell(2, HEADER.index("Дата приёма на работу") + 1, 10**12).number_format = "DD.MM.YYYY"
    buffer = BytesIO()
    workbook.save(buffer)

    message = cell_error(parse_staff_xlsx(buffer.getvalue()), "Дата приёма на работу")

    assert message == "Укажите дату в формате ДД.ММ.ГГГГ"


def test_an_error_cell_is_refused():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(teacher())
    sheet.cell(2, HEADER.index("Должность") + 1).value = "#N/A"
    sheet.cell(2, HEADER.index("Должность") + 1).data_type = "e"
    buffer = BytesIO()
    workbook.save(buffer)

    message = cell_error(parse_staff_xlsx(buffer.getvalue()), "Должность")

    assert message.startswith("В ячейке ошибка Excel")


# --- the header ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "detail"),
    [
        (HEADER[1:], "Нет обязательных столбцов: «Фамилия»."),
        (["ФИО", "Имя", *HEADER[3:]], "Есть и столбец «ФИО», и отдельные столбцы"),
        ([*HEADER[:3], "Фамилия", *HEADER[3:]], "Столбцы повторяются: «Фамилия» и «Фамилия»."),
        ([h for h in HEADER if h != "Должность"], "Нет обязательных столбцов: «Должность»."),
    ],
    ids=["no-surname", "fio-and-name", "twice", "no-position"],
)
def test_wrong_columns_are_named(header, detail):
    message = single_file_error(parse_staff_xlsx(xlsx(teacher(), header=header)))

    assert detail in message
    assert "Строка заголовков (строка 1)" in message
    assert f"В файле: «{header[0]}», «{header[1]}»" in message


def test_a_sheet_without_a_header_is_refused():
    message = single_file_error(parse_staff_xlsx(xlsx(header=None)))

    assert "Не найдена строка заголовков" in message
    assert "В файле: ничего" in message


def test_a_sheet_whose_first_rows_have_no_known_header_names_what_it_found():
    message = single_file_error(parse_staff_xlsx(xlsx(["а", "б"], header=["Столбец 1", "Ещё"])))

    assert "Не найдена строка заголовков" in message
    assert "В файле: «Столбец 1», «Ещё»" in message


def test_header_is_matched_regardless_of_case_spacing_and_yo():
    header = [f"  {name.upper()} " for name in HEADER]
    header[HEADER.index("Дата приёма на работу")] = "дата приема на работу"

    assert parse_staff_xlsx(xlsx(teacher(), header=header)).ok


def by_field(row: StaffRow) -> dict:
    return {column.field: getattr(row, column.field) for column in COLUMNS}


def test_columns_in_another_order_under_other_names_are_matched_by_their_headers():
    expected = by_field(only_row(parse(teacher())))
    # a school's own register: a title above, its own words, its own order, a column of its own
    names = {
        "Фамилия": "фамилия",
        "Педагогический стаж, лет": "Стаж педагогический",
        "Общий стаж, лет": "Стаж общий",
        "Электронная почта": "E-mail",
        "Квалификационная категория": "Категория",
        "Дата приёма на работу": "Дата приема",
        "Преподаваемые предметы": "Предметы",
    }
    order = list(reversed(range(len(HEADER))))
    row = teacher()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Список педагогических работников школы"])
    sheet.append(["№ п/п", *(names.get(HEADER[i], HEADER[i]) for i in order)])
    sheet.append([1, *(row[i] for i in order)])
    buffer = BytesIO()
    workbook.save(buffer)

    result = parse_staff_xlsx(buffer.getvalue())

    assert by_field(only_row(result)) == expected
    assert result.rows[0].row_number == 3  # as the user sees it in the file
    assert result.ignored == ["№ п/п"]


@pytest.mark.parametrize("header", ["ФИО", "Ф.И.О.", "Фамилия, имя, отчество", "ф. и. о."])
@pytest.mark.parametrize(
    ("written", "parts"),
    [
        ("Мадаев Ибрагим Асланович", ("Мадаев", "Ибрагим", "Асланович")),
        ("  Садулаева   Хава  ", ("Садулаева", "Хава", "")),
        ("Ибрагим Асланович Мадаев", ("Мадаев", "Ибрагим", "Асланович")),
        ("Алиев Рамзан Ахмед оглы", ("Алиев", "Рамзан", "Ахмед оглы")),
    ],
)
def test_one_full_name_column_is_split_into_surname_name_and_patronymic(header, written, parts):
    row = teacher()
    result = parse_staff_xlsx(xlsx([written, *row[3:]], header=[header, *HEADER[3:]]))

    person = only_row(result)
    assert (person.last_name, person.first_name, person.middle_name) == parts
    assert {"last_name", "first_name", "middle_name"} <= result.fields


def test_a_full_name_of_one_word_is_refused_at_its_column():
    row = teacher()
    result = parse_staff_xlsx(xlsx(["Мадаев", *row[3:]], header=["Ф.И.О.", *HEADER[3:]]))

    assert cell_error(result, "Ф.И.О.") == "Укажите фамилию, имя и отчество через пробел"


def test_optional_columns_may_be_left_out_and_are_not_among_the_fields():
    keep = ["Фамилия", "Имя", "Должность"]
    result = parse_staff_xlsx(xlsx(["Мадаев", "Ибрагим", "учитель"], header=keep))

    person = only_row(result)
    assert (person.phone, person.total_years, person.hired_on) == ("", None, None)
    assert result.fields == {"last_name", "first_name", "position"}


# --- size -------------------------------------------------------------------------------------


def test_five_thousand_rows_give_one_clear_error_without_the_reader_walking_them(monkeypatch):
    """The work is bounded by the limit, not by the file: counted in what is read (the time it
    takes is the benchmark's business, not a test's)."""
    data = xlsx_write_only(many_teachers(5000))
    loaded = []
    monkeypatch.setattr(sheets, "python_calamine", Recording(loaded))

    message = single_file_error(parse_staff_xlsx(data))

    assert message.startswith("В файле 5000 строк с данными, а за один раз можно загрузить")
    assert "Разделите таблицу" in message
    assert loaded == []  # refused by the scan: the values were never read


class Recording:
    """Stands for python_calamine: notes that a workbook was opened, and opens nothing."""

    def __init__(self, loaded: list):
        self.CalamineWorkbook = self
        self.loaded = loaded

    def from_filelike(self, *args, **kwargs):
        self.loaded.append(1)
        raise AssertionError("the values were read")


def test_too_many_rows_are_counted():
    message = single_file_error(parse(*many_teachers(MAX_ROWS + 1)))

    assert message.startswith(f"В файле {MAX_ROWS + 1} строка с данными, а за один раз можно")


def test_exactly_the_maximum_of_rows_is_accepted():
    result = parse_staff_xlsx(xlsx_write_only(many_teachers(MAX_ROWS)))

    assert result.ok, result.errors[:3]
    assert len(result.rows) == MAX_ROWS


def test_empty_rows_are_ignored_and_row_numbers_stay_as_the_user_sees_them():
    result = parse(
        teacher(),
        [None] * len(HEADER),
        ["", "  ", None],
        teacher(last_name="Хасанов", total_years="много"),
    )

    assert errors_of(result) == [(5, "Общий стаж, лет", "Укажите целое число лет от 0 до 60")]
    assert [row.row_number for row in result.rows] == [2]


# --- cells ------------------------------------------------------------------------------------


def test_a_formula_is_refused():
    result = parse(teacher(total_years="=2024-2012"))

    assert cell_error(result, "Общий стаж, лет") == "Формулы не допускаются — вставьте значение"


def test_a_formula_written_as_such_is_refused():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    formula = WriteOnlyCell(sheet, value='=CONCATENATE("Мада","ев")')
    sheet.append([formula, *teacher()[1:]])
    buffer = BytesIO()
    workbook.save(buffer)

    result = parse_staff_xlsx(buffer.getvalue())

    assert cell_error(result, "Фамилия") == "Формулы не допускаются — вставьте значение"


@pytest.mark.parametrize("column", ["last_name", "first_name", "position"])
@pytest.mark.parametrize("empty", [None, "", "   ", "—"])
def test_required_cells_must_be_filled(column, empty):
    result = parse(teacher(**{column: empty}))

    header = next(c.header for c in COLUMNS if c.field == column)
    assert errors_of(result) == [(2, header, "Заполните поле")]
    assert result.rows == []


@pytest.mark.parametrize(("value", "years"), [("15", 15), (" 7 ", 7), (0, 0), (60, 60), (12.0, 12)])
def test_years_may_be_an_integer_or_text_holding_one(value, years):
    assert only_row(parse(teacher(total_years=value, teaching_years=None))).total_years == years


@pytest.mark.parametrize("value", ["12 лет", "12,5", 12.5, -1, 61, "-3", True, date(2020, 1, 1)])
def test_years_other_than_an_integer_from_0_to_60_are_refused(value):
    result = parse(teacher(total_years=value, teaching_years=None))

    assert cell_error(result, "Общий стаж, лет") == "Укажите целое число лет от 0 до 60"


def test_teaching_experience_longer_than_the_total_is_refused():
    result = parse(teacher(total_years=5, teaching_years=8))

    assert errors_of(result) == [
        (2, "Педагогический стаж, лет", "Педагогический стаж не может быть больше общего (5)")
    ]


@pytest.mark.parametrize(
    ("value", "hired_on"),
    [
        ("01.09.2020", date(2020, 9, 1)),
        ("1.9.2020", date(2020, 9, 1)),
        (datetime(2020, 9, 1), date(2020, 9, 1)),
        (date(1950, 1, 1), date(1950, 1, 1)),
        (local_today(), local_today()),
    ],
)
def test_hire_date_is_a_date_cell_or_text_in_dd_mm_yyyy(value, hired_on):
    assert only_row(parse(teacher(hired_on=value))).hired_on == hired_on


@pytest.mark.parametrize("value", ["сентябрь 2020", "2020-09-01", "01/09/2020", "01.09.20", 44075])
def test_hire_date_in_another_shape_is_refused(value):
    result = parse(teacher(hired_on=value))

    assert cell_error(result, "Дата приёма на работу") == "Укажите дату в формате ДД.ММ.ГГГГ"


def test_hire_date_that_does_not_exist_is_refused():
    message = cell_error(parse(teacher(hired_on="31.02.2020")), "Дата приёма на работу")

    assert message.startswith("Такой даты нет")


@pytest.mark.parametrize(
    "value",
    [local_today() + timedelta(days=1), (local_today() + timedelta(days=400)).strftime("%d.%m.%Y")],
)
def test_hire_date_in_the_future_is_refused(value):
    message = cell_error(parse(teacher(hired_on=value)), "Дата приёма на работу")

    assert message == "Дата приёма не может быть позже сегодняшнего дня"


@pytest.mark.parametrize("value", [date(1949, 12, 31), "15.08.1900"])
def test_hire_date_before_1950_is_refused(value):
    message = cell_error(parse(teacher(hired_on=value)), "Дата приёма на работу")

    assert message == "Дата приёма не может быть раньше 1950 года"


def test_text_longer_than_200_characters_is_refused():
    result = parse(teacher(position="у" * 201), teacher(last_name="Хасанов", position="у" * 200))

    assert errors_of(result) == [(2, "Должность", "Не более 200 символов, сейчас 201")]
    assert [row.row_number for row in result.rows] == [3]


def test_a_date_where_text_is_expected_is_refused():
    assert cell_error(parse(teacher(position=datetime(2020, 1, 1))), "Должность") == "Укажите текст"


# --- duplicates -------------------------------------------------------------------------------


def test_the_same_person_twice_in_the_file_is_refused_on_the_second_row():
    result = parse(
        teacher(),
        teacher(last_name="Хасанов"),
        teacher(last_name=" мадаев ", first_name="ИБРАГИМ", hired_on="01.09.2014"),
    )

    assert errors_of(result) == [(4, "Фамилия", "Этот человек уже есть в строке 2")]
    assert [row.row_number for row in result.rows] == [2, 3]


def test_namesakes_hired_on_different_days_are_different_people():
    assert parse(teacher(), teacher(hired_on=date(2015, 9, 1))).ok


def test_person_key_ignores_case_yo_and_spacing():
    assert person_key(" Алиёва ", "ЗАРЕМА", "Ахмедовна ", None) == person_key(
        "алиева", "Зарема", " ахмедовна", None
    )
    assert person_key("Алиева", "Зарема", "", None) != person_key(
        "Алиева", "Зарема", "", date(2020, 9, 1)
    )


# --- the result ---------------------------------------------------------------------------


def test_errors_are_sorted_by_row_then_column_and_good_rows_are_kept():
    result = parse(
        teacher(email="нет почты", last_name=None),
        teacher(last_name="Хасанов"),
        teacher(last_name="Алиев", hired_on="вчера", first_name=""),
    )

    assert not result.ok
    assert [(error.row, error.column) for error in result.errors] == [
        (2, "Фамилия"),
        (2, "Электронная почта"),
        (4, "Имя"),
        (4, "Дата приёма на работу"),
    ]
    assert [row.last_name for row in result.rows] == ["Хасанов"]
    assert all(isinstance(error, CellError) for error in result.errors)


def test_export_columns_are_wide_enough_for_their_values():
    """A long position or category is not cut off by the next column, on screen or on paper."""
    long = replace(
        parse(teacher()).rows[0],
        position="Руководитель МО учителей гуманитарного цикла",
        category="conformity",
    )
    workbook = load_workbook(BytesIO(export_staff_xlsx([long], "Реестр")))
    sheet = workbook.worksheets[0]
    for cell in sheet[2]:
        if isinstance(cell.value, str):
            width = sheet.column_dimensions[cell.column_letter].width
            assert width >= len(cell.value) + 1, (cell.value, width)
    about = workbook["О выгрузке"]
    assert about.sheet_properties.pageSetUpPr.fitToPage and about.page_setup.fitToWidth == 1


def test_the_templates_instructions_print_one_page_wide():
    """They printed on four pages, each with a strip of the rules cut at its edge."""
    sheet = load_workbook(BytesIO(build_template()))["Как заполнить"]
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
