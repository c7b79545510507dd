"""The district's publishing: its two kinds of accounts logged in, files of each kind, and the
error shown next to a field."""

import io
import re
import zipfile

import pytest
from docx import Document


def district_client(app, make, login, role):
    make.account(None, login, roles=[role], full_name=f"Сотрудник Управления {login}")
    client = app.test_client()
    response = client.post("/district/login", data={"login": login, "password": make.PASSWORD})
    assert response.status_code == 302, login
    return client


@pytest.fixture
def district(app, make):
    """The district's administrator, logged in."""
    return district_client(app, make, "district", "district_admin")


@pytest.fixture
def methodist(app, make):
    return district_client(app, make, "methodist", "methodologist")


def pdf_bytes(marker: str = "") -> bytes:
    return b"%PDF-1.4\n%" + marker.encode() + b"\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def docx_bytes(text: str = "Приказ") -> bytes:
    doc = Document()
    doc.add_paragraph(text)
    data = io.BytesIO()
    doc.save(data)
    return data.getvalue()


def odt_bytes() -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        # The OpenDocument signature: an uncompressed «mimetype» entry first.
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    return data.getvalue()


def error_next_to(page: str, field: str) -> str | None:
    """The error shown right after the field named `field` (Bootstrap's invalid-feedback)."""
    found = re.search(
        rf'name="{field}"(?:(?!name=").)*?class="invalid-feedback[^"]*"[^>]*>\s*([^<]+?)\s*<',
        page,
        re.DOTALL,
    )
    return found.group(1) if found else None
