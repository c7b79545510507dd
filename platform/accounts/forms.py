from wtforms import BooleanField, SelectChoice, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Regexp

from ..forms import CheckboxesField, Form
from ..permissions import ROLE_LABELS, SCHOOL_ROLES, Role

SCHOOL_ROLE_CHOICES = [SelectChoice(r.value, ROLE_LABELS[r]) for r in Role if r in SCHOOL_ROLES]


def login_field() -> StringField:
    """A new account's login, as every form that creates an account asks for it."""
    return StringField(
        "Логин",
        validators=[
            DataRequired("Укажите логин."),
            Length(min=3, max=64, message="Логин — от 3 до 64 символов."),
            Regexp(
                r"^[A-Za-z0-9._-]+$",
                message="Логин: латинские буквы, цифры, точка, дефис и подчёркивание.",
            ),
        ],
    )


def roles_field(choices: list[SelectChoice]) -> CheckboxesField:
    """The roles of an account: at least one of `choices`."""
    return CheckboxesField(
        "Роли", choices=choices, validators=[DataRequired("Выберите хотя бы одну роль.")]
    )


class AccountForm(Form):
    full_name = StringField("ФИО", validators=[DataRequired("Укажите ФИО."), Length(max=200)])
    roles = roles_field(SCHOOL_ROLE_CHOICES)
    active = BooleanField("Учётная запись действует", default=True)
    submit = SubmitField("Сохранить")


class NewAccountForm(AccountForm):
    login = login_field()
    field_order = ("login", "full_name", "roles")
    submit = SubmitField("Создать учётную запись")


class ConfirmForm(Form):
    submit = SubmitField("Подтвердить")
