from nastavnik.tenants.staff.parts import PARTS
from nastavnik.web import school_blueprint

bp = school_blueprint("consents", __name__, "/consents", template_folder="templates")

# Links of this feature in the school's main menu: (label, endpoint, permission).
NAV: list[tuple[str, str, str]] = [("Согласия", "consents.index", "consents.manage")]

# The views attach their routes to `bp` on import.
from . import models, views  # noqa: E402, F401

# The consents on the staff register and a teacher's card.
PARTS.answer_from(bp, views.STAFF_PART)
