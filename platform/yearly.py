"""Academic years in a statistic's statement: one statement for any number of years (issue 8).

A statistic is written once, for `Years`: its conditions read `years.start`, `years.end`,
`years.day` (the day its stock figures are taken on), `years.start_year`, or `years.each(f)` for
a value of its own (`f(year)`). For one year these are the year's plain values, and the statement
is what it was when written for that year alone. For several years they are the columns of a
small table of the years, joined to the statement; `years.key` goes first in its SELECT and its
GROUP BY, and `years.split(rows)` hands each year its rows. A school's page over ten years asks
as much as over one.

`@yearly` lets a statistic written for `Years` be called with one `AcademicYear` as well (and
`today` for the stock figures): then it answers that year's figures alone, as before.
"""

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import wraps

from sqlalchemy import Date, Integer, case, func, literal, select, union_all

from nastavnik.dates import AcademicYear
from nastavnik.extensions import db


class Years:
    """The academic years a statement counts for; `today` places the day of account of each
    (its last day, or today while it runs), `days` names that day for each year instead."""

    def __init__(
        self,
        years: Iterable[AcademicYear],
        today: date | None = None,
        days: dict[AcademicYear, date] | None = None,
    ):
        self.years: list[AcademicYear] = list(dict.fromkeys(years))
        self.today = today
        if not self.years:
            raise ValueError("Years: at least one academic year")
        if days is None and today is not None:
            days = {y: y.as_of(today) for y in self.years}
        self.days = days
        self.table = None
        if len(self.years) > 1:
            rows = [
                select(
                    literal(y.start_year, Integer).label("start_year"),
                    literal(y.start, Date).label("start"),
                    literal(y.end, Date).label("end"),
                    literal(_after(y), Date).label("next_start"),
                    literal(days[y] if days else y.end, Date).label("day"),
                )
                for y in self.years
            ]
            self.table = union_all(*rows).subquery("academic_years")

    @classmethod
    def on(cls, year: AcademicYear, day: date) -> "Years":
        """One year whose figures are taken on `day`."""
        return cls([year], days={year: day})

    def _value(self, name: str, of_one):
        return of_one if self.table is None else self.table.c[name]

    @property
    def start_year(self):
        return self._value("start_year", self.years[0].start_year)

    @property
    def start(self):
        """The year's first day (1 September)."""
        return self._value("start", self.years[0].start)

    @property
    def end(self):
        """The year's last day (31 August)."""
        return self._value("end", self.years[0].end)

    @property
    def next_start(self):
        """The first day after the year (for a half-open [start, next_start) of timestamps)."""
        return self._value("next_start", _after(self.years[0]))

    @property
    def day(self):
        """The day the year's stock figures are taken on."""
        if self.days is None:
            raise ValueError("Years: a stock figure needs the day of account (today)")
        return self._value("day", self.days[self.years[0]])

    def each(self, value: Callable[[AcademicYear], object]):
        """`value(year)` of each year: the plain value for one year, a CASE for several."""
        if self.table is None:
            return value(self.years[0])
        return case(
            {y.start_year: literal(value(y)) for y in self.years}, value=self.table.c.start_year
        )

    @property
    def key(self) -> tuple:
        """What goes first in a statement's SELECT and GROUP BY: nothing for one year."""
        return () if self.table is None else (self.table.c.start_year,)

    def split(self, rows: Sequence) -> dict[AcademicYear, list[tuple]]:
        """Each year's rows (without the key), every year present even with no rows."""
        out: dict[AcademicYear, list[tuple]] = {y: [] for y in self.years}
        if self.table is None:
            out[self.years[0]] = [tuple(r) for r in rows]
            return out
        for start_year, *rest in rows:
            out[AcademicYear(start_year)].append(tuple(rest))
        return out


def _after(year: AcademicYear) -> date:
    return AcademicYear(year.start_year + 1).start


def yearly(statistic: Callable[[Years], dict]) -> Callable:
    """A statistic written for `Years` ({year: {school_id: value}}), callable also as
    `statistic(year)` or `statistic(year, today)` with one `AcademicYear`: {school_id: value}."""

    @wraps(statistic)
    def one_or_many(year, today: date | None = None):
        if isinstance(year, Years):
            return statistic(year)
        return statistic(Years([year], today))[year]

    return one_or_many


def count_by_school(years: Years, model, *conditions) -> dict[AcademicYear, dict[int, int]]:
    """{year: {school_id: rows of `model` meeting the conditions}}, in one statement."""
    rows = db.session.execute(
        select(*years.key, model.school_id, func.count(model.id))
        .where(*conditions)
        .group_by(*years.key, model.school_id)
    ).all()
    return {year: dict(found) for year, found in years.split(rows).items()}


def nested_by_year(years: Years, rows, key=None) -> dict[AcademicYear, dict[int, dict]]:
    """{year: {school_id: {key: n}}} out of rows (the year's key, school_id, key, n), each key
    through `key` (an enum, say) when given; n of 0 left out."""
    out: dict[AcademicYear, dict[int, dict]] = {}
    for year, found in years.split(rows).items():
        by_school: dict[int, dict] = {}
        for school_id, k, n in found:
            if n:
                by_school.setdefault(school_id, {})[key(k) if key else k] = n
        out[year] = by_school
    return out
