"""The register of the school's orders (приказы) and the ones the platform drafts."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column

from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.tenancy import SchoolOwned, school_fk
from nastavnik.types import Enumerated, LabelledEnum


class OrderKind(LabelledEnum):
    PAIRINGS = "pairings", "О закреплении наставнических пар/групп"
    PROGRAM_END = "program_end", "О завершении персонализированной программы наставничества"
    REGULATION = "regulation", "Об утверждении положения и дорожной карты"
    CURATOR = "curator", "О назначении куратора и координатора"
    WORKING_GROUP = "working_group", "Об утверждении состава рабочей группы"
    TARGET_MODEL = "target_model", "О реализации целевой модели наставничества"
    OTHER = "other", "Иной приказ"


class OrderStatus(LabelledEnum):
    DRAFT = "draft", "Проект"
    SIGNED = "signed", "Подписан"


class SchoolOrder(SchoolOwned, db.Model):
    """An order of the director. A draft has no number; recording one signs it."""

    __journal__ = "Приказ"  # journal/services.py

    __tablename__ = "school_order"
    __school_table_args__ = (school_fk("scan_file_id", "stored_file"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[OrderKind] = mapped_column(Enumerated(OrderKind, 20))
    title: Mapped[str] = mapped_column(String(300))
    number: Mapped[str | None] = mapped_column(String(40))
    signed_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[OrderStatus] = mapped_column(
        Enumerated(OrderStatus, 10), default=OrderStatus.DRAFT
    )
    # What the document says, frozen when drafted, so that it downloads the same again.
    content: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    # The scan of the signed paper (PDF or image), kept in the school's uploads.
    scan_file_id: Mapped[int | None] = mapped_column(index=True)
    # The director shows a signed order in the school's public section (8.1: local documents).
    public: Mapped[bool] = mapped_column(default=False, server_default=false())

    @property
    def kind_label(self) -> str:
        return OrderKind(self.kind).label

    @property
    def status_label(self) -> str:
        return OrderStatus(self.status).label
