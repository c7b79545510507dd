"""Forms of the best practices: shape only; the rules are in services."""

from flask_wtf.file import MultipleFileField
from wtforms import IntegerField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from nastavnik.forms import CheckboxesField, ChoiceField, Form


class PracticeForm(Form):
    title = StringField(
        "Название", validators=[DataRequired("Укажите название практики."), Length(max=300)]
    )
    summary = TextAreaField(
        "Краткое описание", validators=[Optional(), Length(max=2000)], render_kw={"rows": 3}
    )
    body = TextAreaField(
        "Текст практики (разметка: **жирный**, *курсив*, списки «- », ссылки [текст](адрес))",
        validators=[Optional(), Length(max=50_000)],
        render_kw={"rows": 12},
    )
    forms = CheckboxesField("Формы наставничества", choices=[])
    areas = CheckboxesField("Направления", choices=[])
    year = IntegerField(
        "Учебный год (первый год, например 2024 — для 2024/2025)",
        validators=[
            DataRequired("Укажите учебный год: первый его год, например 2024."),
            NumberRange(min=2015, max=2100),
        ],
    )
    authors = CheckboxesField("Авторы (педагоги школы)", coerce=int, choices=[])
    program = ChoiceField(
        "Программа, из которой выросла практика (её план приложится к тексту)",
        coerce=int,
        choices=[],
        validate_choice=False,  # 0 — none; the view finds the program in the school or 404
        validators=[Optional()],
    )
    files = MultipleFileField("Файлы: PDF, DOCX, PPTX, XLSX, JPG, PNG — до 5 МБ каждый")
    submit = SubmitField("Сохранить")


class StepForm(Form):
    comment = TextAreaField("Комментарий", validators=[Optional(), Length(max=2000)])


class ProgramForm(Form):
    program = ChoiceField("Программа", coerce=int, choices=[], validators=[DataRequired()])
    submit = SubmitField("Приложить план и результаты")
