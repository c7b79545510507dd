"""7.1: the order ending personalised programs, drafted from the programs that have ended."""

import json
import re
from datetime import timedelta
from io import BytesIO
from urllib.parse import unquote

import pytest
from docx import Document

from nastavnik.dates import format_date
from nastavnik.dates import today as local_today
from nastavnik.refusals import Refusal
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.orders.ending import COLUMNS, draft_ending_order, sign_ending_order
from nastavnik.tenants.orders.models import SchoolOrder

TODAY = local_today()


def draft(client, url, *programs, **data):
    data.setdefault("curator", "Батаевой А.Х.")
    return client.post(url("draft-ending"), data={"programs": [p.id for p in programs], **data})


def sign(client, url, order_id, number="12-од", on=TODAY):
    return client.post(
        url(f"{order_id}/sign"), data={"number": number, "signed_on": on.isoformat()}
    )


def docx_parts(data: bytes) -> tuple[list[str], list[list[list[str]]]]:
    document = Document(BytesIO(data))
    tables = [[[c.text for c in r.cells] for r in t.rows] for t in document.tables]
    return [p.text for p in document.paragraphs], tables


def test_the_draft_page_lists_ended_programs_without_an_order_with_their_ground(login, url, ended):
    page = login("curator").get(url("draft-ending")).get_data(as_text=True)

    assert f'value="{ended.completed.id}"' in page and f'value="{ended.mutual.id}"' in page
    assert f'value="{ended.running.id}"' not in page and "Классное руководство" not in page
    assert "План программы выполнен в полном объёме" in page
    assert (
        "По обоюдному решению наставника и наставляемого: Наставник переведён в другую школу"
        in page
    )
    assert "Включить все завершённые" in page
    # The curator's own name, in the dative, is filled in.
    assert 'value="Батаевой А.Х."' in page


def test_include_all_puts_every_ended_program_into_the_draft(login, url, ended, query):
    client = login("curator")

    response = client.post(url("draft-ending"), data={"all_ready": "1", "curator": "Батаевой А.Х."})

    assert response.status_code == 302
    [(kind, status, content)] = query("SELECT kind, status, content FROM school_order")
    assert (kind, status) == ("program_end", "draft")
    content = content if isinstance(content, dict) else json.loads(content)
    assert content["program_ids"] == [ended.completed.id, ended.mutual.id]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    # Reviewed on screen with the same points as the document.
    assert "В соответствии с пунктом 7.1 Положения о системе наставничества" in page
    assert "ПРИКАЗЫВАЮ:" in page
    assert "согласно приложению (всего — 2)" in page
    assert "1.1. завершением плана мероприятий программы в полном объёме — 1;" in page
    assert "1.2. инициативой наставника или наставляемого" in page
    assert "Куратору Батаевой А.Х. обеспечить размещение результатов" in page
    assert "4. Контроль исполнения приказа оставляю за собой." in page
    assert "С приказом ознакомлены:" in page and "Хаджиев И.Р. ____________" in page
    assert "Дата завершения" in page and "Основание" in page
    assert "Директор ____________ Умарова З.И." in page


def test_the_ending_docx_states_what_the_database_holds(login, url, ended, query):
    client = login("curator")
    order_page = draft(client, url, ended.completed, ended.mutual).headers["Location"]

    response = client.get(order_page + "/document.docx")

    paragraphs, tables = docx_parts(response.data)
    text = "\n".join(paragraphs)
    header = "\n".join(c for row in tables[0] for c in row)
    assert "МУНИЦИПАЛЬНОЕ БЮДЖЕТНОЕ ОБЩЕОБРАЗОВАТЕЛЬНОЕ УЧРЕЖДЕНИЕ" in header
    assert "НОХЧИЙН РЕСПУБЛИКА" in header
    assert "ПРИКАЗ" in paragraphs and "О завершении персонализированных программ" in text
    assert "пунктом 7.1 Положения о системе наставничества педагогических работников" in text
    assert "от 17.08.2022 № 131-од" in text  # no Regulation's order in the register yet
    assert "ПРИКАЗЫВАЮ:" in paragraphs
    in_db = query("SELECT count(*) FROM program WHERE status = 'ended'")[0][0]
    assert f"(всего — {in_db})" in text
    assert "1.1. завершением плана мероприятий программы в полном объёме — 1;" in text
    assert "1.2. инициативой наставника или наставляемого" in text and "— 1;" in text
    assert "3. Куратору Батаевой А.Х. обеспечить размещение" in text
    assert "Директор ____________ Умарова З.И." in text
    acquainted = paragraphs[paragraphs.index("С приказом ознакомлены:") + 1 :]
    names = {p.split()[0] for p in acquainted if "____________ «___»" in p}
    assert {"Батаева", "Дудаев", "Косумова", "Хаджиев", "Эльдаров"} <= names
    assert "Висаитова" not in text and "Межидов" not in text
    assert "Приложение к приказу от «___» __________ 20__ г. № ______" in paragraphs
    annex = tables[-1]
    assert annex[0] == ["№", *COLUMNS]
    assert COLUMNS == ("Наставник", "Наставляемые", "Программа", "Дата завершения", "Основание")
    assert len(annex) - 1 == in_db
    assert annex[1][1].startswith("Батаева Марьям") and annex[1][2] == "Дудаев Ислам Русланович"
    assert annex[2][2] == "Хаджиев Ислам Русланович\nЭльдаров Ислам Русланович"
    assert annex[1][3] == "Адаптация молодого учителя математики"
    assert annex[1][4] == format_date(TODAY)
    assert annex[2][5].endswith("Наставник переведён в другую школу")
    name = unquote(response.headers["Content-Disposition"].split("filename*=UTF-8''")[1])
    assert name == "Приказ_О_завершении_программ_проект.docx"


def test_the_director_signs_and_the_order_is_in_the_register(login, url, ended, query):
    curator = login("curator")
    order_page = draft(curator, url, ended.completed).headers["Location"]
    order_id = int(order_page.rsplit("/", 1)[1])
    director = login("director")

    assert sign(director, url, order_id).status_code == 302

    [(status, number, title)] = query("SELECT status, number, title FROM school_order")
    assert (status, number) == ("signed", "12-од")
    assert title == "О завершении персонализированной программы наставничества"
    listing = director.get(url()).get_data(as_text=True)
    assert "№ 12-од" in listing and f'href="{order_page}/document.docx"' in listing
    response = director.get(order_page + "/document.docx")
    _, tables = docx_parts(response.data)
    assert "№ 12-од" in tables[1][0]
    assert format_date(TODAY) in tables[1][0]
    name = unquote(response.headers["Content-Disposition"].split("filename*=UTF-8''")[1])
    assert name == "Приказ_О_завершении_программ_12-од.docx"
    # The program tells which order recorded its ending.
    program = director.get(f"/s/ilskhan-yurt/programs/{ended.completed.id}").get_data(as_text=True)
    assert f"приказом № 12-од от {format_date(TODAY)}" in program
    # Once in an order, a program is offered for no other.
    page = curator.get(url("draft-ending")).get_data(as_text=True)
    assert f'value="{ended.completed.id}"' not in page and f'value="{ended.mutual.id}"' in page


def test_the_preamble_cites_the_order_that_approved_the_regulation(login, url, make, school, ended):
    approved = TODAY - timedelta(days=90)
    make.order(
        school,
        kind="regulation",
        status="signed",
        number="90-од",
        signed_on=approved,
        content={},
    )
    client = login("curator")
    page = client.get(draft(client, url, ended.completed).headers["Location"]).get_data(
        as_text=True
    )
    assert (
        "Положения о системе наставничества педагогических работников МБОУ "
        f"«Илсхан-Юртовская ОШ», утверждённого приказом от {approved:%d.%m.%Y} № 90-од" in page
    )
    assert "131-од" not in page


def test_a_program_still_running_is_refused(login, url, make, school, ended, snapshot):
    curator = login("curator")
    before = snapshot()
    response = draft(curator, url, ended.running)
    assert "Выберите значение из списка." in response.get_data(as_text=True)
    with pytest.raises(Refusal, match="ещё не завершена"), make.in_school(school):
        draft_ending_order([ended.completed.id, ended.running.id], TODAY, None)
    assert snapshot() == before


def test_a_program_already_in_another_ending_order_is_refused(make, school, ended, snapshot):
    with make.in_school(school):
        draft_ending_order([ended.completed.id], TODAY, None)
    before = snapshot()
    with pytest.raises(Refusal, match="уже включена в приказ о завершении"), make.in_school(school):
        draft_ending_order([ended.mutual.id, ended.completed.id], TODAY, None)
    assert snapshot() == before


def test_signing_before_the_draft_or_with_a_number_taken_is_refused(
    login, url, make, school, ended, snapshot
):
    make.order(school, kind="other", status="signed", number="12-од", signed_on=TODAY)
    with make.in_school(school):
        order_id = draft_ending_order([ended.completed.id], TODAY, None).id
    director = login("director")
    before = snapshot()

    early = sign(director, url, order_id, number="13-од", on=TODAY - timedelta(days=1))
    taken = sign(director, url, order_id, number="12-од")

    assert "не может быть раньше даты его проекта" in early.get_data(as_text=True)
    assert "Приказ № 12-од в школе уже есть." in taken.get_data(as_text=True)
    assert snapshot() == before
    with make.in_school(school):
        sign_ending_order(get_or_404(SchoolOrder, order_id), "13-од", TODAY, None)


def test_the_working_group_sees_but_does_not_draft(login, url, ended):
    client = login("group")
    assert client.get(url()).status_code == 200
    assert client.get(url("draft-ending")).status_code == 403
    assert client.post(url("draft-ending"), data={"all_ready": "1"}).status_code == 403


def test_the_ending_order_page_shows_every_point_of_its_document(login, url, ended):
    from .test_orders_pairings_document import missing_on_page

    client = login("curator")
    order_page = draft(client, url, ended.completed, ended.mutual).headers["Location"]
    assert missing_on_page(client, order_page) == []


def ending_line(page: str) -> str:
    block = page.split('data-testid="ending-order">', 1)[1].split("</div>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", "", block).split())


def test_the_programs_line_of_its_ending_order_ends_with_one_full_stop(login, url, ended):
    """«Завершение оформлено приказом № 75-од от 31 мая 2026 г..» (the date's «г.» and one more)."""
    curator = login("curator")
    order_id = int(draft(curator, url, ended.completed).headers["Location"].rsplit("/", 1)[1])
    program = f"/s/ilskhan-yurt/programs/{ended.completed.id}"
    line = ending_line(curator.get(program).get_data(as_text=True))
    assert line == "Завершение оформлено проектом приказа (ещё не подписан)."
    director = login("director")
    sign(director, url, order_id)
    line = ending_line(director.get(program).get_data(as_text=True))
    assert line == f"Завершение оформлено приказом № 12-од от {format_date(TODAY)}"
    assert line.endswith("г.") and not line.endswith("г..")
