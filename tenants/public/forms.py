from wtforms import DateField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from nastavnik.forms import ChoiceField, Form

MARKDOWN_HINT = (
    "Обычный текст; можно выделить **жирным** и *курсивом*, сделать список строками "
    "«- пункт» и ссылку [текст](https://адрес). Теги веб-страниц не действуют."
)


class SettingsForm(Form):
    introduction = TextAreaField(
        "Что такое наставничество в школе (вступление раздела)",
        description=MARKDOWN_HINT,
        validators=[Length(max=10_000, message="Не длиннее 10 000 символов.")],
        render_kw={"rows": 8},
    )
    contact = StringField(
        "Общий контакт школы для вопросов о наставничестве (необязательно)",
        description="Например, телефон приёмной или адрес сайта школы. Личные телефоны и почту "
        "педагогов сюда не вписывайте: они не публикуются.",
        validators=[Optional(), Length(max=300, message="Не длиннее 300 символов.")],
    )
    submit = SubmitField("Сохранить")


class PostForm(Form):
    kind = ChoiceField("Вид публикации")
    title = StringField(
        "Заголовок",
        validators=[
            DataRequired("Укажите заголовок."),
            Length(max=200, message="Заголовок — не длиннее 200 символов."),
        ],
    )
    body = TextAreaField(
        "Текст",
        description=MARKDOWN_HINT,
        validators=[
            DataRequired("Напишите текст публикации."),
            Length(max=20_000, message="Текст — не длиннее 20 000 символов."),
        ],
        render_kw={"rows": 10},
    )
    event_on = DateField("Дата мероприятия (для анонса)", validators=[Optional()])
    event_place = StringField(
        "Место мероприятия",
        validators=[Optional(), Length(max=200, message="Не длиннее 200 символов.")],
    )
    submit = SubmitField("Сохранить черновик")


class ConfirmForm(Form):
    submit = SubmitField("Подтвердить")
