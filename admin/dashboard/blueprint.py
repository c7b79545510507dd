"""The district's home: every school side by side."""

from nastavnik.web import district_blueprint

bp = district_blueprint("district_home", __name__, template_folder="templates")

# The views attach their routes to `bp` on import.
from . import views  # noqa: E402, F401
