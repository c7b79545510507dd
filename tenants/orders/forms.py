from wtforms import DateField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from nastavnik.forms import CheckboxesField, ChoiceField, Form

NUMBER = [
    DataRequired("Укажите номер приказа."),
    Length(max=40, message="Номер приказа — не длиннее 40 символов."),
]
DATE = [InputRequired("Укажите дату приказа.")]


class DraftPairingsForm(Form):
    pairings = CheckboxesField(
        "Пары и группы",
        coerce=int,
        validators=[DataRequired("Выберите хотя бы одну пару или группу.")],
    )
    programs_due = DateField(
        "Срок разработки персонализированных программ",
        validators=[InputRequired("Укажите срок разработки программ.")],
    )
    curator = StringField(
        "Куратор (в дательном падеже, например «Батаевой А.Х.»)",
        validators=[Optional(), Length(max=200, message="Не длиннее 200 символов.")],
    )
    submit = SubmitField("Подготовить проект приказа")


class SignForm(Form):
    number = StringField("Номер приказа", validators=NUMBER)
    signed_on = DateField("Дата приказа", validators=DATE)
    submit = SubmitField("Записать номер и дату: приказ подписан")


class RegisterOrderForm(Form):
    kind = ChoiceField("Вид приказа")
    title = StringField(
        "Название",
        validators=[
            DataRequired("Укажите название приказа."),
            Length(max=300, message="Название — не длиннее 300 символов."),
        ],
    )
    number = StringField("Номер приказа", validators=NUMBER)
    signed_on = DateField("Дата приказа", validators=DATE)
    submit = SubmitField("Внести в реестр")


class ConfirmForm(Form):
    submit = SubmitField("Подтвердить")
