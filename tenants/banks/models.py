"""The mentee bank (roadmap stage 2) and the mentor bank (stage 3)."""

from datetime import date

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nastavnik.extensions import db
from nastavnik.tenancy import SchoolOwned, school_fk
from nastavnik.tenants.staff.models import Staff
from nastavnik.tenants.vocabulary import MenteeCategory
from nastavnik.types import CodeList, Enumerated, LabelledEnum


class MenteeStatus(LabelledEnum):
    WAITING = "waiting", "Ожидает наставника"
    IN_PROGRAM = "in_program", "В программе наставничества"
    FINISHED = "finished", "Завершил программу"
    LEFT = "left", "Выбыл из банка"


# Still in the mentee bank (a finished one may come back with a new request).
MENTEE_IN_BANK = frozenset({MenteeStatus.WAITING, MenteeStatus.IN_PROGRAM})


class MentorStatus(LabelledEnum):
    ACTIVE = "active", "В банке"
    LEFT = "left", "Выбыл из банка"


class TrainingKind(LabelledEnum):
    SESSION = "session", "Установочная сессия"
    INTERNSHIP = "internship", "Стажировка"
    COURSE = "course", "Курсы повышения квалификации"
    SEMINAR = "seminar", "Семинар"


_STAFF_JOIN = "and_({0}.staff_id == Staff.id, {0}.school_id == Staff.school_id)"


class MenteeEntry(SchoolOwned, db.Model):
    """A teacher in the mentee bank: who needs mentoring and why."""

    __journal__ = "Запись в банке наставляемых"  # journal/services.py

    __school_table_args__ = (school_fk("staff_id", "staff"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(index=True)
    category: Mapped[MenteeCategory] = mapped_column(Enumerated(MenteeCategory, 20))
    requests: Mapped[tuple[str, ...]] = mapped_column(CodeList, default=())  # codes of Area
    difficulties: Mapped[str] = mapped_column(Text, default="")  # in the teacher's words
    status: Mapped[MenteeStatus] = mapped_column(
        Enumerated(MenteeStatus, 20), default=MenteeStatus.WAITING
    )
    added_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)

    staff: Mapped[Staff] = relationship(
        primaryjoin=_STAFF_JOIN.format("MenteeEntry"), foreign_keys="[MenteeEntry.staff_id]"
    )

    @property
    def category_label(self) -> str:
        return MenteeCategory(self.category).label

    @property
    def status_label(self) -> str:
        return MenteeStatus(self.status).label


class MentorEntry(SchoolOwned, db.Model):
    """A teacher in the mentor bank: who can mentor, in what, how many at once."""

    __journal__ = "Запись в банке наставников"  # journal/services.py

    __school_table_args__ = (school_fk("staff_id", "staff"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(index=True)
    competences: Mapped[tuple[str, ...]] = mapped_column(CodeList, default=())  # codes of Area
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    preferred_forms: Mapped[tuple[str, ...]] = mapped_column(CodeList, default=())
    digital_strong: Mapped[bool] = mapped_column(default=False)
    # The survey of potential mentors (анкетирование), in the mentor's words.
    survey_motivation: Mapped[str] = mapped_column(Text, default="")
    survey_experience: Mapped[str] = mapped_column(Text, default="")
    survey_expectations: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[MentorStatus] = mapped_column(
        Enumerated(MentorStatus, 20), default=MentorStatus.ACTIVE
    )
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
        return MentorStatus(self.status).label


class MentorTraining(SchoolOwned, db.Model):
    """A mentor's training record: an induction session, an internship, a course."""

    __school_table_args__ = (school_fk("mentor_id", "mentor_entry"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mentor_id: Mapped[int] = mapped_column(index=True)
    kind: Mapped[TrainingKind] = mapped_column(Enumerated(TrainingKind, 20))
    title: Mapped[str] = mapped_column(String(300))
    held_on: Mapped[date] = mapped_column(Date)
    hours: Mapped[int | None] = mapped_column(Integer)

    @property
    def kind_label(self) -> str:
        return TrainingKind(self.kind).label
