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

    def validate(self, extra_validators=None) -> bool:
        """A request's date and number are told beside their fields, both at once (the rules
        say it again: erasure.why_not_erase)."""
        valid = super().validate(extra_validators)
        if self.basis.data == ErasureBasis.REQUEST.value:
            for field, message in (
                (self.request_on, "Укажите дату запроса педагога."),
                (self.request_number, "Укажите номер запроса педагога."),
            ):
                empty = not field.data or (isinstance(field.data, str) and not field.data.strip())
                if empty and not field.errors:
                    field.errors = [*field.errors, message]
                    valid = False
        return valid
