from wtforms import SubmitField

from nastavnik.forms import Form


class ConfirmForm(Form):
    """A button that changes something: a form, for its CSRF token."""

    submit = SubmitField("Подтвердить")
