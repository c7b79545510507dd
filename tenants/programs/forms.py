"""Forms of the programs feature: shape only; the rules are in access and the clause modules."""

import wtforms
from flask_wtf.file import FileField
from wtforms import DateField, FieldList, FormField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from nastavnik.forms import CheckboxesField, ChoiceField, Form


class ActivityRow(wtforms.Form):
    """One line of the plan; a line left blank is skipped."""

    class Meta:
        locales = ("ru_RU", "ru")

    title = StringField("Мероприятие", validators=[Optional(), Length(max=300)])
    due_on = DateField("Срок", validators=[Optional()])
    responsible = StringField("Ответственный", validators=[Optional(), Length(max=200)])

    def is_blank(self) -> bool:
        return (
            not (self.title.data or "").strip()
            and not self.due_on.data
            and not (self.responsible.data or "").strip()
        )

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.is_blank():
            return True
        for field, message in (
            (self.title, "Укажите мероприятие."),
            (self.due_on, "Укажите срок."),
            (self.responsible, "Укажите ответственного."),
        ):
            if not field.data or (isinstance(field.data, str) and not field.data.strip()):
                field.errors = [*field.errors, message]
        return not any(f.errors for f in self)

    def as_item(self) -> dict:
        return {
            "title": self.title.data,
            "due_on": self.due_on.data,
            "responsible": self.responsible.data,
        }


def filled_rows(field_list) -> list[dict]:
    return [row.form.as_item() for row in field_list if not row.form.is_blank()]


class ProgramForm(Form):
    title = StringField(
        "Название программы",
        validators=[DataRequired("Укажите название программы."), Length(max=300)],
    )
    goals = TextAreaField("Цели", validators=[DataRequired("Укажите цели программы.")])
    difficulties = CheckboxesField("Направления затруднений, на которые направлена программа")
    difficulties_text = TextAreaField("Затруднения наставляемого своими словами")
    forms = CheckboxesField(
        "Формы наставничества",
        validators=[DataRequired("Выберите хотя бы одну форму наставничества.")],
    )
    expected_results = TextAreaField("Ожидаемые результаты")
    starts_on = DateField("Начало", validators=[InputRequired("Укажите дату начала программы.")])
    ends_on = DateField(
        "Окончание",
        validators=[InputRequired("Укажите дату окончания программы.")],
        description="От 3 месяцев до 1 года (п. 1.2 Положения).",
    )
    submit = SubmitField("Сохранить")


class NewProgramForm(ProgramForm):
    pairing = ChoiceField(
        "Пара / группа", coerce=int, validators=[InputRequired("Выберите пару или группу.")]
    )
    activities = FieldList(FormField(ActivityRow), label="План мероприятий", min_entries=3)
    submit = SubmitField("Утвердить программу")


class ActivityForm(Form):
    title = StringField(
        "Мероприятие", validators=[DataRequired("Укажите мероприятие."), Length(max=300)]
    )
    due_on = DateField("Срок", validators=[InputRequired("Укажите срок.")])
    responsible = StringField(
        "Ответственный",
        validators=[DataRequired("Укажите ответственного."), Length(max=200)],
    )
    submit = SubmitField("Добавить в план")


class DoneForm(Form):
    result = TextAreaField("Результат", validators=[DataRequired("Опишите результат мероприятия.")])
    evidence = FileField(
        "Подтверждающий файл (необязательно)",
        description="PDF, изображение или документ Office, до 8 МБ.",
    )
    submit = SubmitField("Отметить выполненным")


class ChangeForm(Form):
    kind = ChoiceField("Что изменить", validators=[InputRequired("Выберите, что изменить.")])
    description = TextAreaField(
        "Что и почему меняется", validators=[DataRequired("Опишите, что и почему меняется.")]
    )
    ends_on = DateField("Новая дата окончания (для продления)", validators=[Optional()])
    forms = CheckboxesField("Формы наставничества (для изменения формы)")
    cancel = CheckboxesField("Отменить мероприятия (для корректировки плана)", coerce=int)
    add = FieldList(
        FormField(ActivityRow),
        label="Добавить мероприятия (для корректировки плана)",
        min_entries=2,
    )
    submit = SubmitField("Предложить изменение")


class EndForm(Form):
    reason = ChoiceField(
        "Основание завершения (п. 7.1)",
        validators=[InputRequired("Выберите основание завершения.")],
    )
    comment = TextAreaField(
        "Причина",
        description="Обязательна для всех оснований, кроме выполнения плана в полном объёме.",
    )
    submit = SubmitField("Завершить программу")


class PublishForm(Form):
    results = TextAreaField(
        "Результаты программы", validators=[DataRequired("Опишите результаты программы.")]
    )
    submit = SubmitField("Опубликовать результаты")


class ConfirmForm(Form):
    submit = SubmitField("Согласен")
