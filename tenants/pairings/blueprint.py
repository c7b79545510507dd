from nastavnik.tenants.banks.services import PAIRINGS
from nastavnik.web import school_blueprint

from .services import FOR_BANKS

bp = school_blueprint("pairings", __name__, "/pairings", template_folder="templates")

# Links of this feature in the school's main menu: (label, endpoint, permission).
NAV: list[tuple[str, str, str]] = [("Пары и группы", "pairings.index", "pairings.view")]

# The views attach their routes to `bp` on import.
from . import models, views  # noqa: E402, F401

# The banks are told which mentees and mentors' places the pairs and groups hold.
PAIRINGS.answer_from(bp, FOR_BANKS)
