"""Mentoring pairs and groups (section 6) and the forms of mentoring (2.3)."""

from datetime import date

from sqlalchemy import Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nastavnik.extensions import db
from nastavnik.tenancy import SchoolOwned, school_fk
from nastavnik.tenants.staff.models import Staff
from nastavnik.types import Enumerated, LabelledEnum


class PairingStatus(LabelledEnum):
    """proposed → approved (by the director's order, 6.2) → active (its program runs) → ended."""

    PROPOSED = "proposed", "Предложена"
    APPROVED = "approved", "Утверждена приказом"
    ACTIVE = "active", "Действует"
    ENDED = "ended", "Завершена"


# Approved by the director's order and not ended: the pairing is in force (6.2), a program
# may be drawn up for it and its participants may ask to change it.
IN_FORCE = frozenset({PairingStatus.APPROVED, PairingStatus.ACTIVE})
# Not ended: the pairing holds its mentor's capacity and its mentees.
NOT_ENDED = frozenset({PairingStatus.PROPOSED, *IN_FORCE})


class CustomForm(SchoolOwned, db.Model):
    """A form of mentoring the school added to the list of section 2.3."""

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))

    @property
    def code(self) -> str:
        return f"custom:{self.id}"


def person_name(staff: Staff) -> str:
    """«Иванова М.И.», unless the person revoked the data consent (152-ФЗ)."""
    return staff.display_name if staff.data_hidden else staff.short_name


class Pairing(SchoolOwned, db.Model):
    """A pair (one mentee) or a group (two or more) with one mentor."""

    __journal__ = "Пара или группа"  # journal/services.py

    __school_table_args__ = (
        school_fk("mentor_staff_id", "staff"),
        school_fk("order_id", "school_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentor_staff_id: Mapped[int] = mapped_column(index=True)
    form: Mapped[str] = mapped_column(String(40))  # a MentoringForm code or 'custom:<id>'
    status: Mapped[PairingStatus] = mapped_column(
        Enumerated(PairingStatus, 20), default=PairingStatus.PROPOSED
    )
    created_on: Mapped[date] = mapped_column(Date)
    # The mentor's written consent to this pairing (6.2).
    mentor_consent_on: Mapped[date | None] = mapped_column(Date)
    order_id: Mapped[int | None] = mapped_column(index=True)  # the approving order
    approved_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str] = mapped_column(Text, default="")

    mentor: Mapped[Staff] = relationship(
        primaryjoin="and_(Pairing.mentor_staff_id == Staff.id, "
        "Pairing.school_id == Staff.school_id)",
        foreign_keys="[Pairing.mentor_staff_id]",
    )
    members: Mapped[list["PairingMember"]] = relationship(
        primaryjoin="and_(PairingMember.pairing_id == Pairing.id, "
        "PairingMember.school_id == Pairing.school_id)",
        foreign_keys="[PairingMember.pairing_id]",
        order_by="PairingMember.id",
        cascade="all, delete-orphan",
    )

    @property
    def is_group(self) -> bool:
        return len(self.members) > 1

    @property
    def kind_label(self) -> str:
        return "Группа" if self.is_group else "Пара"

    @property
    def name(self) -> str:
        """«Джамалдинова С.Л. — Денилханов А.Р.»; a group: its first mentee «и ещё N»."""
        mentees = [m.mentee for m in self.members]
        first = person_name(mentees[0]) if mentees else "—"
        more = f" и ещё {len(mentees) - 1}" if len(mentees) > 1 else ""
        return f"{person_name(self.mentor)} — {first}{more}"

    @property
    def status_label(self) -> str:
        return PairingStatus(self.status).label


class PairingMember(SchoolOwned, db.Model):
    """A mentee of a pair or group, with their written consent to it."""

    __school_table_args__ = (
        school_fk("pairing_id", "pairing"),
        school_fk("mentee_staff_id", "staff"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pairing_id: Mapped[int] = mapped_column(index=True)
    mentee_staff_id: Mapped[int] = mapped_column(index=True)
    consent_on: Mapped[date | None] = mapped_column(Date)

    mentee: Mapped[Staff] = relationship(
        primaryjoin="and_(PairingMember.mentee_staff_id == Staff.id, "
        "PairingMember.school_id == Staff.school_id)",
        foreign_keys="[PairingMember.mentee_staff_id]",
    )
