"""A record of each erasure (обезличивание) of a teacher's personal details (152-ФЗ, ст. 21)."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.tenancy import SchoolOwned, school_fk
from nastavnik.types import Enumerated, LabelledEnum


class ErasureBasis(LabelledEnum):
    CONSENT_REVOKED = (
        "consent_revoked",
        "Отзыв согласия на обработку персональных данных и истечение срока их хранения "
        "(ч. 5 ст. 21 Федерального закона № 152-ФЗ)",
    )
    REQUEST = (
        "request",
        "Запрос субъекта персональных данных (ст. 14, ч. 3 ст. 21 Федерального закона № 152-ФЗ)",
    )


class Erasure(SchoolOwned, db.Model):
    """The erasure of one teacher's details: what was erased, on which basis, by whom — never the
    erased values. `number` is the N of «Педагог № N», counted within the school."""

    __journal__ = "Обезличивание персональных данных"  # journal/services.py
    __school_table_args__ = (
        school_fk("staff_id", "staff"),
        UniqueConstraint("school_id", "number", name="uq_erasure_school_number"),
        UniqueConstraint("school_id", "staff_id", name="uq_erasure_school_staff"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(index=True)
    number: Mapped[int] = mapped_column(Integer)
    basis: Mapped[ErasureBasis] = mapped_column(Enumerated(ErasureBasis, 20))
    request_number: Mapped[str] = mapped_column(String(60), default="")
    request_on: Mapped[date | None] = mapped_column(Date)
    erased_on: Mapped[date] = mapped_column(Date)
    erased_at: Mapped[datetime] = mapped_column(default=utcnow)
    erased_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    erased_by_name: Mapped[str] = mapped_column(String(200), default="")
    # What was erased, one line each, as the act lists it.
    erased: Mapped[str] = mapped_column(Text, default="")
    files_deleted: Mapped[int] = mapped_column(Integer, default=0)

    @property
    def pseudonym(self) -> str:
        return pseudonym(self.number)

    @property
    def basis_label(self) -> str:
        return ErasureBasis(self.basis).label

    @property
    def erased_lines(self) -> list[str]:
        return [line for line in self.erased.splitlines() if line]


def pseudonym(number: int) -> str:
    return f"Педагог № {number}"
