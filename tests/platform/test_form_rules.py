"""Two rules every form of the platform keeps, whatever its fields."""

from datetime import date

from wtforms import DateField, StringField, TextAreaField

from nastavnik.forms import CONTROL_MESSAGE, DATE_RANGE_MESSAGE, Form
from nastavnik.types import parse_id


class Sample(Form):
    name = StringField("ФИО")
    note = TextAreaField("Заметка")
    on = DateField("Дата")


def _form(app, **data):
    with app.test_request_context(method="POST", data=data):
        form = Sample(meta={"csrf": False})
        form.validate()
        return form


def test_a_nul_byte_in_any_text_is_refused_next_to_its_field(app):
    form = _form(app, name="Батаева\x00 А.Х.", note="строка\r\nвторая\tс табуляцией", on="")
    assert form.name.errors == [CONTROL_MESSAGE]
    assert form.note.errors == []  # line breaks and tabs are what people type


def test_a_date_a_record_cannot_hold_is_refused(app):
    assert _form(app, on="9999-12-31").on.errors == [DATE_RANGE_MESSAGE]
    assert _form(app, on="0001-01-01").on.errors == [DATE_RANGE_MESSAGE]
    assert _form(app, on="2026-09-01").on.errors == []
    assert _form(app, on="2026-09-01").on.data == date(2026, 9, 1)


def test_an_id_is_ascii_digits_no_larger_than_a_column():
    assert parse_id("17") == 17
    assert parse_id("²") is None
    assert parse_id("١٢") is None  # Arabic-Indic digits
    assert parse_id("2147483647") == 2147483647
    assert parse_id("2147483648") is None
    assert parse_id("9" * 400) is None
    assert parse_id("") is None
    assert parse_id(None) is None
    assert parse_id("-1") is None
