"""Forms of what the district publishes: shape only; the rules are in the services."""

from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from nastavnik.forms import ChoiceField, Form

MARKDOWN_HINT = (
    "Обычный текст; можно выделить **жирным** и *курсивом*, сделать список строками "
    "«- пункт» и ссылку [текст](https://адрес). Теги веб-страниц не действуют."
)


class PrepareForm(Form):
    year = ChoiceField("Учебный год", coerce=str)
    submit = SubmitField("Подготовить шаблон")


class TemplateActivityForm(Form):
    stage = ChoiceField("Этап")
    content = TextAreaField(
        "Содержание мероприятия",
        validators=[
            DataRequired("Опишите мероприятие."),
            Length(max=2000, message="Описание — не длиннее 2000 символов."),
        ],
        render_kw={"rows": 4},
    )
    timing = StringField(
        "Срок (как в дорожной карте)",
        description="Месяц («Сентябрь»), «В течение года» или дата (15.10.2026): из срока школа "
        "получит дату «выполнить до».",
        validators=[
            DataRequired("Укажите срок: месяц, «В течение года» или дату."),
            Length(max=100, message="Срок — не длиннее 100 символов."),
        ],
    )
    responsible = StringField(
        "Ответственный (роль)",
        validators=[
            DataRequired("Укажите ответственного."),
            Length(max=200, message="Не длиннее 200 символов."),
        ],
    )
    expected_result = TextAreaField(
        "Ожидаемый результат",
        validators=[Optional(), Length(max=2000, message="Не длиннее 2000 символов.")],
        render_kw={"rows": 2},
    )
    check_key = ChoiceField(
        "Отметка по данным платформы",
        description="Школе мероприятие отметится само, когда это покажут её записи.",
    )
    submit = SubmitField("Сохранить")


class DocumentForm(Form):
    level = ChoiceField("Уровень")
    title = TextAreaField(
        "Название документа",
        validators=[
            DataRequired("Укажите название документа."),
            Length(max=500, message="Название — не длиннее 500 символов."),
        ],
        render_kw={"rows": 3},
    )
    number = StringField(
        "Номер",
        description="Например, 273-ФЗ или Р-145; можно не заполнять, если номера нет.",
        validators=[Optional(), Length(max=100, message="Номер — не длиннее 100 символов.")],
    )
    signed_on = DateField("Дата документа", validators=[InputRequired("Укажите дату документа.")])
    upload = FileField(
        "Файл документа (PDF, DOCX или ODT, до 15 МБ)",
        description="Тип проверяется по содержимому файла.",
    )
    link = StringField(
        "или ссылка на документ (https://…)",
        description="Например, на официальный интернет-портал правовой информации.",
        validators=[Optional(), Length(max=500, message="Ссылка — не длиннее 500 символов.")],
    )
    submit = SubmitField("Сохранить")


class NewsForm(Form):
    title = StringField(
        "Заголовок",
        validators=[
            DataRequired("Укажите заголовок."),
            Length(max=200, message="Заголовок — не длиннее 200 символов."),
        ],
    )
    published_on = DateField(
        "Дата новости",
        description="Школы видят новость с этого дня.",
        validators=[InputRequired("Укажите дату новости.")],
    )
    body = TextAreaField(
        "Текст",
        description=MARKDOWN_HINT,
        validators=[
            DataRequired("Напишите текст новости."),
            Length(max=20_000, message="Текст — не длиннее 20 000 символов."),
        ],
        render_kw={"rows": 10},
    )
    submit = SubmitField("Сохранить")


class ConfirmForm(Form):
    submit = SubmitField("Подтвердить")


class DefaultHeadForm(Form):
    title = StringField(
        "Название",
        validators=[
            DataRequired("Укажите название анкеты."),
            Length(max=300, message="Название — не длиннее 300 символов."),
        ],
    )
    description = TextAreaField(
        "Пояснение для отвечающих",
        validators=[Length(max=2000, message="Не длиннее 2000 символов.")],
        render_kw={"rows": 3},
    )
    anonymous = BooleanField(
        "Анонимная анкета",
        description="Ответы хранятся без имени; итоги видны только от трёх ответов.",
    )
    submit = SubmitField("Сохранить")
