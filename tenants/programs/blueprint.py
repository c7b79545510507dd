from nastavnik.tenants.pairings.services import FORM_USES, PROGRAMS
from nastavnik.web import school_blueprint

from .lookups import program_links
from .plan import why_form_kept

bp = school_blueprint("programs", __name__, "/programs", template_folder="templates")

# Links of this feature in the school's main menu: (label, endpoint, permission).
# A mentor or mentee following it lands on their own programs («Моя программа»).
NAV: list[tuple[str, str, str]] = [("Программы", "programs.index", "programs.view")]

# The views attach their routes to `bp` on import.
from . import models, views  # noqa: E402, F401

# A school's own form of mentoring chosen in a program stays.
FORM_USES.answer_from(bp, why_form_kept)

# A pair's card links its programs.
PROGRAMS.answer_from(bp, program_links)
