from flask_wtf.file import FileField
from wtforms import (
    DateField,
    FieldList,
    FormField,
    HiddenField,
    SelectChoice,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp

from nastavnik.forms import ChoiceField, Form

from .models import ConsentKind
from .services import MAX_AT_ONCE


def _staff_id(value) -> int | None:
    return None if value in (None, "") else int(value)


class ConsentForm(Form):
    # choices come from the view, after a blank «выберите» line
    staff_id = ChoiceField(
        "Педагог", coerce=_staff_id, validators=[InputRequired("Выберите педагога.")]
    )
    purpose = TextAreaField(
        "Цель",
        validators=[DataRequired("Укажите цель."), Length(max=4000)],
        render_kw={"rows": 3},
    )
    data_list = TextAreaField(
        "Перечень данных",
        validators=[Optional(), Length(max=4000)],
        render_kw={"rows": 3},
    )
    signed_on = DateField("Дата подписания", validators=[DataRequired("Укажите дату подписания.")])
    valid_until = DateField(
        "Действует до",
        validators=[Optional()],
        description="Оставьте пустым, если согласие дано до его отзыва.",
    )
    paper_number = StringField(
        "Номер бумажного согласия",
        validators=[Optional(), Length(max=60, message="Не более 60 символов.")],
    )
    scan = FileField(
        "Скан подписанного согласия",
        description="PDF, JPG или PNG до 8 МБ. Нужен номер бумажного согласия или скан.",
    )
    submit = SubmitField("Записать согласие")


class RevokeForm(Form):
    revoked_on = DateField("Дата отзыва", validators=[DataRequired("Укажите дату отзыва.")])
    reason = TextAreaField(
        "Причина отзыва",
        validators=[DataRequired("Укажите причину отзыва."), Length(max=2000)],
        render_kw={"rows": 3},
    )
    submit = SubmitField("Отозвать согласие")


class PaperRowForm(Form):
    """One person's line of the form that records many consents at once."""

    class Meta:
        csrf = False  # the whole form carries the token

    staff_id = HiddenField(validators=[DataRequired(), Regexp(r"^[0-9]{1,12}$")])
    paper_number = StringField(
        "Номер бумажного согласия",
        validators=[
            DataRequired("Укажите номер бумажного согласия."),
            Length(max=60, message="Не более 60 символов."),
        ],
    )


class ManyConsentsForm(Form):
    kind = ChoiceField(
        "Вид согласия",
        choices=[SelectChoice(kind.value, kind.label) for kind in ConsentKind],
        default=ConsentKind.PERSONAL_DATA.value,
    )
    signed_on = DateField("Дата подписания", validators=[DataRequired("Укажите дату подписания.")])
    valid_until = DateField(
        "Действует до",
        validators=[Optional()],
        description="Оставьте пустым, если согласие дано до его отзыва.",
    )
    rows = FieldList(FormField(PaperRowForm), max_entries=MAX_AT_ONCE)
    submit = SubmitField("Записать согласия")
