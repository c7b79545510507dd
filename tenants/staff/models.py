"""The staff register: the school's teaching staff (personal data, kept with consent)."""

from datetime import date

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from nastavnik.extensions import db
from nastavnik.tenancy import SchoolOwned, school_fk
from nastavnik.tenants.vocabulary import QualificationCategory
from nastavnik.types import Enumerated

HIDDEN = "Данные скрыты: согласие отозвано"

YOUNG_TEACHING_YEARS = 3  # a young (beginning) teacher: teaching experience under three years
YOUNG_AGE = 35  # the other measure of youth the statistics give, where the birth date is known


class Staff(SchoolOwned, db.Model):
    """A teaching staff member (педагогический работник) of one school."""

    __journal__ = "Педагог"  # journal/services.py

    __school_table_args__ = (school_fk("account_id", "account"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    middle_name: Mapped[str] = mapped_column(String(100), default="")
    position: Mapped[str] = mapped_column(String(200))
    subjects: Mapped[str] = mapped_column(Text, default="")  # comma-separated, as typed
    total_years: Mapped[int | None] = mapped_column(Integer)
    teaching_years: Mapped[int | None] = mapped_column(Integer)
    category: Mapped[QualificationCategory] = mapped_column(
        Enumerated(QualificationCategory, 20), default=QualificationCategory.NONE
    )
    hired_on: Mapped[date | None] = mapped_column(Date)
    born_on: Mapped[date | None] = mapped_column(Date)  # optional: only for the age figures
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    account_id: Mapped[int | None] = mapped_column(index=True)
    # Set when the data-processing consent is revoked: the details are then shown nowhere
    # but in the consent history (152-ФЗ), and the person leaves both banks.
    data_hidden: Mapped[bool] = mapped_column(default=False)
    # Set when the personal details were erased (nastavnik.tenants.privacy): the name is then
    # «Педагог № N», the contacts and the birth date are gone, and nothing is edited again.
    erased_on: Mapped[date | None] = mapped_column(Date)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @property
    def short_name(self) -> str:
        initials = "".join(f"{p[0]}." for p in (self.first_name, self.middle_name) if p)
        return f"{self.last_name} {initials}".strip()

    @property
    def display_name(self) -> str:
        """The name as every screen but the consent history shows it."""
        return HIDDEN if self.data_hidden and self.erased_on is None else self.full_name

    @property
    def subject_list(self) -> list[str]:
        return [s.strip() for s in self.subjects.split(",") if s.strip()]

    @property
    def is_young(self) -> bool:
        """A young teacher; an unknown length of service is not young."""
        return self.teaching_years is not None and self.teaching_years < YOUNG_TEACHING_YEARS

    @property
    def category_label(self) -> str:
        return QualificationCategory(self.category).label
