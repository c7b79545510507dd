"""Column types shared by the features, and the closed lists of codes their columns hold."""

from enum import StrEnum
from typing import Self

from sqlalchemy import String, Text
from sqlalchemy.types import TypeDecorator
from werkzeug.routing import IntegerConverter


class CodeList(TypeDecorator):
    """A short list of codes (areas, forms), stored as 'a,b,c', read as a tuple."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return ""
        return ",".join(str(v) for v in value)

    def process_result_value(self, value, dialect):
        return tuple(v for v in (value or "").split(",") if v)


class LabelledEnum(StrEnum):
    """A closed list of codes, each with its Russian label: `ACTIVE = "active", "Действует"`.

    A member is the very string stored in the database: `PairingStatus.ACTIVE == "active"`.
    """

    label: str

    def __new__(cls, code: str, label: str):
        member = str.__new__(cls, code)
        member._value_ = code
        member.label = label
        return member

    @classmethod
    def labels(cls) -> dict[Self, str]:
        """Every member and its label, in the order of the list."""
        return {member: member.label for member in cls}

    @classmethod
    def parse(cls, code: str | None) -> Self | None:
        """The member a code from a request names, or None when it names none."""
        try:
            return cls(code)
        except ValueError:
            return None


class Enumerated(TypeDecorator):
    """A string column holding a member of `enum`: read back as the member, and a code that
    is none of its members (a typo in a query) is refused before it reaches the database."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[StrEnum], length: int):
        super().__init__(length)
        self.enum = enum

    def process_bind_param(self, value, dialect):
        return None if value is None else self.enum(value).value

    def process_result_value(self, value, dialect):
        return None if value is None else self.enum(value)


# The largest id any table holds: PostgreSQL's integer. A larger number names nothing.
MAX_ID = 2**31 - 1


def parse_id(value) -> int | None:
    """An id typed in a URL or a form field, or None: ASCII digits only («²» is a digit to
    `str.isdigit()` but not to `int()`), and no larger than a column can hold."""
    text = str(value or "")
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if number <= MAX_ID else None


class BoundedInteger(IntegerConverter):
    """`<int:…>` in a URL: an id larger than a column holds is a 404, not a database error."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)
