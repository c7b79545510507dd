"""Journey 6 for the mentoring forms: sent empty or hostile, they answer in Russian beside
the fields and save nothing."""

import re
from datetime import timedelta

from openpyxl import Workbook
from playwright.sync_api import expect

from nastavnik.dates import format_date, today
from nastavnik.tenants.banks.models import MenteeEntry
from nastavnik.tenants.consents.models import Consent
from nastavnik.tenants.programs.models import Program, ProgramChange
from nastavnik.tenants.programs.term import term_end
from nastavnik.tenants.staff.models import Staff
from nastavnik.tenants.staff.xlsx import COLUMNS

SLUG = "ilskhan-yurt"
LONG = "я" * 10_000
SCRIPT = "<script>alert(1)</script>"


def new_teacher(live_server, tag: str) -> tuple[int, str]:
    """A teacher just entered in the register: no consent yet."""
    from nastavnik.tenants.staff.services import create_staff

    with live_server.in_school(SLUG):
        person = create_staff(
            last_name=f"Бетерсултанова-{tag}",
            first_name="Седа",
            middle_name="Алиевна",
            position="учитель химии",
            subjects="химия",
            total_years=3,
            teaching_years=3,
            category="none",
            hired_on=today() - timedelta(days=1000),
            phone="",
            email="",
        )
        return person.id, person.full_name


def told_above_the_form(ui, message: str) -> None:
    """The form's one message is `message` (a date ends with «г.», the stop after it aside)."""
    errors = ui.form_errors()
    assert [e.rstrip(".") for e in errors] == [message.rstrip(".")], errors


def as_text_input(field) -> None:
    """A hostile user turns a date picker into a text box, to type anything at all."""
    field.evaluate("el => { el.type = 'text'; }")


def test_staff_form_and_import_sent_empty_or_hostile_add_nobody(
    page, ui, live_server, serial, tmp_path
):
    _number, tag = serial()
    before = live_server.count(SLUG, Staff)
    ui.login(SLUG, "curator")
    ui.follow("Педагоги")
    ui.follow("Добавить педагога")

    ui.submit("Сохранить")
    assert ui.field_errors("last_name") == ["Заполните поле «Фамилия»."]
    assert ui.field_errors("first_name") == ["Заполните поле «Имя»."]
    assert ui.field_errors("position") == ["Заполните поле «Должность»."]

    ui.force_fill(page.get_by_label("Фамилия"), LONG)
    page.get_by_label("Имя", exact=True).fill(SCRIPT)
    page.get_by_label("Должность").fill(SCRIPT)
    page.get_by_label("Общий стаж, лет").fill("999")
    page.get_by_label("Электронная почта").fill(SCRIPT)
    as_text_input(page.get_by_label("Дата приёма на работу"))
    page.get_by_label("Дата приёма на работу").fill("31.02.2024")
    ui.submit("Сохранить")
    assert ui.field_errors("last_name") == ["Не более 100 символов."]
    assert ui.field_errors("total_years") == ["Целое число лет от 0 до 60."]
    assert ui.field_errors("email") == ["Укажите адрес в виде name@example.ru."]
    assert ui.field_errors("hired_on") == ["Неверное значение даты."]
    expect(page.get_by_label("Имя", exact=True)).to_have_value(SCRIPT)

    # Dates out of range: beside the date, whatever else the form holds.
    page.get_by_label("Фамилия").fill(f"Хасбулатов-{tag}")
    page.get_by_label("Общий стаж, лет").fill("")
    page.get_by_label("Электронная почта").fill("")
    for day, message in (
        ("1900-01-01", "Дата приёма не может быть раньше 1950 года."),
        (
            (today() + timedelta(days=1)).isoformat(),
            "Дата приёма не может быть позже сегодняшнего дня.",
        ),
    ):
        page.get_by_label("Дата приёма на работу").fill(day)
        ui.submit("Сохранить")
        assert ui.field_errors("hired_on") == [message]
    assert live_server.count(SLUG, Staff) == before

    # The import: no file, a file of another kind, a file that only looks like a spreadsheet.
    ui.follow("← К реестру педагогов")
    ui.follow("Загрузить из Excel")
    upload = page.get_by_label("Файл таблицы (.xlsx, .ods или .xls)")
    ui.submit("Проверить файл")
    assert ui.field_errors("file") == ["Выберите файл."]

    upload.set_input_files(files=[{"name": "список.txt", "mimeType": "text/plain", "buffer": b"1"}])
    ui.submit("Проверить файл")
    assert ui.field_errors("file") == [
        "Загрузите таблицу с расширением .xlsx, .ods или .xls (Excel или LibreOffice)."
    ]

    fake = {
        "name": "реестр.xlsx",
        "mimeType": "application/vnd.ms-excel",
        "buffer": SCRIPT.encode(),
    }
    upload.set_input_files(files=[fake])
    ui.submit("Проверить файл")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Весь файл")
    expect(rows).to_contain_text("Файл не является таблицей (.xlsx, .ods или .xls) или повреждён.")

    # A real spreadsheet full of hostile cells: each is told by its row, none saved.
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Педагоги"
    sheet.append([column.header for column in COLUMNS])
    sheet.append([LONG[:300], SCRIPT, "", SCRIPT, "", 5, 3, "", "01.01.1900"])
    path = tmp_path / "реестр.xlsx"
    workbook.save(path)
    upload.set_input_files(path)
    ui.submit("Проверить файл")
    expect(page.get_by_test_id("import-errors")).to_be_visible()
    expect(rows.filter(has_text="Фамилия")).to_contain_text("Строка 2")
    expect(rows.filter(has_text="Дата приёма на работу")).to_contain_text("Строка 2")
    expect(page.locator("main")).not_to_contain_text("Проверка перед сохранением")
    assert live_server.count(SLUG, Staff) == before


def test_consent_and_mentee_bank_forms_sent_empty_or_hostile_record_nothing(
    page, ui, live_server, serial
):
    _number, tag = serial()
    staff_id, name = new_teacher(live_server, tag)
    consents, mentees = live_server.count(SLUG, Consent), live_server.count(SLUG, MenteeEntry)
    ui.login(SLUG, "curator")
    ui.follow("Педагоги")
    ui.follow(name, exact=True)
    ui.follow("Записать согласие")
    expect(page).to_have_url(re.compile(rf"/consents/new\?staff_id={staff_id}$"))

    page.get_by_label("Педагог", exact=True).select_option("")
    page.get_by_label("Цель").fill("")
    page.get_by_label("Перечень данных").fill("")
    page.get_by_label("Дата подписания").fill("")
    ui.submit("Записать согласие")
    assert ui.field_errors("staff_id") == ["Выберите педагога."]
    assert ui.field_errors("purpose") == ["Укажите цель."]
    assert ui.field_errors("signed_on") == ["Укажите дату подписания."]

    page.get_by_label("Педагог", exact=True).select_option(str(staff_id))
    ui.force_fill(page.get_by_label("Цель"), LONG)
    ui.force_fill(page.get_by_label("Номер бумажного согласия"), LONG)
    as_text_input(page.get_by_label("Дата подписания"))
    page.get_by_label("Дата подписания").fill(SCRIPT)
    ui.submit("Записать согласие")
    assert ui.field_errors("purpose") == ["Значение не должно содержать более 4000 символов."]
    assert ui.field_errors("paper_number") == ["Не более 60 символов."]
    assert ui.field_errors("signed_on") == ["Укажите дату подписания."]

    # The rules of the consent itself, in the block above the form.
    page.get_by_label("Цель").fill(SCRIPT)
    page.get_by_label("Перечень данных").fill(SCRIPT)
    page.get_by_label("Номер бумажного согласия").fill(SCRIPT)
    for signed, until, message in (
        ("2099-12-31", "", "Дата подписания не может быть позже сегодняшнего дня."),
        (
            today().isoformat(),
            (today() - timedelta(days=1)).isoformat(),
            "Срок действия не может закончиться раньше даты подписания.",
        ),
    ):
        page.get_by_label("Дата подписания").fill(signed)
        page.get_by_label("Действует до").fill(until)
        ui.submit("Записать согласие")
        assert ui.form_errors() == [message]
        expect(page.get_by_label("Цель")).to_have_value(SCRIPT)
    page.get_by_label("Действует до").fill("")
    page.get_by_label("Номер бумажного согласия").fill("")
    ui.submit("Записать согласие")
    assert ui.form_errors() == ["Укажите номер бумажного согласия или приложите его скан."]
    assert live_server.count(SLUG, Consent) == consents

    ui.follow("← К карточке педагога")
    expect(page.locator("main")).to_contain_text("Согласий пока нет.")

    # The mentee bank: nobody chosen, then a hostile post of a teacher without consent.
    ui.follow("Банк наставляемых")
    ui.follow("Добавить наставляемого")
    teacher = page.get_by_label("Педагог", exact=True)
    expect(teacher.locator("option", has_text=name)).to_have_count(0)
    ui.submit("Сохранить")
    assert ui.field_errors("staff_id") == ["Выберите педагога."]

    teacher.evaluate(
        "(el, id) => { el.options[0].value = id; el.selectedIndex = 0; }", str(staff_id)
    )
    ui.force_fill(page.get_by_label("Затруднения и запросы своими словами"), LONG)
    page.locator("input[name=requests]").first.evaluate("el => { el.value = 'взлом'; }")
    page.locator("input[name=requests]").first.check()
    ui.submit("Сохранить")
    assert ui.field_errors("difficulties") == ["Не больше 5000 символов."]
    assert ui.field_errors("requests") == ["Выберите значение из списка."]

    teacher.evaluate(
        "(el, id) => { el.options[0].value = id; el.selectedIndex = 0; }", str(staff_id)
    )
    page.get_by_label("Затруднения и запросы своими словами").fill(SCRIPT)
    ui.submit("Сохранить")
    assert ui.form_errors() == ["Нет действующего согласия на обработку персональных данных"]
    expect(page.get_by_label("Затруднения и запросы своими словами")).to_have_value(SCRIPT)
    assert live_server.count(SLUG, MenteeEntry) == mentees

    ui.follow("← К банку наставляемых")
    expect(page.locator("main")).not_to_contain_text(name)


def test_order_program_and_its_later_forms_sent_empty_or_hostile_change_nothing(
    page, ui, live_server
):
    pair = live_server.prepare_pair(SLUG, upto="drafted")
    start = today()
    ui.shown_as_typed(SCRIPT)  # on the program's page, once it is saved

    # The director's form of the signed order (6.2).
    ui.login(SLUG, "director")
    ui.goto(f"/s/{SLUG}/orders/{pair.order_id}")
    page.get_by_label("Дата приказа").fill("")
    ui.submit("Записать номер и дату: приказ подписан")
    assert ui.field_errors("number") == ["Укажите номер приказа."]
    assert ui.field_errors("signed_on") == ["Укажите дату приказа."]
    ui.force_fill(page.get_by_label("Номер приказа"), LONG)
    ui.submit("Записать номер и дату: приказ подписан")
    assert ui.field_errors("number") == ["Номер приказа — не длиннее 40 символов."]
    page.get_by_label("Номер приказа").fill(SCRIPT)
    page.get_by_label("Дата приказа").fill("2099-12-31")
    ui.submit("Записать номер и дату: приказ подписан")
    assert ui.form_errors() == ["Дата приказа не может быть позже сегодняшнего дня."]
    expect(page.get_by_label("Номер приказа")).to_have_value(SCRIPT)
    expect(page.locator("main .badge").first).to_have_text("Проект")
    page.get_by_label("Номер приказа").fill(f"{pair.number}-од")
    page.get_by_label("Дата приказа").fill(start.isoformat())
    ui.submit("Записать номер и дату: приказ подписан")
    expect(page.locator("main .badge").first).to_have_text("Подписан")
    ui.logout()

    # The curator's program form: the term, the deadlines, the fields.
    programs = live_server.count(SLUG, Program)
    ui.login(SLUG, "curator")
    ui.follow("Программы")
    waiting = page.locator("li.list-group-item", has_text=pair.mentor.short)
    ui.click(waiting.get_by_role("link", name="Составить программу"))

    page.get_by_label("Традиционная форма наставничества («один на один»)").uncheck()
    ui.submit("Утвердить программу")
    assert ui.field_errors("title") == ["Укажите название программы."]
    assert ui.field_errors("goals") == ["Укажите цели программы."]
    assert ui.field_errors("forms") == ["Выберите хотя бы одну форму наставничества."]
    assert ui.field_errors("starts_on") == ["Укажите дату начала программы."]
    assert ui.field_errors("ends_on") == ["Укажите дату окончания программы."]

    ui.force_fill(page.get_by_label("Название программы"), LONG)
    page.get_by_label("Цели").fill(SCRIPT)
    page.get_by_label("Традиционная форма наставничества («один на один»)").check()
    page.get_by_label("Начало").fill(start.isoformat())
    page.get_by_label("Окончание").fill(term_end(start, 2).isoformat())
    page.get_by_label("Мероприятие").first.fill(SCRIPT)
    ui.submit("Утвердить программу")
    assert ui.field_errors("title") == ["Значение не должно содержать более 300 символов."]
    assert ui.field_errors("activities-0-due_on") == ["Укажите срок."]
    assert ui.field_errors("activities-0-responsible") == ["Укажите ответственного."]
    expect(page.get_by_label("Цели")).to_have_value(SCRIPT)

    # The term (1.2) and the deadlines inside it, told above the form.
    page.get_by_label("Название программы").fill("Программа с ошибками")
    page.get_by_label("Срок").first.fill((start + timedelta(days=200)).isoformat())
    page.get_by_label("Ответственный").first.fill(SCRIPT)
    ui.submit("Утвердить программу")
    told_above_the_form(
        ui,
        f"Программа длится не меньше 3 месяцев (п. 1.2 Положения): при начале "
        f"{format_date(start)} она может закончиться не раньше {format_date(term_end(start, 3))}",
    )
    page.get_by_label("Окончание").fill("2099-12-31")
    ui.submit("Утвердить программу")
    assert ui.form_errors()[0].startswith("Программа длится не больше 1 года (п. 1.2 Положения)")
    page.get_by_label("Окончание").fill(term_end(start, 4).isoformat())
    ui.submit("Утвердить программу")
    assert ui.field_errors("activities-0-due_on") == [
        "Срок мероприятия должен быть в пределах срока программы: "
        f"с {format_date(start)} по {format_date(term_end(start, 4))}"
    ]
    assert live_server.count(SLUG, Program) == programs

    # Sent right, the script in the goals is kept and shown as text.
    page.get_by_label("Срок").first.fill((start + timedelta(days=20)).isoformat())
    ui.submit("Утвердить программу")
    expect(page.get_by_role("heading", level=1)).to_have_text("Программа с ошибками")
    expect(page.get_by_test_id("goals")).to_have_text(SCRIPT)
    expect(page.get_by_test_id("plan")).to_contain_text(SCRIPT)
    program_url = page.url
    changes = live_server.count(SLUG, ProgramChange)

    # The form of an activity done: no result, then a file of a kind not taken.
    ui.follow("Отметить выполненным")
    ui.submit("Отметить выполненным")
    assert ui.field_errors("result") == ["Опишите результат мероприятия."]
    page.get_by_label("Результат").fill(SCRIPT)
    page.get_by_label("Подтверждающий файл (необязательно)").set_input_files(
        files=[{"name": "отчёт.exe", "mimeType": "application/octet-stream", "buffer": b"MZ"}]
    )
    ui.submit("Отметить выполненным")
    assert ui.form_errors() == ["Допустимы файлы PDF, изображения (JPG, PNG) и документы Office."]
    ui.goto(program_url)
    expect(page.get_by_test_id("plan")).to_contain_text("Запланировано")

    # The change form (7.2): first what to change, then only the fields that kind needs.
    ui.follow("Предложить изменение (п. 7.2)")
    expect(page.get_by_test_id("proposal-form")).to_have_count(0)
    ui.follow("Продление срока")
    expect(page.get_by_label("Формы наставничества")).to_have_count(0)
    ui.submit("Предложить изменение")
    assert ui.field_errors("description") == ["Опишите, что и почему меняется."]

    ui.force_fill(page.get_by_label("Что и почему меняется"), LONG + SCRIPT)
    for date_value, message in (
        ("", "Укажите новую дату окончания программы."),
        (
            "2099-12-31",
            "Программа длится не больше 1 года (п. 1.2 Положения): при начале "
            f"{format_date(start)} она должна закончиться не позже "
            f"{format_date(term_end(start, 12))}",
        ),
        (
            start.isoformat(),
            f"Новая дата окончания должна быть позже нынешней ({format_date(term_end(start, 4))}).",
        ),
    ):
        page.get_by_label("Новая дата окончания").fill(date_value)
        ui.submit("Предложить изменение")
        assert ui.field_errors("ends_on") == [message]

    ui.follow("Корректировка плана")
    page.get_by_label("Что и почему меняется").fill(SCRIPT)
    ui.submit("Предложить изменение")
    told_above_the_form(ui, "Добавьте мероприятие в план или отметьте, какое отменить.")
    page.get_by_label("Мероприятие").first.fill(SCRIPT)
    ui.submit("Предложить изменение")
    assert ui.field_errors("add-0-due_on") == ["Укажите срок."]
    assert ui.field_errors("add-0-responsible") == ["Укажите ответственного."]
    page.get_by_label("Срок").first.fill("2000-01-01")
    page.get_by_label("Ответственный").first.fill(SCRIPT)
    ui.submit("Предложить изменение")
    assert ui.field_errors("add-0-due_on")[0].startswith("Срок мероприятия должен быть в пределах")

    ui.follow("Изменение формы наставничества")
    page.get_by_label("Что и почему меняется").fill(SCRIPT)
    page.get_by_label("Традиционная форма наставничества («один на один»)").uncheck()
    ui.submit("Предложить изменение")
    assert ui.field_errors("forms") == ["Выберите хотя бы одну форму наставничества."]
    assert live_server.count(SLUG, ProgramChange) == changes

    # The end form (7.1).
    ui.goto(program_url)
    expect(page.locator("main")).to_contain_text("Изменений не было.")
    ui.follow("Завершить программу")
    reason = page.get_by_label("Основание завершения (п. 7.1)")
    ui.submit("Завершить программу")
    assert ui.form_errors()[0].startswith("План выполнен не полностью")

    reason.select_option(label="По обоюдному решению наставника и наставляемого")
    ui.submit("Завершить программу")
    assert ui.field_errors("comment") == ["Укажите причину завершения программы."]

    reason.evaluate("el => { el.options[0].value = 'взлом'; el.selectedIndex = 0; }")
    ui.force_fill(page.get_by_label("Причина", exact=True), LONG + SCRIPT)
    ui.submit("Завершить программу")
    assert ui.field_errors("reason") == ["Выберите значение из списка."]
    expect(page.get_by_label("Причина", exact=True)).to_have_value(LONG + SCRIPT)

    ui.goto(program_url)
    expect(page.get_by_test_id("status")).to_have_text("Выполняется")
    expect(page.get_by_test_id("actions")).to_be_visible()
