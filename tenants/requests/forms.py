from wtforms import SelectChoice, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from nastavnik.forms import ChoiceField, Form

from .models import RequestStatus
from .services import MAX_TEXT


class RequestForm(Form):
    reason = TextAreaField(
        "Причина",
        description="Опишите, почему вы об этом просите. "
        "Просьбу рассмотрят куратор и руководитель.",
        validators=[
            DataRequired("Укажите причину просьбы."),
            Length(max=MAX_TEXT, message=f"Причина — не длиннее {MAX_TEXT} символов."),
        ],
        render_kw={"rows": 5},
    )
    submit = SubmitField("Отправить просьбу")


class AnswerForm(Form):
    decision = ChoiceField(
        "Решение",
        choices=[
            SelectChoice("", "— выберите —"),
            SelectChoice(RequestStatus.GRANTED, "Удовлетворить"),
            SelectChoice(RequestStatus.REFUSED, "Отклонить"),
        ],
        validators=[DataRequired("Выберите решение.")],
    )
    answer = TextAreaField(
        "Ответ участнику",
        validators=[
            DataRequired("Напишите ответ участнику."),
            Length(max=MAX_TEXT, message=f"Ответ — не длиннее {MAX_TEXT} символов."),
        ],
        render_kw={"rows": 4},
    )
    submit = SubmitField("Ответить")
