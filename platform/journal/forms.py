from wtforms import DateField, SelectChoice, SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from ..forms import Form


def action_choices(actions) -> list[SelectChoice]:
    return [SelectChoice("", "Все действия"), *(SelectChoice(a.value, a.label) for a in actions)]


class JournalFilter(Form):
    """The journal's filters, sent with GET."""

    class Meta:
        csrf = False

    action = SelectField("Действие", choices=[], validators=[Optional()])
    login = StringField("Логин", validators=[Optional(), Length(max=64)])
    since = DateField("С", validators=[Optional()])
    until = DateField("По", validators=[Optional()])

    def validate_until(self, field):
        # «С 1 декабря по 1 января» found nothing and said only «Записей по этому отбору нет».
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError("Дата «По» раньше даты «С».")
