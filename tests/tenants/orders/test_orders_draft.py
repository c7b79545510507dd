"""6.2: the platform drafts the order «О закреплении наставнических пар/групп» as a .docx."""

from datetime import timedelta
from io import BytesIO
from urllib.parse import unquote

import pytest
import sqlalchemy as sa
from docx import Document

from nastavnik.dates import today as local_today
from nastavnik.refusals import Refusal
from nastavnik.tenants.orders.services import draft_pairings_order
from nastavnik.tenants.staff.models import Staff

TODAY = local_today()


def text_of(response) -> str:
    document = Document(BytesIO(response.data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def download_name(response) -> str:
    disposition = response.headers["Content-Disposition"]
    return unquote(disposition.split("filename*=UTF-8''")[1])


def draft(client, url, *pairings, **data):
    data.setdefault("programs_due", (TODAY + timedelta(days=30)).isoformat())
    return client.post(url("draft-pairings"), data={"pairings": [p.id for p in pairings], **data})


def test_the_draft_page_lists_pairings_ready_and_not_ready_with_why(
    login, url, make, school, ready
):
    late = make.pairing(
        school,
        ready.mentor("Опоздавшая"),
        [ready.mentee("Ждущая")],
        status="proposed",
        mentor_consent_on=None,
    )
    page = login("curator").get(url("draft-pairings")).get_data(as_text=True)

    ready_part, not_ready_part = page.split("Ещё не готовы")
    assert f'value="{ready.pair.id}"' in ready_part and f'value="{ready.group.id}"' in ready_part
    assert f'value="{late.id}"' not in page
    assert "Опоздавшая" in not_ready_part
    assert "нет письменного согласия наставника" in not_ready_part


def test_curator_drafts_the_order_and_its_content_is_frozen(login, url, ready, query):
    client = login("curator")

    response = draft(client, url, ready.pair, ready.group, curator="Батаевой А.Х.")

    assert response.status_code == 302
    [(kind, status, number, title)] = query("SELECT kind, status, number, title FROM school_order")
    assert (kind, status, number) == ("pairings", "draft", None)
    assert title == "О закреплении наставнических пар/групп"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Проект" in page and "Батаева" in page and "Кадиева" in page
    assert "Куратору Батаевой А.Х. обеспечить контроль" in page
    assert query("SELECT status FROM pairing") == [("proposed",), ("proposed",)]


def test_the_draft_docx_is_the_official_order(login, url, ready):
    client = login("curator")
    order_page = draft(client, url, ready.pair, ready.group).headers["Location"]

    response = client.get(order_page + "/document.docx")

    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    assert download_name(response) == "Приказ_О_закреплении_пар_проект.docx"
    text = text_of(response)
    assert "МУНИЦИПАЛЬНОЕ БЮДЖЕТНОЕ ОБЩЕОБРАЗОВАТЕЛЬНОЕ УЧРЕЖДЕНИЕ" in text
    assert "«ИЛСХАН-ЮЪРТАРА КОЪРТА ИШКОЛ»" in text
    assert "ПРИКАЗЫВАЮ:" in text
    assert "№ ______" in text and "«___» __________ 20__ г." in text
    assert "с. Илсхан-Юрт" in text
    assert "О закреплении наставнических пар/групп" in text
    assert (
        "Положением о системе наставничества педагогических работников "
        "МБОУ «Илсхан-Юртовская ОШ»" in text
    )
    for name in ("Батаева", "Сулейманова", "Косумова", "Кадиева", "Исаева"):
        assert f"{name} Марьям Исаевна" in text
    assert "«Педагог – педагог»" in text and "Групповое наставничество" in text
    assert "Закрепить наставнические пары/группы согласно приложению." in text
    assert "Директор ____________ Умарова З.И." in text


def test_the_document_downloads_the_same_after_the_data_changes(login, url, make, school, ready):
    client = login("curator")
    order_page = draft(client, url, ready.pair).headers["Location"]
    with make.in_school(school) as session:
        session.execute(
            sa.update(Staff).where(Staff.id == ready.pair.mentor_staff_id).values(last_name="Иная")
        )

    text = text_of(client.get(order_page + "/document.docx"))

    assert "Батаева Марьям Исаевна" in text and "Иная" not in text


def test_an_empty_selection_is_refused(login, url, ready, query):
    response = draft(login("curator"), url)
    assert response.status_code == 200
    assert "Выберите хотя бы одну пару или группу." in response.get_data(as_text=True)
    assert query("SELECT count(*) FROM school_order") == [(0,)]


def test_a_pairing_without_recorded_consents_cannot_be_put_in_an_order(
    login, url, make, school, ready, query
):
    late = make.pairing(
        school,
        ready.mentor("Опоздавшая"),
        [ready.mentee("Ждущая")],
        status="proposed",
        mentor_consent_on=None,
    )

    response = draft(login("curator"), url, late)

    assert response.status_code == 200
    assert "Выберите значение из списка." in response.get_data(as_text=True)
    with (
        pytest.raises(Refusal, match="нет письменного согласия наставника"),
        make.in_school(school),
    ):
        draft_pairings_order([late.id], TODAY, None)
    assert query("SELECT count(*) FROM school_order") == [(0,)]


def test_a_pairing_whose_mentor_revoked_the_duty_consent_is_not_ready(make, school, ready):
    from nastavnik.tenants.consents.models import Consent

    with make.in_school(school) as session:
        session.execute(
            sa.update(Consent)
            .where(Consent.staff_id == ready.pair.mentor_staff_id, Consent.kind == "mentor_duty")
            .values(revoked_on=TODAY)
        )
    with (
        pytest.raises(Refusal, match="у наставника нет действующих согласий"),
        make.in_school(school),
    ):
        draft_pairings_order([ready.pair.id], TODAY, None)


def test_a_pairing_already_in_another_draft_is_refused(login, url, make, school, ready, query):
    client = login("curator")
    draft(client, url, ready.pair)

    assert f'value="{ready.pair.id}"' not in client.get(url("draft-pairings")).get_data(
        as_text=True
    )
    with pytest.raises(Refusal, match="уже включена в другой приказ"), make.in_school(school):
        draft_pairings_order([ready.pair.id, ready.group.id], TODAY, None)
    assert query("SELECT count(*) FROM school_order") == [(1,)]


def test_the_deadline_of_the_programs_comes_after_the_draft(login, url, ready, query):
    response = draft(login("curator"), url, ready.pair, programs_due=TODAY.isoformat())
    assert "Срок разработки программ должен быть позже даты проекта." in response.get_data(
        as_text=True
    )
    assert query("SELECT count(*) FROM school_order") == [(0,)]


def test_a_deleted_draft_frees_its_pairings(login, url, ready, query):
    client = login("curator")
    order_page = draft(client, url, ready.pair).headers["Location"]

    assert client.post(order_page + "/delete").status_code == 302

    assert query("SELECT count(*) FROM school_order") == [(0,)]
    page = client.get(url("draft-pairings")).get_data(as_text=True)
    assert f'value="{ready.pair.id}"' in page


def test_working_group_sees_orders_but_does_not_draft(login, url):
    client = login("group")
    assert client.get(url()).status_code == 200
    assert client.get(url("draft-pairings")).status_code == 403
    assert client.get(url("new")).status_code == 403
