"""Consents as records (152-ФЗ): data processing, a mentor's duties, publication."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text, and_, or_
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.tenancy import SchoolOwned, school_fk
from nastavnik.tenants.staff.models import Staff
from nastavnik.types import Enumerated, LabelledEnum


class ConsentKind(LabelledEnum):
    PERSONAL_DATA = "personal_data", "Согласие на обработку персональных данных"
    MENTOR_DUTY = "mentor_duty", "Согласие наставника на исполнение обязанностей"
    PUBLICATION = "publication", "Согласие на публикацию ФИО и результатов"


# What a mentor needs to be assigned: their data may be processed, and they took on the duties.
MENTOR_CONSENTS = frozenset({ConsentKind.PERSONAL_DATA, ConsentKind.MENTOR_DUTY})


class Consent(SchoolOwned, db.Model):
    __journal__ = "Согласие"  # journal/services.py
    __school_table_args__ = (
        school_fk("staff_id", "staff"),
        school_fk("file_id", "stored_file"),
        # Consents ending soon (the menu's count on every page): a range, not the whole school.
        Index("ix_consent_ending", "school_id", "valid_until"),
        # A person's consent of a kind, looked up from a bank, a pair or a statistic: without it
        # SQLite joins two consents of the whole school to each other (the district's page of a
        # large school: 240 ms for the mentors with both consents, 2 ms with it).
        Index("ix_consent_person", "school_id", "staff_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(index=True)
    kind: Mapped[ConsentKind] = mapped_column(Enumerated(ConsentKind, 20))
    purpose: Mapped[str] = mapped_column(Text, default="")
    data_list: Mapped[str] = mapped_column(Text, default="")
    signed_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    paper_number: Mapped[str] = mapped_column(String(60), default="")
    file_id: Mapped[int | None] = mapped_column()
    revoked_on: Mapped[date | None] = mapped_column(Date)
    revoke_reason: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))

    staff: Mapped[Staff] = relationship(
        primaryjoin="and_(Consent.staff_id == Staff.id, Consent.school_id == Staff.school_id)",
        foreign_keys="[Consent.staff_id]",
    )

    @property
    def kind_label(self) -> str:
        return ConsentKind(self.kind).label

    @hybrid_method
    def is_valid(self, on: date) -> bool:
        """Signed by the day, not revoked, not expired on it (a condition in SQL on the class)."""
        return (
            self.revoked_on is None
            and self.signed_on <= on
            and (self.valid_until is None or self.valid_until >= on)
        )

    @is_valid.expression
    @classmethod
    def _is_valid(cls, on: date):
        return and_(
            cls.revoked_on.is_(None),
            cls.signed_on <= on,
            or_(cls.valid_until.is_(None), cls.valid_until >= on),
        )
