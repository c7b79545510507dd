"""What the district publishes for every school, as a school reads it: the normative base and
the district's news. The district writes them in its own area; nothing here is a school's."""

from datetime import date

from flask import current_app, url_for
from sqlalchemy import select

from nastavnik.extensions import db
from nastavnik.publication import PublicDocument

from .models import DistrictNews, NormativeDocument
from .normative import COMMON_DOCUMENTS

# The district's public download of a document's file (its own area serves it to anyone).
FILE_ENDPOINT = "district_publishing.document_file"


def _url_of(document: NormativeDocument) -> str | None:
    if document.has_file and FILE_ENDPOINT in current_app.view_functions:
        return url_for(FILE_ENDPOINT, document_id=document.id)
    return document.link or None


def district_documents() -> list[PublicDocument]:
    """The district's normative base, newest first within a level; the documents the platform
    ships (normative.py) until the district has published any of its own."""
    rows = list(
        db.session.execute(
            select(NormativeDocument).order_by(
                NormativeDocument.signed_on.desc(), NormativeDocument.id.desc()
            )
        ).scalars()
    )
    if not rows:
        return list(COMMON_DOCUMENTS)
    return [
        PublicDocument(
            title=d.title,
            number=d.number,
            signed_on=d.signed_on,
            level=str(d.level),
            url=_url_of(d),
        )
        for d in rows
    ]


def district_news(on: date, limit: int | None = None) -> list[DistrictNews]:
    """The district's news dated up to `on`, the latest first."""
    statement = (
        select(DistrictNews)
        .where(DistrictNews.published_on <= on)
        .order_by(DistrictNews.published_on.desc(), DistrictNews.id.desc())
    )
    if limit is not None:
        statement = statement.limit(limit)
    return list(db.session.execute(statement).scalars())
