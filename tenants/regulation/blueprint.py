from nastavnik.tenants.appointments.hooks import DRAFT_EXISTS
from nastavnik.web import school_blueprint

from . import signing
from .order import draft_exists

bp = school_blueprint("regulation", __name__, "/regulation", template_folder="templates")

# Links of this feature in the school's main menu: (label, endpoint, permission).
NAV: list[tuple[str, str, str]] = [("Положение", "regulation.index", "regulation.view")]

# The views attach their routes to `bp` on import.
from . import models, views  # noqa: E402, F401

# The appointments ask whether the order carrying one is still a draft.
DRAFT_EXISTS.answer_from(bp, draft_exists)
# Signing the order puts the appointments it carries in force, from any screen.
bp.record_once(lambda state: signing.listen())
