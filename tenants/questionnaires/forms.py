from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectChoice,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from nastavnik.forms import CheckboxesField, ChoiceField, Form

from .assigning import Group
from .editing import MAX_TEXT, MAX_TITLE
from .models import Purpose, QuestionKind


class QuestionnaireForm(Form):
    title = StringField(
        "Название",
        validators=[
            DataRequired("Укажите название анкеты."),
            Length(max=MAX_TITLE, message=f"Название — не длиннее {MAX_TITLE} символов."),
        ],
    )
    description = TextAreaField(
        "Пояснение для отвечающих",
        validators=[Length(max=MAX_TEXT, message=f"Не длиннее {MAX_TEXT} символов.")],
        render_kw={"rows": 3},
    )
    purpose = ChoiceField(
        "Назначение", choices=[SelectChoice(c, label) for c, label in Purpose.labels().items()]
    )
    anonymous = BooleanField(
        "Анонимная анкета",
        description="Ответы хранятся без имени; итоги видны только от трёх ответов.",
        default=True,
    )
    submit = SubmitField("Сохранить")


class QuestionForm(Form):
    text = TextAreaField("Вопрос", render_kw={"rows": 2})
    kind = ChoiceField(
        "Вид вопроса",
        choices=[SelectChoice(c, label) for c, label in QuestionKind.labels().items()],
    )
    required = BooleanField("Обязательный", default=True)
    scale_max = ChoiceField(
        "Шкала",
        choices=[SelectChoice("5", "от 1 до 5"), SelectChoice("10", "от 1 до 10")],
        default="5",
    )
    low_label = StringField("Подпись к 1 (нижний конец шкалы)")
    high_label = StringField("Подпись к высшему баллу (верхний конец шкалы)")
    options = TextAreaField("Варианты ответа, по одному в строке", render_kw={"rows": 4})
    per_area = BooleanField(
        "Задать по каждому затруднению, над которым работала программа",
        description="Только для шкалы в анкете по завершении программы.",
    )
    submit = SubmitField("Добавить вопрос")


class CopyForm(Form):
    source = HiddenField()
    submit = SubmitField("Сделать копию")


class ActionForm(Form):
    """A button that posts (CSRF only)."""

    submit = SubmitField("Подтвердить")


class SendForm(Form):
    group = ChoiceField(
        "Кому",
        choices=[SelectChoice(c, label) for c, label in Group.LABELS.items()],
        default=Group.CHOSEN,
    )
    people = CheckboxesField("Педагоги (для «Выбранные педагоги»)", coerce=int, choices=[])
    due_on = DateField(
        "Ответить до", validators=[DataRequired("Укажите срок, до которого нужно ответить.")]
    )
    submit = SubmitField("Отправить анкету")


class FilterForm(Form):
    class Meta:
        csrf = False

    program = IntegerField("Программа", validators=[Optional()])
    form = StringField("Форма наставничества", validators=[Optional()])
