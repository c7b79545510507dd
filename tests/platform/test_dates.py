from datetime import date, datetime

from nastavnik.dates import format_date, format_datetime


def test_dates_read_the_russian_way():
    assert format_date(date(2023, 8, 30)) == "30 августа 2023 г."
    assert format_date(date(2024, 1, 1)) == "1 января 2024 г."
    assert format_date(None) == ""


def test_stored_utc_times_are_shown_in_moscow_time():
    assert format_datetime(datetime(2026, 11, 24, 22, 30)) == "25 ноября 2026 г., 01:30"


def test_wtforms_messages_reach_the_screen_in_russian(app):
    from wtforms import DateField, IntegerField, SelectChoice, StringField
    from wtforms.validators import DataRequired, Length

    from nastavnik.forms import ChoiceField, Form

    class Sample(Form):
        name = StringField("Имя", validators=[DataRequired(), Length(min=3, max=5)])
        year = IntegerField("Год")
        day = DateField("Дата")
        kind = ChoiceField("Вид", choices=[SelectChoice("a", "А")])

    data = {"name": "ab", "year": "x", "day": "31.02", "kind": "zzz"}
    with app.test_request_context(method="POST", data=data):
        form = Sample(meta={"csrf": False})
        assert not form.validate()
        messages = " ".join(m for errors in form.errors.values() for m in errors)
    assert "от 3 до 5 символов" in messages
    assert "Выберите значение из списка." in messages
    assert not any(word in messages for word in ("Field", "Not a valid", "choice"))
