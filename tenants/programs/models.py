"""Personalised mentoring programs (3 months to 1 year), their plans, changes and endings."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.tenancy import SchoolOwned, school_fk
from nastavnik.tenants.pairings.models import Pairing
from nastavnik.types import CodeList, Enumerated, LabelledEnum


class ProgramStatus(LabelledEnum):
    ACTIVE = "active", "Выполняется"
    ENDED = "ended", "Завершена"


class EndReason(LabelledEnum):
    """7.1: why a program ends."""

    COMPLETED = "completed", "План программы выполнен в полном объёме"
    MENTOR_INITIATIVE = "mentor_initiative", "По инициативе наставника"
    MENTEE_INITIATIVE = "mentee_initiative", "По инициативе наставляемого"
    MUTUAL = "mutual", "По обоюдному решению наставника и наставляемого"
    IMPROPER = "improper", "По инициативе куратора: ненадлежащее исполнение программы"
    FORCE_MAJEURE = "force_majeure", "По инициативе куратора: форс-мажорные обстоятельства"


class ActivityStatus(LabelledEnum):
    PLANNED = "planned", "Запланировано"
    DONE = "done", "Выполнено"
    CANCELLED = "cancelled", "Отменено"
    NOT_DONE = "not_done", "Не выполнено"  # 7.1: still planned when the program ended


class ChangeKind(LabelledEnum):
    """7.2: what a change by mutual consent does."""

    EXTEND = "extend", "Продление срока"
    PLAN = "plan", "Корректировка плана"
    FORM = "form", "Изменение формы наставничества"


class ChangeStatus(LabelledEnum):
    PROPOSED = "proposed", "Ожидает согласия"
    APPLIED = "applied", "Принято и внесено"
    DECLINED = "declined", "Отклонено"
    WITHDRAWN = "withdrawn", "Отозвано"


_OWN = "and_({child}.{fk} == {parent}.id, {child}.school_id == {parent}.school_id)"


class Program(SchoolOwned, db.Model):
    __journal__ = "Программа"  # journal/services.py
    __school_table_args__ = (school_fk("pairing_id", "pairing"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pairing_id: Mapped[int] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(String(300))
    goals: Mapped[str] = mapped_column(Text)
    difficulties: Mapped[tuple[str, ...]] = mapped_column(CodeList, default=())  # codes of Area
    difficulties_text: Mapped[str] = mapped_column(Text, default="")
    forms: Mapped[tuple[str, ...]] = mapped_column(CodeList, default=())
    expected_results: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    status: Mapped[ProgramStatus] = mapped_column(
        Enumerated(ProgramStatus, 10), default=ProgramStatus.ACTIVE
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[EndReason | None] = mapped_column(Enumerated(EndReason, 20))
    end_comment: Mapped[str] = mapped_column(Text, default="")
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    results: Mapped[str] = mapped_column(Text, default="")
    results_published: Mapped[bool] = mapped_column(default=False)  # 8.2: only once ended

    pairing: Mapped[Pairing] = relationship(
        primaryjoin=_OWN.format(child="Program", fk="pairing_id", parent="Pairing"),
        foreign_keys="[Program.pairing_id]",
    )
    activities: Mapped[list["Activity"]] = relationship(
        primaryjoin=_OWN.format(child="Activity", fk="program_id", parent="Program"),
        foreign_keys="[Activity.program_id]",
        order_by="(Activity.due_on, Activity.id)",
        viewonly=True,
    )

    @property
    def status_label(self) -> str:
        return ProgramStatus(self.status).label

    @property
    def end_reason_label(self) -> str:
        return EndReason(self.end_reason).label if self.end_reason else ""


class Activity(SchoolOwned, db.Model):
    """One activity of a program's plan: what, by when, who, and what came of it."""

    __journal__ = "Мероприятие программы"  # journal/services.py

    __school_table_args__ = (
        school_fk("program_id", "program"),
        school_fk("evidence_file_id", "stored_file"),
        # The week's planned activities (the menu's count on every page), not the whole school's.
        Index("ix_activity_due", "school_id", "status", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[date] = mapped_column(Date)
    responsible: Mapped[str] = mapped_column(String(200))
    status: Mapped[ActivityStatus] = mapped_column(
        Enumerated(ActivityStatus, 10), default=ActivityStatus.PLANNED
    )
    result: Mapped[str] = mapped_column(Text, default="")
    evidence_file_id: Mapped[int | None] = mapped_column()
    done_on: Mapped[date | None] = mapped_column(Date)
    marked_at: Mapped[datetime | None] = mapped_column()
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))

    @property
    def status_label(self) -> str:
        return ActivityStatus(self.status).label

    def is_overdue(self, today: date) -> bool:
        return self.status == ActivityStatus.PLANNED and self.due_on < today


class ProgramChange(SchoolOwned, db.Model):
    """7.2: a proposed extension or correction, applied once mentor and mentee(s) agree."""

    __journal__ = "Изменение программы"  # journal/services.py

    __school_table_args__ = (
        school_fk("program_id", "program"),
        # The proposed changes (the menu's count on every page), not every change ever made.
        Index("ix_program_change_state", "school_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(index=True)
    kind: Mapped[ChangeKind] = mapped_column(Enumerated(ChangeKind, 10))
    description: Mapped[str] = mapped_column(Text)
    # What changes: {"ends_on": "2025-05-31"} / {"forms": [...]} / {"add": [...], "cancel": [ids]}
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[ChangeStatus] = mapped_column(
        Enumerated(ChangeStatus, 10), default=ChangeStatus.PROPOSED
    )
    proposed_at: Mapped[datetime] = mapped_column(default=utcnow)
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    applied_at: Mapped[datetime | None] = mapped_column()
    # 7.2: a participant may decline instead of agreeing; the program then stays as it was.
    declined_at: Mapped[datetime | None] = mapped_column()
    declined_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    decline_reason: Mapped[str] = mapped_column(Text, default="")

    agreements: Mapped[list["ChangeAgreement"]] = relationship(
        primaryjoin=_OWN.format(child="ChangeAgreement", fk="change_id", parent="ProgramChange"),
        foreign_keys="[ChangeAgreement.change_id]",
        order_by="ChangeAgreement.agreed_at",
        viewonly=True,
    )

    @property
    def kind_label(self) -> str:
        return ChangeKind(self.kind).label

    @property
    def status_label(self) -> str:
        return ChangeStatus(self.status).label


class ChangeAgreement(SchoolOwned, db.Model):
    """One participant's agreement to a change, recorded with who and when."""

    __school_table_args__ = (
        school_fk("change_id", "program_change"),
        school_fk("staff_id", "staff"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    change_id: Mapped[int] = mapped_column(index=True)
    staff_id: Mapped[int] = mapped_column(index=True)
    agreed_at: Mapped[datetime] = mapped_column(default=utcnow)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
