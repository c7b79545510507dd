"""What the school writes for its public section: an introduction, news and recommendations."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.tenancy import SchoolOwned
from nastavnik.types import Enumerated, LabelledEnum


class PostKind(LabelledEnum):
    NEWS = "news", "Новость"
    ANNOUNCEMENT = "announcement", "Анонс мероприятия"
    RECOMMENDATION = "recommendation", "Методические рекомендации"


class PostStatus(LabelledEnum):
    DRAFT = "draft", "Черновик"
    PUBLISHED = "published", "Опубликовано"


class PublicSettings(SchoolOwned, db.Model):
    """One per school: what mentoring is here, and the general contact the school publishes."""

    __tablename__ = "public_settings"
    __school_table_args__ = (UniqueConstraint("school_id", name="uq_public_settings_school"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    introduction: Mapped[str] = mapped_column(Text, default="")  # Markdown
    # Only a general contact of the school (its reception, its site): never a person's own.
    contact: Mapped[str] = mapped_column(String(300), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))


class PublicPost(SchoolOwned, db.Model):
    """A news item, an announcement of an event or a methodological recommendation."""

    __tablename__ = "public_post"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[PostKind] = mapped_column(Enumerated(PostKind, 20))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")  # Markdown
    status: Mapped[PostStatus] = mapped_column(Enumerated(PostStatus, 10), default=PostStatus.DRAFT)
    published_on: Mapped[date | None] = mapped_column(Date)
    # An announcement (or a news item announcing one) names the event's day and place.
    event_on: Mapped[date | None] = mapped_column(Date)
    event_place: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def kind_label(self) -> str:
        return PostKind(self.kind).label

    @property
    def status_label(self) -> str:
        return PostStatus(self.status).label

    @property
    def is_published(self) -> bool:
        return self.status == PostStatus.PUBLISHED


# What the district publishes for every school: not a school's (no school_id), read by all.


class DocumentLevel(LabelledEnum):
    FEDERAL = "federal", "Федеральные документы"
    REGIONAL = "regional", "Региональные документы"
    DISTRICT = "district", "Документы Управления образования района"


class NormativeDocument(db.Model):
    """A document of the normative base: a file kept by the platform, or a link to it."""

    __tablename__ = "normative_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    level: Mapped[DocumentLevel] = mapped_column(Enumerated(DocumentLevel, 10))
    title: Mapped[str] = mapped_column(String(500))
    number: Mapped[str] = mapped_column(String(100), default="")
    signed_on: Mapped[date | None] = mapped_column(Date)
    link: Mapped[str] = mapped_column(String(500), default="")  # https only
    # The file, when one is kept: under UPLOAD_FOLDER/district/<file_key>, its type checked.
    file_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(String(200), default="")
    content_type: Mapped[str] = mapped_column(String(120), default="")
    size: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))

    @property
    def level_label(self) -> str:
        return DocumentLevel(self.level).label

    @property
    def has_file(self) -> bool:
        return self.file_key is not None


class DistrictNews(db.Model):
    """A news item of the Education Department, shown to every school from its date on."""

    __tablename__ = "district_news"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    published_on: Mapped[date] = mapped_column(Date)
    body: Mapped[str] = mapped_column(Text, default="")  # Markdown
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
