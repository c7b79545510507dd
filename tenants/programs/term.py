"""1.2: a personalised program lasts from 3 months to 1 year; its activities fall within it."""

import calendar
from datetime import date, timedelta

from nastavnik.dates import format_date
from nastavnik.refusals import Refusal

MIN_MONTHS = 3  # 1.2: from 3 months...
MAX_MONTHS = 12  # ...to 1 year


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later; a day the month lacks rolls to the next."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    last = calendar.monthrange(year, month)[1]
    if day.day <= last:
        return date(year, month, day.day)
    return date(year, month, last) + timedelta(days=1)


def term_end(starts_on: date, months: int) -> date:
    """The last day of a term of `months` whole months: 1 Sep + 3 months → 30 Nov."""
    return add_months(starts_on, months) - timedelta(days=1)


def check_term(starts_on: date, ends_on: date) -> None:
    """1.2: a program lasts from 3 months to 1 year, both days counted."""
    if ends_on < starts_on:
        raise Refusal("Дата окончания программы раньше даты начала.")
    shortest = term_end(starts_on, MIN_MONTHS)
    if ends_on < shortest:
        raise Refusal(
            "Программа длится не меньше 3 месяцев (п. 1.2 Положения): при начале "
            f"{format_date(starts_on)} она может закончиться не раньше {format_date(shortest)}"
        )
    longest = term_end(starts_on, MAX_MONTHS)
    if ends_on > longest:
        raise Refusal(
            "Программа длится не больше 1 года (п. 1.2 Положения): при начале "
            f"{format_date(starts_on)} она должна закончиться не позже {format_date(longest)}"
        )


def check_deadline(starts_on: date, ends_on: date, due_on: date) -> None:
    """An activity's deadline lies within the program's term."""
    if not starts_on <= due_on <= ends_on:
        raise Refusal(
            f"Срок мероприятия должен быть в пределах срока программы: "
            f"с {format_date(starts_on)} по {format_date(ends_on)}"
        )
