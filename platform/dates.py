"""Dates the Russian way: «30 августа 2023 г.»."""

from datetime import UTC, date, datetime, timedelta, timezone

# Times are stored in UTC; the district lives in Moscow time (UTC+3, no daylight saving).
LOCAL = timezone(timedelta(hours=3), "MSK")

MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


def format_date(value: date | datetime | None) -> str:
    """«30 августа 2023 г.»; an empty string for no date."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS_GENITIVE[value.month - 1]} {value.year} г."


def format_datetime(value: datetime | None) -> str:
    """«30 августа 2023 г., 14:05», in local time (naive values are UTC)."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(LOCAL)
    return f"{format_date(value)}, {value:%H:%M}"


def today() -> date:
    """The school's today, in local time (one place, so that tests and deadlines agree)."""
    return datetime.now(LOCAL).date()
