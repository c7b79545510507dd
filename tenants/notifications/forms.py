from wtforms import (
    BooleanField,
    IntegerField,
    PasswordField,
    SelectChoice,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from nastavnik.forms import ChoiceField, Form

from .models import Security


class MailSettingsForm(Form):
    host = StringField(
        "Сервер SMTP",
        description="Например, smtp.yandex.ru или smtp.mail.ru — из настроек почты школы.",
        validators=[DataRequired("Укажите сервер SMTP."), Length(max=200)],
    )
    port = IntegerField(
        "Порт",
        validators=[
            InputRequired("Укажите порт."),
            NumberRange(1, 65535, "Порт — число от 1 до 65535."),
        ],
    )
    security = ChoiceField("Шифрование", choices=[SelectChoice(s.value, s.label) for s in Security])
    login = StringField(
        "Логин (необязательно)",
        description="Обычно — адрес почтового ящика школы.",
        validators=[Optional(), Length(max=200)],
    )
    password = PasswordField(
        "Пароль (необязательно)",
        description="Хранится зашифрованным и не показывается. Оставьте пустым, чтобы не менять.",
        validators=[Optional(), Length(max=200)],
    )
    sender = StringField(
        "Адрес отправителя",
        description="От чьего имени приходят письма, например nastavnik@school.ru.",
        validators=[DataRequired("Укажите адрес отправителя."), Length(max=200)],
    )
    submit = SubmitField("Сохранить и включить почту")


class ConfirmForm(Form):
    submit = SubmitField("Выключить почту")


class TestForm(Form):
    submit = SubmitField("Отправить пробное письмо себе")


class DigestChoiceForm(Form):
    digest = BooleanField("Присылать ежедневную сводку «Ждёт вашего решения» на почту")
    submit = SubmitField("Сохранить")
