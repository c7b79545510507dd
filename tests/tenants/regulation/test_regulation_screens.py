"""The curator drafts order № 90-од on screen, the director signs it, the register keeps it."""

from io import BytesIO

import pytest
from docx import Document
from sqlalchemy import select

from nastavnik.dates import today
from nastavnik.tenants.appointments.models import Appointment, AppointmentStatus
from nastavnik.tenants.orders.models import SchoolOrder

pytestmark = pytest.mark.usefixtures("seed")


@pytest.fixture
def login(app, make, school):
    def run(name, roles):
        make.account(school, name, roles=roles)
        client = app.test_client()
        client.post(f"/s/{school.slug}/login", data={"login": name, "password": make.PASSWORD})
        return client

    return run


def test_curator_drafts_and_director_signs_on_screen(app, make, school, login, query):
    curator = login("kurator", ["curator"])
    page = curator.get(f"/s/{school.slug}/regulation/draft")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    # The preview: the same points as the document, names in the accusative.
    assert "Хасанову М.С. назначить координатором" in body
    assert "Алиеву А.Х. назначить куратором" in body
    assert "составлена платформой из данных школы" in body
    response = curator.post(
        f"/s/{school.slug}/regulation/draft",
        data={
            "effective_from": "2026-09-01",
            "name_coordinator": "Хасанову М.С.",
            "name_curator": "Алиеву А.Х.",
        },
    )
    assert response.status_code == 302
    order_id = query(select(SchoolOrder.id).where(SchoolOrder.kind == "target_model"))[0][0]
    review = curator.get(response.headers["Location"]).get_data(as_text=True)
    assert "Проект" in review and "Записать номер и дату" not in review  # the curator cannot sign

    director = login("direktor2", ["director"])
    signed = director.post(
        f"/s/{school.slug}/regulation/orders/{order_id}/sign",
        data={"number": "90-од", "signed_on": today().isoformat()},
    )
    assert signed.status_code == 302
    states = {s for (s,) in query(select(Appointment.status))}
    assert states == {AppointmentStatus.IN_FORCE}
    # Downloadable again, from this page and from the register.
    docx = curator.get(f"/s/{school.slug}/regulation/orders/{order_id}/document.docx")
    texts = [p.text for p in Document(BytesIO(docx.data)).paragraphs]
    assert f"Приложение 3 к приказу от {today():%d.%m.%Y} № 90-од" in texts
    # Downloaded again from the register: the whole order with its three annexes.
    register = curator.get(f"/s/{school.slug}/orders/{order_id}/document.docx")
    assert register.status_code == 302
    again = curator.get(register.headers["Location"])
    assert again.status_code == 200
    assert "Приложение 3 к приказу" in "\n".join(
        p.text for p in Document(BytesIO(again.data)).paragraphs
    )
    listing = curator.get(f"/s/{school.slug}/orders/").get_data(as_text=True)
    assert "О реализации целевой модели наставничества" in listing


def test_the_draft_page_says_why_not_without_an_approved_roadmap(
    make, school, seed, login, snapshot
):
    from nastavnik.tenants.roadmap.models import Roadmap, RoadmapStatus

    with make.in_school(school):
        make._get(Roadmap, seed.roadmap.id).status = RoadmapStatus.DRAFT
    curator = login("kurator", ["curator"])
    before = snapshot()
    response = curator.post(
        f"/s/{school.slug}/regulation/draft", data={"effective_from": "2026-09-01"}
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Дорожная карта на 2026/2027 учебный год не утверждена директором" in body
    assert snapshot() == before


def test_the_legal_basis_is_filled_once_and_remembered(school, login):
    curator = login("kurator", ["curator"])
    page = curator.get(f"/s/{school.slug}/regulation/basis").get_data(as_text=True)
    assert "131-од" in page and 'value="2026-08-25"' in page


def test_a_section_amended_on_screen_is_in_force(school, login):
    curator = login("kurator", ["curator"])
    url = f"/s/{school.slug}/regulation/section?n=9"
    response = curator.post(
        url,
        data={
            "title": "Заключительные положения",
            "text": "9.1. Изменено.",
            "reason": "Решение педсовета",
        },
    )
    assert response.status_code == 302
    page = curator.get(url).get_data(as_text=True)
    assert "Действует редакция 1" in page and "9.1. Изменено." in page
    group = login("gruppa", ["working_group"])
    assert group.get(url).status_code == 200
    assert group.post(url, data={"title": "x", "text": "y", "reason": "z"}).status_code == 403
