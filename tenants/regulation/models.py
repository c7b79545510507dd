"""The school's Regulation (its amended sections, each a version) and the legal basis its order
cites, filled once and remembered."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.tenancy import SchoolOwned


class SectionVersion(SchoolOwned, db.Model):
    """A section of the Regulation as the school amended it (9.2); the latest version is in
    force, the district's model text before any."""

    __tablename__ = "regulation_section_version"
    __school_table_args__ = (UniqueConstraint("school_id", "section", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    section: Mapped[int] = mapped_column()
    version: Mapped[int] = mapped_column()
    title: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)  # paragraphs separated by blank lines
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))


class LegalBasis(SchoolOwned, db.Model):
    """What the preamble of the order cites and its approval blocks state (order № 90-од)."""

    __tablename__ = "regulation_legal_basis"
    __school_table_args__ = (UniqueConstraint("school_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The district's order on the model Regulation.
    district_body: Mapped[str] = mapped_column(String(300))
    district_order_date: Mapped[date] = mapped_column(Date)
    district_order_number: Mapped[str] = mapped_column(String(40))
    district_order_title: Mapped[str] = mapped_column(String(300))
    # The pedagogical council's decision (РАССМОТРЕНО).
    council_date: Mapped[date | None] = mapped_column(Date)
    council_protocol: Mapped[str] = mapped_column(String(40), default="")
    # The opinion of the primary trade union organisation.
    union_date: Mapped[date | None] = mapped_column(Date)
    union_protocol: Mapped[str] = mapped_column(String(40), default="")
    # The methodological association's agreement (СОГЛАСОВАНО).
    mo_date: Mapped[date | None] = mapped_column(Date)
    mo_protocol: Mapped[str] = mapped_column(String(40), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
