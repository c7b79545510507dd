from wtforms import DateField, SelectChoice, SelectField, StringField
from wtforms.validators import Length, Optional

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
