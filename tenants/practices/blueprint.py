"""The school's bank of best practices, and the library every school and the public read."""

from flask import Blueprint

from nastavnik.web import school_blueprint

bp = school_blueprint("practices", __name__, "/practices", template_folder="templates")

# The library of practices the district shared: public, at a stable address outside any school.
library_bp = Blueprint("library", __name__, url_prefix="/practices", template_folder="templates")

# Links of this feature in the school's main menu: (label, endpoint, permission).
NAV: list[tuple[str, str, str]] = [("Лучшие практики", "practices.index", "practices.view")]

# The views attach their routes to the blueprints on import.
from . import models, views  # noqa: E402, F401
