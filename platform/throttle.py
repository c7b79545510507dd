"""Login throttling that hands an attacker no lock-out of someone else's account.

Attempts are counted, atomically, in fixed windows, under three keys:

- the account from one address: growing waits (by default 5 a minute, 10 in 15 minutes,
  20 a day) — a person mistyping at their own desk waits a minute, a guesser a day;
- the account from addresses it has never logged in from: far higher (100 an hour), so that
  guessing from many addresses is bounded, while the real user from an address they logged in
  from before (remembered for 90 days) is not held back by it;
- one address across all accounts (30 in 15 minutes): a guesser trying many logins.

A successful login clears the first key. The count is taken *before* the result of a password
is revealed and within the request's own transaction (an upsert that returns the new count),
so parallel attempts cannot slip past the limit: the attempts past it are answered 429
whatever the password was.

The counters live in Redis when `THROTTLE_STORAGE_URI` is set (shared by every worker and
machine; `limits`, the library under Flask-Limiter), otherwise in the database.
"""

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from math import ceil

from flask import current_app
from limits import RateLimitItemPerSecond
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter
from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from .declension import plural
from .extensions import db
from .models import ThrottleCount


@dataclass(frozen=True)
class Limit:
    attempts: int
    seconds: int


def _limits(name: str) -> tuple[Limit, ...]:
    return tuple(Limit(a, s) for a, s in current_app.config[name])


def _keys(realm: str, login: str, address: str | None) -> dict[str, str]:
    login = login.strip().lower()
    address = address or "unknown"
    return {
        "pair": f"login:{realm}:{login}:from:{address}",
        "account": f"login:{realm}:{login}",
        "address": f"address:{address}",
        "known": f"known:{realm}:{login}:from:{address}",
    }


class DatabaseCounters:
    """Counters in the request's transaction: an upsert returning the count (SQLite ≥ 3.35
    and PostgreSQL alike); on PostgreSQL the row stays locked until the request commits."""

    @staticmethod
    def _window(key: str, limit: Limit) -> tuple[str, int]:
        """The counter's name in the current window, and the second the window ends."""
        number = int(time.time()) // limit.seconds
        return f"{key}|{limit.seconds}|{number}", (number + 1) * limit.seconds

    def count(self, key: str, limit: Limit) -> int:
        name, _ = self._window(key, limit)
        return (
            db.session.execute(
                select(ThrottleCount.count).where(ThrottleCount.key == name)
            ).scalar_one_or_none()
            or 0
        )

    def hit(self, key: str, limit: Limit) -> int:
        name, ends = self._window(key, limit)
        insert = pg_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
        statement = (
            insert(ThrottleCount)
            .values(key=name, count=1, expires_at=_utc(ends))
            .on_conflict_do_update(
                index_elements=[ThrottleCount.key], set_={"count": ThrottleCount.count + 1}
            )
            .returning(ThrottleCount.count)
        )
        counted = db.session.execute(statement).scalar_one()
        db.session.execute(
            delete(ThrottleCount).where(ThrottleCount.expires_at < _utc(time.time()))
        )
        return counted

    def clear(self, key: str, limit: Limit) -> None:
        name, _ = self._window(key, limit)
        db.session.execute(delete(ThrottleCount).where(ThrottleCount.key == name))

    def refund(self, key: str, limit: Limit) -> None:
        name, _ = self._window(key, limit)
        db.session.execute(
            update(ThrottleCount)
            .where(ThrottleCount.key == name, ThrottleCount.count > 0)
            .values(count=ThrottleCount.count - 1)
        )

    def wait(self, key: str, limit: Limit) -> int:
        return max(1, ceil(self._window(key, limit)[1] - time.time()))


class SharedCounters:
    """The same counters in Redis (or any storage `limits` knows), for many workers."""

    def __init__(self, uri: str):
        self.limiter = FixedWindowRateLimiter(storage_from_string(uri))

    @staticmethod
    def _item(limit: Limit) -> RateLimitItemPerSecond:
        return RateLimitItemPerSecond(limit.attempts, limit.seconds)

    def count(self, key: str, limit: Limit) -> int:
        stats = self.limiter.get_window_stats(self._item(limit), key)
        return limit.attempts - stats.remaining

    def hit(self, key: str, limit: Limit) -> int:
        # `hit` refuses at the limit without counting: past it, report one more than the limit.
        return (
            self.count(key, limit)
            if self.limiter.hit(self._item(limit), key)
            else (limit.attempts + 1)
        )

    def clear(self, key: str, limit: Limit) -> None:
        self.limiter.clear(self._item(limit), key)

    def refund(self, key: str, limit: Limit) -> None:
        item = self._item(limit)
        if self.count(key, limit) > 0:
            self.limiter.storage.incr(item.key_for(key), item.get_expiry(), amount=-1)

    def wait(self, key: str, limit: Limit) -> int:
        reset = self.limiter.get_window_stats(self._item(limit), key).reset_time
        return max(1, ceil(reset - time.time()))


def _utc(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)


def counters() -> DatabaseCounters | SharedCounters:
    uri = current_app.config.get("THROTTLE_STORAGE_URI")
    if not uri:
        return DatabaseCounters()
    shared = current_app.extensions.get("nastavnik_throttle")
    if shared is None:
        shared = current_app.extensions["nastavnik_throttle"] = SharedCounters(uri)
    return shared


def _applying(keys: dict[str, str], store) -> list[tuple[str, Limit]]:
    rules = [(keys["pair"], limit) for limit in _limits("LOGIN_LIMITS_PER_ACCOUNT_AND_ADDRESS")]
    rules += [(keys["address"], limit) for limit in _limits("LOGIN_LIMITS_PER_ADDRESS")]
    if not store.count(keys["known"], _known()):
        rules += [(keys["account"], limit) for limit in _limits("LOGIN_LIMITS_PER_ACCOUNT")]
    return rules


def _known() -> Limit:
    return Limit(1, current_app.config["LOGIN_KNOWN_ADDRESS_DAYS"] * 24 * 3600)


def wait_before_login(realm: str, login: str, address: str | None) -> int:
    """Seconds to wait before this login may be tried from this address; 0 if it may now.
    A cheap look before a password is hashed; `count_attempt` is the one that decides."""
    store = counters()
    waits = [
        store.wait(key, limit)
        for key, limit in _applying(_keys(realm, login, address), store)
        if store.count(key, limit) >= limit.attempts
    ]
    return max(waits, default=0)


def count_attempt(realm: str, login: str, address: str | None) -> int:
    """Counts one attempt under every key; the seconds to wait if it is past a limit (its
    result must then not be revealed), 0 if it is within them."""
    store = counters()
    waits = [
        store.wait(key, limit)
        for key, limit in _applying(_keys(realm, login, address), store)
        if store.hit(key, limit) > limit.attempts
    ]
    return max(waits, default=0)


def logged_in(realm: str, login: str, address: str | None) -> None:
    """A success: the account's count from this address starts again, the address's own count
    takes the attempt back (a success is not a guess: sixty teachers of one school behind one
    address all log in of a morning), and the address is remembered as one the account logs
    in from."""
    store = counters()
    keys = _keys(realm, login, address)
    for limit in _limits("LOGIN_LIMITS_PER_ACCOUNT_AND_ADDRESS"):
        store.clear(keys["pair"], limit)
    for limit in _limits("LOGIN_LIMITS_PER_ADDRESS"):
        store.refund(keys["address"], limit)
    if not store.count(keys["known"], _known()):
        store.hit(keys["known"], _known())


def in_minutes(seconds: int) -> str:
    """«1 минуту», «15 минут», «24 часа»: how long to wait, in Russian."""
    minutes = max(1, ceil(seconds / 60))
    if minutes >= 120:
        hours = ceil(minutes / 60)
        return f"{hours} {plural(hours, 'час', 'часа', 'часов')}"
    return f"{minutes} {plural(minutes, 'минуту', 'минуты', 'минут')}"
