"""The journal's table: append-only entries of who did what to which record, when, from where."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..models import utcnow
from ..types import Enumerated, LabelledEnum


class JournalAction(LabelledEnum):
    LOGIN = "login", "Вход"
    LOGIN_FAILED = "login_failed", "Неудачный вход"
    DENIED = "denied", "Отказ в доступе"
    CREATED = "created", "Создание"
    CHANGED = "changed", "Изменение"
    DELETED = "deleted", "Удаление"
    VIEWED = "viewed", "Просмотр"
    EXPORTED = "exported", "Выгрузка"
    ERASED = "erased", "Обезличивание"


# What the district reads across schools: that someone came in or was turned away, never
# what was done with a school's records.
DISTRICT_ACTIONS = (JournalAction.LOGIN, JournalAction.LOGIN_FAILED, JournalAction.DENIED)


class JournalEntry(db.Model):
    """Written, never changed or deleted (services.py refuses both). Not SchoolOwned: the school
    reads its own by `school_id`, the district reads logins and denials of every school."""

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id"))
    account_id: Mapped[int | None] = mapped_column(Integer)  # no FK: the entry outlives it
    login: Mapped[str] = mapped_column(String(64), default="")
    address: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[JournalAction] = mapped_column(Enumerated(JournalAction, length=20))
    record_kind: Mapped[str] = mapped_column(String(80), default="")
    record_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(String(300), default="")

    __table_args__ = (
        Index("ix_journal_entry_school_at", "school_id", "at"),
        Index("ix_journal_entry_action_at", "action", "at"),
        # An entry may be flushed after the scope it records has ended (the seed's, the command
        # line's), where row-level security would not let RETURNING read it back (nastavnik.rls):
        # its id is taken from the sequence first instead.
        {"implicit_returning": False},
    )
