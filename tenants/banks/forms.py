"""Forms of the banks; the staff and forms of mentoring to choose from come from the view."""

from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectChoice,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from nastavnik.forms import CheckboxesField, ChoiceField, Form
from nastavnik.tenants.vocabulary import Area, MenteeCategory

from .models import TrainingKind
from .services import MAX_CAPACITY

AREA_CHOICES = [SelectChoice(area, area.label) for area in Area]


def _staff_id(value):
    # The list is checked by the service, which says why a person may not enter.
    return int(value) if value not in (None, "") else None


def staff_choices(staff) -> list[SelectChoice]:
    return [SelectChoice("", "— выберите педагога —")] + [
        SelectChoice(s.id, f"{s.full_name}, {s.position}") for s in staff
    ]


def _staff_field() -> ChoiceField:
    """The teacher entering a bank, among the candidates the view offers."""
    return ChoiceField(
        "Педагог",
        coerce=_staff_id,
        validate_choice=False,
        validators=[DataRequired("Выберите педагога.")],
    )


def _answer_field(label: str) -> TextAreaField:
    """A free answer in the teacher's own words."""
    return TextAreaField(label, validators=[Length(max=5000, message="Не больше 5000 символов.")])


class MenteeForm(Form):
    staff_id = _staff_field()
    category = ChoiceField(
        "Категория",
        choices=[SelectChoice(category, category.label) for category in MenteeCategory],
        validators=[DataRequired("Выберите категорию.")],
    )
    requests = CheckboxesField("Профессиональные запросы по направлениям", choices=AREA_CHOICES)
    difficulties = _answer_field("Затруднения и запросы своими словами")
    submit = SubmitField("Сохранить")


class MentorForm(Form):
    staff_id = _staff_field()
    competences = CheckboxesField("Направления компетенций", choices=AREA_CHOICES)
    capacity = IntegerField(
        "Сколько наставляемых одновременно",
        default=1,
        validators=[
            InputRequired("Укажите число наставляемых."),
            NumberRange(1, MAX_CAPACITY, f"От 1 до {MAX_CAPACITY}."),
        ],
    )
    preferred_forms = CheckboxesField("Предпочитаемые формы наставничества")
    digital_strong = BooleanField("Уверенно работает в цифровой образовательной среде")
    submit = SubmitField("Сохранить")


class TrainingForm(Form):
    kind = ChoiceField(
        "Вид обучения",
        choices=[SelectChoice(kind, kind.label) for kind in TrainingKind],
    )
    title = StringField(
        "Название",
        validators=[DataRequired("Укажите название."), Length(max=300)],
    )
    held_on = DateField("Дата", validators=[InputRequired("Укажите дату.")])
    hours = IntegerField(
        "Часов",
        validators=[Optional(), NumberRange(1, 1000, "От 1 до 1000 часов.")],
    )
    submit = SubmitField("Добавить")


class ConfirmForm(Form):
    submit = SubmitField("Подтвердить")
