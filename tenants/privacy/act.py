"""«Акт об уничтожении (обезличивании) персональных данных» (.docx) for the director to sign.

It names the school, the date, the ground, what was erased and by whom, and what was kept and
why; the person only by the number «Педагог № N» and the request's or consent's paper, never by
the erased name (the paper request in the school's records ties the two).
"""

from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH as Align
from docx.shared import Cm, Pt

from nastavnik.dates import format_date
from nastavnik.declension import short_name
from nastavnik.documents import SchoolLetterhead, set_up_page, write_letterhead
from nastavnik.models import School

from .models import Erasure, ErasureBasis

TITLE = "Акт об уничтожении (обезличивании) персональных данных"

KEPT = (
    "подписанные и зарегистрированные приказы — в том виде, в котором подписаны: это архивные "
    "документы школы с установленным сроком хранения (ч. 7 ст. 21 Федерального закона "
    "№ 152-ФЗ, Федеральный закон «Об архивном деле в Российской Федерации»);",
    "записи о согласиях (вид, даты, номер бумажного согласия) — подтверждение законности "
    "обработки (ч. 3 ст. 9 Федерального закона № 152-ФЗ), без сканов;",
    "должность, стаж, квалификационная категория, дата приёма, участие в парах, группах и "
    "программах, их сроки и статусы, оценки в анкетах — без ФИО, для отчётности школы и района;",
    "журнал действий платформы (ч. 1 ст. 19 Федерального закона № 152-ФЗ) — в нём нет "
    "обезличенных значений.",
)


def act_document(erasure: Erasure, school: School, paper: str = "") -> bytes:
    """`paper`: the number of the revoked consent's paper, for the consent ground."""
    document = Document()
    set_up_page(document)
    write_letterhead(document, SchoolLetterhead(school.name_ru, school.name_ce, school.settlement))
    _p(document, "АКТ", bold=True, align=Align.CENTER, before=18)
    subject = "об уничтожении (обезличивании) персональных данных"
    _p(document, subject, bold=True, align=Align.CENTER)
    _p(
        document,
        f"№ {erasure.number} от {format_date(erasure.erased_on)}",
        align=Align.CENTER,
        after=12,
    )
    _p(
        document,
        f"{format_date(erasure.erased_on)} в информационной системе «Наставник» "
        f"({school.name_ru}) обезличены персональные данные педагогического работника, которому "
        f"присвоен условный номер «{erasure.pseudonym}».",
        justify=True,
    )
    ground = _ground(erasure, paper)  # a request's date ends with «г.»: no second full stop
    _p(
        document,
        f"Основание: {ground}{'' if ground.endswith('.') else '.'}",
        justify=True,
        before=6,
    )
    _p(document, "Обезличены (удалены без возможности восстановления):", bold=True, before=6)
    for line in erasure.erased_lines:
        _p(document, f"— {line};", justify=True)
    _p(
        document,
        "Способ: замена фамилии, имени и отчества условным номером, удаление сведений из базы "
        "данных и файлов из хранилища платформы; учётная запись отключена.",
        justify=True,
        before=6,
    )
    _p(document, "Сохранены:", bold=True, before=6)
    for line in KEPT:
        _p(document, f"— {line}", justify=True)
    by = erasure.erased_by_name or "—"
    _p(document, f"Обезличивание выполнил(а): {by}.", justify=True, before=6)
    _signatures(document, school, by)
    out = BytesIO()
    document.core_properties.title = TITLE
    document.core_properties.author = school.name_ru
    document.core_properties.comments = ""
    document.save(out)
    return out.getvalue()


def _ground(erasure: Erasure, paper: str) -> str:
    if erasure.basis == ErasureBasis.REQUEST:
        return (
            f"{ErasureBasis.REQUEST.label}, запрос № {erasure.request_number} от "
            f"{format_date(erasure.request_on)}"
        )
    label = ErasureBasis.CONSENT_REVOKED.label
    return f"{label}, согласие № {paper}" if paper else label


def _signatures(document, school: School, by: str) -> None:
    rows = (
        ("Руководитель", short_name(school.director_name) if school.director_name else ""),
        ("Обезличивание выполнил(а)", short_name(by) if by != "—" else ""),
        ("Ответственный за организацию обработки персональных данных", ""),
    )
    table = document.add_table(rows=0, cols=3)
    widths = (Cm(7.5), Cm(4.5), Cm(5.5))
    for role, name in rows:
        cells = table.add_row().cells
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
        _cell(cells[0], role)
        _cell(cells[1], "_________________", align=Align.CENTER)
        _cell(cells[2], f"/ {name or '____________________'} /", align=Align.RIGHT)
        for cell in cells:
            cell.paragraphs[0].paragraph_format.space_before = Pt(18)
    _p(document, "«___» __________ 20__ г.", before=18)


def _cell(cell, text: str, align=None) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.font.size = Pt(12)


def _p(document, text, *, bold=False, align=None, justify=False, before=0, after=0):
    paragraph = document.add_paragraph()
    layout = paragraph.paragraph_format
    layout.space_before, layout.space_after = Pt(before), Pt(after)
    if justify:
        paragraph.alignment = Align.JUSTIFY
        layout.first_line_indent = Cm(1.25)
    elif align is not None:
        paragraph.alignment = align
    paragraph.add_run(text).bold = bold
    return paragraph
