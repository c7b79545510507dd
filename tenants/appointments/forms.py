from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length

from nastavnik.forms import ChoiceField, Form


def _staff_id(value) -> int | None:
    return None if value in (None, "") else int(value)


class AppointForm(Form):
    post = ChoiceField(
        "Назначить", validators=[DataRequired("Выберите, куда назначается педагог.")]
    )
    staff_id = ChoiceField(
        "Педагог", coerce=_staff_id, validators=[InputRequired("Выберите педагога из реестра.")]
    )
    position = StringField(
        "Должность, как её пишет приказ (например «заместитель директора по УВР»)",
        validators=[
            DataRequired("Укажите должность."),
            Length(max=200, message="Должность — не длиннее 200 символов."),
        ],
    )
    submit = SubmitField("Назначить (вступит в силу с приказом)")


class ConfirmForm(Form):
    submit = SubmitField("Подтвердить")
