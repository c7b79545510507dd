"""The register of the school's orders (приказы) and the ones the platform drafts."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.tenancy import SchoolOwned

KINDS = {
    "pairings": "О закреплении наставнических пар/групп",
    "program_end": "О завершении персонализированной программы наставничества",
    "regulation": "Об утверждении положения и дорожной карты",
    "curator": "О назначении куратора и координатора",
    "working_group": "Об утверждении состава рабочей группы",
    "other": "Иной приказ",
}

STATUSES = {"draft": "Проект", "signed": "Подписан"}


class SchoolOrder(SchoolOwned, db.Model):
    """An order of the director. A draft has no number; recording one signs it."""

    __tablename__ = "school_order"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    number: Mapped[str | None] = mapped_column(String(40))
    signed_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    # What the document says, frozen when drafted, so that it downloads the same again.
    content: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def status_label(self) -> str:
        return STATUSES[self.status]
