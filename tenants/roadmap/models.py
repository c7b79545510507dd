"""The roadmap of an academic year: one per school per year, its activities by stage."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.tenancy import SchoolOwned, school_fk
from nastavnik.tenants.staff.models import Staff
from nastavnik.types import Enumerated, LabelledEnum


class Stage(LabelledEnum):
    """The seven stages of the seed's roadmap (Приложение 2), by their number."""

    CONDITIONS = "1", "Подготовка условий для реализации системы наставничества"
    MENTEE_BANK = "2", "Формирование банка наставляемых"
    MENTOR_BANK = "3", "Формирование банка наставников"
    SELECTION = "4", "Отбор и обучение"
    PAIRS = "5", "Организация и осуществление работы наставнических пар/групп"
    COMPLETION = "6", "Завершение персонализированных программ наставничества"
    INFORMATION = "7", "Информационная поддержка системы наставничества"

    @property
    def number(self) -> int:
        return int(self.value)


class RoadmapStatus(LabelledEnum):
    DRAFT = "draft", "Проект"
    APPROVED = "approved", "Утверждена директором"


class StepStatus(LabelledEnum):
    """The status of a roadmap activity (planned → in progress → done)."""

    PLANNED = "planned", "Запланировано"
    IN_PROGRESS = "in_progress", "Выполняется"
    DONE = "done", "Выполнено"


STEP_ORDER = {StepStatus.PLANNED: 0, StepStatus.IN_PROGRESS: 1, StepStatus.DONE: 2}


class Roadmap(SchoolOwned, db.Model):
    """The school's roadmap of one academic year (`year`: the calendar year it starts in)."""

    __school_table_args__ = (UniqueConstraint("school_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    status: Mapped[RoadmapStatus] = mapped_column(
        Enumerated(RoadmapStatus, 10), default=RoadmapStatus.DRAFT
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    approved_on: Mapped[date | None] = mapped_column(Date)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    approved_by_name: Mapped[str] = mapped_column(String(200), default="")

    activities: Mapped[list["RoadmapActivity"]] = relationship(
        primaryjoin="and_(RoadmapActivity.roadmap_id == Roadmap.id, "
        "RoadmapActivity.school_id == Roadmap.school_id)",
        foreign_keys="[RoadmapActivity.roadmap_id]",
        order_by="(RoadmapActivity.stage, RoadmapActivity.position, RoadmapActivity.id)",
        viewonly=True,
    )

    @property
    def label(self) -> str:
        return f"{self.year}/{self.year + 1}"

    @property
    def status_label(self) -> str:
        return RoadmapStatus(self.status).label

    @property
    def is_approved(self) -> bool:
        return self.status == RoadmapStatus.APPROVED


class RoadmapActivity(SchoolOwned, db.Model):
    """One activity («содержание деятельности и план мероприятий») of a stage."""

    __tablename__ = "roadmap_activity"
    __school_table_args__ = (
        school_fk("roadmap_id", "roadmap"),
        school_fk("responsible_staff_id", "staff"),
        school_fk("evidence_file_id", "stored_file"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    roadmap_id: Mapped[int] = mapped_column(index=True)
    stage: Mapped[Stage] = mapped_column(Enumerated(Stage, 2))
    position: Mapped[int] = mapped_column(Integer, default=0)
    content: Mapped[str] = mapped_column(Text)
    timing: Mapped[str] = mapped_column(String(100))  # as written: «Август», «В течение года»
    due_on: Mapped[date] = mapped_column(Date)
    responsible: Mapped[str] = mapped_column(String(200), default="")  # a role, as written
    responsible_staff_id: Mapped[int | None] = mapped_column(index=True)  # or a person
    expected_result: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[StepStatus] = mapped_column(
        Enumerated(StepStatus, 12), default=StepStatus.PLANNED
    )
    done_on: Mapped[date | None] = mapped_column(Date)
    evidence_note: Mapped[str] = mapped_column(Text, default="")
    evidence_file_id: Mapped[int | None] = mapped_column()
    evidence_link: Mapped[str] = mapped_column(String(300), default="")  # a page of the platform
    from_template: Mapped[bool] = mapped_column(default=False)
    check_key: Mapped[str | None] = mapped_column(String(40))  # progress.CHECKS

    responsible_staff: Mapped[Staff | None] = relationship(
        primaryjoin="and_(RoadmapActivity.responsible_staff_id == Staff.id, "
        "RoadmapActivity.school_id == Staff.school_id)",
        foreign_keys="[RoadmapActivity.responsible_staff_id]",
        viewonly=True,
    )

    @property
    def stage_label(self) -> str:
        return Stage(self.stage).label

    @property
    def responsible_text(self) -> str:
        """Who answers for it: the person, if one is named, else the role as written."""
        if self.responsible_staff is not None:
            return self.responsible_staff.display_name
        return self.responsible


class DistrictTemplate(db.Model):
    """The district's roadmap template of one academic year: not a school's, read by every school.

    A school starting its roadmap of the year starts from it once it is published; until then
    (and for a year the district has not prepared) from the platform's template (template.py).
    """

    __tablename__ = "roadmap_district_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    published_on: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))

    activities: Mapped[list["DistrictTemplateActivity"]] = relationship(
        order_by="(DistrictTemplateActivity.stage, DistrictTemplateActivity.position, "
        "DistrictTemplateActivity.id)",
        cascade="all, delete-orphan",
        back_populates="template",
    )

    @property
    def label(self) -> str:
        return f"{self.year}/{self.year + 1}"

    @property
    def is_published(self) -> bool:
        return self.published_on is not None


class DistrictTemplateActivity(db.Model):
    """One activity of a stage in the district's template, as a school's roadmap will get it."""

    __tablename__ = "roadmap_district_template_activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(
        ForeignKey("roadmap_district_template.id", ondelete="CASCADE"), index=True
    )
    stage: Mapped[Stage] = mapped_column(Enumerated(Stage, 2))
    position: Mapped[int] = mapped_column(Integer, default=0)
    content: Mapped[str] = mapped_column(Text)
    timing: Mapped[str] = mapped_column(String(100))
    responsible: Mapped[str] = mapped_column(String(200), default="")
    expected_result: Mapped[str] = mapped_column(Text, default="")
    check_key: Mapped[str | None] = mapped_column(String(40))  # progress.CHECKS

    template: Mapped[DistrictTemplate] = relationship(back_populates="activities")

    @property
    def stage_label(self) -> str:
        return Stage(self.stage).label
