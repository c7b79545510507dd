"""Dates the Russian way: «30 августа 2023 г.»."""

from dataclasses import dataclass
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


FIRST_MONTH = 9  # the academic year runs from 1 September to 31 August


@dataclass(frozen=True, order=True)
class AcademicYear:
    """An academic year, named by the year it starts in: 2025 is 1.09.2025 – 31.08.2026."""

    start_year: int

    @classmethod
    def containing(cls, day: date) -> "AcademicYear":
        return cls(day.year if day.month >= FIRST_MONTH else day.year - 1)

    @property
    def start(self) -> date:
        return date(self.start_year, FIRST_MONTH, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, FIRST_MONTH, 1) - timedelta(days=1)

    @property
    def label(self) -> str:
        """«2025/2026»."""
        return f"{self.start_year}/{self.start_year + 1}"

    @property
    def previous(self) -> "AcademicYear":
        return AcademicYear(self.start_year - 1)

    def as_of(self, day: date) -> date:
        """The day its stock figures are taken on: its last day, or `day` while it runs."""
        return min(max(day, self.start), self.end)

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end
