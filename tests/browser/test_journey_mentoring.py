"""Journeys 2–4: the school's mentoring year, from the staff list to a program's end.

Each journey adds its own teachers (named anew, since both viewports share the module's
database) and relies on the demo school's director and curator only.
"""

import re
from datetime import timedelta
from io import BytesIO

import docx
from openpyxl import load_workbook
from playwright.sync_api import expect

from nastavnik.dates import format_date, today
from nastavnik.tenants.programs.term import term_end
from nastavnik.tenants.staff.models import Staff
from nastavnik.tenants.vocabulary import Area

SLUG = "mairtup-1"
EVIDENCE = b"%PDF-1.4\n% protocol of a visit\n%%EOF\n"


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of a Word file, for looking up what it says."""
    document = docx.Document(BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def filled_template(template: bytes, rows, path):
    """The school's own template, downloaded from the page, with the rows typed in."""
    workbook = load_workbook(BytesIO(template))
    sheet = workbook["Педагоги"]
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            sheet.cell(number, column, value)
    workbook.save(path)
    return path


def flash(page):
    return page.locator(".alert").first


def first_login(ui, login: str, one_time_password: str) -> None:
    """A teacher's first visit: the one-time password, then a password of their own."""
    ui.login(SLUG, login, one_time_password)
    expect(ui.page).to_have_url(re.compile(rf"/s/{SLUG}/password$"))
    ui.page.get_by_label("Текущий пароль").fill(one_time_password)
    ui.page.get_by_label("Новый пароль", exact=True).fill(f"свой-пароль-{login}")
    ui.page.get_by_label("Повторите новый пароль").fill(f"свой-пароль-{login}")
    ui.submit("Сменить пароль")
    expect(flash(ui.page)).to_contain_text("Пароль изменён.")


def open_account(ui, name: str, login: str, role: str) -> str:
    """The curator opens a teacher's account from the staff card; the password shown once."""
    ui.follow("Педагоги")
    ui.follow(name, exact=True)
    ui.page.get_by_label("Логин").fill(login)
    ui.page.get_by_label(role, exact=True).check()
    ui.submit("Создать учётную запись")
    expect(ui.page.get_by_role("heading", level=1)).to_have_text("Одноразовый пароль")
    return ui.page.get_by_test_id("one-time-password").inner_text()


def test_curator_imports_staff_records_consents_fills_banks_pairs_and_drafts_the_order(
    page, ui, live_server, serial, tmp_path
):
    number, tag = serial()
    mentor = f"Дудаев-{tag} Ислам Ахмедович"
    mentee = f"Магомадова-{tag} Луиза Исаевна"
    subject = f"краеведение {tag}"  # their own subject: the proposal pairs them with each other
    hired = today() - timedelta(days=400)
    staff_before = live_server.count(SLUG, Staff)

    ui.login(SLUG, "curator")
    ui.follow("Педагоги")
    template = ui.download("Шаблон для заполнения")

    # A file with mistakes: every one of them is shown by its row, and nothing is saved.
    wrong = filled_template(
        template,
        [
            (f"Дудаев-{tag}", "Ислам", "Ахмедович", "учитель", subject, 20, 70, "высшая", hired),
            (None, "Луиза", "Исаевна", "учитель", subject, 2, 1, None, today() + timedelta(1)),
        ],
        tmp_path / "реестр с ошибками.xlsx",
    )
    ui.follow("Загрузить из Excel")
    page.get_by_label("Файл таблицы (.xlsx, .ods или .xls)").set_input_files(wrong)
    ui.submit("Проверить файл")
    expect(page.get_by_test_id("import-errors")).to_contain_text("ничего не сохранено")
    errors = page.locator("table tbody tr")
    expect(errors).to_have_count(3)
    expect(errors.nth(0)).to_contain_text("Строка 2")
    expect(errors.nth(0)).to_contain_text("Педагогический стаж, лет")
    expect(errors.nth(0)).to_contain_text("Укажите целое число лет от 0 до 60")
    expect(errors.nth(1)).to_contain_text("Строка 3")
    expect(errors.nth(1)).to_contain_text("Фамилия")
    expect(errors.nth(1)).to_contain_text("Заполните поле")
    expect(errors.nth(2)).to_contain_text("Строка 3")
    expect(errors.nth(2)).to_contain_text("Дата приёма не может быть позже сегодняшнего дня")
    assert live_server.count(SLUG, Staff) == staff_before

    # The corrected file: a preview first, then the save.
    right = filled_template(
        template,
        [
            (f"Дудаев-{tag}", "Ислам", "Ахмедович", "учитель", subject, 20, 18, "высшая", hired),
            (f"Магомадова-{tag}", "Луиза", "Исаевна", "учитель", subject, 2, 1, None, hired),
        ],
        tmp_path / "реестр.xlsx",
    )
    page.get_by_label("Файл таблицы (.xlsx, .ods или .xls)").set_input_files(right)
    ui.submit("Проверить файл")
    preview = page.get_by_test_id("import-preview")
    expect(preview).to_contain_text(mentor)
    expect(preview).to_contain_text(mentee)
    ui.submit("Сохранить 2 педагогов")
    expect(flash(page)).to_have_text("В реестр добавлено педагогов: 2.")
    assert live_server.count(SLUG, Staff) == staff_before + 2

    # Consents: to the processing of data for both, to the duties for the mentor (3.2).
    for name, kinds in ((mentor, ("personal_data", "mentor_duty")), (mentee, ("personal_data",))):
        ui.follow(name, exact=True)
        for kind in kinds:
            ui.follow("Записать согласие")
            if kind == "mentor_duty":
                ui.follow("Согласие наставника на исполнение обязанностей")
            expect(page.get_by_label("Педагог", exact=True).locator("option:checked")).to_have_text(
                name
            )
            page.get_by_label("Номер бумажного согласия").fill(f"{kind[:1].upper()}-{number}")
            ui.submit("Записать согласие")
            expect(flash(page)).to_have_text("Согласие записано.")
            ui.follow("Карточка педагога")
        expect(page.get_by_test_id("consent-history").locator("tbody tr")).to_have_count(len(kinds))
        ui.follow("← К реестру педагогов")

    # The two banks.
    ui.follow("Банк наставляемых")
    ui.follow("Добавить наставляемого")
    page.get_by_label("Педагог", exact=True).select_option(label=f"{mentee}, учитель")
    page.get_by_label("Категория").select_option(label="Молодой / начинающий педагог")
    for label in Area.labels().values():
        page.get_by_label(label, exact=True).check()
    page.get_by_label("Затруднения и запросы своими словами").fill("Первый год в школе.")
    ui.submit("Сохранить")
    expect(flash(page)).to_have_text(f"{mentee} — в банке наставляемых.")
    expect(page.locator("tbody tr", has_text=mentee)).to_contain_text("Ожидает наставника")

    ui.follow("Банк наставников")
    ui.follow("Добавить наставника")
    page.get_by_label("Педагог", exact=True).select_option(label=f"{mentor}, учитель")
    for label in Area.labels().values():
        page.get_by_label(label, exact=True).check()
    page.get_by_label("Сколько наставляемых одновременно").fill("2")
    page.get_by_label("Традиционная форма наставничества («один на один»)").check()
    ui.submit("Сохранить")
    expect(flash(page)).to_have_text(f"{mentor} — в банке наставников.")
    # The survey of potential mentors is the teacher's own questionnaire now (stage 3).
    expect(page.locator("main")).to_contain_text("Анкета отправлена педагогу и ещё не заполнена.")

    # The proposal: the curator keeps the pair proposed for the new teacher only.
    ui.follow("Подбор пар")
    ours = page.locator("tbody tr", has_text=mentee)
    expect(ours).to_contain_text(f"Предложено: {mentor}")
    expect(ours).to_contain_text(f"Преподаёт тот же предмет: {subject.lower()}")
    for box in page.locator("input[name=create]").all():
        box.uncheck()
    ours.locator("input[name=create]").check()
    ui.submit("Создать отмеченные пары")
    expect(flash(page)).to_have_text("Создано пар: 1")
    proposed = page.get_by_test_id("status-proposed").locator("tbody tr", has_text=mentee)
    expect(proposed).to_contain_text(mentor)

    # Everyone's written consent to the pair, then the draft order (6.2).
    ui.click(proposed.get_by_role("link", name="Открыть"))
    page.get_by_label("Письменное согласие наставника").fill(today().isoformat())
    page.get_by_label(f"Письменное согласие наставляемого: Магомадова-{tag} Л.И.").fill(
        today().isoformat()
    )
    ui.submit("Сохранить даты согласий")
    expect(flash(page)).to_have_text("Даты письменных согласий записаны.")
    expect(page.get_by_test_id("mentor-row")).to_contain_text(format_date(today()))

    ui.follow("Приказы")
    ui.follow("Подготовить приказ о закреплении пар/групп")
    page.get_by_label(mentor, exact=True).check()
    ui.submit("Подготовить проект приказа")
    expect(flash(page)).to_contain_text("Проект приказа подготовлен.")
    expect(page.locator("main table")).to_contain_text(mentor)
    expect(page.locator("main table")).to_contain_text(mentee)

    document = docx_text(ui.download("Скачать приказ (файл Word)"))
    assert "ПРИКАЗЫВАЮ" in document
    assert mentor in document
    assert mentee in document


def test_director_signs_the_order_and_the_mentor_marks_an_activity_the_mentee_sees(
    page, ui, live_server
):
    pair = live_server.prepare_pair(SLUG, upto="drafted")
    number = f"{pair.number}-од"
    mentor, mentee = pair.mentor.name, pair.mentee.name

    # The director records the signed paper's number: the pair is approved (6.2).
    ui.login(SLUG, "director")
    ui.follow("Приказы")
    ui.click(page.locator(f"main a[href$='/orders/{pair.order_id}']"))
    page.get_by_label("Номер приказа").fill(number)
    ui.submit("Записать номер и дату: приказ подписан")
    expect(flash(page)).to_have_text(f"Приказ № {number} подписан.")
    expect(page.locator("main dl")).to_contain_text(f"№ {number} от {format_date(today())}")
    expect(page.locator("main")).to_contain_text("(утверждена приказом)")
    document = docx_text(ui.download("Скачать приказ (файл Word)"))
    assert number in document
    assert mentor in document
    assert mentee in document
    ui.logout()

    # The curator draws up the program and opens the two teachers' accounts.
    ui.login(SLUG, "curator")
    ui.follow("Программы")
    waiting = page.locator("li.list-group-item", has_text=pair.mentor.short)
    ui.click(waiting.get_by_role("link", name="Составить программу"))
    start = today()
    title = f"Первый год учителя истории {pair.number}"
    activity = "Посещение уроков наставника"
    page.get_by_label("Название программы").fill(title)
    page.get_by_label("Цели").fill("Освоить методику урока истории.")
    page.get_by_label("Методика преподавания").check()
    page.get_by_label("Начало").fill(start.isoformat())
    page.get_by_label("Окончание").fill(term_end(start, 4).isoformat())
    page.get_by_label("Мероприятие").first.fill(activity)
    page.get_by_label("Срок").first.fill((start + timedelta(days=7)).isoformat())
    page.get_by_label("Ответственный").first.fill("Наставляемый")
    ui.submit("Утвердить программу")
    expect(flash(page)).to_have_text("Программа составлена, пара (группа) приступила к работе.")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    mentor_password = open_account(ui, mentor, f"mentor-{pair.number}", "Наставник")
    mentee_password = open_account(ui, mentee, f"mentee-{pair.number}", "Наставляемый")
    ui.logout()

    # The mentor: «Моя программа», the activity done, with a file as evidence.
    first_login(ui, f"mentor-{pair.number}", mentor_password)
    ui.follow("Программы")
    expect(page).to_have_url(re.compile(rf"/s/{SLUG}/programs/my$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Моя программа")
    row = page.get_by_test_id("plan").locator("tbody tr", has_text=activity)
    ui.click(row.get_by_role("link", name="Отметить выполненным"))
    page.get_by_label("Результат").fill("Посещено три урока, обсуждены приёмы.")
    page.get_by_label("Подтверждающий файл (необязательно)").set_input_files(
        files=[
            {"name": "Протокол посещения.pdf", "mimeType": "application/pdf", "buffer": EVIDENCE}
        ]
    )
    ui.submit("Отметить выполненным")
    expect(flash(page)).to_have_text("Мероприятие отмечено выполненным.")
    expect(row).to_contain_text("Выполнено")
    ui.logout()

    # The mentee sees it in their own «Моя программа», with the file.
    first_login(ui, f"mentee-{pair.number}", mentee_password)
    ui.follow("Программы")
    expect(page.get_by_role("heading", level=1)).to_have_text("Моя программа")
    expect(page.locator("main")).to_contain_text("Ваша роль: наставляемый")
    expect(row).to_contain_text("Выполнено")
    expect(row).to_contain_text("Посещено три урока, обсуждены приёмы.")
    assert ui.download("Подтверждающий файл") == EVIDENCE


def test_program_is_extended_with_both_agreements_then_ended_and_becomes_read_only(
    page, ui, live_server
):
    pair = live_server.prepare_pair(SLUG, upto="program", accounts=True)
    mentor, mentee = pair.mentor, pair.mentee
    longer = term_end(today(), 5)

    def open_program(person):
        ui.login(SLUG, person.login, person.password)
        ui.follow("Программы")
        ui.follow(pair.program_title, exact=True)
        expect(page.get_by_role("heading", level=1)).to_have_text(pair.program_title)

    # The mentor proposes to extend the term (7.2): agreed by proposing.
    open_program(mentor)
    ui.follow("Предложить изменение (п. 7.2)")
    ui.follow("Продление срока")
    page.get_by_label("Что и почему меняется").fill("Нужно время на открытый урок в мае.")
    page.get_by_label("Новая дата окончания").fill(longer.isoformat())
    ui.submit("Предложить изменение")
    expect(flash(page)).to_contain_text("Изменение предложено")
    change = page.locator("[data-testid^=change-]")
    expect(change).to_contain_text("Ожидает согласия")
    expect(change).to_contain_text(f"Согласие: {mentor.name}")
    expect(change).to_contain_text(f"Ожидается согласие: {mentee.name}")
    expect(page.locator("main dl")).to_contain_text(format_date(pair.ends_on))
    ui.logout()

    # The mentee agrees: the change is made.
    open_program(mentee)
    ui.submit("Согласна")  # Хава Ибрагимовна
    expect(flash(page)).to_have_text("Все согласны: изменение внесено в программу.")
    expect(change).to_contain_text("Принято и внесено")
    expect(change).to_contain_text(f"Согласие: {mentee.name}")
    expect(page.locator("main dl")).to_contain_text(
        f"{format_date(today())} — {format_date(longer)}"
    )
    ui.logout()

    # The mentor ends it by mutual decision, with the reason (7.1).
    open_program(mentor)
    ui.follow("Завершить программу")
    page.get_by_label("Основание завершения (п. 7.1)").select_option(
        label="По обоюдному решению наставника и наставляемого"
    )
    page.get_by_label("Причина", exact=True).fill("Наставляемая переходит в другую школу.")
    ui.submit("Завершить программу")
    expect(page.get_by_role("heading", level=1)).to_have_text("Завершить программу?")
    ui.submit("Да, завершить программу")
    expect(flash(page)).to_have_text("Программа завершена.")
    expect(page.get_by_test_id("status")).to_have_text("Завершена")
    ended = page.get_by_test_id("ended")
    expect(ended.locator("strong")).to_have_text(f"Программа завершена {format_date(today())}")
    expect(ended).to_contain_text("По обоюдному решению наставника и наставляемого")
    expect(ended).to_contain_text("Причина: Наставляемая переходит в другую школу.")
    expect(ended).to_contain_text("Программа доступна только для чтения.")

    # Read-only: no actions on the page, and the addresses of the forms send back.
    expect(page.get_by_test_id("actions")).to_have_count(0)
    expect(page.get_by_role("link", name="Отметить выполненным")).to_have_count(0)
    expect(page.get_by_test_id("agree")).to_have_count(0)
    program_url = page.url
    for form in ("changes/new", "end"):
        ui.goto(f"/s/{SLUG}/programs/{pair.program_id}/{form}")
        expect(page).to_have_url(program_url)
        expect(flash(page)).to_have_text("Программа завершена: изменить её уже нельзя.")
    ui.follow("← Моя программа")
    expect(page.locator("main .card")).to_contain_text("Завершена")
    expect(page.get_by_role("link", name="Отметить выполненным")).to_have_count(0)
    ui.follow(pair.program_title, exact=True)
