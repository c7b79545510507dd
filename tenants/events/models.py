"""The school's events (конференции, круглые столы, установочные сессии, конкурсы)."""

from datetime import date, datetime

from sqlalchemy import Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.tenancy import SchoolOwned, school_fk
from nastavnik.tenants.staff.models import Staff
from nastavnik.types import Enumerated, LabelledEnum
from nastavnik.uploads import StoredFile


class EventKind(LabelledEnum):
    CONFERENCE = "conference", "Конференция или семинар"
    ROUND_TABLE = "round_table", "Круглый стол по лучшим практикам"
    SETUP_SESSION = "setup_session", "Установочная сессия для наставников"
    CONTEST = "contest", "Профессиональный конкурс"
    OTHER = "other", "Иное"


_OWN = "and_({child}.{fk} == {parent}.id, {child}.school_id == {parent}.school_id)"


class SchoolEvent(SchoolOwned, db.Model):
    """An event of the school; linked to the roadmap activity it fulfils, if any."""

    __tablename__ = "school_event"
    __school_table_args__ = (school_fk("activity_id", "roadmap_activity"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[EventKind] = mapped_column(Enumerated(EventKind, 20))
    title: Mapped[str] = mapped_column(String(300))
    held_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(300), default="")
    results: Mapped[str] = mapped_column(Text, default="")
    activity_id: Mapped[int | None] = mapped_column(index=True)  # the roadmap activity
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    participants: Mapped[list["EventParticipant"]] = relationship(
        primaryjoin=_OWN.format(child="EventParticipant", fk="event_id", parent="SchoolEvent"),
        foreign_keys="[EventParticipant.event_id]",
        order_by="EventParticipant.id",
        cascade="all, delete-orphan",
    )
    materials: Mapped[list["EventMaterial"]] = relationship(
        primaryjoin=_OWN.format(child="EventMaterial", fk="event_id", parent="SchoolEvent"),
        foreign_keys="[EventMaterial.event_id]",
        order_by="EventMaterial.id",
        cascade="all, delete-orphan",
    )

    @property
    def kind_label(self) -> str:
        return EventKind(self.kind).label


class EventParticipant(SchoolOwned, db.Model):
    """A staff member of the school who took part."""

    __school_table_args__ = (
        school_fk("event_id", "school_event"),
        school_fk("staff_id", "staff"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(index=True)
    staff_id: Mapped[int] = mapped_column(index=True)

    staff: Mapped[Staff] = relationship(
        primaryjoin="and_(EventParticipant.staff_id == Staff.id, "
        "EventParticipant.school_id == Staff.school_id)",
        foreign_keys="[EventParticipant.staff_id]",
        viewonly=True,
    )


class EventMaterial(SchoolOwned, db.Model):
    """A file of the event: a programme, slides, a protocol, photos."""

    __school_table_args__ = (
        school_fk("event_id", "school_event"),
        school_fk("file_id", "stored_file"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(index=True)
    file_id: Mapped[int] = mapped_column(index=True)

    file: Mapped[StoredFile] = relationship(
        primaryjoin="and_(EventMaterial.file_id == StoredFile.id, "
        "EventMaterial.school_id == StoredFile.school_id)",
        foreign_keys="[EventMaterial.file_id]",
        viewonly=True,
    )
