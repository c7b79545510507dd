"""The normative base the district publishes: federal, regional and district documents, each a
file kept by the platform (PDF, DOCX or ODT, checked by its content) or an https link.
Services flush, never commit; a file reaches the disk only once everything else is accepted."""

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from flask import abort, current_app
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.refusals import Refusal
from nastavnik.tenants.public.models import DocumentLevel, NormativeDocument
from nastavnik.uploads import checked_file

FILE_KINDS = {"pdf", "docx", "odt"}
MAX_FILE_BYTES = 15 * 1024 * 1024
TITLE_MAX, NUMBER_MAX, LINK_MAX = 500, 100, 500


def folder() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / "district"


def path_of(document: NormativeDocument) -> Path:
    return folder() / document.file_key


def documents() -> list[tuple[DocumentLevel, list[NormativeDocument]]]:
    rows = db.session.execute(
        select(NormativeDocument).order_by(
            NormativeDocument.signed_on.desc(), NormativeDocument.id.desc()
        )
    ).scalars()
    by_level: dict[DocumentLevel, list] = {level: [] for level in DocumentLevel}
    for d in rows:
        by_level[DocumentLevel(d.level)].append(d)
    return list(by_level.items())


def document_of(document_id: int) -> NormativeDocument:
    found = db.session.get(NormativeDocument, document_id)
    if found is None:
        abort(404)
    return found


@dataclass
class DocumentFields:
    level: str
    title: str
    number: str
    signed_on: date | None
    link: str = ""
    upload: FileStorage | None = None


def _https_link(text: str) -> str:
    link = (text or "").strip()
    if not link:
        return ""
    if len(link) > LINK_MAX:
        raise Refusal(f"Ссылка — не длиннее {LINK_MAX} символов.", field="link")
    parts = urlsplit(link)
    if parts.scheme != "https" or not parts.hostname or any(c.isspace() for c in link):
        raise Refusal(
            "Ссылка должна быть полным адресом, начинающимся с https:// (например, "
            "https://docs.edu.gov.ru/…).",
            field="link",
        )
    return link


def _clean(fields: DocumentFields) -> dict:
    level = DocumentLevel.parse(fields.level)
    if level is None:
        raise Refusal("Выберите уровень документа.", field="level")
    title = " ".join((fields.title or "").split())
    if not title:
        raise Refusal("Укажите название документа.", field="title")
    if len(title) > TITLE_MAX:
        raise Refusal(f"Название — не длиннее {TITLE_MAX} символов.", field="title")
    number = " ".join((fields.number or "").split())
    if len(number) > NUMBER_MAX:
        raise Refusal(f"Номер — не длиннее {NUMBER_MAX} символов.", field="number")
    if fields.signed_on is None:
        raise Refusal("Укажите дату документа.", field="signed_on")
    return {"level": level, "title": title, "number": number, "signed_on": fields.signed_on}


def _file_or_link(fields: DocumentFields, had_file: bool):
    """The checked new file (or None) and the link; a document keeps one of the two."""
    link = _https_link(fields.link)
    upload = fields.upload if fields.upload is not None and fields.upload.filename else None
    if upload is not None and link:
        raise Refusal(
            "Документ публикуется либо файлом, либо ссылкой: очистите ссылку или не выбирайте "
            "файл.",
            field="link",
        )
    checked = None
    if upload is not None:
        try:
            checked = checked_file(upload, FILE_KINDS, MAX_FILE_BYTES)
        except Refusal as refusal:
            raise Refusal(refusal.message, field="upload") from None
    elif not link and not had_file:
        raise Refusal(
            "Приложите файл документа (PDF, DOCX, ODT) или укажите ссылку.", field="upload"
        )
    return checked, link


def _apply(document: NormativeDocument, values: dict, checked, link: str, by) -> None:
    for name, value in values.items():
        setattr(document, name, value)
    document.updated_at = utcnow()
    document.updated_by_id = getattr(by, "id", None)
    if checked is not None:
        document.file_key = uuid.uuid4().hex
        document.filename = checked.name
        document.content_type = checked.content_type
        document.size = len(checked.data)
        document.link = ""
    elif link:
        # A link in place of a file: the file stays on disk, no longer offered (a request
        # refused later in its course must not lose it).
        document.link = link
        document.file_key = None
        document.filename = document.content_type = ""
        document.size = 0
    db.session.flush()
    if checked is not None:
        folder().mkdir(parents=True, exist_ok=True)
        path_of(document).write_bytes(checked.data)


def add_document(fields: DocumentFields, by=None) -> NormativeDocument:
    values = _clean(fields)
    checked, link = _file_or_link(fields, had_file=False)
    document = NormativeDocument(**values)
    db.session.add(document)
    _apply(document, values, checked, link, by)
    return document


def update_document(document: NormativeDocument, fields: DocumentFields, by=None) -> None:
    values = _clean(fields)
    checked, link = _file_or_link(fields, had_file=document.has_file)
    _apply(document, values, checked, link, by)


def remove_document(document: NormativeDocument) -> None:
    db.session.delete(document)
    db.session.flush()
