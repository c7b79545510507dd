"""The normative base: a file checked by its content (PDF, DOCX, ODT) or an https link; every
school sees it on its home page and in its public section, anyone downloads the files."""

import io
from datetime import date

import pytest

from .conftest import docx_bytes, error_next_to, odt_bytes, pdf_bytes

TITLE = "Распоряжение Министерства просвещения Российской Федерации о наставничестве"


def document(**fields) -> dict:
    return {
        "level": "federal",
        "title": TITLE,
        "number": "Р-145",
        "signed_on": "2019-12-25",
        "link": "",
        **fields,
    }


def with_file(data: bytes, name: str, **fields) -> dict:
    return document(upload=(io.BytesIO(data), name), **fields)


@pytest.fixture
def curator_client(app, make, school):
    make.account(school, "curator", roles=["curator"])
    client = app.test_client()
    client.post("/s/s1/login", data={"login": "curator", "password": make.PASSWORD})
    return client


@pytest.mark.parametrize(
    "data, name",
    [(pdf_bytes(), "r-145.pdf"), (docx_bytes(), "r-145.docx"), (odt_bytes(), "r-145.odt")],
    ids=["pdf", "docx", "odt"],
)
def test_a_document_file_is_published_for_every_school_and_anyone_downloads_it(
    app, make, district, curator_client, school, data, name
):
    response = district.post("/district/published/documents/new", data=with_file(data, name))
    assert response.status_code == 303, response.get_data(as_text=True)
    other = make.school("other")
    for slug, client in (("s1", curator_client), (other.slug, app.test_client())):
        page = client.get(f"/s/{slug}/public/documents").get_data(as_text=True)
        assert TITLE in page and "от 25 декабря 2019 г. № Р-145" in page
    home = curator_client.get("/s/s1/").get_data(as_text=True)
    assert TITLE in home.split('data-testid="home-normative-base"')[1]
    link = home.split('data-testid="home-document">')[1].split('href="')[1].split('"')[0]
    download = app.test_client().get(link)  # no login: the normative base is public
    assert download.status_code == 200 and download.data == data
    assert download.headers["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    "data, name",
    [
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, "r-145.pdf"),  # a program, renamed
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "r-145.docx"),  # a picture
        (b"<script>alert(1)</script>", "r-145.odt"),  # text
    ],
    ids=["exe-as-pdf", "png-as-docx", "text-as-odt"],
)
def test_a_file_that_is_not_a_document_by_its_content_is_refused_and_nothing_saved(
    district, snapshot, data, name
):
    before = snapshot()
    response = district.post("/district/published/documents/new", data=with_file(data, name))
    assert response.status_code == 200
    error = error_next_to(response.get_data(as_text=True), "upload")
    assert error and "по содержимому это не DOCX, ODT, PDF" in error
    assert snapshot() == before


@pytest.mark.parametrize(
    "link", ["http://docs.edu.gov.ru/r-145", "javascript:alert(1)", "docs.edu.gov.ru/r-145"]
)
def test_a_link_must_be_an_https_address(district, snapshot, link):
    before = snapshot()
    response = district.post("/district/published/documents/new", data=document(link=link))
    assert "начинающимся с https://" in error_next_to(response.get_data(as_text=True), "link")
    assert snapshot() == before


def test_a_document_without_a_file_or_a_link_and_a_title_of_5000_letters_are_refused(
    district, snapshot
):
    before = snapshot()
    page = district.post("/district/published/documents/new", data=document()).get_data(
        as_text=True
    )
    assert "Приложите файл документа" in error_next_to(page, "upload")
    page = district.post(
        "/district/published/documents/new",
        data=document(title="я" * 5000, link="https://docs.edu.gov.ru/"),
    ).get_data(as_text=True)
    assert "не длиннее 500 символов" in error_next_to(page, "title")
    assert snapshot() == before


def test_a_link_document_is_listed_with_its_link_and_replaces_the_platforms_documents(
    district, curator_client
):
    page = curator_client.get("/s/s1/public/documents").get_data(as_text=True)
    assert "152-ФЗ" in page  # the platform's list, until the district publishes its own
    district.post(
        "/district/published/documents/new",
        data=document(
            level="regional",
            title="Приказ Министерства образования и науки Чеченской Республики о наставничестве",
            number="123-п",
            link="https://mon95.ru/",
        ),
    )
    page = curator_client.get("/s/s1/public/documents").get_data(as_text=True)
    regional = page.split("Региональные документы")[1].split("</section>")[0]
    assert 'href="https://mon95.ru/"' in regional and "№ 123-п" in regional
    assert "152-ФЗ" not in page


def test_the_district_replaces_a_file_by_a_link_and_removes_a_document(app, district, query):
    district.post("/district/published/documents/new", data=with_file(pdf_bytes(), "order.pdf"))
    (document_id,) = query("SELECT id FROM normative_document")[0]
    district.post(
        f"/district/published/documents/{document_id}",
        data=document(link="https://docs.edu.gov.ru/"),
    )
    assert query("SELECT link, file_key FROM normative_document") == [
        ("https://docs.edu.gov.ru/", None)
    ]
    assert (
        app.test_client().get(f"/district/published/documents/{document_id}/file").status_code
        == 404
    )
    district.post(f"/district/published/documents/{document_id}/delete")
    assert query("SELECT id FROM normative_document") == []


def test_the_date_shows_in_russian(district, curator_client):
    district.post(
        "/district/published/documents/new",
        data=document(signed_on=str(date(2023, 8, 30)), link="https://docs.edu.gov.ru/"),
    )
    assert "30 августа 2023 г." in curator_client.get("/s/s1/").get_data(as_text=True)
