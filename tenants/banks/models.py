"""The mentee bank (roadmap stage 2) and the mentor bank (stage 3)."""

from datetime import date

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nastavnik.extensions import db
from nastavnik.tenancy import SchoolOwned, school_fk
from nastavnik.tenants.staff.models import Staff
from nastavnik.types import CodeList

MENTEE_CATEGORIES = {
    "young": "Молодой / начинающий педагог",
    "new_to_school": "Педагог, впервые пришедший в школу",
    "new_position": "Педагог на новом предмете или должности",
    "difficulties": "Педагог с профессиональными затруднениями",
    "reverse": "Опытный педагог (обратное наставничество)",
}

MENTEE_STATUSES = {
    "waiting": "Ожидает наставника",
    "in_program": "В программе наставничества",
    "finished": "Завершил программу",
    "left": "Выбыл из банка",
}

MENTOR_STATUSES = {"active": "В банке", "left": "Выбыл из банка"}

TRAINING_KINDS = {
    "session": "Установочная сессия",
    "internship": "Стажировка",
    "course": "Курсы повышения квалификации",
    "seminar": "Семинар",
}

_STAFF_JOIN = "and_({0}.staff_id == Staff.id, {0}.school_id == Staff.school_id)"


class MenteeEntry(SchoolOwned, db.Model):
    """A teacher in the mentee bank: who needs mentoring and why."""

    __school_table_args__ = (school_fk("staff_id", "staff"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(index=True)
    category: Mapped[str] = mapped_column(String(20))
    requests: Mapped[tuple[str, ...]] = mapped_column(CodeList, default=())  # areas (AREAS)
    difficulties: Mapped[str] = mapped_column(Text, default="")  # in the teacher's words
    status: Mapped[str] = mapped_column(String(20), default="waiting")
    added_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)

    staff: Mapped[Staff] = relationship(
        primaryjoin=_STAFF_JOIN.format("MenteeEntry"), foreign_keys="[MenteeEntry.staff_id]"
    )

    @property
    def category_label(self) -> str:
        return MENTEE_CATEGORIES[self.category]

    @property
    def status_label(self) -> str:
        return MENTEE_STATUSES[self.status]


class MentorEntry(SchoolOwned, db.Model):
    """A teacher in the mentor bank: who can mentor, in what, how many at once."""

    __school_table_args__ = (school_fk("staff_id", "staff"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(index=True)
    competences: Mapped[tuple[str, ...]] = mapped_column(CodeList, default=())  # AREAS
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    preferred_forms: Mapped[tuple[str, ...]] = mapped_column(CodeList, default=())
    digital_strong: Mapped[bool] = mapped_column(default=False)
    # The survey of potential mentors (анкетирование), in the mentor's words.
    survey_motivation: Mapped[str] = mapped_column(Text, default="")
    survey_experience: Mapped[str] = mapped_column(Text, default="")
    survey_expectations: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="active")
    added_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)

    staff: Mapped[Staff] = relationship(
        primaryjoin=_STAFF_JOIN.format("MentorEntry"), foreign_keys="[MentorEntry.staff_id]"
    )
    trainings: Mapped[list["MentorTraining"]] = relationship(
        primaryjoin="and_(MentorTraining.mentor_id == MentorEntry.id, "
        "MentorTraining.school_id == MentorEntry.school_id)",
        foreign_keys="[MentorTraining.mentor_id]",
        order_by="MentorTraining.held_on",
        viewonly=True,
    )

    @property
    def status_label(self) -> str:
        return MENTOR_STATUSES[self.status]


class MentorTraining(SchoolOwned, db.Model):
    """A mentor's training record: an induction session, an internship, a course."""

    __school_table_args__ = (school_fk("mentor_id", "mentor_entry"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mentor_id: Mapped[int] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    held_on: Mapped[date] = mapped_column(Date)
    hours: Mapped[int | None] = mapped_column(Integer)

    @property
    def kind_label(self) -> str:
        return TRAINING_KINDS[self.kind]
