"""Questionnaires: a template with its questions, who is asked to fill it, and the answers.

Anonymity (the monitoring's promise to the respondents): «has answered» lives on the
`Assignment` (the person), the answers on the `Response` (no person when the questionnaire is
anonymous, and only the day it came in). Nothing joins the two.
"""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.tenancy import SchoolOwned, school_fk
from nastavnik.types import Enumerated, LabelledEnum


class Purpose(LabelledEnum):
    """What a questionnaire is for; the first three are sent by the platform itself."""

    MENTEE_END = "mentee_end", "Наставляемому по завершении программы"
    MENTOR_END = "mentor_end", "Наставнику по завершении программы"
    POTENTIAL_MENTOR = "potential_mentor", "Анкетирование потенциальных наставников"
    OTHER = "other", "Другое (рассылает куратор)"


AUTOMATIC = (Purpose.MENTEE_END, Purpose.MENTOR_END, Purpose.POTENTIAL_MENTOR)


class QuestionKind(LabelledEnum):
    SCALE = "scale", "Шкала"
    SINGLE = "single", "Один вариант из списка"
    MULTIPLE = "multiple", "Несколько вариантов из списка"
    TEXT = "text", "Свободный ответ"


class AssignmentStatus(LabelledEnum):
    PENDING = "pending", "Ждёт ответа"
    SUBMITTED = "submitted", "Ответ отправлен"


class Questionnaire(SchoolOwned, db.Model):
    """A school's questionnaire template; frozen once anyone has been asked to fill it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    purpose: Mapped[Purpose] = mapped_column(Enumerated(Purpose, 20), default=Purpose.OTHER)
    anonymous: Mapped[bool] = mapped_column(default=True)
    # The platform's default it came from (defaults.py), kept read-only; None: the school's own.
    origin: Mapped[str | None] = mapped_column(String(40))
    # The one the platform sends for its purpose (end of a program, entering the mentor bank).
    in_use: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    questions: Mapped[list["Question"]] = relationship(
        primaryjoin="and_(Question.questionnaire_id == Questionnaire.id, "
        "Question.school_id == Questionnaire.school_id)",
        foreign_keys="[Question.questionnaire_id]",
        order_by="(Question.position, Question.id)",
        viewonly=True,
    )

    @property
    def purpose_label(self) -> str:
        return Purpose(self.purpose).label


class Question(SchoolOwned, db.Model):
    __tablename__ = "questionnaire_question"
    __school_table_args__ = (school_fk("questionnaire_id", "questionnaire"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[QuestionKind] = mapped_column(Enumerated(QuestionKind, 10))
    required: Mapped[bool] = mapped_column(default=True)
    scale_max: Mapped[int | None] = mapped_column(Integer)  # 5 or 10; the scale starts at 1
    low_label: Mapped[str] = mapped_column(String(100), default="")
    high_label: Mapped[str] = mapped_column(String(100), default="")
    options: Mapped[list] = mapped_column(JSON, default=list)  # the choices, in order
    # Asked once for each difficulty the program addressed (its areas), at the end of a program.
    per_area: Mapped[bool] = mapped_column(default=False)

    @property
    def kind_label(self) -> str:
        return QuestionKind(self.kind).label


class Assignment(SchoolOwned, db.Model):
    """A person asked to fill a questionnaire: «has answered» and their unsent draft."""

    __tablename__ = "questionnaire_assignment"

    __school_table_args__ = (
        school_fk("questionnaire_id", "questionnaire"),
        school_fk("staff_id", "staff"),
        school_fk("program_id", "program"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(index=True)
    staff_id: Mapped[int] = mapped_column(index=True)
    program_id: Mapped[int | None] = mapped_column(index=True)  # end of a program: which one
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[AssignmentStatus] = mapped_column(
        Enumerated(AssignmentStatus, 10), default=AssignmentStatus.PENDING
    )
    # Answers saved but not sent, {question id: value}; cleared when they are sent.
    draft: Mapped[dict] = mapped_column(JSON, default=dict)
    assigned_on: Mapped[date] = mapped_column(Date)
    submitted_on: Mapped[date | None] = mapped_column(Date)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))

    @property
    def status_label(self) -> str:
        return AssignmentStatus(self.status).label


class Response(SchoolOwned, db.Model):
    """One sent questionnaire: the answers, with the person only when it is not anonymous."""

    __tablename__ = "questionnaire_response"

    __school_table_args__ = (
        school_fk("questionnaire_id", "questionnaire"),
        school_fk("staff_id", "staff"),
        school_fk("program_id", "program"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(index=True)
    staff_id: Mapped[int | None] = mapped_column(index=True)  # None when anonymous
    program_id: Mapped[int | None] = mapped_column(index=True)
    form: Mapped[str] = mapped_column(String(40), default="")  # the pairing's form of mentoring
    submitted_on: Mapped[date] = mapped_column(Date)  # the day only, not the moment


class Answer(SchoolOwned, db.Model):
    """One answer: a scale's value or a choice's index (one row per chosen option), or text."""

    __tablename__ = "questionnaire_answer"

    __school_table_args__ = (
        school_fk("response_id", "questionnaire_response"),
        school_fk("question_id", "questionnaire_question"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(index=True)
    question_id: Mapped[int] = mapped_column(index=True)
    area: Mapped[str] = mapped_column(String(20), default="")  # per_area questions: which one
    value: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")


class DistrictDefault(db.Model):
    """The district's version of one of the platform's default questionnaires (defaults.py, by
    its key): not a school's; a school's new copy of that default starts from it."""

    __tablename__ = "questionnaire_district_default"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    anonymous: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))

    questions: Mapped[list["DistrictDefaultQuestion"]] = relationship(
        order_by="(DistrictDefaultQuestion.position, DistrictDefaultQuestion.id)",
        cascade="all, delete-orphan",
        back_populates="default",
    )


class DistrictDefaultQuestion(db.Model):
    __tablename__ = "questionnaire_district_default_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    default_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaire_district_default.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[QuestionKind] = mapped_column(Enumerated(QuestionKind, 10))
    required: Mapped[bool] = mapped_column(default=True)
    scale_max: Mapped[int | None] = mapped_column(Integer)
    low_label: Mapped[str] = mapped_column(String(100), default="")
    high_label: Mapped[str] = mapped_column(String(100), default="")
    options: Mapped[list] = mapped_column(JSON, default=list)
    per_area: Mapped[bool] = mapped_column(default=False)

    default: Mapped[DistrictDefault] = relationship(back_populates="questions")

    @property
    def kind_label(self) -> str:
        return QuestionKind(self.kind).label
