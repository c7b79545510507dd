"""The base form: WTForms' own messages in Russian, and fields the features share."""

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


class Form(FlaskForm):
    class Meta:
        # WTForms' own Russian messages (Flask-WTF's Babel hook is off), completed above.
        def get_translations(self, form):
            return RUSSIAN


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
