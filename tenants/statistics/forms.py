from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length

from nastavnik.forms import Form

from .models import TEXT_LIMIT

_LIMIT = f"Не более {TEXT_LIMIT} символов."


def _part(label: str, description: str) -> TextAreaField:
    return TextAreaField(
        label,
        validators=[Length(max=TEXT_LIMIT, message=_LIMIT)],
        description=description,
        render_kw={"rows": 6, "maxlength": TEXT_LIMIT},
    )


class ReportTextForm(Form):
    """The parts of the annual report the curator writes; the figures come from the data."""

    aims = _part(
        "Цели и задачи учебного года", "Что школа ставила целью наставничества в этом году."
    )
    conclusions = _part("Выводы", "Что удалось и что нет — по цифрам отчёта и по опыту года.")
    tasks = _part("Задачи на следующий учебный год", "Каждая задача с новой строки.")
    submit = SubmitField("Сохранить текст отчёта")
