"""Long lists shown a page at a time: `?page=N` over a list already filtered and ordered.

A school of 600 teachers would otherwise send every row of its register and banks on each visit
(half a megabyte of HTML); the page keeps its search and its other filters in the links
(`_pager.html`).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from flask import request, url_for
from sqlalchemy import Select, func, select

from nastavnik.extensions import db
from nastavnik.types import parse_id


@dataclass(frozen=True)
class Page:
    items: list
    number: int  # from 1
    size: int
    total: int  # rows in the whole list
    link: Callable[[int], str]  # the address of page N, with the request's other arguments

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def first(self) -> int:
        """The place in the whole list of the page's first row (from 1)."""
        return (self.number - 1) * self.size + 1 if self.total else 0

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1 if self.items else 0

    @property
    def around(self) -> list[int | None]:
        """The page numbers to link: the first, the last and two either side; None is a gap."""
        near = {1, self.pages, *range(self.number - 2, self.number + 3)}
        shown = sorted(n for n in near if 1 <= n <= self.pages)
        numbers = []
        for n in shown:
            if numbers and n - numbers[-1] > 1:
                numbers.append(None)
            numbers.append(n)
        return numbers


def page_of(rows: Sequence, size: int, number: int | None = None) -> Page:
    """The page `number` (the request's `?page=`, by default) of the rows; a number past the end
    shows the last page, anything else that is not a page number the first."""
    number = _clamped(number, len(rows), size)
    start = (number - 1) * size
    return Page(list(rows[start : start + size]), number, size, len(rows), _link)


def _entities(result) -> list:
    return list(result.scalars())


def page_of_select(
    statement: Select, size: int, rows: Callable = _entities, number: int | None = None
) -> Page:
    """The same page of an ordered statement, with the database doing the slicing: a count,
    then only the page's rows (LIMIT/OFFSET), made into items by `rows(result)` (by default the
    entities the statement selects)."""
    total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    number = _clamped(number, total, size)
    result = db.session.execute(statement.limit(size).offset((number - 1) * size))
    return Page(rows(result), number, size, total, _link)


def _clamped(number: int | None, total: int, size: int) -> int:
    if number is None:
        number = parse_id(request.args.get("page")) or 1
    return min(max(number, 1), max(1, -(-total // size)))


def _link(number: int) -> str:
    arguments = {**(request.view_args or {}), **request.args.to_dict(), "page": number}
    return url_for(request.endpoint, **arguments)
