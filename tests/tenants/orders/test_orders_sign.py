"""6.2: the director records the number and date of the signed order, which approves the pairs."""

from datetime import timedelta
from io import BytesIO
from urllib.parse import unquote

import pytest
import sqlalchemy as sa
from docx import Document

from nastavnik.dates import format_date
from nastavnik.dates import today as local_today
from nastavnik.refusals import Refusal
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.orders.models import SchoolOrder
from nastavnik.tenants.orders.services import draft_pairings_order, sign_pairings_order

TODAY = local_today()


@pytest.fixture
def drafted(make, school, ready):
    with make.in_school(school):
        return draft_pairings_order([ready.pair.id, ready.group.id], TODAY, None).id


def sign(client, url, order_id, number="45-од", on=TODAY):
    return client.post(
        url(f"{order_id}/sign"), data={"number": number, "signed_on": on.isoformat()}
    )


def test_the_director_signs_and_the_pairings_are_approved(login, url, ready, drafted, query):
    director = login("director")
    assert "Записать номер и дату" in director.get(url(f"{drafted}")).get_data(as_text=True)

    response = sign(director, url, drafted)

    assert response.status_code == 302
    [(status, number, signed_on)] = query("SELECT status, number, signed_on FROM school_order")
    assert (status, number, str(signed_on)) == ("signed", "45-од", TODAY.isoformat())
    rows = query("SELECT status, order_id, approved_on FROM pairing ORDER BY id")
    assert [(s, o, str(d)) for s, o, d in rows] == [("approved", drafted, TODAY.isoformat())] * 2
    assert query("SELECT DISTINCT status FROM mentee_entry") == [("in_program",)]
    page = director.get(url(f"{drafted}")).get_data(as_text=True)
    assert "Подписан" in page and f"№ 45-од от {format_date(TODAY)}" in page


def test_the_signed_order_downloads_again_with_its_number_and_date(login, url, ready, drafted):
    director = login("director")
    sign(director, url, drafted)
    listing = director.get(url()).get_data(as_text=True)
    assert f'href="/s/ilskhan-yurt/orders/{drafted}/document.docx"' in listing
    assert "№ 45-од" in listing and "Подписан" in listing

    response = director.get(url(f"{drafted}/document.docx"))

    document = Document(BytesIO(response.data))
    text = "\n".join(cell.text for t in document.tables for r in t.rows for cell in r.cells)
    assert "№ 45-од" in text and f"{format_date(TODAY)}" in text
    assert format_date(TODAY).endswith(" г.")
    disposition = response.headers["Content-Disposition"]
    assert (
        unquote(disposition.split("filename*=UTF-8''")[1]) == "Приказ_О_закреплении_пар_45-од.docx"
    )


def test_a_curator_cannot_sign(login, url, ready, drafted, query):
    curator = login("curator")
    assert "Записать номер и дату" not in curator.get(url(f"{drafted}")).get_data(as_text=True)

    assert sign(curator, url, drafted).status_code == 403

    assert query("SELECT status FROM school_order") == [("draft",)]
    assert query("SELECT DISTINCT status FROM pairing") == [("proposed",)]


def test_signing_twice_is_refused(login, url, ready, drafted, query):
    director = login("director")
    sign(director, url, drafted)

    response = sign(director, url, drafted, number="46-од")

    assert response.status_code == 200
    assert "Приказ уже подписан" in response.get_data(as_text=True)
    assert query("SELECT number FROM school_order") == [("45-од",)]


def test_the_number_is_required_and_short(login, url, ready, drafted, query):
    director = login("director")
    assert "Укажите номер приказа." in sign(director, url, drafted, number=" ").get_data(
        as_text=True
    )
    too_long = sign(director, url, drafted, number="1" * 41).get_data(as_text=True)
    assert "не длиннее 40 символов" in too_long
    assert query("SELECT status FROM school_order") == [("draft",)]


def test_the_number_is_unique_among_the_schools_signed_orders(
    login, url, make, school, ready, drafted, query
):
    make.order(school, kind="other", status="signed", number="45-од", signed_on=TODAY)
    make.order(make.school("other"), status="signed", number="46-од", signed_on=TODAY)
    director = login("director")

    response = sign(director, url, drafted, number="45-од")

    assert "Приказ № 45-од в школе уже есть." in response.get_data(as_text=True)
    assert sign(director, url, drafted, number="46-од").status_code == 302


def test_the_date_is_not_in_the_future_nor_before_the_draft(login, url, ready, drafted, query):
    director = login("director")
    future = sign(director, url, drafted, on=TODAY + timedelta(days=1))
    assert "не может быть позже сегодняшнего дня" in future.get_data(as_text=True)
    early = sign(director, url, drafted, on=TODAY - timedelta(days=1))
    assert "не может быть раньше даты его проекта" in early.get_data(as_text=True)
    assert query("SELECT status FROM school_order") == [("draft",)]


def test_a_signed_order_is_not_deleted(login, url, ready, drafted, query):
    sign(login("director"), url, drafted)
    response = login("curator").post(url(f"{drafted}/delete"))
    assert "Подписанный приказ удалить нельзя." in response.get_data(as_text=True)
    assert query("SELECT count(*) FROM school_order") == [(1,)]


def test_a_pairing_approved_by_one_order_is_not_in_another(login, url, ready, drafted):
    sign(login("director"), url, drafted)
    page = login("curator").get(url("draft-pairings")).get_data(as_text=True)
    assert f'value="{ready.pair.id}"' not in page and "Нет пар и групп, готовых" in page


def test_the_service_signs_and_refuses_a_second_signature(make, school, ready, drafted, query):
    with make.in_school(school):
        sign_pairings_order(get_or_404(SchoolOrder, drafted), "7", TODAY, None)
    with pytest.raises(Refusal, match="уже подписан"), make.in_school(school):
        sign_pairings_order(get_or_404(SchoolOrder, drafted), "8", TODAY, None)
    assert query("SELECT count(*) FROM pairing WHERE status = 'approved'") == [(2,)]


def test_a_mentee_who_revoked_the_data_consent_stops_the_signature(
    login, url, make, school, ready, drafted, query
):
    from nastavnik.tenants.consents.models import Consent

    mentee_id = ready.pair.members[0].mentee_staff_id
    with make.in_school(school) as session:
        session.execute(
            sa.update(Consent).where(Consent.staff_id == mentee_id).values(revoked_on=TODAY)
        )

    response = sign(login("director"), url, drafted)

    assert "нет согласия на обработку ПДн" in response.get_data(as_text=True)
    assert query("SELECT DISTINCT status FROM pairing") == [("proposed",)]
