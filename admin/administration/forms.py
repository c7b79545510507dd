from wtforms import SelectChoice, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from nastavnik.accounts.forms import AccountForm, login_field, roles_field
from nastavnik.forms import ChoiceField, Form
from nastavnik.models import SCHOOL_KINDS
from nastavnik.permissions import DISTRICT_ROLES, ROLE_LABELS, Role
from nastavnik.schools import LIMITS, POSTAL_ADDRESS_MAX, SLUG_MAX, SLUG_PATTERN, SLUG_RULE

DISTRICT_ROLE_CHOICES = [SelectChoice(r.value, ROLE_LABELS[r]) for r in Role if r in DISTRICT_ROLES]
KIND_CHOICES = [SelectChoice(code, label.capitalize()) for code, label in SCHOOL_KINDS.items()]
DIRECTOR_NAME_MAX = 120  # School.director_name


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _text(label: str, limit: int, description: str = "") -> StringField:
    return StringField(
        label,
        validators=[
            DataRequired("Заполните это поле."),
            Length(max=limit, message=f"Не длиннее {limit} символов."),
        ],
        filters=[_strip],
        description=description,
    )


def _postal_address() -> StringField:
    return StringField(
        "Почтовый адрес школы",
        validators=[
            Optional(),
            Length(
                max=POSTAL_ADDRESS_MAX,
                message=f"Почтовый адрес — не длиннее {POSTAL_ADDRESS_MAX} символов.",
            ),
        ],
        filters=[_strip],
        description=(
            "С индексом, например: 366314, Чеченская Республика, Курчалоевский район, "
            "с. Майртуп, ул. Школьная, 12. Это адрес оператора в бланке согласия на обработку "
            "персональных данных; пока он не указан, в бланке — только населённый пункт и "
            "строка, чтобы дописать адрес от руки."
        ),
    )


class SchoolForm(Form):
    slug = StringField(
        "Адрес школы на платформе",
        validators=[
            DataRequired("Укажите адрес школы."),
            Length(max=SLUG_MAX, message=f"Адрес — не длиннее {SLUG_MAX} символов."),
            Regexp(rf"^(?:{SLUG_PATTERN.pattern})\Z", message=SLUG_RULE),
        ],
        filters=[_strip],
        description=SLUG_RULE,  # the view adds where the school's login page will be
    )
    short_name = _text(
        "Краткое название", LIMITS["short_name"], "Например, МБОУ «Майртупская СШ № 2»"
    )
    name_ru = _text("Полное официальное название на русском языке", LIMITS["name_ru"])
    name_ce = _text("Полное официальное название на чеченском языке", LIMITS["name_ce"])
    settlement = _text("Населённый пункт", LIMITS["settlement"], "Например, с. Майртуп")
    postal_address = _postal_address()
    kind = ChoiceField("Вид школы", choices=KIND_CHOICES, default="secondary")
    director_name = _text("ФИО руководителя", DIRECTOR_NAME_MAX)
    director_login = login_field()
    submit = SubmitField("Зарегистрировать школу")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.director_login.label.text = "Логин руководителя"
        self.director_login.description = "Латинские буквы, цифры, точка, дефис и подчёркивание."
        if not self.is_submitted():
            self.director_login.data = "director"  # what the demo and the README call them


class PostalAddressForm(Form):
    postal_address = _postal_address()
    submit = SubmitField("Сохранить")


class DistrictAccountForm(AccountForm):
    roles = roles_field(DISTRICT_ROLE_CHOICES)


class NewDistrictAccountForm(DistrictAccountForm):
    login = login_field()
    submit = SubmitField("Создать учётную запись")


class DeactivateSchoolForm(Form):
    submit = SubmitField("Отключить школу")


class ReactivateSchoolForm(Form):
    submit = SubmitField("Включить школу")


class DirectorPasswordForm(Form):
    submit = SubmitField("Выдать новый пароль и памятку")


class ResetPasswordForm(Form):
    submit = SubmitField("Выдать новый пароль")
