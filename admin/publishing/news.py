"""The district's news: a title, the date it is shown from, a text in Markdown (rendered through
nastavnik.markup, sanitised). Services flush, never commit."""

from dataclasses import dataclass
from datetime import date

from flask import abort
from sqlalchemy import select

from nastavnik.dates import AcademicYear, format_date, today
from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.refusals import Refusal
from nastavnik.tenants.public.models import DistrictNews

TITLE_MAX, BODY_MAX = 200, 20_000
# News of the platform's years: from its first academic year to the end of the next one (a
# date typed as 1900 or 2100 is a slip of the keyboard, and 2100 would hide the news for good).
FIRST_YEAR, YEARS_AHEAD = 2015, 1


def news_dates(on: date) -> tuple[date, date]:
    """The first and the last day a news item may be dated, on the day `on`."""
    ahead = AcademicYear(AcademicYear.containing(on).start_year + YEARS_AHEAD)
    return AcademicYear(FIRST_YEAR).start, ahead.end


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
    earliest, latest = news_dates(today())
    if not earliest <= fields.published_on <= latest:
        raise Refusal(
            f"Дата новости — с {format_date(earliest)} по {format_date(latest)}",
            field="published_on",
        )
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
