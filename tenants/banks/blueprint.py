from nastavnik.web import school_blueprint

bp = school_blueprint("banks", __name__, "/banks", template_folder="templates")

# Links of this feature in the school's main menu: (label, endpoint, permission).
NAV: list[tuple[str, str, str]] = [
    ("Банк наставляемых", "banks.mentees", "banks.view"),
    ("Банк наставников", "banks.mentors", "banks.view"),
]

# The views attach their routes to `bp` on import.
from . import models, views  # noqa: E402, F401
