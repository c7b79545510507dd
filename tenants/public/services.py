"""Writing the public section: its settings and posts, each change through one function.

A post is a draft until published; only published posts reach the public pages (8.1).
"""

from datetime import date

from sqlalchemy import select

from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.refusals import Refusal

from .models import PostKind, PostStatus, PublicPost, PublicSettings

TITLE_MAX = 200
BODY_MAX = 20_000
INTRODUCTION_MAX = 10_000
CONTACT_MAX = 300
PLACE_MAX = 200


def settings() -> PublicSettings:
    """The school's settings of its section; unsaved defaults until written once."""
    found = db.session.execute(select(PublicSettings)).scalar_one_or_none()
    return found or PublicSettings(introduction="", contact="")


def save_settings(introduction: str, contact: str, by=None) -> PublicSettings:
    introduction = (introduction or "").strip()
    contact = " ".join((contact or "").split())
    if len(introduction) > INTRODUCTION_MAX:
        raise Refusal(f"Вступление — не длиннее {INTRODUCTION_MAX} символов.", field="introduction")
    if len(contact) > CONTACT_MAX:
        raise Refusal(f"Контакт — не длиннее {CONTACT_MAX} символов.", field="contact")
    current = settings()
    current.introduction = introduction
    current.contact = contact
    current.updated_at = utcnow()
    current.updated_by_id = getattr(by, "id", None)
    db.session.add(current)
    db.session.flush()
    return current


def _checked(kind, title, body, event_on, event_place):
    parsed = PostKind.parse(kind)
    if parsed is None:
        raise Refusal("Выберите вид публикации.", field="kind")
    title = " ".join((title or "").split())
    body = (body or "").strip()
    event_place = " ".join((event_place or "").split())
    if not title:
        raise Refusal("Укажите заголовок.", field="title")
    if len(title) > TITLE_MAX:
        raise Refusal(f"Заголовок — не длиннее {TITLE_MAX} символов.", field="title")
    if not body:
        raise Refusal("Напишите текст публикации.", field="body")
    if len(body) > BODY_MAX:
        raise Refusal(f"Текст — не длиннее {BODY_MAX} символов.", field="body")
    if len(event_place) > PLACE_MAX:
        raise Refusal(f"Место — не длиннее {PLACE_MAX} символов.", field="event_place")
    if parsed == PostKind.RECOMMENDATION and (event_on or event_place):
        raise Refusal("У методических рекомендаций нет даты и места мероприятия.", field="event_on")
    if parsed == PostKind.ANNOUNCEMENT and event_on is None:
        raise Refusal("Укажите дату мероприятия, о котором анонс.", field="event_on")
    if event_place and event_on is None:
        raise Refusal("Укажите дату мероприятия.", field="event_on")
    return parsed, title, body, event_place


def create_post(kind, title, body, *, event_on=None, event_place="", by=None) -> PublicPost:
    """A new post, a draft: nobody outside sees it until it is published."""
    kind, title, body, event_place = _checked(kind, title, body, event_on, event_place)
    post = PublicPost(
        kind=kind,
        title=title,
        body=body,
        event_on=event_on,
        event_place=event_place,
        status=PostStatus.DRAFT,
        created_by_id=getattr(by, "id", None),
    )
    db.session.add(post)
    db.session.flush()
    return post


def update_post(post: PublicPost, kind, title, body, *, event_on=None, event_place="") -> None:
    kind, title, body, event_place = _checked(kind, title, body, event_on, event_place)
    post.kind, post.title, post.body = kind, title, body
    post.event_on, post.event_place = event_on, event_place
    post.updated_at = utcnow()
    db.session.flush()


def publish_post(post: PublicPost, on: date) -> None:
    if post.status == PostStatus.PUBLISHED:
        raise Refusal("Публикация уже опубликована.")
    post.status = PostStatus.PUBLISHED
    post.published_on = on
    db.session.flush()


def withdraw_post(post: PublicPost) -> None:
    """Back to a draft: it leaves the public pages at once."""
    if post.status != PostStatus.PUBLISHED:
        raise Refusal("Публикация и так не опубликована.")
    post.status = PostStatus.DRAFT
    db.session.flush()


def delete_post(post: PublicPost) -> None:
    db.session.delete(post)
    db.session.flush()


def all_posts() -> list[PublicPost]:
    """Every post of the school for those who write them: drafts first, then the newest."""
    posts = db.session.execute(select(PublicPost)).scalars().all()
    return sorted(
        posts,
        key=lambda p: (p.is_published, -(p.published_on or p.created_at.date()).toordinal(), -p.id),
    )


def published_posts(*kinds: PostKind, limit: int | None = None) -> list[PublicPost]:
    statement = (
        select(PublicPost)
        .where(PublicPost.status == PostStatus.PUBLISHED)
        .order_by(PublicPost.published_on.desc(), PublicPost.id.desc())
    )
    if kinds:
        statement = statement.where(PublicPost.kind.in_(kinds))
    if limit:
        statement = statement.limit(limit)
    return list(db.session.execute(statement).scalars())


def published_post(post_id: int) -> PublicPost | None:
    return db.session.execute(
        select(PublicPost).where(
            PublicPost.id == post_id, PublicPost.status == PostStatus.PUBLISHED
        )
    ).scalar_one_or_none()
