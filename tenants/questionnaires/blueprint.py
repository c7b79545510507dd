from nastavnik.tenants.banks.services import SURVEY
from nastavnik.tenants.banks.signals import mentor_entered_bank
from nastavnik.tenants.programs.signals import program_ended
from nastavnik.web import school_blueprint

bp = school_blueprint("questionnaires", __name__, "/questionnaires", template_folder="templates")

# Links of this feature in the school's main menu: (label, endpoint, permission).
NAV: list[tuple[str, str, str]] = [
    ("Анкеты", "questionnaires.index", "questionnaires.results"),
    ("Мои анкеты", "questionnaires.mine", "questionnaires.fill"),
]

# The views attach their routes to `bp` on import.
from . import models, views  # noqa: E402, F401
from .assigning import on_mentor_entered, on_program_ended  # noqa: E402
from .filling import survey_answers  # noqa: E402

# A program's ending and a teacher's entry into the mentor bank send the questionnaires;
# the mentor bank's card shows the survey of potential mentors from here.
bp.record_once(lambda state: program_ended.connect(on_program_ended, state.app))
bp.record_once(lambda state: mentor_entered_bank.connect(on_mentor_entered, state.app))
SURVEY.answer_from(bp, survey_answers)
