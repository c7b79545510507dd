"""Forms of the programs feature: shape only; the rules are in access and the clause modules."""

import wtforms
from flask_wtf.file import FileField
from wtforms import (
    DateField,
    FieldList,
    FormField,
    HiddenField,
    StringField,
    SubmitField,
    TextAreaField,
)
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
    """The rows filled in, each with its place in the form ("row") to show a refusal there."""
    return [
        {**row.form.as_item(), "row": number}
        for number, row in enumerate(field_list)
        if not row.form.is_blank()
    ]


MAX_ROWS = 40  # rows of a plan in one form; more are added after the start by 7.2
FIRST_ROWS = 3  # a new plan's form opens with this many blank rows
ROWS = "rows"  # the name of the «Добавить строку» / «Удалить» buttons


def change_rows(field_list, action: str | None) -> bool:
    """The «Добавить строку» / «Удалить» buttons, without JavaScript: the form comes back with
    one row more, or without the row pressed. True when the press was one of these."""
    if not action:
        return False
    if action == "add":
        if len(field_list.entries) < MAX_ROWS:
            field_list.append_entry()
        return True
    number = action.removeprefix("remove-")
    if not number.isdigit():
        return True
    kept = [row.data for i, row in enumerate(field_list.entries) if i != int(number)]
    field_list.process(None, kept or [{}])
    return True


def pad_rows(field_list, count: int = FIRST_ROWS) -> None:
    while len(field_list.entries) < count:
        field_list.append_entry()


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
    activities = FieldList(
        FormField(ActivityRow), label="План мероприятий", min_entries=1, max_entries=MAX_ROWS
    )
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
    done_on = DateField(
        "Дата выполнения",
        validators=[Optional()],  # left empty: today
        description="В пределах срока программы и не позже сегодняшнего дня.",
    )
    result = TextAreaField(
        "Результат",
        validators=[
            DataRequired("Опишите результат мероприятия."),
            Length(max=4000, message="Результат — не длиннее 4000 символов."),
        ],
    )
    evidence = FileField(
        "Подтверждающий файл (необязательно)",
        description="PDF, изображение или документ Office, до 8 МБ.",
    )
    submit = SubmitField("Отметить выполненным")


class ChangeForm(Form):
    """7.2: one kind of change at a time; the page shows only the fields of the chosen kind."""

    kind = HiddenField(validators=[InputRequired("Выберите, что изменить.")])
    description = TextAreaField(
        "Что и почему меняется", validators=[DataRequired("Опишите, что и почему меняется.")]
    )
    ends_on = DateField("Новая дата окончания", validators=[Optional()])
    forms = CheckboxesField("Формы наставничества")
    cancel = CheckboxesField("Отменить мероприятия", coerce=int)
    add = FieldList(
        FormField(ActivityRow),
        label="Добавить мероприятия",
        min_entries=1,
        max_entries=MAX_ROWS,
    )
    submit = SubmitField("Предложить изменение")

    def validate(self, extra_validators=None) -> bool:
        """What the chosen kind cannot do without is told with the description at once (the
        rules say it again: changes.py); an empty extension told of its date only on the
        second try."""
        valid = super().validate(extra_validators)
        for kind, field, message in (
            ("extend", self.ends_on, "Укажите новую дату окончания программы."),
            ("form", self.forms, "Выберите хотя бы одну форму наставничества."),
        ):
            if self.kind.data == kind and not field.data and not field.errors:
                field.errors = [*field.errors, message]
                valid = False
        return valid


class EndForm(Form):
    reason = ChoiceField(
        "Основание завершения (п. 7.1)",
        validators=[InputRequired("Выберите основание завершения.")],
    )
    comment = TextAreaField(
        "Причина",
        description="Обязательна для всех оснований, кроме выполнения плана в полном объёме.",
    )
    confirmed = HiddenField()  # set on the confirmation step (7.1)
    submit = SubmitField("Завершить программу")


class PublishForm(Form):
    results = TextAreaField(
        "Результаты программы", validators=[DataRequired("Опишите результаты программы.")]
    )
    submit = SubmitField("Опубликовать результаты")


class ConfirmForm(Form):
    submit = SubmitField("Согласен")


class DeclineForm(Form):
    """7.2: a participant declines a proposed change, saying why."""

    reason = TextAreaField(
        "Почему вы не согласны",
        validators=[DataRequired("Укажите, почему вы не согласны с изменением."), Length(max=2000)],
    )
    submit = SubmitField("Отклонить изменение")
