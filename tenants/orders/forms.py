from flask_wtf.file import FileField
from wtforms import DateField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from nastavnik.forms import CheckboxesField, ChoiceField, Form

NUMBER = [
    DataRequired("Укажите номер приказа."),
    Length(max=40, message="Номер приказа — не длиннее 40 символов."),
]
DATE = [InputRequired("Укажите дату приказа.")]
CURATOR_LABEL = "Куратор в дательном падеже (кому?), например «Батаевой А.Х.»"


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
        CURATOR_LABEL,
        validators=[Optional(), Length(max=200, message="Не длиннее 200 символов.")],
    )
    submit = SubmitField("Подготовить проект приказа")
    # 6.2: every pair and group ready to be approved, without ticking each.
    all_ready = SubmitField("Включить все готовые и подготовить проект")


class DraftEndingForm(Form):
    programs = CheckboxesField(
        "Завершённые программы",
        coerce=int,
        validators=[DataRequired("Выберите хотя бы одну завершённую программу.")],
    )
    curator = StringField(
        CURATOR_LABEL,
        validators=[Optional(), Length(max=200, message="Не длиннее 200 символов.")],
    )
    submit = SubmitField("Подготовить проект приказа")
    all_ready = SubmitField("Включить все завершённые и подготовить проект")


class ScanForm(Form):
    scan = FileField("Скан подписанного приказа (PDF, JPG или PNG)")
    submit = SubmitField("Приложить скан")


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
    scan = FileField("Скан подписанного приказа (PDF, JPG или PNG), если есть")
    submit = SubmitField("Внести в реестр")


class ConfirmForm(Form):
    submit = SubmitField("Подтвердить")
