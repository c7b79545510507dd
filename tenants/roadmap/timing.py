"""Academic years and the timing of an activity as the seed writes it («Август», «В течение года»).

An academic year runs from 1 September to 31 August and is named by the calendar year it starts
in: 2026 is the year 2026/2027.
"""

import re
from calendar import monthrange
from datetime import date, datetime

from nastavnik.dates import today

# Nominative month names, as the seed writes the timing of its stages.
MONTHS = {
    "январь": 1,
    "февраль": 2,
    "март": 3,
    "апрель": 4,
    "май": 5,
    "июнь": 6,
    "июль": 7,
    "август": 8,
    "сентябрь": 9,
    "октябрь": 10,
    "ноябрь": 11,
    "декабрь": 12,
}
WHOLE_YEAR = "в течение года"
_DATE = re.compile(r"\b(\d{1,2}\.\d{1,2}\.\d{4})\b")
_WORD = re.compile(r"[а-яё]+", re.IGNORECASE)


def academic_year(on: date | None = None) -> int:
    """The academic year a day belongs to: 30 November 2026 → 2026 (2026/2027)."""
    on = on or today()
    return on.year if on.month >= 9 else on.year - 1


def span(year: int) -> tuple[date, date]:
    """The first and the last day of the academic year."""
    return date(year, 9, 1), date(year + 1, 8, 31)


def year_label(year: int) -> str:
    return f"{year}/{year + 1}"


def within(year: int, on: date) -> bool:
    first, last = span(year)
    return first <= on <= last


def _month_end(year: int, month: int) -> date:
    # Сентябрь–декабрь fall in the year's first calendar year, январь–июль in its second.
    calendar_year = year if month >= 9 else year + 1
    return date(calendar_year, month, monthrange(calendar_year, month)[1])


def due_date(timing: str, year: int) -> date | None:
    """The date an activity is due by, read from its timing; None when the timing names none.

    - a date «15.10.2026» → that date (the last one, when the timing names several);
    - a month → the last day of that month within the academic year (the last month named);
    - «Август» → 1 September, the first day of the year: in the seed (stages 1 and 2) August is
      the preparation before the year begins, and the order putting the roadmap in force takes
      effect on 1 September; an activity of the August at the year's end takes a date instead;
    - «В течение года» → 31 August, the last day of the academic year.
    """
    text = (timing or "").strip().lower()
    dates = []
    for found in _DATE.findall(text):
        try:
            dates.append(datetime.strptime(found, "%d.%m.%Y").date())
        except ValueError:
            continue
    if dates:
        return dates[-1]
    months = [MONTHS[w] for w in _WORD.findall(text.replace("ё", "е")) if w in MONTHS]
    if months:
        last = months[-1]
        return span(year)[0] if last == 8 else _month_end(year, last)
    if WHOLE_YEAR in " ".join(_WORD.findall(text)):
        return span(year)[1]
    return None
