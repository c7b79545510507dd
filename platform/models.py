"""The core tables: the district, its schools (the tenants), accounts and their roles."""

import secrets
from datetime import UTC, datetime, timedelta

from flask_login import UserMixin
from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .extensions import db
from .permissions import ROLE_LABELS, Role
from .tenancy import register_account_class, school_of_statement


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class District(db.Model):
    """The Education Department; there is one."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str] = mapped_column(String(120))


SCHOOL_KINDS = {
    "secondary": "средняя общеобразовательная школа",
    "basic": "основная общеобразовательная школа",
    "primary": "начальная общеобразовательная школа",
    "gymnasium": "гимназия",
    "lyceum": "лицей",
}


class School(db.Model):
    """A school of the district: one tenant."""

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"), index=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name_ru: Mapped[str] = mapped_column(String(300))
    name_ce: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str] = mapped_column(String(120))
    settlement: Mapped[str] = mapped_column(String(120))
    # The operator's address on a written consent (152-ФЗ, ст. 9 ч. 4); "" until it is given.
    postal_address: Mapped[str] = mapped_column(String(300), default="", server_default="")
    kind: Mapped[str] = mapped_column(String(20), default="secondary")
    director_name: Mapped[str] = mapped_column(String(120), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    district: Mapped[District] = relationship()

    @property
    def kind_label(self) -> str:
        return SCHOOL_KINDS.get(self.kind, self.kind)


@register_account_class
class Account(UserMixin, db.Model):
    """A person's login: in exactly one school, or in the district (school_id is NULL)."""

    __journal__ = "Учётная запись"  # journal/services.py
    # A login or a logout is journalled as such, not as a change of the account.
    __journal_ignores__ = frozenset({"last_login_at", "session_token"})

    __table_args__ = (
        UniqueConstraint("school_id", "id"),
        # The login is unique within its school, and among district accounts.
        Index(
            "uq_account_school_login",
            "school_id",
            "login",
            unique=True,
            sqlite_where=text("school_id IS NOT NULL"),
            postgresql_where=text("school_id IS NOT NULL"),
        ),
        Index(
            "uq_account_district_login",
            "login",
            unique=True,
            sqlite_where=text("school_id IS NULL"),
            postgresql_where=text("school_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # An INSERT statement gets the bound school (NULL in the district), as SchoolOwned does.
    school_id: Mapped[int | None] = mapped_column(
        ForeignKey("school.id"), index=True, default=school_of_statement
    )
    login: Mapped[str] = mapped_column(String(64))
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    # Rotated on logout and password change: every other session of the account ends.
    session_token: Mapped[str] = mapped_column(String(64), default=lambda: secrets.token_hex(16))
    must_change_password: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=text("false")
    )
    # When the password was last set: a one-time password expires some days after it.
    password_set_at: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)

    school: Mapped[School | None] = relationship()
    grants: Mapped[list["RoleGrant"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="RoleGrant.role"
    )

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    def take_password(self, password_hash: str, *, one_time: bool) -> None:
        """A new password: one given by someone else (one-time) must be changed at first login."""
        self.password_hash = password_hash
        self.password_set_at = utcnow()
        self.must_change_password = one_time

    def one_time_password_expired(self, days: int) -> bool:
        """A one-time password not changed within `days` no longer opens the account."""
        if not self.must_change_password or self.password_set_at is None:
            return False
        return utcnow() - self.password_set_at > timedelta(days=days)

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(Role(g.role) for g in self.grants)

    @property
    def role_labels(self) -> list[str]:
        return [ROLE_LABELS[r] for r in sorted(self.roles, key=list(Role).index)]

    @property
    def is_district(self) -> bool:
        return self.school_id is None

    def set_roles(self, roles) -> None:
        wanted = {Role(r) for r in roles}
        self.grants = [g for g in self.grants if Role(g.role) in wanted]
        have = {Role(g.role) for g in self.grants}
        self.grants.extend(RoleGrant(role=r.value) for r in sorted(wanted - have))

    def end_other_sessions(self) -> None:
        self.session_token = secrets.token_hex(16)


class RoleGrant(db.Model):
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(30), primary_key=True)


class ThrottleCount(db.Model):
    """Login attempts counted under one key in one window (throttle.py); gone when it ends."""

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=1)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)
