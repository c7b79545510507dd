from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    DateField,
    EmailField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    SelectChoice,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from nastavnik.accounts.forms import login_field, roles_field
from nastavnik.forms import ChoiceField, Form
from nastavnik.permissions import ROLE_LABELS
from nastavnik.tenants.vocabulary import QualificationCategory

from .services import ACCOUNT_ROLES, EMAIL, MAX_ACCOUNTS_AT_ONCE, MAX_LENGTH
from .xlsx import MAX_YEARS

YEARS = f"Целое число лет от 0 до {MAX_YEARS}."


def _text(label: str, name: str, required: bool = False):
    validators = [Length(max=MAX_LENGTH[name], message=f"Не более {MAX_LENGTH[name]} символов.")]
    if required:
        validators.insert(0, DataRequired(f"Заполните поле «{label}»."))
    else:
        validators.insert(0, Optional())
    return StringField(label, validators=validators)


def _years(label: str):
    return IntegerField(
        label,
        validators=[Optional(), NumberRange(0, MAX_YEARS, message=YEARS)],
        render_kw={"min": 0, "max": MAX_YEARS, "inputmode": "numeric"},
    )


class StaffForm(Form):
    last_name = _text("Фамилия", "last_name", required=True)
    first_name = _text("Имя", "first_name", required=True)
    middle_name = _text("Отчество", "middle_name")
    position = _text("Должность", "position", required=True)
    subjects = StringField(
        "Преподаваемые предметы",
        validators=[Optional(), Length(max=500, message="Не более 500 символов.")],
        description="Через запятую: математика, информатика",
    )
    total_years = _years("Общий стаж, лет")
    teaching_years = _years("Педагогический стаж, лет")
    category = ChoiceField(
        "Квалификационная категория",
        choices=[SelectChoice(category, category.label) for category in QualificationCategory],
        default=QualificationCategory.NONE,
    )
    hired_on = DateField("Дата приёма на работу", validators=[Optional()])
    born_on = DateField(
        "Дата рождения",
        validators=[Optional()],
        description="Необязательно: только для статистики (педагоги до 35 лет).",
    )
    phone = _text("Телефон", "phone")
    email = EmailField(
        "Электронная почта",
        validators=[
            Optional(),
            Length(max=MAX_LENGTH["email"], message="Не более 200 символов."),
            Regexp(EMAIL.pattern + "$", message="Укажите адрес в виде name@example.ru."),
        ],
    )
    submit = SubmitField("Сохранить")


ACCOUNT_ROLE_CHOICES = [SelectChoice(r.value, ROLE_LABELS[r]) for r in ACCOUNT_ROLES]


class AccountForm(Form):
    login = login_field()
    roles = roles_field(ACCOUNT_ROLE_CHOICES)
    submit = SubmitField("Создать учётную запись")


class AccountRowForm(Form):
    """One teacher's line of the form that gives accounts to many at once."""

    class Meta:
        csrf = False  # the whole form carries the token

    staff_id = HiddenField(validators=[DataRequired(), Regexp(r"^[0-9]{1,12}$")])
    login = login_field()
    roles = roles_field(ACCOUNT_ROLE_CHOICES)


class AccountsForm(Form):
    rows = FieldList(FormField(AccountRowForm), max_entries=MAX_ACCOUNTS_AT_ONCE)
    submit = SubmitField("Создать учётные записи и памятки")


class ImportForm(Form):
    file = FileField(
        "Файл таблицы (.xlsx, .ods или .xls)",
        validators=[
            FileRequired("Выберите файл."),
            FileAllowed(
                ["xlsx", "ods", "xls"],
                "Загрузите таблицу с расширением .xlsx, .ods или .xls (Excel или LibreOffice).",
            ),
        ],
        render_kw={"accept": ".xlsx,.ods,.xls"},
    )
    submit = SubmitField("Проверить файл")


class ConfirmImportForm(Form):
    token = HiddenField(validators=[DataRequired(), Regexp(r"^[0-9a-f]{32}$")])
    # what the preview showed: the save refuses when the file or the register now say otherwise
    digest = HiddenField(validators=[DataRequired(), Regexp(r"^[0-9a-f]{64}$")])
    submit = SubmitField("Сохранить")
