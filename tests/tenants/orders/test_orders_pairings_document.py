"""6.2: the order assigning pairs and groups, completed: the legal basis, the director, the
curator in the dative, everyone acquainted, and «Включить все готовые»."""

import html
import json
import re
from datetime import timedelta
from io import BytesIO

import pytest
from docx import Document

from nastavnik.admin.demo import data
from nastavnik.admin.demo.seed import names_of
from nastavnik.dates import today as local_today

TODAY = local_today()


def paragraphs_of(response) -> list[str]:
    return [p.text for p in Document(BytesIO(response.data)).paragraphs]


def draft(client, url, *pairings, **data):
    data.setdefault("programs_due", (TODAY + timedelta(days=30)).isoformat())
    data.setdefault("curator", "Батаевой А.Х.")
    return client.post(url("draft-pairings"), data={"pairings": [p.id for p in pairings], **data})


def test_include_all_ready_puts_every_ready_pairing_into_the_order(login, url, ready, query):
    client = login("curator")
    page = client.get(url("draft-pairings")).get_data(as_text=True)
    assert "Включить все готовые" in page

    response = client.post(
        url("draft-pairings"),
        data={
            "all_ready": "1",
            "programs_due": (TODAY + timedelta(days=30)).isoformat(),
            "curator": "Батаевой А.Х.",
        },
    )

    assert response.status_code == 302
    [(content,)] = query("SELECT content FROM school_order")
    content = content if isinstance(content, dict) else json.loads(content)
    assert content["pairing_ids"] == [ready.pair.id, ready.group.id]


def test_the_pairings_docx_has_basis_director_curator_and_everyone_acquainted(
    login, url, ready, query
):
    client = login("curator")
    order_page = draft(client, url, ready.pair, ready.group).headers["Location"]

    paragraphs = paragraphs_of(client.get(order_page + "/document.docx"))

    text = "\n".join(paragraphs)
    assert (
        "В соответствии с Положением о системе наставничества педагогических работников "
        "МБОУ «Илсхан-Юртовская ОШ», принятым в соответствии с приказом МУ «Управление "
        "образования Курчалоевского муниципального района» от 17.08.2022 № 131-од" in text
    )
    assert "на основании письменного согласия наставников и наставляемых," in text
    assert "3. Куратору Батаевой А.Х. обеспечить контроль" in text
    assert "Директор ____________ Умарова З.И." in text
    acquainted = paragraphs[paragraphs.index("С приказом ознакомлены:") + 1 :]
    signed_lines = [p for p in acquainted if "____________ «___»" in p]
    participants = (
        query("SELECT count(*) FROM pairing_member")[0][0]
        + query("SELECT count(DISTINCT mentor_staff_id) FROM pairing")[0][0]
    )
    assert len(signed_lines) == participants == 5
    assert [line.split(" ____")[0] for line in signed_lines] == [
        "Батаева М.И.",
        "Сулейманова М.И.",
        "Косумова М.И.",
        "Кадиева М.И.",
        "Исаева М.И.",
    ]
    page = client.get(order_page).get_data(as_text=True)
    assert "Батаева М.И. ____________" in page and "Исаева М.И. ____________" in page
    assert "принятым в соответствии с приказом МУ" in page


def test_the_preamble_cites_the_signed_order_that_approved_the_regulation(
    login, url, make, school, ready
):
    approved = TODAY - timedelta(days=60)
    make.order(
        school, kind="regulation", status="signed", number="90-од", signed_on=approved, content={}
    )
    client = login("curator")

    order_page = draft(client, url, ready.pair).headers["Location"]

    text = "\n".join(paragraphs_of(client.get(order_page + "/document.docx")))

    assert (
        "В соответствии с Положением о системе наставничества педагогических работников "
        f"МБОУ «Илсхан-Юртовская ОШ», утверждённым приказом от {approved:%d.%m.%Y} № 90-од, "
        "на основании письменного согласия" in text
    )
    assert "131-од" not in text


def test_a_draft_order_of_the_regulation_is_not_cited(login, url, make, school, ready):
    make.order(school, kind="regulation", content={})  # a draft: not in force
    client = login("curator")
    page = client.get(draft(client, url, ready.pair).headers["Location"]).get_data(as_text=True)
    assert "131-од" in page and "утверждённым приказом" not in page


# The demo's curators, female and male: the draft names them in the dative.
DEMO_CURATORS = {
    " ".join(names_of(i, row[5])["curator"]): row[0] for i, row in enumerate(data.SCHOOLS)
}


@pytest.mark.parametrize(
    ("full_name", "dative"),
    [
        ("Джамалдаева Айна Хасановна", "Джамалдаевой А.Х."),
        ("Арсанова Лейла Умаровна", "Арсановой Л.У."),
        ("Висаитова Седа Ломалиевна", "Висаитовой С.Л."),
        ("Дудаев Ислам Асланович", "Дудаеву И.А."),
        ("Хаджиев Умар Султанович", "Хаджиеву У.С."),
        ("Эльдаров Тимур Бесланович", "Эльдарову Т.Б."),
    ],
)
def test_the_curator_of_a_demo_school_is_prefilled_in_the_dative(
    app, make, full_name, dative, ready
):
    assert full_name in DEMO_CURATORS  # the demo's own people
    school = make.school(f"demo-{DEMO_CURATORS[full_name]}")
    make.account(school, "curator", roles=("curator",), full_name=full_name)
    client = app.test_client()
    client.post(f"/s/{school.slug}/login", data={"login": "curator", "password": make.PASSWORD})

    for page in ("draft-pairings", "draft-ending"):
        html = client.get(f"/s/{school.slug}/orders/{page}").get_data(as_text=True)
        assert f'value="{dative}"' in html, page
        assert "не удалось уверенно просклонять" not in html


def test_a_name_that_cannot_be_declined_with_confidence_is_shown_and_asked(
    app, make, school, ready
):
    make.account(school, "curator", roles=("curator",), full_name="Абубакар Ибрагим")
    client = app.test_client()
    client.post(f"/s/{school.slug}/login", data={"login": "curator", "password": make.PASSWORD})

    html = client.get(f"/s/{school.slug}/orders/draft-pairings").get_data(as_text=True)

    assert 'value="Абубакар И."' in html
    assert "не удалось уверенно просклонять" in html and "дательном падеже" in html


def test_the_director_drafting_gets_the_schools_curator_prefilled(login, url, ready):
    login("curator")
    html = login("director").get(url("draft-pairings")).get_data(as_text=True)
    assert 'value="Батаевой А.Х."' in html


def test_the_curator_typed_in_is_what_the_order_says(login, url, ready):
    client = login("curator")
    order_page = draft(client, url, ready.pair, curator="Кадиевой М.С.").headers["Location"]
    text = "\n".join(paragraphs_of(client.get(order_page + "/document.docx")))
    assert "Куратору Кадиевой М.С. обеспечить" in text and "Батаевой" not in text


def test_an_order_signed_after_the_draft_is_not_its_basis(make, school, ready):
    from nastavnik.tenants.orders.services import draft_pairings_order

    make.order(school, kind="regulation", status="signed", number="90-од", signed_on=TODAY)
    with make.in_school(school):
        earlier = draft_pairings_order([ready.pair.id], TODAY - timedelta(days=1), None)
        today = draft_pairings_order([ready.group.id], TODAY, None)
        assert "131-од" in earlier.content["preamble"]
        assert f"утверждённым приказом от {TODAY:%d.%m.%Y} № 90-од" in today.content["preamble"]


def missing_on_page(client, order_page) -> list[str]:
    """The points of the order's .docx (paragraphs, and the annex's cells line by line) that
    its page does not show: what the director reads on screen is what the document says."""
    document = Document(BytesIO(client.get(order_page + "/document.docx").data))
    page = client.get(order_page).get_data(as_text=True)
    shown = squeeze(html.unescape(re.sub(r"<[^>]+>", " ", page)))
    points = [squeeze(p.text) for p in document.paragraphs if p.text.strip()]
    cells = [
        squeeze(line)
        for table in document.tables[2:]  # after the letterhead and the date line: the annex
        for row in table.rows
        for cell in row.cells
        for line in cell.text.split("\n")
        if line.strip()
    ]
    return [text for text in points + cells if text not in shown]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_order_page_shows_every_point_of_its_document(login, url, ready):
    client = login("curator")
    order_page = draft(client, url, ready.pair, ready.group).headers["Location"]
    assert missing_on_page(client, order_page) == []
