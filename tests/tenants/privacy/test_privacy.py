"""A teacher's data on request, the erasure of their details, and names hidden after a revoked
consent (152-ФЗ, ст. 14 and 21)."""

import io
import json
import re
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from docx import Document
from openpyxl import load_workbook

from nastavnik.dates import today
from nastavnik.journal.models import JournalEntry
from nastavnik.models import Account
from nastavnik.tenants.orders.models import SchoolOrder
from nastavnik.tenants.privacy.act import act_document
from nastavnik.tenants.privacy.models import Erasure, ErasureBasis
from nastavnik.tenants.staff.models import Staff
from nastavnik.uploads import StoredFile

PHONE = "+7 928 111-22-33"
OTHER_PHONE = "+7 900 999-88-77"


def _planted(make, school, marker: str):
    """A teacher with one value of every kind the school keeps, marked with `marker`."""
    teacher = make.staff(
        school,
        last_name=f"{marker}Исаева",
        first_name="Зарема",
        middle_name="Ахмедовна",
        phone=PHONE if marker == "Своя" else OTHER_PHONE,
        email=f"{marker.lower()}@school.example",
        born_on=date(1990, 3, 4),
        teaching_years=1,
    )
    make.consent(school, teacher, paper_number=f"{marker}-согл-7")
    account = make.account(school, f"{marker.lower()}-teacher", roles=["mentee"])
    with make.in_school(school):
        make._get(Staff, teacher.id).account_id = account.id
    entry = make.mentee_entry(school, teacher, difficulties=f"{marker}Затруднение с классом")
    mentor = make.mentor_entry(school)
    pairing = make.pairing(school, mentor.staff_id, [entry.staff_id])
    program = make.program(school, pairing, title=f"{marker}Программа адаптации")
    scan = make.stored_file(school, f"{marker}-подтверждение.pdf")
    make.activity(
        school,
        program,
        title=f"{marker}Открытый урок",
        status="done",
        done_on=date(2024, 10, 10),
        result=f"{marker}Урок дан",
        marked_by_id=account.id,
        evidence_file_id=scan.id,
    )
    make.participant_request(school, pairing, reason=f"{marker}Просьба о смене")
    questionnaire = make.questionnaire(
        school,
        f"{marker}Анкета",
        anonymous=False,
        questions=[{"text": "Что было полезно?", "kind": "text"}],
    )
    assignment = make.assignment(school, questionnaire, teacher)
    make.answer(school, assignment, **{f"q{questionnaire.questions[0].id}": f"{marker}Ответ"})
    full_name = f"{marker}Исаева Зарема Ахмедовна"
    make.order(
        school,
        status="signed",
        number=f"{marker}-5-од",
        signed_on=date(2024, 9, 10),
        content={
            "items": ["Закрепить пары."],
            "annex_columns": ["Наставник", "Наставляемый", "Форма"],
            "rows": [["Другой Д.Д.", full_name, "традиционная"]],
        },
    )
    return teacher, account, pairing, program


@pytest.fixture
def director(make, auth, school):
    account = make.account(school, "director", roles=["director"], full_name="Тасуева Хеда")
    auth.login(school, "director")
    return account


def _text_of_workbook(data: bytes) -> dict[str, str]:
    book = load_workbook(io.BytesIO(data))
    return {
        sheet.title: "\n".join(
            str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None
        )
        for sheet in book.worksheets
    }


def test_a_teachers_data_on_request_holds_every_kind_and_nothing_of_anyone_else(
    make, client, school, director, query
):
    teacher, *_ = _planted(make, school, "Своя")
    _planted(make, school, "Соседняя")  # another teacher of the same school
    _planted(make, make.school("other"), "Чужая")  # and of another school
    client.get(f"/s/s1/staff/{teacher.id}")  # a view of the card, journalled

    response = client.get(f"/s/s1/privacy/staff/{teacher.id}/data.xlsx")
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    sheets = _text_of_workbook(response.data)
    expected = {
        "Карточка педагога": PHONE,
        "Согласия": "Своя-согл-7",
        "Записи банков": "СвояЗатруднение с классом",
        "Пары и группы": "наставляемый",
        "Программы": "СвояПрограмма адаптации",
        "Мероприятия и отметки": "СвояУрок дан",
        "Просьбы": "СвояПросьба о смене",
        "Ответы на анкеты": "СвояОтвет",
        "Приказы": "Своя-5-од",
        "Учётная запись": "своя-teacher",
        "Журнал": "Карточка педагога",
    }
    for title, value in expected.items():
        assert value in sheets[title], title
    everything = "\n".join(sheets.values())
    assert "Соседняя" not in everything and "Чужая" not in everything
    assert OTHER_PHONE not in everything
    assert "Своя-подтверждение.pdf" in sheets["Мероприятия и отметки"]

    answer = client.get(f"/s/s1/privacy/staff/{teacher.id}/data.json")
    assert answer.status_code == 200
    body = json.loads(answer.data.decode("utf-8"))
    assert body["Карточка педагога"][0]["Телефон"] == PHONE
    assert body["Карточка педагога"][0]["Дата рождения"] == "1990-03-04"
    assert body["Согласия"][0]["Номер бумажного согласия"] == "Своя-согл-7"
    assert body["Ответы на анкеты"][0]["Ответ"] == "СвояОтвет"
    assert set(expected) <= set(body)
    assert "Соседняя" not in answer.data.decode() and "Чужая" not in answer.data.decode()
    assert "СвояОтвет".encode() in answer.data  # UTF-8, not \\u escapes

    exports = query(
        sa.select(JournalEntry.detail).where(
            JournalEntry.record_kind == "Персональные данные педагога",
            JournalEntry.record_id == teacher.id,
        )
    )
    details = sorted(e.detail for e in exports)
    assert details == [
        "выгрузка персональных данных (.json) по запросу педагога",
        "выгрузка персональных данных (.xlsx) по запросу педагога",
    ]


def test_the_system_administrator_downloads_but_neither_curator_nor_sysadmin_erases(
    make, client, auth, school
):
    teacher = make.staff(school, data_hidden=True)
    make.account(school, "admin", roles=["sysadmin"])
    make.account(school, "curator", roles=["curator"])
    auth.login(school, "admin")
    assert client.get(f"/s/s1/privacy/staff/{teacher.id}/data.xlsx").status_code == 200
    listing = client.get("/s/s1/privacy/")
    assert "отозвано 1 октября 2024 г." in listing.text
    assert "обезличить можно с 31 октября 2024 г." in listing.text
    assert "Обезличить</a>" not in listing.text  # the director's alone
    assert client.get(f"/s/s1/privacy/staff/{teacher.id}/erase").status_code == 403
    auth.logout(school)
    auth.login(school, "curator")
    assert client.get(f"/s/s1/privacy/staff/{teacher.id}/data.json").status_code == 403
    assert client.get("/s/s1/privacy/").status_code == 403


def _figures(app, school):
    from nastavnik.dates import AcademicYear
    from nastavnik.tenancy import Scope, scoped
    from nastavnik.tenants.statistics.services import figures

    with app.app_context(), scoped(Scope.school(school.id)):
        year = AcademicYear.containing(date(2024, 10, 1))
        found = figures(school.id, year, date(2025, 5, 1))
        return found.staff, found.young, found.mentees, found.young_covered, found.activities


def test_erasure_after_a_revoked_consent_end_to_end(app, make, client, school, director, query):
    teacher, account, pairing, program = _planted(make, school, "Своя")
    from nastavnik.tenants.consents.models import Consent

    (consent,) = _consents_of(make, school, teacher)
    scan = make.stored_file(school, "скан-согласия.pdf")
    with make.in_school(school):
        make._get(Consent, consent.id).file_id = scan.id
    make.revoke(school, consent, on=today() - timedelta(days=31))
    draft = make.order(
        school,
        status="draft",
        content={"items": ["Закрепить пары."], "acquainted": ["СвояИсаева З.А.", "Другой Д.Д."]},
    )
    before = _figures(app, school)
    folder = Path(app.config["UPLOAD_FOLDER"])
    files = [
        folder / str(f.school_id) / f.key
        for f in query(sa.select(StoredFile))
        if f.filename in ("Своя-подтверждение.pdf", "скан-согласия.pdf")
    ]
    assert len(files) == 2
    assert all(path.exists() for path in files)

    page = client.get(f"/s/s1/privacy/staff/{teacher.id}/erase")
    assert "По отзыву согласия обезличить можно" in page.text
    response = client.post(
        f"/s/s1/privacy/staff/{teacher.id}/erase",
        data={"basis": "consent_revoked", "confirm": "y"},
    )
    assert response.status_code == 302

    (staff,) = query(sa.select(Staff).where(Staff.id == teacher.id))
    assert (staff.last_name, staff.first_name, staff.middle_name) == ("Педагог № 1", "", "")
    assert (staff.phone, staff.email, staff.born_on) == ("", "", None)
    assert staff.erased_on == today() and staff.teaching_years == 1
    (login,) = query(sa.select(Account).where(Account.id == account.id))
    assert login.full_name == "Педагог № 1" and not login.active
    assert login.login == "pedagog-1"
    assert not any(path.exists() for path in files)
    assert not query(sa.select(StoredFile).where(StoredFile.id == scan.id))
    orders = {o.id: o for o in query(sa.select(SchoolOrder))}
    assert "СвояИсаева Зарема Ахмедовна" in json.dumps(
        [o.content for o in orders.values() if o.status == "signed"], ensure_ascii=False
    )  # the signed order is a legal record, as signed
    assert orders[draft.id].content["acquainted"] == ["Педагог № 1", "Другой Д.Д."]
    from nastavnik.tenants.banks.models import MenteeEntry
    from nastavnik.tenants.programs.models import Activity
    from nastavnik.tenants.questionnaires.models import Answer
    from nastavnik.tenants.requests.models import ParticipantRequest

    tables = (MenteeEntry, Activity, ParticipantRequest, Answer)
    everything = json.dumps(
        [list(map(str, r)) for t in tables for r in query(sa.select(t.__table__))],
        ensure_ascii=False,
    )
    for erased in ("СвояЗатруднение", "СвояУрок дан", "СвояПросьба", "СвояОтвет", PHONE):
        assert erased not in everything
    assert _figures(app, school) == before  # the numbers still count the anonymised teacher

    (entry,) = query(sa.select(JournalEntry).where(JournalEntry.action == "erased"))
    assert entry.record_id == teacher.id and "Педагог № 1" in entry.detail
    assert "Исаева" not in entry.detail
    (record,) = query(sa.select(Erasure))
    card = client.get(f"/s/s1/staff/{teacher.id}")
    assert "Педагог № 1" in card.text and "Исаева" not in card.text

    act = client.get(f"/s/s1/privacy/erasures/{record.id}/act.docx")
    assert act.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(act.data)).paragraphs)
    cells = "\n".join(
        c.text for t in Document(io.BytesIO(act.data)).tables for r in t.rows for c in r.cells
    )
    assert "об уничтожении (обезличивании) персональных данных" in text
    assert school.name_ru.upper() in cells
    assert "«Педагог № 1»" in text and "Своя-согл-7" in text
    assert "ч. 5 ст. 21" in text and "Тасуева Хеда" in text
    assert "дата рождения" in text and "подписанные и зарегистрированные приказы" in text
    assert "Руководитель" in cells and "_________________" in cells
    assert "Исаева" not in text + cells


def test_pseudonym_numbers_run_per_school(make):
    one, two = make.school("one"), make.school("two")
    assert [make.erasure(one).number, make.erasure(one).number] == [1, 2]
    assert make.erasure(two).pseudonym == "Педагог № 1"


def test_erasure_on_a_verified_request_while_the_consent_is_valid(make, client, school, director):
    teacher = make.consenting_staff(school, phone=PHONE)
    response = client.post(
        f"/s/s1/privacy/staff/{teacher.id}/erase",
        data={
            "basis": "request",
            "request_on": today().isoformat(),
            "request_number": "вх-14",
            "confirm": "y",
        },
    )
    assert response.status_code == 302
    listing = client.get("/s/s1/privacy/")
    assert "Педагог № 1" in listing.text and PHONE not in listing.text


@pytest.mark.parametrize(
    ("revoked_days_ago", "data", "message"),
    [
        (None, {"basis": "consent_revoked"}, "Согласие на обработку персональных данных действует"),
        (10, {"basis": "consent_revoked"}, "Срок хранения после отзыва согласия ещё не истёк"),
        (None, {"basis": "request", "request_on": "2025-01-10"}, "Укажите номер запроса"),
        (None, {"basis": "request", "request_number": "вх-1"}, "Укажите дату запроса"),
    ],
    ids=["consent-valid", "term-not-passed", "request-without-number", "request-without-date"],
)
def test_a_refused_erasure_changes_nothing(
    make, client, school, director, snapshot, revoked_days_ago, data, message
):
    teacher = make.consenting_staff(school, phone=PHONE)
    if revoked_days_ago is not None:
        (consent,) = [c for c in _consents_of(make, school, teacher)]
        make.revoke(school, consent, on=today() - timedelta(days=revoked_days_ago))
    before = snapshot()
    response = client.post(f"/s/s1/privacy/staff/{teacher.id}/erase", data={**data, "confirm": "y"})
    assert response.status_code == 200
    assert message in response.text
    assert snapshot() == before


def test_erasing_twice_is_refused_and_changes_nothing(make, client, school, director, snapshot):
    record = make.erasure(school)
    before = snapshot()
    response = client.post(
        f"/s/s1/privacy/staff/{record.staff_id}/erase",
        data={
            "basis": "request",
            "request_on": "2025-01-10",
            "request_number": "1",
            "confirm": "y",
        },
    )
    assert "уже обезличены" in response.text
    assert snapshot() == before
    page = client.get(f"/s/s1/privacy/staff/{record.staff_id}/erase").text
    assert re.search(r"уже обезличены \d{1,2} [а-я]+ \d{4} г\.<", page)  # not «г..»


def _consents_of(make, school, teacher):
    from nastavnik.tenants.consents.models import Consent

    with make.in_school(school) as session:
        return list(
            session.execute(sa.select(Consent).where(Consent.staff_id == teacher.id)).scalars()
        )


def test_a_revoked_consent_hides_the_name_where_it_was_still_shown(make, client, school, director):
    teacher, account, pairing, program = _planted(make, school, "Своя")
    name = "СвояИсаева Зарема Ахмедовна"
    program_page = client.get(f"/s/s1/programs/{program.id}")
    assert "Тестовый Пользователь своя-teacher" in program_page.text  # who marked, until revoked
    with make.in_school(school):
        make._get(Account, account.id).full_name = name
    assert name in client.get("/s/s1/accounts/").text

    (consent,) = _consents_of(make, school, teacher)
    make.revoke(school, consent)

    program_page = client.get(f"/s/s1/programs/{program.id}")
    assert name not in program_page.text
    assert "Педагог (согласие отозвано)" in program_page.text
    listing = client.get("/s/s1/accounts/")
    assert name not in listing.text and "Педагог (согласие отозвано)" in listing.text
    edit = client.get(f"/s/s1/accounts/{account.id}/edit")
    assert name not in edit.text and "Педагог (согласие отозвано)" in edit.text
    # The roles can still be changed; the hidden name stays as it was.
    saved = client.post(
        f"/s/s1/accounts/{account.id}/edit", data={"roles": ["mentee", "mentor"], "active": "y"}
    )
    assert saved.status_code == 302
    with make.in_school(school):
        kept = make._get(Account, account.id)
        assert kept.full_name == name and {r.value for r in kept.roles} == {"mentee", "mentor"}
    # What stays: the signed order, a legal record, names the person as signed.
    (order_id,) = [o.id for o in _orders(make, school) if o.status == "signed"]
    document = client.get(f"/s/s1/orders/{order_id}/document.docx")
    assert document.status_code == 200
    tables = Document(io.BytesIO(document.data)).tables
    assert name in "\n".join(c.text for t in tables for r in t.rows for c in r.cells)


def _orders(make, school):
    with make.in_school(school) as session:
        return list(session.execute(sa.select(SchoolOrder)).scalars())


def test_a_long_text_of_the_teachers_data_is_shown_whole_in_a_taller_row(
    make, client, school, director
):
    """The consent's purpose wrapped to five lines in a row one line tall, cut on screen and on
    paper: each row is as tall as its longest text."""
    teacher, *_ = _planted(make, school, "Своя")
    response = client.get(f"/s/s1/privacy/staff/{teacher.id}/data.xlsx")
    book = load_workbook(io.BytesIO(response.data))
    checked = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=3):
            for cell in row:
                width = sheet.column_dimensions[cell.column_letter].width
                if isinstance(cell.value, str) and len(cell.value) > width:
                    height = sheet.row_dimensions[cell.row].height
                    assert height and height >= 15 * len(cell.value) / width, (sheet.title, cell)
                    checked += 1
    assert checked, "the consent's purpose is longer than its column"


def test_the_act_on_a_request_ends_its_ground_with_one_full_stop(app):
    record = Erasure(
        staff_id=1,
        number=3,
        basis=ErasureBasis.REQUEST,
        request_number="15",
        request_on=date(2026, 11, 20),
        erased_on=date(2026, 12, 1),
        erased_by_name="Тасуева Хеда Ахмедовна",
        erased="телефон",
    )
    school = SimpleNamespace(
        name_ru="МБОУ «Илсхан-Юртовская ОШ»",
        name_ce="",
        settlement="с. Илсхан-Юрт",
        director_name="Тасуева Хеда Ахмедовна",
    )
    with app.app_context():
        data = act_document(record, school, "")
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "запрос № 15 от 20 ноября 2026 г." in text
    assert "г.." not in text


def test_an_empty_field_of_the_teachers_card_reads_as_a_dash(make, client, school, director):
    teacher, *_ = _planted(make, school, "Своя")
    response = client.get(f"/s/s1/privacy/staff/{teacher.id}/data.xlsx")
    sheet = load_workbook(io.BytesIO(response.data))["Карточка педагога"]
    card = {row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert card["Обезличены"] == "—"
    assert all(value not in (None, "") for value in card.values()), card
    answer = json.loads(client.get(f"/s/s1/privacy/staff/{teacher.id}/data.json").data)
    assert answer["Карточка педагога"][0]["Обезличены"] is None  # the data file keeps null


def test_a_request_without_its_date_and_number_is_told_beside_both_fields(
    make, client, school, director, snapshot
):
    """Only «Укажите номер запроса педагога.» came, above «Основание», far from its field; the
    missing date was told on the next try."""
    teacher = make.consenting_staff(school, phone=PHONE)
    before = snapshot()
    response = client.post(
        f"/s/s1/privacy/staff/{teacher.id}/erase", data={"basis": "request", "confirm": "y"}
    )
    for field, message in (
        ("request_on", "Укажите дату запроса педагога."),
        ("request_number", "Укажите номер запроса педагога."),
    ):
        # The message stands right after its own field, before the next label.
        assert re.search(
            rf'id="{field}"[^<]*>\s*<div class="invalid-feedback[^"]*">\s*{message}', response.text
        ), field
    assert snapshot() == before
