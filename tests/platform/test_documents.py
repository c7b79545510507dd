import re
import zipfile
from dataclasses import replace
from datetime import date
from io import BytesIO

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table

from nastavnik.documents import (
    Annex,
    Approval,
    OrderDocument,
    OrderItem,
    SchoolLetterhead,
    Section,
    render_order,
)
from nastavnik.reports import Part, ReportDocument, render_report
from nastavnik.reports import Table as ReportTable

SCHOOL = SchoolLetterhead(
    name_ru="Муниципальное бюджетное общеобразовательное учреждение "
    "«Илсхан-Юртовская основная школа»",
    name_ce="Муниципальни бюджетан йукъардешаран хъукмат «Илсхан-Юъртара коърта ишкол»",
    settlement="с. Илсхан-Юрт",
)

ORDER = OrderDocument(
    letterhead=SCHOOL,
    number="90-од",
    date=date(2023, 8, 30),
    title="О закреплении наставнических пар/групп",
    preamble="В целях внедрения системы наставничества педагогических работников,",
    items=(
        OrderItem(
            "Утвердить и ввести в действие прилагаемые:",
            subitems=(
                "Положение о системе наставничества (Приложение 1);",
                "Дорожную карту (Приложение 2).",
            ),
        ),
        OrderItem("Кадиеву М.С. назначить координатором."),
    ),
    signer_position="Директор",
    signer_name="Умарова З.И.",
)

ANNEX = {
    "annex_title": "Наставнические пары",
    "annex_columns": ("Наставник", "Наставляемый", "Форма"),
    "annex_rows": (
        ("Батаева А.Х.", "Сулейманова З.А.", "учитель – учитель"),
        ("Косумова Л.У.", "Батаева Х.У.", "учитель – учитель"),
    ),
}


def read(order):
    return Document(BytesIO(render_order(order)))


def lines(document):
    """Every paragraph's text in reading order, table cells included."""
    found = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    found.extend(p.text for p in cell.paragraphs)
        else:
            found.append(block.text)
    return found


def paragraph(document, text):
    return next(p for p in document.paragraphs if p.text == text)


def numbered(document):
    return [p.text for p in document.paragraphs if re.match(r"\d+\.", p.text)]


def test_header_carries_both_languages():
    header = read(ORDER).tables[0]
    russian, chechen = ([p.text for p in cell.paragraphs] for cell in header.rows[0].cells)

    assert russian == [
        "РОССИЙСКАЯ ФЕДЕРАЦИЯ",
        "ЧЕЧЕНСКАЯ РЕСПУБЛИКА",
        "АДМИНИСТРАЦИЯ КУРЧАЛОЕВСКОГО МУНИЦИПАЛЬНОГО РАЙОНА",
        "МУНИЦИПАЛЬНОЕ БЮДЖЕТНОЕ ОБЩЕОБРАЗОВАТЕЛЬНОЕ УЧРЕЖДЕНИЕ «ИЛСХАН-ЮРТОВСКАЯ ОСНОВНАЯ ШКОЛА»",
    ]
    assert chechen == [
        "РОССИИ ФЕДЕРАЦИ",
        "НОХЧИЙН РЕСПУБЛИКА",
        "КУРЧАЛОЙН К1ОШТАН МУНИЦИПАЛЬНИ АДМИНИСТРАЦИ",
        "МУНИЦИПАЛЬНИ БЮДЖЕТАН ЙУКЪАРДЕШАРАН ХЪУКМАТ «ИЛСХАН-ЮЪРТАРА КОЪРТА ИШКОЛ»",
    ]
    assert header.style.name != "Table Grid"


def test_order_word_date_number_and_settlement_follow_the_header():
    text = lines(read(ORDER))
    start = text.index("ПРИКАЗ")

    assert text[start : start + 4] == ["ПРИКАЗ", "30 августа 2023 г.", "№ 90-од", "с. Илсхан-Юрт"]


def test_date_is_on_the_left_and_number_on_the_right():
    date_cell, number_cell = read(ORDER).tables[1].rows[0].cells

    assert date_cell.text == "30 августа 2023 г."
    assert number_cell.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_order_word_title_and_prikazyvayu_are_bold():
    document = read(ORDER)

    for text in ("ПРИКАЗ", "О закреплении наставнических пар/групп", "ПРИКАЗЫВАЮ:"):
        assert all(run.bold for run in paragraph(document, text).runs)


def test_preamble_comes_before_prikazyvayu():
    text = lines(read(ORDER))

    assert text.index(ORDER.preamble) + 1 == text.index("ПРИКАЗЫВАЮ:")


def test_items_are_numbered_in_order_with_subitems():
    assert numbered(read(ORDER)) == [
        "1. Утвердить и ввести в действие прилагаемые:",
        "1.1. Положение о системе наставничества (Приложение 1);",
        "1.2. Дорожную карту (Приложение 2).",
        "2. Кадиеву М.С. назначить координатором.",
        "3. Контроль исполнения приказа оставляю за собой.",
    ]


@pytest.mark.parametrize(
    "control",
    [
        "Контроль за исполнением настоящего приказа оставляю за собой.",
        "Контроль исполнения приказа возложить на заместителя директора по УВР Кадиеву М.С.",
    ],
)
def test_control_item_is_not_added_twice(control):
    order = replace(ORDER, items=(*ORDER.items, OrderItem(control)))

    assert numbered(read(order))[-1] == f"3. {control}"


def test_control_of_mentors_work_is_not_control_of_the_order():
    order = replace(ORDER, items=(OrderItem("Осуществлять контроль за работой наставников."),))

    assert numbered(read(order))[-1] == "2. Контроль исполнения приказа оставляю за собой."


def test_signature_line_follows_the_items():
    text = lines(read(ORDER))

    assert text[-1] == "Директор ____________ Умарова З.И."


def test_blank_number_and_date_are_left_to_fill_in_by_hand():
    order = replace(ORDER, number=None, date=None, **ANNEX)
    document = read(order)
    date_cell, number_cell = document.tables[1].rows[0].cells

    assert date_cell.text == "«___» __________ 20__ г."
    assert number_cell.text == "№ ______"
    annex_of = "Приложение к приказу от «___» __________ 20__ г. № ______"
    assert annex_of in lines(document)


def test_annex_starts_a_new_page_with_its_heading_and_table():
    document = read(replace(ORDER, **ANNEX))
    annex_of = paragraph(document, "Приложение к приказу от 30.08.2023 № 90-од")
    table = document.tables[-1]

    assert annex_of.paragraph_format.page_break_before
    assert annex_of.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert all(run.bold for run in paragraph(document, "Наставнические пары").runs)
    assert table.style.name == "Table Grid"
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Наставник", "Наставляемый", "Форма"],
        ["Батаева А.Х.", "Сулейманова З.А.", "учитель – учитель"],
        ["Косумова Л.У.", "Батаева Х.У.", "учитель – учитель"],
    ]
    header_runs = [run for cell in table.rows[0].cells for run in cell.paragraphs[0].runs]
    assert all(run.bold and run.font.size == Pt(12) for run in header_runs)
    assert not any(run.bold for run in table.rows[1].cells[0].paragraphs[0].runs)


def test_no_annex_without_a_title():
    document = read(ORDER)

    assert len(document.tables) == 2
    assert not any(text.startswith("Приложение к приказу") for text in lines(document))


def test_annex_row_of_the_wrong_width_is_refused():
    order = replace(ORDER, **{**ANNEX, "annex_rows": (("Батаева А.Х.", "Сулейманова З.А."),)})

    with pytest.raises(ValueError, match="annex row"):
        render_order(order)


def test_markup_and_quotes_are_kept_as_text():
    odd = "<script>alert('x')</script> «ёлки» \"кавычки\" & <b>жирный</b>"
    order = replace(
        ORDER,
        title=odd,
        items=(OrderItem(odd, subitems=(odd,)),),
        **{**ANNEX, "annex_rows": ((odd, odd, odd),)},
    )
    document = read(order)
    text = lines(document)

    assert odd in text
    assert f"1. {odd}" in text
    assert f"1.1. {odd}" in text
    assert [cell.text for cell in document.tables[-1].rows[1].cells] == [odd, odd, odd]
    assert document.core_properties.title == odd


def test_control_characters_from_pasted_text_do_not_break_the_file():
    order = replace(ORDER, preamble="В целях\x0bвнедрения\x00 наставничества,\r\nпостановляю")

    assert "В целях\nвнедрения наставничества,\nпостановляю" in lines(read(order))


def test_output_is_a_docx_package():
    with zipfile.ZipFile(BytesIO(render_order(ORDER))) as package:
        assert package.testzip() is None
        content_types = package.read("[Content_Types].xml").decode()

    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    assert main in content_types


def test_core_properties_name_the_order_and_the_school():
    properties = read(ORDER).core_properties

    assert properties.title == "О закреплении наставнических пар/групп"
    assert properties.author == SCHOOL.name_ru
    assert properties.language == "ru-RU"
    assert properties.comments == ""


def test_page_is_a4_in_times_new_roman_14():
    document = read(ORDER)
    section = document.sections[0]
    normal = document.styles["Normal"].font

    page = (section.page_width, section.page_height)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)

    # Word stores sizes in twentieths of a point, so centimetres come back rounded.
    assert [round(length.cm, 2) for length in page] == [21, 29.7]
    assert [round(length.cm, 2) for length in margins] == [2, 2, 2, 1.5]
    assert (normal.name, normal.size) == ("Times New Roman", Pt(14))


def test_no_latin_letters_anywhere_in_the_text():
    document = read(replace(ORDER, **ANNEX))

    assert not [text for text in lines(document) if re.search("[A-Za-z]", text)]


def test_nothing_in_the_file_mentions_the_generator():
    with zipfile.ZipFile(BytesIO(render_order(ORDER))) as package:
        parts = {
            name: package.read(name).decode()
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        }

    assert not [name for name, xml in parts.items() if "python-docx" in xml]
    assert 'w:lang w:val="ru-RU"' in parts["word/styles.xml"]


# The parts of the seed's order № 90-од beyond a plain order.

SEED_ANNEXES = (
    Annex(
        "Положение о системе наставничества педагогических работников",
        sections=(
            Section("1. Общие положения", ("1.1. Настоящее Положение определяет цели.",)),
            Section("2. Цель и задачи", ("2.1. Цель системы наставничества.",)),
        ),
        approval=Approval(
            considered="на педагогическом совете (протокол № 1 от 30.08.2023 г.)",
            approved="приказом директора № 90-од от 30.08.2023 г.",
            agreed="на заседании МО (протокол № 1 от 30.08.2023 г.)",
        ),
    ),
    Annex(
        "Дорожная карта",
        columns=("№", "Наименование этапа", "Сроки"),
        rows=(("1.", "Подготовка условий", "Август"),),
    ),
)


def test_an_extract_says_so_in_place_of_the_order_word():
    document = read(replace(ORDER, heading="ВЫПИСКА ИЗ ПРИКАЗА"))

    assert "ВЫПИСКА ИЗ ПРИКАЗА" in lines(document)
    assert "ПРИКАЗ" not in lines(document)


def test_unnumbered_lines_follow_their_item():
    group = OrderItem(
        "Утвердить состав рабочей группы:",
        lines=("руководитель рабочей группы:", "Кадиева М.С. – заместитель директора по УВР;"),
    )
    text = lines(read(replace(ORDER, items=(group,))))
    start = text.index("1. Утвердить состав рабочей группы:")

    assert text[start + 1 : start + 3] == list(group.lines)
    assert numbered(read(replace(ORDER, items=(group,))))[1].startswith("2. Контроль")


def test_those_the_order_concerns_sign_that_they_have_read_it():
    order = replace(ORDER, acquainted=("Кадиева М.С.", "Батаева А.Х."))
    text = lines(read(order))
    start = text.index("С приказом ознакомлены:")

    assert start > text.index("Директор ____________ Умарова З.И.")
    assert text[start + 1] == "Кадиева М.С. ____________ «___» __________ 20__ г."
    assert text[start + 2].startswith("Батаева А.Х. ")


def test_annexes_are_numbered_each_on_a_new_page_under_their_approval():
    document = read(replace(ORDER, annexes=SEED_ANNEXES))
    text = lines(document)
    first = paragraph(document, "Приложение 1 к приказу от 30.08.2023 № 90-од")
    second = paragraph(document, "Приложение 2 к приказу от 30.08.2023 № 90-од")

    assert second.paragraph_format.page_break_before
    assert text.index("РАССМОТРЕНО") < text.index(first.text) < text.index(second.text)
    # the annex's label does not touch the approval blocks above it
    assert first.paragraph_format.space_before == Pt(12)
    assert "приказом директора № 90-од от 30.08.2023 г." in text
    assert "Дорожная карта" in text
    assert (
        text.index("1. Общие положения") < text.index("2. Цель и задачи") < text.index(second.text)
    )
    assert [c.text for c in document.tables[-1].rows[1].cells] == [
        "1.",
        "Подготовка условий",
        "Август",
    ]


def test_a_single_annex_given_the_older_way_comes_before_the_new_ones():
    document = read(replace(ORDER, **ANNEX, annexes=SEED_ANNEXES[1:]))

    assert paragraph(document, "Приложение 1 к приказу от 30.08.2023 № 90-од")
    assert "Наставнические пары" in lines(document)
    assert paragraph(document, "Приложение 2 к приказу от 30.08.2023 № 90-од")


# Measured in Times New Roman Bold 12 pt (Liberation Serif, its metric twin): the widest
# Cyrillic words of our headers take about 0.236 cm a letter; a cell adds 0.19 cm each side.
def needs_cm(word: str, size: float = 12) -> float:
    return 0.236 * len(word) * size / 12 + 0.38


def grid_cm(table) -> list[float]:
    return [int(c.get(qn("w:w"))) / 567 for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def test_no_annex_header_word_breaks_in_the_middle():
    """The order ending programs: «Наставляемые» and «завершения» broke as «Наставляемы-е»."""
    columns = ("№", "Наставник", "Наставляемые", "Программа", "Дата завершения", "Основание")
    row = (
        "1",
        "Байсултанов Ахмед Русланович",
        "Хамзатова Марьям Исаевна",
        "Адаптация молодого учителя английского языка",
        "29 мая 2026 г.",
        "План программы выполнен в полном объёме",
    )
    order = replace(ORDER, annex_title="Программы", annex_columns=columns, annex_rows=(row,) * 3)
    widths = grid_cm(read(order).tables[-1])
    for title, width in zip(columns[1:], widths[1:], strict=True):
        longest = max(title.split(), key=len)
        assert width >= needs_cm(longest), (title, width)
    assert sum(widths) <= 17.5 + 0.01


def test_no_header_word_of_a_report_table_breaks_in_the_middle():
    """The district's report: seven columns broke «Педагогическ-их», «наставни-ком»."""
    columns = (
        "Учебный год",
        "Педагогических работников",
        "Молодых педагогов",
        "из них с наставником",
        "Охват молодых педагогов, %",
        "Пар и групп, действовавших в году",
        "Программ завершено",
    )
    table = ReportTable("Основные показатели", columns, (("2025/2026", 358, 69, 43, 62, 41, 40),))
    parts = (Part("Показатели", (table,)),)
    report = ReportDocument(SCHOOL, "Отчёт", date(2026, 12, 1), parts, "Методист", "Иванова И.И.")
    grid = Document(BytesIO(render_report(report))).tables[-1]
    size = grid.rows[0].cells[0].paragraphs[0].runs[0].font.size.pt
    assert size >= 9
    for title, width in zip(columns, grid_cm(grid), strict=True):
        longest = max(title.split(), key=len)
        assert width >= needs_cm(longest, size), (title, width, size)


def test_the_approval_blocks_after_the_order_stand_apart_from_its_last_line():
    """They touched the last «С приказом ознакомлены» line."""
    order = replace(ORDER, acquainted=("Кадиева М.С.",), approval=SEED_ANNEXES[0].approval)
    document = read(order)
    blocks = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("РАССМОТРЕНО"))
    assert blocks.rows[0].cells[0].paragraphs[0].paragraph_format.space_before >= Pt(12)


def test_a_column_of_sentences_reads_from_the_left_and_figures_stay_centred():
    """A program's plan: its activities and marks were centred, line by line."""
    plan = ReportTable(
        "",
        ("№", "Мероприятие", "Срок", "Отметка о выполнении"),
        (("1", "Диагностика профессиональных затруднений", "6 октября 2025 г.", "Выполнено"),),
    )
    parts = (Part("План мероприятий", (plan,)),)
    report = ReportDocument(SCHOOL, "Программа", date(2026, 12, 1), parts, "Куратор", "")
    row = Document(BytesIO(render_report(report))).tables[-1].rows[1]
    alignments = [cell.paragraphs[0].alignment for cell in row.cells]
    assert alignments[1] == WD_ALIGN_PARAGRAPH.LEFT
    assert alignments[2] == alignments[3] == WD_ALIGN_PARAGRAPH.CENTER


def test_a_date_in_a_narrow_column_keeps_to_one_line():
    """A program's plan: «Срок» read «6 октября 2025» over a lone «г.» on the next line."""
    plan = ReportTable(
        "",
        ("№", "Мероприятие", "Срок", "Ответственный", "Отметка о выполнении"),
        (
            (
                "1",
                "Диагностика профессиональных затруднений",
                "25 сентября 2026 г.",
                "Наставник",
                "Выполнено 25 сентября 2026 г. Составлена карта затруднений.",
            ),
            (
                "2",
                "Взаимопосещение уроков",
                "6 октября 2025 г.",
                "Наставник и наставляемый",
                "Запланировано",
            ),
        ),
        weights=(0.35, 2.2, 1.1, 1.3, 1.8),  # the program's document
    )
    parts = (Part("План мероприятий", (plan,)),)
    report = ReportDocument(SCHOOL, "Программа", date(2026, 12, 1), parts, "Куратор", "")
    widths = grid_cm(Document(BytesIO(render_report(report))).tables[-1])
    # Liberation Serif 11 pt: «25 сентября 2026 г.» is 3.14 cm, and the cell's margins.
    assert widths[2] >= 3.14 + 0.38, widths
    assert sum(widths) <= 17.5 + 0.01


def test_the_signature_never_stands_alone_on_a_page():
    """The school's report of 2026/2027 printed its fifth page with the curator's signature
    line only: the line above it goes over with it (an order's last item likewise)."""
    parts = (Part("Задачи на следующий учебный год", ("(раздел заполняет куратор)",)),)
    report = ReportDocument(SCHOOL, "Отчёт", date(2026, 12, 1), parts, "Куратор", "Иванова И.И.")
    for document in (Document(BytesIO(render_report(report))), read(ORDER)):
        texts = [p.text for p in document.paragraphs]
        at = next(i for i, t in enumerate(texts) if "____________" in t)
        assert document.paragraphs[at - 1].paragraph_format.keep_with_next, texts[at - 1]


def test_a_reports_headings_go_over_with_what_they_head():
    """«9. Задачи на следующий учебный год» stood at the foot of a page, its text on the next."""
    table = ReportTable("Банк лучших практик", ("Показатель", "2026/2027"), (("Описано", 2),))
    parts = (Part("Мероприятия", (table,)), Part("Задачи", ("(раздел заполняет куратор)",)))
    report = ReportDocument(SCHOOL, "Отчёт", date(2026, 12, 1), parts, "Куратор", "Иванова И.И.")
    document = Document(BytesIO(render_report(report)))
    for text in ("1. Мероприятия", "Банк лучших практик", "2. Задачи"):
        heading = next(p for p in document.paragraphs if p.text == text)
        assert heading.paragraph_format.keep_with_next, text
