"""The parts of the annual report that the curator writes; the figures come from the data."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.tenancy import SchoolOwned

TEXT_LIMIT = 5000  # characters in each written part: a page or two of the report


class AnnualReport(SchoolOwned, db.Model):
    """The curator's text of one academic year's report (3.4), one per school and year."""

    __school_table_args__ = (UniqueConstraint("school_id", "year_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year_start: Mapped[int] = mapped_column(Integer)  # 2025 is 2025/2026
    aims: Mapped[str] = mapped_column(Text, default="")
    conclusions: Mapped[str] = mapped_column(Text, default="")
    tasks: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
