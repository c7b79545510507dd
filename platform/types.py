"""Column types shared by the features."""

from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator


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
