"""A best practice, its authors, files and the record of every step of its path."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.tenancy import SchoolOwned, school_fk
from nastavnik.tenants.vocabulary import Area, MentoringForm
from nastavnik.types import CodeList, Enumerated, LabelledEnum
from nastavnik.uploads import StoredFile


class PracticeStatus(LabelledEnum):
    """The path of a best practice: the school's bank, then the district's library."""

    DRAFT = "draft", "Черновик"
    PUBLISHED = "published", "Опубликована в школе"
    SUBMITTED = "submitted", "Направлена в район"
    SHARED = "shared", "Доступна всем школам"
    RETURNED = "returned", "Возвращена на доработку"
    WITHDRAWN = "withdrawn", "Снята с публикации"


# What anyone may read: published in the school, and what went on from there.
PUBLIC_STATUSES = (PracticeStatus.PUBLISHED, PracticeStatus.SUBMITTED, PracticeStatus.SHARED)

_OWN = "and_({child}.{fk} == {parent}.id, {child}.school_id == {parent}.school_id)"

# PostgreSQL keeps the Russian full-text vector beside the row; SQLite keeps an FTS5 table.
SearchVector = TSVECTOR().with_variant(Text(), "sqlite")


class Practice(SchoolOwned, db.Model):
    __school_table_args__ = (
        school_fk("program_id", "program"),
        Index("ix_practice_search", "search_vector", postgresql_using="gin"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")  # Markdown, as the school wrote it
    forms: Mapped[tuple[str, ...]] = mapped_column(CodeList, default=())  # MentoringForm codes
    areas: Mapped[tuple[str, ...]] = mapped_column(CodeList, default=())  # Area codes
    year: Mapped[int] = mapped_column(Integer, index=True)  # the academic year's first year
    program_id: Mapped[int | None] = mapped_column(index=True)
    status: Mapped[PracticeStatus] = mapped_column(
        Enumerated(PracticeStatus, 12), default=PracticeStatus.DRAFT, index=True
    )
    return_comment: Mapped[str] = mapped_column(Text, default="")
    views: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    shared_at: Mapped[datetime | None] = mapped_column()
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    search_vector: Mapped[str | None] = mapped_column(SearchVector)

    authors: Mapped[list["PracticeAuthor"]] = relationship(
        primaryjoin=_OWN.format(child="PracticeAuthor", fk="practice_id", parent="Practice"),
        foreign_keys="[PracticeAuthor.practice_id]",
        order_by="PracticeAuthor.id",
        viewonly=True,
    )
    files: Mapped[list["PracticeFile"]] = relationship(
        primaryjoin=_OWN.format(child="PracticeFile", fk="practice_id", parent="Practice"),
        foreign_keys="[PracticeFile.practice_id]",
        order_by="PracticeFile.id",
        viewonly=True,
    )
    steps: Mapped[list["PracticeStep"]] = relationship(
        primaryjoin=_OWN.format(child="PracticeStep", fk="practice_id", parent="Practice"),
        foreign_keys="[PracticeStep.practice_id]",
        order_by="(PracticeStep.at, PracticeStep.id)",
        viewonly=True,
    )

    @property
    def status_label(self) -> str:
        return PracticeStatus(self.status).label

    @property
    def year_label(self) -> str:
        return f"{self.year}/{self.year + 1} учебный год"

    @property
    def form_labels(self) -> list[str]:
        return [MentoringForm(c).label for c in self.forms if MentoringForm.parse(c)]

    @property
    def area_labels(self) -> list[str]:
        return [Area(c).label for c in self.areas if Area.parse(c)]


class PracticeAuthor(SchoolOwned, db.Model):
    """A staff member of the school who wrote the practice."""

    __school_table_args__ = (
        school_fk("practice_id", "practice"),
        school_fk("staff_id", "staff"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(index=True)
    staff_id: Mapped[int] = mapped_column(index=True)


class PracticeFile(SchoolOwned, db.Model):
    """A file of the practice (PDF, Office, an image), kept under instance/."""

    __school_table_args__ = (
        school_fk("practice_id", "practice"),
        school_fk("file_id", "stored_file"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(index=True)
    file_id: Mapped[int] = mapped_column(index=True)

    stored: Mapped[StoredFile] = relationship(
        primaryjoin=_OWN.format(child="PracticeFile", fk="file_id", parent="StoredFile"),
        foreign_keys="[PracticeFile.file_id]",
        viewonly=True,
    )


class PracticeStep(SchoolOwned, db.Model):
    """One step of the path, with who took it and when (the school or the district)."""

    __school_table_args__ = (school_fk("practice_id", "practice"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(index=True)
    from_status: Mapped[PracticeStatus | None] = mapped_column(Enumerated(PracticeStatus, 12))
    to_status: Mapped[PracticeStatus] = mapped_column(Enumerated(PracticeStatus, 12))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    # The district's accounts are not readable in a school's scope: the name is kept as said.
    actor: Mapped[str] = mapped_column(String(300), default="")
    comment: Mapped[str] = mapped_column(Text, default="")

    @property
    def to_label(self) -> str:
        return PracticeStatus(self.to_status).label
