"""The district's news: a title, the date it is shown from, a text in Markdown (rendered through
nastavnik.markup, sanitised). Services flush, never commit."""

from dataclasses import dataclass
from datetime import date

from flask import abort
from sqlalchemy import select

from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.refusals import Refusal
from nastavnik.tenants.public.models import DistrictNews

TITLE_MAX, BODY_MAX = 200, 20_000


def all_news() -> list[DistrictNews]:
    return list(
        db.session.execute(
            select(DistrictNews).order_by(DistrictNews.published_on.desc(), DistrictNews.id.desc())
        ).scalars()
    )


def news_of(news_id: int) -> DistrictNews:
    found = db.session.get(DistrictNews, news_id)
    if found is None:
        abort(404)
    return found


@dataclass
class NewsFields:
    title: str
    published_on: date | None
    body: str


def _clean(fields: NewsFields) -> dict:
    title = " ".join((fields.title or "").split())
    if not title:
        raise Refusal("Укажите заголовок.", field="title")
    if len(title) > TITLE_MAX:
        raise Refusal(f"Заголовок — не длиннее {TITLE_MAX} символов.", field="title")
    if fields.published_on is None:
        raise Refusal("Укажите дату новости.", field="published_on")
    body = (fields.body or "").strip()
    if not body:
        raise Refusal("Напишите текст новости.", field="body")
    if len(body) > BODY_MAX:
        raise Refusal("Текст — не длиннее 20 000 символов.", field="body")
    return {"title": title, "published_on": fields.published_on, "body": body}


def add_news(fields: NewsFields, by=None) -> DistrictNews:
    news = DistrictNews(**_clean(fields), updated_by_id=getattr(by, "id", None))
    db.session.add(news)
    db.session.flush()
    return news


def update_news(news: DistrictNews, fields: NewsFields, by=None) -> None:
    for name, value in _clean(fields).items():
        setattr(news, name, value)
    news.updated_at = utcnow()
    news.updated_by_id = getattr(by, "id", None)
    db.session.flush()


def remove_news(news: DistrictNews) -> None:
    db.session.delete(news)
    db.session.flush()
