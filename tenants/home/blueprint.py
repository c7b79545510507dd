"""A school member's home page: what each role has to do."""

from nastavnik.web import school_blueprint

bp = school_blueprint("home", __name__, template_folder="templates")

# The views attach their routes to `bp` on import.
from . import views  # noqa: E402, F401
