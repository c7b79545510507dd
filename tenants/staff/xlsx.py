"""The staff register as a spreadsheet: the template to fill in, its import and the export.

Pure functions over bytes: no Flask, no database. The import never raises on bad input; it
returns every problem it finds as a Russian message tied to the row and column the user sees.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from nastavnik.dates import format_date, today
from nastavnik.declension import is_patronymic, plural
from nastavnik.tenants.vocabulary import QualificationCategory

from .sheets import (
    MAX_BYTES,
    NOT_A_SHEET,
    NotReadable,
    Sheet,
    TooManyRows,
    kind_of,
    read_first_sheet,
)

MAX_ROWS = 1000
MAX_TEXT = 200
MAX_YEARS = 60
EARLIEST_HIRE = date(1950, 1, 1)
DATE_FORMAT = "DD.MM.YYYY"

SHEET_TITLE = "Педагоги"
INSTRUCTIONS_TITLE = "Как заполнить"

# What the category column offers: «без категории, соответствие занимаемой должности, …».
CATEGORY_LIST = ", ".join(category.label for category in QualificationCategory)


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    kind: str  # how a cell is read: text, name, subjects, years, category, date, email
    required: bool = False
    width: int = 16
    hint: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("Фамилия", "last_name", "name", True, 18, "Например: Мадаев"),
    Column("Имя", "first_name", "name", True, 16, "Например: Ибрагим"),
    Column("Отчество", "middle_name", "name", False, 18, "Если есть"),
    Column("Должность", "position", "text", True, 28, "Например: учитель математики"),
    Column(
        "Преподаваемые предметы",
        "subjects",
        "subjects",
        False,
        34,
        "Через запятую: математика, информатика",
    ),
    Column("Общий стаж, лет", "total_years", "years", False, 12, "Целое число от 0 до 60"),
    Column(
        "Педагогический стаж, лет",
        "teaching_years",
        "years",
        False,
        16,
        "Целое число от 0 до 60, не больше общего стажа",
    ),
    Column(
        "Квалификационная категория",
        "category",
        "category",
        False,
        30,
        f"Выберите из списка: {CATEGORY_LIST}. Пусто — без категории",
    ),
    Column(
        "Дата приёма на работу",
        "hired_on",
        "date",
        False,
        16,
        "ДД.ММ.ГГГГ, например 01.09.2020; не позже сегодняшнего дня и не раньше 1950 года",
    ),
    Column("Телефон", "phone", "text", False, 20, "Например: +7 928 123-45-67"),
    Column("Электронная почта", "email", "email", False, 28, "Например: madaev@example.ru"),
)


@dataclass(frozen=True)
class StaffRow:
    row_number: int
    last_name: str
    first_name: str
    middle_name: str
    position: str
    subjects: tuple[str, ...]
    total_years: int | None
    teaching_years: int | None
    category: str  # a code of QualificationCategory
    hired_on: date | None
    phone: str
    email: str
    born_on: date | None = None


@dataclass(frozen=True)
class CellError:
    row: int  # as the user sees it: the header is row 1; 0 for the file as a whole
    column: str  # the column header, or '' for the file as a whole
    message: str


@dataclass
class ImportResult:
    """The rows read without error, and every error; nothing is to be saved unless ``ok``."""

    rows: list[StaffRow] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    fields: frozenset[str] = frozenset()  # the fields the file has columns for
    headers: dict[str, str] = field(default_factory=dict)  # field → its header in the file
    ignored: list[str] = field(default_factory=list)  # headers of columns not loaded
    kind: str = ""  # xlsx, ods or xls

    @property
    def ok(self) -> bool:
        return not self.errors


def person_key(last: str, first: str, middle: str, hired_on: date | None) -> tuple:
    """Who a person is, for finding duplicates: case, ё/е and spacing do not matter."""
    return (_fold(last), _fold(first), _fold(middle or ""), hired_on)


# --- the template and the export ----------------------------------------------------------

_REQUIRED_FILL = PatternFill("solid", fgColor="1F4E79")
_OPTIONAL_FILL = PatternFill("solid", fgColor="D9E1F2")
_REQUIRED_FONT = Font(bold=True, color="FFFFFF")
_OPTIONAL_FONT = Font(bold=True, color="1F2937")
_THIN = Side(style="thin", color="8EA9C1")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)


def build_template() -> bytes:
    """An empty register: the sheet «Педагоги» with the header only, and the instructions."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    _prepare_register_sheet(sheet, MAX_ROWS)
    _write_instructions(workbook.create_sheet(INSTRUCTIONS_TITLE))
    workbook.properties.title = "Реестр педагогических работников"
    workbook.properties.creator = "Наставник"
    return _save(workbook)


def export_staff_xlsx(rows: list[StaffRow], title: str) -> bytes:
    """The register in the template's columns, so that an export can be imported back."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    _prepare_register_sheet(sheet, max(len(rows), MAX_ROWS))
    for row_number, row in enumerate(rows, start=2):
        for column_number, column in enumerate(COLUMNS, start=1):
            value = getattr(row, column.field)
            if column.kind == "subjects":
                value = ", ".join(value)
            elif column.kind == "category":
                category = QualificationCategory.parse(value)
                value = category.label if category else ""
            _write_value(sheet.cell(row_number, column_number), value)
    _widen_to_contents(sheet)

    title = _printable(title)
    # the title stays out of the sheet: row 1 must remain the header for the re-import
    workbook.properties.title = title
    workbook.properties.creator = "Наставник"
    sheet.oddHeader.center.text = title[:200].replace("&", "&&")  # Excel's limit is 255
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"

    about = workbook.create_sheet("О выгрузке")
    about.column_dimensions["A"].width = 22
    about.column_dimensions["B"].width = 60
    about.page_setup.fitToWidth, about.page_setup.fitToHeight = 1, 0  # one page wide on paper
    about.sheet_properties.pageSetUpPr.fitToPage = True
    about.append(["Реестр", title])
    about.append(["Дата выгрузки", format_date(today())])
    about.append(["Педагогов", len(rows)])
    for cell, _ in about.iter_rows(min_col=1, max_col=2):
        cell.font = Font(bold=True)
    return _save(workbook)


def _widen_to_contents(sheet) -> None:
    """A column as wide as its longest value (at most 60 characters): the template's widths cut
    «Учитель русского языка и литературы» and «соответствие занимаемой должности» short."""
    for number, column in enumerate(COLUMNS, start=1):
        values = (sheet.cell(r, number).value for r in range(2, sheet.max_row + 1))
        longest = max((len(v) for v in values if isinstance(v, str)), default=0)
        dimension = sheet.column_dimensions[get_column_letter(number)]
        dimension.width = max(column.width, min(longest + 2, 60))


def _prepare_register_sheet(sheet, rows: int) -> None:
    """Header, widths, formats and input lists for the first ``rows`` data rows."""
    for number, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(1, number, column.header)
        cell.fill = _REQUIRED_FILL if column.required else _OPTIONAL_FILL
        cell.font = _REQUIRED_FONT if column.required else _OPTIONAL_FONT
        cell.alignment = _HEADER_ALIGNMENT
        cell.border = _BORDER
        dimension = sheet.column_dimensions[get_column_letter(number)]
        dimension.width = column.width
        if column.kind == "date":
            dimension.number_format = DATE_FORMAT
        elif column.kind == "text":
            dimension.number_format = "@"  # keeps a phone's leading + and 8 as typed
    sheet.row_dimensions[1].height = 45
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    last_row = rows + 1
    for number, column in enumerate(COLUMNS, start=1):
        validation = _validation_for(column)
        if validation is not None:
            letter = get_column_letter(number)
            validation.add(f"{letter}2:{letter}{last_row}")
            sheet.add_data_validation(validation)


def _validation_for(column: Column) -> DataValidation | None:
    if column.kind == "category":
        labels = ",".join(category.label for category in QualificationCategory)
        return DataValidation(
            type="list",
            formula1=f'"{labels}"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Квалификационная категория",
            error="Выберите значение из списка.",
            promptTitle=column.header,
            prompt="Выберите из списка; пусто — без категории.",
        )
    if column.kind == "years":
        return DataValidation(
            type="whole",
            operator="between",
            formula1="0",
            formula2=str(MAX_YEARS),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=column.header,
            error=f"Укажите целое число лет от 0 до {MAX_YEARS}.",
        )
    if column.kind == "date":
        return DataValidation(
            type="date",
            operator="greaterThanOrEqual",
            formula1="DATE(1950,1,1)",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=column.header,
            error="Укажите дату в формате ДД.ММ.ГГГГ, не раньше 1950 года.",
        )
    return None


def _write_instructions(sheet) -> None:
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 80
    # on paper, one page wide: the rules run past the three columns
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.append(["Как заполнить реестр педагогических работников"])
    sheet["A1"].font = Font(bold=True, size=14)
    rules = (
        "Заполняйте лист «Педагоги»: одна строка — один педагог.",
        "Удобнее всего не менять заголовки и порядок столбцов. Загрузится и реестр, который "
        "уже есть у школы: столбцы узнаются по заголовкам в любом порядке («ФИО» одним "
        "столбцом тоже), лишние столбцы не загружаются.",
        "Столбцы с заголовком на тёмно-синем фоне обязательны: "
        + ", ".join(column.header for column in COLUMNS if column.required)
        + ".",
        "Вставляйте значения, а не формулы: ячейки с формулами не загружаются.",
        f"За один раз можно загрузить не более {MAX_ROWS} строк, "
        f"файл — не больше {MAX_BYTES // (1024 * 1024)} МБ.",
        "Педагог, который уже есть в реестре школы (те же ФИО и дата приёма или дата рождения), "
        "второй раз не добавляется: его данные обновляются по файлу. Перед сохранением видно, "
        "что изменится.",
        "Подойдёт файл Excel (.xlsx или старый .xls) или LibreOffice (.ods).",
    )
    for rule in rules:
        sheet.append([f"• {rule}"])
    sheet.append([])

    sheet.append(["Столбец", "Обязательно", "Как заполнять"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.fill = _OPTIONAL_FILL
        cell.border = _BORDER
    for column in COLUMNS:
        sheet.append([column.header, "да" if column.required else "", column.hint])
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = _BORDER
    sheet.append([])

    sheet.append(["Пример заполненной строки листа «Педагоги»"])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    example = (
        "Мадаев",
        "Ибрагим",
        "Асланович",
        "учитель математики",
        "математика, информатика",
        12,
        10,
        QualificationCategory.FIRST.label,
        date(2014, 9, 1),
        "+7 928 123-45-67",
        "madaev@example.ru",
    )
    header_row = sheet.max_row + 1
    for number, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(header_row, number, column.header)
        cell.font = _REQUIRED_FONT if column.required else _OPTIONAL_FONT
        cell.fill = _REQUIRED_FILL if column.required else _OPTIONAL_FILL
        cell.alignment = _HEADER_ALIGNMENT
        cell.border = _BORDER
        cell = sheet.cell(header_row + 1, number, example[number - 1])
        cell.font = Font(italic=True, color="595959")
        cell.border = _BORDER
        if isinstance(example[number - 1], date):
            cell.number_format = DATE_FORMAT


def _write_value(cell, value) -> None:
    if isinstance(value, str):
        cell.value = _printable(value) or None
        # text is text: never let "=…" become a formula or "#N/A" an error cell
        cell.data_type = "s"
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        cell.value = value


def _printable(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _save(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- the import ------------------------------------------------------------------------------

NOT_XLSX = NOT_A_SHEET
FORMULA = "Формулы не допускаются — вставьте значение"
REQUIRED = "Заполните поле"
YEARS = f"Укажите целое число лет от 0 до {MAX_YEARS}"
DATE = "Укажите дату в формате ДД.ММ.ГГГГ"
HEADER_SEARCH = 10  # the header may stand under a title: looked for in the first rows

# Columns a register may have besides the template's: the birth date (it tells namesakes
# apart and feeds the age figures) and the whole name in one column.
BIRTH_DATE = Column("Дата рождения", "born_on", "birthdate", False, 16, "ДД.ММ.ГГГГ")
FULL_NAME = Column("ФИО", "full_name", "full_name", False, 36, "Фамилия Имя Отчество")

# What schools call the template's columns («Ф.И.О.», «Стаж педагогический», …); compared
# without case, punctuation, spaces, «ё» and word order.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "last_name": ("Фамилия",),
    "first_name": ("Имя",),
    "middle_name": ("Отчество", "Отчество (при наличии)"),
    "full_name": (
        "ФИО",
        "Ф.И.О.",
        "Фамилия, имя, отчество",
        "Фамилия, имя, отчество (при наличии)",
        "ФИО педагога",
        "ФИО работника",
        "ФИО сотрудника",
        "ФИО учителя",
    ),
    "position": ("Должность", "Занимаемая должность", "Должность по штатному расписанию"),
    "subjects": (
        "Преподаваемые предметы",
        "Предметы",
        "Предмет",
        "Преподаваемый предмет",
        "Преподаваемые дисциплины",
        "Дисциплины",
    ),
    "total_years": (
        "Общий стаж, лет",
        "Общий стаж",
        "Стаж общий",
        "Общий трудовой стаж",
        "Трудовой стаж",
        "Стаж работы",
    ),
    "teaching_years": (
        "Педагогический стаж, лет",
        "Педагогический стаж",
        "Стаж педагогический",
        "Пед. стаж",
        "Педстаж",
        "Стаж педагогической работы",
        "Стаж по специальности",
    ),
    "category": ("Квалификационная категория", "Категория", "Кв. категория"),
    "hired_on": (
        "Дата приёма на работу",
        "Дата приёма",
        "Дата поступления на работу",
        "Дата трудоустройства",
        "Принят на работу",
    ),
    "born_on": ("Дата рождения",),
    "phone": ("Телефон", "Контактный телефон", "Номер телефона", "Мобильный телефон", "Тел."),
    "email": (
        "Электронная почта",
        "Адрес электронной почты",
        "Эл. почта",
        "E-mail",
        "Email",
        "Почта",
    ),
}
_IMPORT_COLUMNS = {column.field: column for column in (*COLUMNS, BIRTH_DATE, FULL_NAME)}
_DASHES = re.compile(r"[-‐‒–—―]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]{2,}")
_NAME_FIELDS = ("last_name", "first_name", "middle_name")


class _Invalid(ValueError):
    """A cell's value cannot be accepted; the message is for the user."""


def parse_staff_file(data: bytes) -> ImportResult:
    """Read a school's register (.xlsx, .ods or .xls); the result's rows are those without error.

    Whether a row is a new person or one already in the register is the caller's business: the
    file is read without the database.
    """
    if len(data) > MAX_BYTES:
        size = MAX_BYTES // (1024 * 1024)
        return _file_error(
            f"Файл больше {size} МБ. Загрузите файл не больше {size} МБ: оставьте в нём только "
            "лист с педагогами, без картинок."
        )
    try:
        sheet = read_first_sheet(data)
    except TooManyRows as exc:
        return _file_error(_too_many_rows(exc.count - 1))  # the header is not a teacher
    except NotReadable as exc:
        return _file_error(str(exc))

    header_at, mapping, problem = _find_header(sheet.rows)
    if problem:
        return _file_error(problem)
    data_rows = [
        (number, cells)
        for number, cells in enumerate(sheet.rows[header_at + 1 :], start=header_at + 2)
        if any(not _is_blank(_at(cells, index)) for index in mapping)
    ]
    if len(data_rows) > MAX_ROWS:
        return _file_error(_too_many_rows(len(data_rows)))
    if not data_rows:
        return _file_error(
            "В файле нет ни одной строки с данными. Заполните таблицу под строкой заголовков."
        )

    headers = {name: header for header, name in mapping.values()}
    fields = {name for _, name in mapping.values()}
    if "full_name" in fields:
        fields = (fields - {"full_name"}) | set(_NAME_FIELDS)
        for name in _NAME_FIELDS:
            headers[name] = headers["full_name"]
    result = ImportResult(
        fields=frozenset(fields),
        headers=headers,
        ignored=[
            _cell_text(value)
            for index, value in enumerate(sheet.rows[header_at])
            if index not in mapping and _cell_text(value)
        ],
        kind=kind_of(data),
    )
    order = {name: index for index, (_, name) in mapping.items()}
    seen: dict[tuple, int] = {}
    for row_number, cells in data_rows:
        values, errors = _read_row(row_number - 1, cells, mapping, sheet)
        if all(name in values for name in (*_NAME_FIELDS, "hired_on")):
            key = person_key(*(values[name] for name in (*_NAME_FIELDS, "hired_on")))
            if key in seen:
                errors.append(
                    CellError(
                        row_number,
                        headers["last_name"],
                        f"Этот человек уже есть в строке {seen[key]}",
                    )
                )
            else:
                seen[key] = row_number
        if errors:
            result.errors.extend(errors)
        else:
            result.rows.append(StaffRow(row_number=row_number, **values))
    columns = {header: order[name] for name, header in headers.items() if name in order}
    result.errors.sort(key=lambda error: (error.row, columns.get(error.column, -1)))
    return result


# The name it had when it read only .xlsx.
parse_staff_xlsx = parse_staff_file


def _find_header(rows: list[list]) -> tuple[int, dict[int, tuple[str, str]], str]:
    """The header's row, its known columns (index → (header as written, field)), a problem."""
    best: tuple[int, dict] | None = None
    for number, cells in enumerate(rows[:HEADER_SEARCH]):
        known = {
            index: (_cell_text(value), _FIELD_BY_KEY[_header_key(value)])
            for index, value in enumerate(cells)
            if _header_key(value) in _FIELD_BY_KEY
        }
        if len(known) >= 2:
            best = (number, known)
            break
    first = next((cells for cells in rows if any(not _is_blank(v) for v in cells)), [])
    if best is None:
        found = [_cell_text(value) for value in first if _cell_text(value)]
        shown = ", ".join(_quoted(name) for name in found[:20]) if found else "ничего"
        if len(found) > 20:
            shown += " и другие"
        return (
            0,
            {},
            "Не найдена строка заголовков: в одной из первых строк таблицы должны быть названия "
            "столбцов, например "
            + ", ".join(f"«{column.header}»" for column in COLUMNS if column.required)
            + f". В файле: {shown}. Скачайте шаблон и перенесите данные в него.",
        )
    number, known = best
    by_field: dict[str, list[str]] = {}
    for header, name in known.values():
        by_field.setdefault(name, []).append(header)
    problems = []
    twice = [headers for headers in by_field.values() if len(headers) > 1]
    if twice:
        problems.append(
            "Столбцы повторяются: "
            + "; ".join(" и ".join(map(_quoted, headers)) for headers in twice)
            + "."
        )
    if "full_name" in by_field and set(by_field) & {"last_name", "first_name", "middle_name"}:
        problems.append(
            f"Есть и столбец {_quoted(by_field['full_name'][0])}, и отдельные столбцы фамилии, "
            "имени или отчества: оставьте что-то одно."
        )
    required = ["position"] + ([] if "full_name" in by_field else ["last_name", "first_name"])
    missing = [_IMPORT_COLUMNS[name].header for name in required if name not in by_field]
    if missing:
        problems.append(
            "Нет обязательных столбцов: " + ", ".join(f"«{name}»" for name in missing) + "."
        )
    if problems:
        found = ", ".join(_quoted(_cell_text(v)) for v in rows[number] if _cell_text(v))
        return (
            number,
            known,
            f"Строка заголовков (строка {number + 1}): "
            + " ".join(problems)
            + f" В файле: {found}. Фамилию и имя можно дать в одном столбце «ФИО»; "
            "порядок столбцов любой. Скачайте шаблон, если нужен образец.",
        )
    return number, known, ""


def _too_many_rows(count: int) -> str:
    return (
        f"В файле {count} {plural(count, 'строка', 'строки', 'строк')} с данными, "
        f"а за один раз можно загрузить не более {MAX_ROWS}. "
        "Разделите таблицу на несколько файлов и загрузите их по очереди."
    )


def _at(cells: list, index: int):
    return cells[index] if index < len(cells) else None


def _read_row(
    row: int, cells: list, mapping: dict[int, tuple[str, str]], sheet: Sheet
) -> tuple[dict, list[CellError]]:
    """The row's values by field, for the cells that are valid, and the errors of the others."""
    values: dict = {name: _EMPTY[column.kind] for name, column in _IMPORT_COLUMNS.items()}
    del values["full_name"]
    errors: list[CellError] = []
    teaching_header = ""
    for index, (header, name) in mapping.items():
        column = _IMPORT_COLUMNS[name]
        at = (row, index)
        kind = "f" if at in sheet.formulas else "e" if at in sheet.errors else ""
        try:
            value = _read_cell(column, _at(cells, index), kind)
        except _Invalid as exc:
            errors.append(CellError(row + 1, header, str(exc)))
            for part in _NAME_FIELDS if name == "full_name" else (name,):
                values.pop(part, None)
            continue
        if name == "full_name":
            values.update(zip(_NAME_FIELDS, value))
        else:
            values[name] = value
        if name == "teaching_years":
            teaching_header = header

    total, teaching = values.get("total_years"), values.get("teaching_years")
    if total is not None and teaching is not None and teaching > total:
        del values["teaching_years"]
        errors.append(
            CellError(
                row + 1,
                teaching_header,
                f"Педагогический стаж не может быть больше общего ({total})",
            )
        )
    return values, errors


def _read_cell(column: Column, value, kind: str):
    if kind == "f" or (isinstance(value, str) and value.startswith("=")):
        raise _Invalid(FORMULA)
    if kind == "e":
        shown = f" ({value})" if value not in (None, "") else ""
        raise _Invalid(f"В ячейке ошибка Excel{shown} — вставьте значение")
    if isinstance(value, str):
        value = _clean(value)
        if _DASHES.fullmatch(value):  # «—» is how people often write "nothing"
            value = ""
    if _is_blank(value):
        if column.required or column.kind == "full_name":
            raise _Invalid(REQUIRED)
        return _EMPTY[column.kind]
    return _READERS[column.kind](value)


def _read_full_name(value) -> tuple[str, str, str]:
    """«Мадаев Ибрагим Асланович» → surname, name, patronymic; «Ибрагим Асланович Мадаев» too."""
    words = _read_text(value).split()
    if len(words) < 2:
        raise _Invalid("Укажите фамилию, имя и отчество через пробел")
    if len(words) == 3 and is_patronymic(words[1]) and not is_patronymic(words[2]):
        first, middle, last = words
        return last, first, middle
    return words[0], words[1], " ".join(words[2:])


def _read_birth_date(value) -> date:
    if isinstance(value, datetime):
        value = value.date()
    elif isinstance(value, str) and (match := _DOTTED_DATE.fullmatch(value)):
        day, month, year = (int(part) for part in match.groups())
        try:
            value = date(year, month, day)
        except ValueError:
            raise _Invalid(f"Такой даты нет. {DATE}") from None
    if not isinstance(value, date):
        raise _Invalid(DATE)
    return value


def _read_text(value) -> str:
    if isinstance(value, bool | date | time | timedelta):
        raise _Invalid("Укажите текст")
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone typed as a number
    text = value if isinstance(value, str) else str(value)
    if len(text) > MAX_TEXT:
        raise _Invalid(f"Не более {MAX_TEXT} символов, сейчас {len(text)}")
    return text


def _read_subjects(value) -> tuple[str, ...]:
    subjects: list[str] = []
    folded: set[str] = set()
    for part in re.split(r"[,;]", _read_text(value)):
        subject = part.strip()
        if subject and _fold(subject) not in folded:
            subjects.append(subject)
            folded.add(_fold(subject))
    return tuple(subjects)


def _read_years(value) -> int:
    if isinstance(value, bool):
        raise _Invalid(YEARS)
    if isinstance(value, str) and re.fullmatch(r"\d{1,3}", value):
        value = int(value)
    elif isinstance(value, float) and value.is_integer():
        value = int(value)  # 12.0, as some programs write whole numbers
    if not isinstance(value, int) or not 0 <= value <= MAX_YEARS:
        raise _Invalid(YEARS)
    return value


def _read_category(value) -> str:
    label = _fold(_read_text(value))
    label = re.sub(r"\s*(квалификационная\s+)?категория$", "", label) or label
    try:
        return _CATEGORY_CODES[label]
    except KeyError:
        raise _Invalid(f"Выберите одно из значений: {CATEGORY_LIST}") from None


def _read_date(value) -> date:
    if isinstance(value, datetime):
        value = value.date()
    elif isinstance(value, str) and (match := _DOTTED_DATE.fullmatch(value)):
        day, month, year = (int(part) for part in match.groups())
        try:
            value = date(year, month, day)
        except ValueError:
            raise _Invalid(f"Такой даты нет. {DATE}") from None
    if not isinstance(value, date):
        raise _Invalid(DATE)
    if value > today():
        raise _Invalid("Дата приёма не может быть позже сегодняшнего дня")
    if value < EARLIEST_HIRE:
        raise _Invalid("Дата приёма не может быть раньше 1950 года")
    return value


def _read_email(value) -> str:
    email = _read_text(value)
    if not _EMAIL.fullmatch(email):
        raise _Invalid("Укажите адрес электронной почты в виде name@example.ru")
    return email


_READERS = {
    "text": _read_text,
    "name": _read_text,
    "subjects": _read_subjects,
    "years": _read_years,
    "category": _read_category,
    "date": _read_date,
    "email": _read_email,
    "birthdate": _read_birth_date,
    "full_name": _read_full_name,
}
_EMPTY = {
    "text": "",
    "name": "",
    "subjects": (),
    "years": None,
    "category": "none",
    "date": None,
    "email": "",
    "birthdate": None,
    "full_name": ("", "", ""),
}


def _file_error(message: str) -> ImportResult:
    return ImportResult(errors=[CellError(0, "", message)])


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _clean(text: str) -> str:
    """Trimmed, inner whitespace (line breaks, no-break spaces) collapsed, no control chars."""
    return " ".join(_CONTROL.sub("", text).split())


def _cell_text(value) -> str:
    return "" if value is None else _clean(str(value))


def _quoted(name: str) -> str:
    return f"«{name[:60]}…»" if len(name) > 60 else f"«{name}»"


def _fold(text: str) -> str:
    return _clean(text).casefold().replace("ё", "е")


def _fold_header(text: str) -> str:
    # «Общий стаж, лет» = «общий стаж лет»: punctuation and spacing do not matter in headers
    return " ".join(re.sub(r"[\W_]+", " ", _fold(text)).split())


_CATEGORY_CODES = {
    **{_fold(category.label): category for category in QualificationCategory},
    "соответствие": QualificationCategory.CONFORMITY,
    "сзд": QualificationCategory.CONFORMITY,
    "нет": QualificationCategory.NONE,
}


def _header_key(value) -> str:
    # «Стаж педагогический» = «Педагогический стаж, лет» = «ПЕД. СТАЖ»: no case, punctuation,
    # «ё», «лет», or word order
    if not isinstance(value, str):
        return ""
    words = [word for word in _fold_header(value).split() if word not in ("лет", "в", "годах")]
    return " ".join(sorted(words))


_FIELD_BY_KEY = {
    _header_key(header): name for name, headers in SYNONYMS.items() for header in headers
}
# «Пед. стаж» and «Педстаж» read alike
_FIELD_BY_KEY.update(
    {key.replace(" ", ""): name for key, name in list(_FIELD_BY_KEY.items()) if " " in key}
)
