"""Issue 14's journey: a mentee (on a desktop and on a phone) sees the change of her program
that waits for her, declines it with a reason, marks an activity done on the day it was done,
and takes the program as a .docx."""

from datetime import timedelta
from io import BytesIO

import docx
from playwright.sync_api import expect

from nastavnik.dates import format_date, today
from nastavnik.tenants.programs.term import term_end

SLUG = "mairtup-1"


def flash(page):
    return page.locator(".alert").first


def test_the_mentee_declines_a_change_and_marks_an_activity_done(page, ui, live_server):
    pair = live_server.prepare_pair(SLUG, upto="program", accounts=True)
    mentor, mentee = pair.mentor, pair.mentee

    def open_program(person):
        ui.login(SLUG, person.login, person.password)
        ui.follow("Программы")
        ui.follow(pair.program_title, exact=True)

    # The mentor proposes an extension: the form asks only for the new end.
    open_program(mentor)
    ui.follow("Предложить изменение (п. 7.2)")
    ui.follow("Продление срока")
    expect(page.get_by_label("Формы наставничества")).to_have_count(0)
    page.get_by_label("Новая дата окончания").fill(term_end(today(), 5).isoformat())
    page.get_by_label("Что и почему меняется").fill("Открытый урок перенесём на май.")
    ui.submit("Предложить изменение")
    expect(flash(page)).to_contain_text("Изменение предложено")
    ui.logout()

    # The mentee (Хава Ибрагимовна) is asked in her own words, and declines.
    open_program(mentee)
    change = page.locator("[data-testid^=change-]")
    expect(change.get_by_role("button", name="Согласна", exact=True)).to_be_visible()
    change.get_by_text("Не согласна: отклонить").click()
    ui.submit("Отклонить изменение")
    assert ui.field_errors("reason") == ["Укажите, почему вы не согласны с изменением."]
    page.get_by_label("Почему вы не согласны").fill("Успеем провести открытый урок в срок.")
    ui.submit("Отклонить изменение")
    expect(flash(page)).to_have_text("Вы отклонили изменение: программа осталась прежней.")
    expect(change).to_contain_text("Отклонено")
    expect(change).to_contain_text("Причина: Успеем провести открытый урок в срок.")
    expect(page.locator("main dl")).to_contain_text(format_date(pair.ends_on))
    expect(page.get_by_test_id("agree")).to_have_count(0)

    # She marks the first activity done: tomorrow is refused at the date, today is taken.
    row = page.get_by_test_id("plan").locator("tbody tr", has_text="Посещение уроков наставника")
    ui.click(row.get_by_role("link", name="Отметить выполненным"))
    expect(page.get_by_label("Дата выполнения")).to_have_value(today().isoformat())
    page.get_by_label("Результат").fill("Посетила два урока наставника.")
    page.get_by_label("Дата выполнения").fill((today() + timedelta(days=1)).isoformat())
    ui.submit("Отметить выполненным")
    assert ui.field_errors("done_on") == ["Дата выполнения не может быть позже сегодняшнего дня."]
    page.get_by_label("Дата выполнения").fill(today().isoformat())  # the program began today
    ui.submit("Отметить выполненным")
    expect(flash(page)).to_have_text("Мероприятие отмечено выполненным.")

    # The program as a .docx, with the mark of the plan.
    ui.goto(f"/s/{SLUG}/programs/{pair.program_id}")
    document = docx.Document(BytesIO(ui.download("Скачать программу (.docx)")))
    text = "\n".join(
        [p.text for p in document.paragraphs]
        + [c.text for t in document.tables for r in t.rows for c in r.cells]
    )
    assert "Персонализированная программа наставничества" in text
    assert f"Выполнено {format_date(today())}" in text
    assert "Посетила два урока наставника." in text
