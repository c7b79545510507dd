"""Dates the Russian way: «30 августа 2023 г.»."""

from datetime import date, datetime

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
    """«30 августа 2023 г., 14:05»."""
    if value is None:
        return ""
    return f"{format_date(value)}, {value:%H:%M}"


def today() -> date:
    """The school's today (one place, so that tests and deadlines agree)."""
    return date.today()
