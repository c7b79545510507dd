"""Who holds which post of the mentoring system (3.3, 3.4; order № 90-од, items 2–4), since when."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.tenancy import SchoolOwned, school_fk
from nastavnik.tenants.staff.models import Staff
from nastavnik.types import Enumerated, LabelledEnum


class Post(LabelledEnum):
    COORDINATOR = "coordinator", "Координатор внедрения целевой модели наставничества"
    CURATOR = "curator", "Куратор реализации целевой модели наставничества"
    GROUP_HEAD = "group_head", "Руководитель рабочей группы"
    GROUP_MEMBER = "group_member", "Член рабочей группы"


# One holder at a time; a new appointment to these ends the previous one when in force.
SINGLE_POSTS = frozenset({Post.COORDINATOR, Post.CURATOR, Post.GROUP_HEAD})
WORKING_GROUP = (Post.GROUP_HEAD, Post.GROUP_MEMBER)


class AppointmentStatus(LabelledEnum):
    PENDING = "pending", "Ждёт приказа"
    IN_FORCE = "in_force", "Действует"
    ENDED = "ended", "Завершено"


class Appointment(SchoolOwned, db.Model):
    """A person appointed to a post: pending until an order carrying it is signed."""

    __school_table_args__ = (school_fk("staff_id", "staff"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(index=True)
    post: Mapped[Post] = mapped_column(Enumerated(Post, 20))
    # The position as the order writes it: «заместитель директора по УВР».
    position: Mapped[str] = mapped_column(String(200))
    status: Mapped[AppointmentStatus] = mapped_column(
        Enumerated(AppointmentStatus, 10), default=AppointmentStatus.PENDING
    )
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    # The order that carries it (a draft, then signed) and the one that ends it.
    order_id: Mapped[int | None] = mapped_column(index=True)
    ended_by_order_id: Mapped[int | None] = mapped_column()
    # Asked to leave the working group by the next order.
    leaving: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))

    staff: Mapped[Staff] = relationship(
        primaryjoin="and_(Appointment.staff_id == Staff.id, "
        "Appointment.school_id == Staff.school_id)",
        foreign_keys="[Appointment.staff_id]",
    )

    @property
    def post_label(self) -> str:
        return Post(self.post).label

    @property
    def status_label(self) -> str:
        if self.status == AppointmentStatus.IN_FORCE and self.leaving:
            return "Выводится из состава"
        return AppointmentStatus(self.status).label
