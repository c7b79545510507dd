from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from ..forms import Form


class LoginForm(Form):
    login = StringField("Логин", validators=[DataRequired("Введите логин."), Length(max=64)])
    password = PasswordField(
        "Пароль", validators=[DataRequired("Введите пароль."), Length(max=128)]
    )
    submit = SubmitField("Войти")


class PasswordChangeForm(Form):
    current = PasswordField("Текущий пароль", validators=[DataRequired("Введите текущий пароль.")])
    new = PasswordField(
        "Новый пароль",
        validators=[DataRequired("Введите новый пароль."), Length(max=128)],
        description="Не менее 8 символов; не используйте распространённые пароли.",
    )
    confirm = PasswordField(
        "Повторите новый пароль",
        validators=[
            DataRequired("Повторите новый пароль."),
            EqualTo("new", "Пароли не совпадают."),
        ],
    )
    submit = SubmitField("Сменить пароль")


class LogoutForm(Form):
    submit = SubmitField("Выйти")
