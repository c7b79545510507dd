"""The program as a .docx «Персонализированная программа наставничества»: what the program page
shows — participants, term, forms, goals, difficulties, the plan with its marks and the results."""

from datetime import timedelta
from io import BytesIO
from urllib.parse import quote

from docx import Document

from nastavnik.dates import today as local_today
from nastavnik.declension import short_name

TODAY = local_today()


def text_of(response) -> str:
    document = Document(BytesIO(response.data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def document_url(program):
    return f"/s/s1/programs/{program.id}/document.docx"


def test_the_program_page_links_to_its_document(login, running):
    program, _ = running
    page = login("mentee1").get(f"/s/s1/programs/{program.id}").get_data(as_text=True)
    assert f'href="/s/s1/programs/{program.id}/document.docx"' in page


def test_the_document_holds_the_program_with_the_marks_of_its_plan(login, make, people, running):
    program, activity = running
    done = make.activity(
        people.school,
        program,
        title="Анкета наставляемого",
        due_on=TODAY - timedelta(days=5),
        status="done",
        done_on=TODAY - timedelta(days=6),
        result="Анкета заполнена",
    )
    response = login("mentee1").get(document_url(program))
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    assert "attachment" in response.headers["Content-Disposition"]
    text = text_of(response)
    assert "Персонализированная программа наставничества" in text
    assert "Программа первой пары" in text
    assert f"Наставник: {people.one.mentor.full_name}" in text
    # «Марьям Исаевна»: the document speaks of her as a woman, in the list and at her signature
    assert f"Наставляемая: {people.one.mentee.full_name}" in text
    assert f"Наставляемая ____________ {people.one.mentee.short_name}" in text
    assert "Наставляемый" not in text
    assert "Срок реализации: с " in text
    assert "Традиционная форма наставничества" in text
    assert program.goals in text
    assert "Посещение уроков наставника" in text and "Запланировано" in text
    assert done.title in text
    day = TODAY - timedelta(days=6)
    assert f"Выполнено {day.day} " in text and "Анкета заполнена" in text
    assert "выполняется: результаты подводятся по её завершении" in text


def test_an_ended_programs_document_gives_the_ending_and_the_results(login, running):
    program, _ = running
    curator = login("curator")
    curator.post(
        f"/s/s1/programs/{program.id}/end",
        data={"confirmed": "yes", "reason": "mutual", "comment": "Переезд наставляемой"},
    )
    curator.post(f"/s/s1/programs/{program.id}/publish", data={"results": "Провела открытый урок"})
    text = text_of(curator.get(document_url(program)))
    assert "; основание: по обоюдному решению наставника и наставляемого." in text
    assert "г.." not in text
    assert "Не выполнено" in text
    assert "Провела открытый урок" in text


def test_another_pairs_mentor_gets_no_document(login, running):
    program, _ = running
    assert login("mentor2").get(document_url(program)).status_code == 404


def test_the_document_is_signed_by_the_curator_and_named_after_the_mentee(login, people, running):
    program, _ = running
    response = login("mentee1").get(document_url(program))
    text = text_of(response)
    assert f"Куратор ____________ {short_name(people.curator.full_name)}" in text
    years = f"{program.starts_on.year}-{program.ends_on.year}"
    if program.starts_on.year == program.ends_on.year:
        years = str(program.starts_on.year)
    expected = f"Программа_наставничества_{people.one.mentee.short_name.replace(' ', '_')}_{years}"
    assert quote(expected) in response.headers["Content-Disposition"]
