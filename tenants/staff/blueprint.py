from nastavnik.accounts.names import HIDDEN_NAMES
from nastavnik.web import school_blueprint

bp = school_blueprint("staff", __name__, "/staff", template_folder="templates")

# Links of this feature in the school's main menu: (label, endpoint, permission).
NAV: list[tuple[str, str, str]] = [("Педагоги", "staff.index", "staff.view")]

# The views attach their routes to `bp` on import.
from . import models, views  # noqa: E402, F401

# The accounts of people whose data consent is revoked are listed without their names.
HIDDEN_NAMES.answer_from(bp, views.services.accounts_with_hidden_names)
