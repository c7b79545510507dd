from nastavnik.web import school_blueprint

bp = school_blueprint("matching", __name__, "/matching", template_folder="templates")

# Links of this feature in the school's main menu: (label, endpoint, permission).
NAV: list[tuple[str, str, str]] = [
    ("Подбор пар", "matching.proposal", "matching.run"),
    ("Без наставника", "matching.unmatched", "unmatched.view"),
]

# The views attach their routes to `bp` on import.
from . import views  # noqa: E402, F401
