"""Forms of matching; the forms of mentoring to choose from come from the view."""

from wtforms import HiddenField, SubmitField
from wtforms.validators import DataRequired

from nastavnik.forms import ChoiceField, Form


class ProposeForm(Form):
    """One pair from the ranked list of mentors."""

    mentor_id = HiddenField(validators=[DataRequired("Выберите наставника.")])
    form = ChoiceField("Форма наставничества")
    submit = SubmitField("Предложить пару")


class ProposalForm(Form):
    """The table of the proposal: its rows are read by the view (a field per mentee)."""

    submit = SubmitField("Создать отмеченные пары")
