from wtforms import BooleanField, DateField, SelectChoice, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from nastavnik.forms import ChoiceField, Form

from .models import ErasureBasis


class EraseForm(Form):
    basis = ChoiceField(
        "Основание",
        choices=[
            SelectChoice("", "— выберите —"),
            *(SelectChoice(b.value, b.label) for b in ErasureBasis),
        ],
        validators=[InputRequired("Выберите основание обезличивания.")],
    )
    request_on = DateField(
        "Дата запроса педагога",
        validators=[Optional()],
        description="Для обезличивания по запросу: дата, которой запрос зарегистрирован.",
    )
    request_number = StringField(
        "Номер запроса",
        validators=[Optional(), Length(max=60, message="Не более 60 символов.")],
        description="Входящий номер запроса, проверенного руководителем.",
    )
    confirm = BooleanField(
        "Понимаю: ФИО, контакты, дата рождения, тексты и файлы педагога будут удалены без "
        "возможности восстановления",
        validators=[DataRequired("Подтвердите обезличивание.")],
    )
    submit = SubmitField("Обезличить персональные данные")
