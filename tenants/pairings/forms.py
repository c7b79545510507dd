from wtforms import DateField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional

from nastavnik.forms import CheckboxesField, ChoiceField, Form


class PairingForm(Form):
    mentor = ChoiceField("Наставник", coerce=int)
    mentees = CheckboxesField(
        "Наставляемые",
        coerce=int,
        validators=[DataRequired("Выберите хотя бы одного наставляемого.")],
    )
    form = ChoiceField("Форма наставничества")
    submit = SubmitField("Предложить пару или группу")


def consents_form(mentees):
    """Dates of the written consents: the mentor's and one per mentee ((staff_id, name), …)."""

    class ConsentsForm(Form):
        mentor_on = DateField("Письменное согласие наставника", validators=[Optional()])

    for staff_id, name in mentees:
        field = DateField(f"Письменное согласие наставляемого: {name}", validators=[Optional()])
        setattr(ConsentsForm, f"mentee_{staff_id}", field)
    ConsentsForm.submit = SubmitField("Сохранить даты согласий")
    return ConsentsForm


class CustomFormForm(Form):
    title = StringField(
        "Название формы",
        validators=[
            DataRequired("Укажите название формы."),
            Length(max=200, message="Название — не длиннее 200 символов."),
        ],
    )
    submit = SubmitField("Добавить форму")


class ConfirmForm(Form):
    submit = SubmitField("Подтвердить")
