from nastavnik.web import school_blueprint

bp = school_blueprint("statistics", __name__, "/statistics", template_folder="templates")

# Links of this feature in the school's main menu: (label, endpoint, permission).
NAV: list[tuple[str, str, str]] = [("Статистика", "statistics.index", "statistics.view")]

# The views attach their routes to `bp` on import.
from . import models, views  # noqa: E402, F401
