"""The base form: WTForms' own messages in Russian, and fields the features share."""

from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, ValidationError, widgets

INVALID_CHOICE = "Выберите значение из списка."


class Form(FlaskForm):
    class Meta:
        # WTForms ships its built-in messages in Russian; Flask-WTF's Babel hook is off.
        locales = ("ru_RU", "ru")


class _RussianChoice:
    # Some of WTForms' choice messages have no Russian translation yet.
    def pre_validate(self, form):
        try:
            super().pre_validate(form)
        except ValidationError as error:
            raise ValidationError(INVALID_CHOICE) from error


class ChoiceField(_RussianChoice, SelectField):
    """A drop-down list."""


class CheckboxesField(_RussianChoice, SelectMultipleField):
    """Several choices as a list of checkboxes."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()
