"""A paper order registered with its scan (PDF or image), which downloads as an attachment."""

from io import BytesIO
from urllib.parse import unquote

import pytest

from nastavnik.dates import today as local_today

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
TODAY = local_today()


def register(client, url, scan=None, **data):
    data.setdefault("kind", "curator")
    data.setdefault("title", "О назначении куратора и координатора")
    data.setdefault("number", "90-од")
    data.setdefault("signed_on", "2023-08-30")
    if scan is not None:
        data["scan"] = (BytesIO(scan[1]), scan[0])
    return client.post(url("new"), data=data, content_type="multipart/form-data")


def filename_of(response) -> str:
    return unquote(response.headers["Content-Disposition"].split("filename*=UTF-8''")[1])


def test_a_paper_order_registered_with_its_scan_downloads_it(login, url, query):
    client = login("curator")

    assert register(client, url, scan=("приказ 90-од.pdf", PDF)).status_code == 302

    [(order_id, scan_id)] = query("SELECT id, scan_file_id FROM school_order")
    assert scan_id is not None
    listing = client.get(url()).get_data(as_text=True)
    assert f'href="/s/ilskhan-yurt/orders/{order_id}/scan"' in listing
    with client.get(url(f"{order_id}/scan")) as response:
        assert response.status_code == 200 and response.data == PDF
        assert response.headers["Content-Disposition"].startswith("attachment")
        assert filename_of(response) == "приказ 90-од.pdf"


def test_the_working_group_downloads_the_scan_but_does_not_attach(login, url):
    register(login("curator"), url, scan=("приказ.png", PNG))
    group = login("group")
    listing = group.get(url()).get_data(as_text=True)
    order_path = listing.split('/scan"')[0].rsplit('href="', 1)[1]
    with group.get(order_path + "/scan") as response:
        assert response.status_code == 200, order_path
    assert group.post(order_path + "/scan", data={}).status_code == 403


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("приказ.docx", b"PK\x03\x04 not a scan"),
        ("приказ.txt", b"just text"),
        ("приказ.pdf", b"MZ this is a program, not a PDF"),
        ("приказ.png", PDF),  # a PDF is a scan, but not under a picture's name
    ],
)
def test_a_scan_that_is_not_a_pdf_or_image_is_refused(login, url, snapshot, name, content):
    client = login("curator")
    before = snapshot()

    response = register(client, url, scan=(name, content))

    assert response.status_code == 200
    assert "Скан приказа — файл PDF или изображение (JPG, PNG)." in response.get_data(as_text=True)
    assert snapshot() == before


def test_a_scan_is_attached_to_a_signed_order_drafted_on_the_platform(
    login, url, make, school, ready, query, snapshot
):
    from nastavnik.tenants.orders.services import draft_pairings_order, sign_pairings_order

    with make.in_school(school):
        order = draft_pairings_order([ready.pair.id], TODAY, None)
        draft_id = draft_pairings_order([ready.group.id], TODAY, None).id
        sign_pairings_order(order, "45-од", TODAY, None)
        order_id = order.id
    client = login("curator")
    page = client.get(url(f"{order_id}")).get_data(as_text=True)
    assert "Приложить скан подписанного приказа" in page
    before = snapshot()

    refused = client.post(
        url(f"{order_id}/scan"),
        data={"scan": (BytesIO(b"hello"), "скан.jpg")},
        content_type="multipart/form-data",
    )
    to_draft = client.post(
        url(f"{draft_id}/scan"),
        data={"scan": (BytesIO(PDF), "скан.pdf")},
        content_type="multipart/form-data",
    )

    assert "Скан приказа — файл PDF или изображение" in refused.get_data(as_text=True)
    assert "Скан прикладывается к подписанному приказу." in to_draft.get_data(as_text=True)
    assert snapshot() == before
    response = client.post(
        url(f"{order_id}/scan"),
        data={"scan": (BytesIO(PNG), "скан.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    with client.get(url(f"{order_id}/scan")) as response:
        assert response.data == PNG
    assert query(f"SELECT scan_file_id IS NOT NULL FROM school_order WHERE id = {order_id}") == [
        (True,)
    ]


def test_an_order_without_a_scan_says_so(login, url, make, school):
    order = make.order(school, kind="other", status="signed", number="1", signed_on=TODAY)
    response = login("curator").get(url(f"{order.id}/scan"), follow_redirects=True)
    assert "Скан этого приказа не приложен." in response.get_data(as_text=True)
