"""The school's e-mail settings and each person's choice about the digest."""

import re

from sqlalchemy import select

from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.refusals import Refusal
from nastavnik.tenants.staff.models import Staff

from .models import DigestOptOut, MailSettings, Security
from .secret import seal, unseal

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]{2,}")
HOST = re.compile(r"[A-Za-z0-9.-]+")


def settings() -> MailSettings:
    """The school's settings; unsaved defaults (e-mail off) until written once."""
    found = db.session.execute(select(MailSettings)).scalar_one_or_none()
    return found or MailSettings(
        host="", port=587, security=Security.STARTTLS, login="", password_sealed="", sender=""
    )


def save_settings(
    host: str,
    port: int | None,
    security: str,
    login: str,
    password: str,
    sender: str,
    site_url: str,
    by=None,
) -> MailSettings:
    """Turns e-mail on with this server. An empty password keeps the one stored (if any)."""
    host, login, sender = (host or "").strip(), (login or "").strip(), (sender or "").strip()
    if not host or not HOST.fullmatch(host) or len(host) > 200:
        raise Refusal("Укажите имя сервера SMTP, например smtp.yandex.ru.", "host")
    if port is None or not 1 <= port <= 65535:
        raise Refusal("Порт — число от 1 до 65535.", "port")
    if Security.parse(security) is None:
        raise Refusal("Выберите шифрование из списка.", "security")
    if not EMAIL.fullmatch(sender) or len(sender) > 200:
        raise Refusal("Укажите адрес отправителя в виде name@example.ru.", "sender")
    if len(login) > 200:
        raise Refusal("Логин — не длиннее 200 символов.", "login")
    if len(password or "") > 200 or not (password or "").isascii():
        # SMTP sends the login and the password in ASCII (smtplib refuses anything else).
        raise Refusal(
            "Пароль SMTP — латинские буквы, цифры и знаки, не длиннее 200 символов.", "password"
        )
    current = db.session.execute(select(MailSettings)).scalar_one_or_none()
    if current is None:
        current = MailSettings()
        db.session.add(current)
    current.host, current.port, current.security = host, port, Security(security)
    current.login, current.sender = login, sender
    if password:
        current.password_sealed = seal(password)
    elif not login:
        current.password_sealed = ""  # no login, no password to keep
    current.site_url = (site_url or "").rstrip("/")[:300]
    current.updated_at = utcnow()
    current.updated_by_id = getattr(by, "id", None)
    db.session.flush()
    return current


def turn_off(by=None) -> None:
    """E-mail off: the server, the login and the password are forgotten."""
    current = db.session.execute(select(MailSettings)).scalar_one_or_none()
    if current is None or not current.is_on:
        raise Refusal("Почта и так выключена.")
    current.host = current.login = current.password_sealed = ""
    current.updated_at = utcnow()
    current.updated_by_id = getattr(by, "id", None)
    db.session.flush()


def password_of(current: MailSettings) -> str | None:
    return unseal(current.password_sealed)


def email_of(account_id: int) -> str:
    """The e-mail address of the person behind the login, from the staff register ("" if none)."""
    found = db.session.execute(
        select(Staff.email).where(Staff.account_id == account_id, Staff.data_hidden.is_(False))
    ).scalars()
    return next((e for e in found if e), "")


def gets_digest(account_id: int) -> bool:
    """The person did not opt out of the daily digest."""
    return (
        db.session.execute(
            select(DigestOptOut.id).where(DigestOptOut.account_id == account_id)
        ).first()
        is None
    )


def choose_digest(account, wanted: bool) -> None:
    found = db.session.execute(
        select(DigestOptOut).where(DigestOptOut.account_id == account.id)
    ).scalar_one_or_none()
    if wanted and found is not None:
        db.session.delete(found)
    elif not wanted and found is None:
        db.session.add(DigestOptOut(account_id=account.id))
    db.session.flush()
