"""Participants' requests: a mentee's for another mentor (5.1), a mentor's to step down (4.1)."""

from datetime import datetime

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.tenancy import SchoolOwned, school_fk
from nastavnik.types import Enumerated, LabelledEnum


class RequestKind(LabelledEnum):
    ANOTHER_MENTOR = "another_mentor", "Просьба наставляемого о смене наставника"  # 5.1
    STEP_DOWN = "step_down", "Просьба наставника о сложении полномочий"  # 4.1


class RequestStatus(LabelledEnum):
    OPEN = "open", "Ожидает ответа"
    GRANTED = "granted", "Удовлетворена"
    REFUSED = "refused", "Отклонена"


class ParticipantRequest(SchoolOwned, db.Model):
    """A mentee's request for another mentor, or a mentor's request to step down."""

    __school_table_args__ = (
        school_fk("pairing_id", "pairing"),
        school_fk("staff_id", "staff"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[RequestKind] = mapped_column(Enumerated(RequestKind, 20))
    pairing_id: Mapped[int] = mapped_column(index=True)
    staff_id: Mapped[int] = mapped_column(index=True)  # who asks
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[RequestStatus] = mapped_column(
        Enumerated(RequestStatus, 10), default=RequestStatus.OPEN
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    answered_at: Mapped[datetime | None] = mapped_column()

    @property
    def kind_label(self) -> str:
        return RequestKind(self.kind).label

    @property
    def status_label(self) -> str:
        return RequestStatus(self.status).label
