"""The school's SMTP server and the people who asked not to get the digest."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.tenancy import SchoolOwned, school_fk
from nastavnik.types import Enumerated, LabelledEnum


class Security(LabelledEnum):
    STARTTLS = "starttls", "STARTTLS (обычно порт 587)"
    SSL = "ssl", "SSL/TLS (обычно порт 465)"
    NONE = "none", "Без шифрования (только сервер внутри сети школы)"


class MailSettings(SchoolOwned, db.Model):
    """One per school. E-mail is on when a server and a sender are given."""

    __tablename__ = "mail_settings"
    __school_table_args__ = (UniqueConstraint("school_id", name="uq_mail_settings_school"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    host: Mapped[str] = mapped_column(String(200), default="")
    port: Mapped[int] = mapped_column(Integer, default=587)
    security: Mapped[Security] = mapped_column(Enumerated(Security, 10), default=Security.STARTTLS)
    login: Mapped[str] = mapped_column(String(200), default="")
    # Encrypted with a key derived from the app's secret key (secret.py): never shown back.
    password_sealed: Mapped[str] = mapped_column(Text, default="")
    sender: Mapped[str] = mapped_column(String(200), default="")
    # The platform's address as the person who saved the settings used it: the digest's links.
    site_url: Mapped[str] = mapped_column(String(300), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))

    @property
    def is_on(self) -> bool:
        return bool(self.host and self.sender)

    @property
    def security_label(self) -> str:
        return Security(self.security).label


class DigestOptOut(SchoolOwned, db.Model):
    """The account asked not to get the daily digest."""

    __tablename__ = "digest_opt_out"
    __school_table_args__ = (
        UniqueConstraint("school_id", "account_id", name="uq_digest_opt_out_account"),
        school_fk("account_id", "account", ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(index=True)
    opted_out_at: Mapped[datetime] = mapped_column(default=utcnow)
