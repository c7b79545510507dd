"""Forms of the events: shape only; the rules are in services."""

from flask_wtf.file import FileField, MultipleFileField
from wtforms import DateField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from nastavnik.forms import CheckboxesField, ChoiceField, Form


class EventForm(Form):
    kind = ChoiceField("Вид мероприятия")
    title = StringField(
        "Название",
        validators=[
            DataRequired("Укажите название мероприятия."),
            Length(max=300, message="Название — не длиннее 300 символов."),
        ],
    )
    held_on = DateField("Дата проведения", validators=[InputRequired("Укажите дату проведения.")])
    place = StringField(
        "Место проведения",
        validators=[Optional(), Length(max=300, message="Не длиннее 300 символов.")],
    )
    activity_id = ChoiceField("Мероприятие дорожной карты, которое оно выполняет", coerce=int)
    participants = CheckboxesField("Участники (педагоги школы)", coerce=int)
    results = TextAreaField(
        "Итоги",
        description="Вносятся после проведения; с итогами мероприятие дорожной карты "
        "отмечается выполненным.",
        validators=[Optional(), Length(max=4000, message="Не длиннее 4000 символов.")],
    )
    materials = MultipleFileField("Материалы (файлы)")
    submit = SubmitField("Сохранить")


__all__ = ["EventForm", "FileField"]
