"""Forms of the roadmap: shape only; the rules are in services."""

from flask_wtf.file import FileField
from wtforms import DateField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from nastavnik.forms import CheckboxesField, ChoiceField, Form


class CreateRoadmapForm(Form):
    year = ChoiceField("Учебный год", coerce=str)
    copy = CheckboxesField("Мероприятия школы прошлого года, которые перенести", coerce=int)
    submit = SubmitField("Составить дорожную карту по шаблону")


class ActivityForm(Form):
    stage = ChoiceField("Этап")
    content = TextAreaField(
        "Содержание мероприятия",
        validators=[
            DataRequired("Опишите мероприятие."),
            Length(max=2000, message="Описание — не длиннее 2000 символов."),
        ],
    )
    timing = StringField(
        "Срок (как в дорожной карте)",
        description="Месяц («Сентябрь»), «В течение года» или дата (15.10.2026).",
        validators=[
            DataRequired("Укажите срок: месяц, «В течение года» или дату."),
            Length(max=100, message="Срок — не длиннее 100 символов."),
        ],
    )
    due_on = DateField(
        "Выполнить до",
        description="Можно не заполнять: дата выводится из срока.",
        validators=[Optional()],
    )
    responsible = StringField(
        "Ответственный (роль)",
        validators=[Optional(), Length(max=200, message="Не длиннее 200 символов.")],
    )
    responsible_staff_id = ChoiceField("или педагог школы", coerce=int)
    expected_result = TextAreaField(
        "Ожидаемый результат",
        validators=[Optional(), Length(max=2000, message="Не длиннее 2000 символов.")],
    )
    submit = SubmitField("Сохранить")


class MarkForm(Form):
    status = ChoiceField("Статус")
    evidence_note = TextAreaField(
        "Подтверждение: примечание",
        validators=[Optional(), Length(max=2000, message="Не длиннее 2000 символов.")],
    )
    evidence_link = StringField(
        "Ссылка на запись платформы",
        description="Адрес страницы этой школы на платформе, например приказа или программы.",
        validators=[Optional(), Length(max=300, message="Не длиннее 300 символов.")],
    )
    evidence = FileField("Файл (PDF, изображение, документ)")
    submit = SubmitField("Отметить")


class ConfirmForm(Form):
    submit = SubmitField("Подтвердить")
