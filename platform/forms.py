"""The base form: WTForms' own messages in Russian, and fields the features share."""

import re
from datetime import date

from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, ValidationError, widgets
from wtforms.i18n import get_translations

INVALID_CHOICE = "Выберите значение из списка."

# WTForms' messages that its Russian catalogue lacks.
MISSING_RUSSIAN = {
    "'%(value)s' is not a valid choice for this field.": INVALID_CHOICE,
    "Date must be at least %(min)s.": "Дата должна быть не раньше %(min)s.",
    "Date must be at most %(max)s.": "Дата должна быть не позже %(max)s.",
    "Date must be between %(min)s and %(max)s.": "Дата должна быть между %(min)s и %(max)s.",
    "This field cannot be edited.": "Это поле нельзя изменить.",
}


class _Russian:
    def __init__(self):
        self._catalogue = get_translations(["ru_RU", "ru"])

    def gettext(self, message):
        return MISSING_RUSSIAN.get(message) or self._catalogue.gettext(message)

    def ngettext(self, singular, plural, n):
        return self._catalogue.ngettext(singular, plural, n)


RUSSIAN = _Russian()


# Characters no text of a person contains; PostgreSQL refuses NUL in a text column outright.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
CONTROL_MESSAGE = "Поле содержит недопустимые (управляющие) символы."
# Dates a school's records can hold: a year of four digits, and a term that still fits.
FIRST_YEAR, LAST_YEAR = 1900, 2099
DATE_RANGE_MESSAGE = f"Укажите дату между {FIRST_YEAR} и {LAST_YEAR} годом."
NUMBER_RANGE_MESSAGE = "Слишком большое число."


class Form(FlaskForm):
    class Meta:
        # WTForms' own Russian messages (Flask-WTF's Babel hook is off), completed above.
        def get_translations(self, form):
            return RUSSIAN

    def validate(self, extra_validators=None) -> bool:
        """The fields' own rules, then two that hold for every form: no control characters in
        text, no date outside the years a record can hold (year 9999 + 1 overflows)."""
        valid = super().validate(extra_validators)
        for field in self:
            values = field.data if isinstance(field.data, list | tuple) else [field.data]
            if any(isinstance(v, str) and _CONTROL.search(v) for v in values):
                field.errors = [*field.errors, CONTROL_MESSAGE]
                valid = False
            if any(isinstance(v, date) and not FIRST_YEAR <= v.year <= LAST_YEAR for v in values):
                field.errors = [*field.errors, DATE_RANGE_MESSAGE]
                valid = False
        return valid


class _RussianChoice:
    # Some of WTForms' choice messages have no Russian translation yet.
    def pre_validate(self, form):
        try:
            super().pre_validate(form)
        except ValidationError as error:
            raise ValidationError(INVALID_CHOICE) from error


class ChoiceField(_RussianChoice, SelectField):
    """A drop-down list."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.type = "SelectField"  # Bootstrap-Flask styles a drop-down by this name


class CheckboxesField(_RussianChoice, SelectMultipleField):
    """Several choices as a list of checkboxes."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()
