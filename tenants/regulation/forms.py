from wtforms import BooleanField, DateField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from nastavnik.forms import Form

PROTOCOL = [Optional(), Length(max=40, message="Не длиннее 40 символов.")]


class BasisForm(Form):
    district_body = StringField(
        "Орган, издавший приказ района",
        validators=[
            DataRequired("Укажите орган."),
            Length(max=300, message="Не длиннее 300 символов."),
        ],
    )
    district_order_date = DateField(
        "Дата приказа района", validators=[InputRequired("Укажите дату.")]
    )
    district_order_number = StringField(
        "Номер приказа района",
        validators=[
            DataRequired("Укажите номер."),
            Length(max=40, message="Не длиннее 40 символов."),
        ],
    )
    district_order_title = StringField(
        "Название приказа района",
        validators=[
            DataRequired("Укажите название."),
            Length(max=300, message="Не длиннее 300 символов."),
        ],
    )
    council_protocol = StringField("Педагогический совет: № протокола", validators=PROTOCOL)
    council_date = DateField("Педагогический совет: дата", validators=[Optional()])
    union_protocol = StringField("Профсоюзная организация: № протокола", validators=PROTOCOL)
    union_date = DateField("Профсоюзная организация: дата", validators=[Optional()])
    mo_protocol = StringField("Заседание МО (СОГЛАСОВАНО): № протокола", validators=PROTOCOL)
    mo_date = DateField("Заседание МО: дата", validators=[Optional()])
    submit = SubmitField("Сохранить")


class AmendForm(Form):
    title = StringField(
        "Название раздела",
        validators=[
            DataRequired("Укажите название."),
            Length(max=300, message="Не длиннее 300 символов."),
        ],
    )
    text = TextAreaField(
        "Текст раздела (абзацы разделяйте пустой строкой)",
        validators=[DataRequired("Текст раздела не может быть пустым.")],
        render_kw={"rows": 18},
    )
    reason = StringField(
        "Основание изменения (закон, нормативный или локальный акт)",
        validators=[
            DataRequired("Укажите основание изменения."),
            Length(max=500, message="Не длиннее 500 символов."),
        ],
    )
    submit = SubmitField("Сохранить новую редакцию раздела")


class DraftForm(Form):
    effective_from = DateField(
        "Ввести в действие с", validators=[InputRequired("Укажите дату ввода в действие.")]
    )
    extract = BooleanField("Выписка из приказа (заголовок «ВЫПИСКА ИЗ ПРИКАЗА»)")
    submit = SubmitField("Подготовить проект приказа")


class SignForm(Form):
    number = StringField(
        "Номер приказа",
        validators=[
            DataRequired("Укажите номер приказа."),
            Length(max=40, message="Не длиннее 40 символов."),
        ],
    )
    signed_on = DateField("Дата приказа", validators=[InputRequired("Укажите дату приказа.")])
    submit = SubmitField("Записать номер и дату: приказ подписан")
