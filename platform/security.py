"""Passwords and login throttling."""

from datetime import timedelta
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import delete, func, select

from .extensions import db
from .models import LoginFailure, utcnow

MIN_PASSWORD_LENGTH = 8


def _hasher() -> PasswordHasher:
    cfg = current_app.config
    return PasswordHasher(
        time_cost=cfg["ARGON2_TIME_COST"],
        memory_cost=cfg["ARGON2_MEMORY_COST"],
        parallelism=cfg["ARGON2_PARALLELISM"],
    )


def hash_password(password: str) -> str:
    return _hasher().hash(password)


# Verified against when the login is unknown, so both cases cost the same time.
_DUMMY_HASH: dict[str, str] = {}


def verify_password(password_hash: str | None, password: str) -> bool:
    hasher = _hasher()
    if password_hash is None:
        key = f"{hasher.time_cost}:{hasher.memory_cost}:{hasher.parallelism}"
        if key not in _DUMMY_HASH:  # hashed once: an unknown login costs one verification
            _DUMMY_HASH[key] = hasher.hash("not-a-real-password")
        password_hash = _DUMMY_HASH[key]
        password = password + "-"
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def common_passwords() -> frozenset[str]:
    text = (Path(__file__).parent / "data" / "common_passwords.txt").read_text("utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


def password_problem(password: str, login: str = "") -> str | None:
    """Why a password a person chose is not acceptable, in Russian; None if it is."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Пароль должен содержать не менее {MIN_PASSWORD_LENGTH} символов."
    if len(password) > 128:
        return "Пароль не должен быть длиннее 128 символов."
    lowered = password.lower()
    if lowered in common_passwords() or len(set(lowered)) <= 2:
        return "Этот пароль слишком распространён, его легко подобрать. Выберите другой."
    if login and lowered == login.lower():
        return "Пароль не должен совпадать с логином."
    return None


def _window_start():
    return utcnow() - timedelta(seconds=current_app.config["LOGIN_WINDOW_SECONDS"])


def _failures(key: str) -> int:
    stmt = select(func.count(LoginFailure.id)).where(
        LoginFailure.key == key, LoginFailure.at >= _window_start()
    )
    return db.session.execute(stmt).scalar_one()


def account_key(realm: str, login: str) -> str:
    return f"account:{realm}:{login.strip().lower()}"


def address_key(address: str | None) -> str:
    return f"address:{address or 'unknown'}"


def is_throttled(realm: str, login: str, address: str | None) -> bool:
    cfg = current_app.config
    return (
        _failures(account_key(realm, login)) >= cfg["LOGIN_MAX_FAILURES_PER_ACCOUNT"]
        or _failures(address_key(address)) >= cfg["LOGIN_MAX_FAILURES_PER_ADDRESS"]
    )


def record_failure(realm: str, login: str, address: str | None) -> None:
    db.session.add(LoginFailure(key=account_key(realm, login)))
    db.session.add(LoginFailure(key=address_key(address)))
    # Old entries are of no further use.
    db.session.execute(delete(LoginFailure).where(LoginFailure.at < _window_start()))


def clear_failures(realm: str, login: str) -> None:
    db.session.execute(delete(LoginFailure).where(LoginFailure.key == account_key(realm, login)))
