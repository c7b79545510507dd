"""A school's page in the district area: read-only, figures and published material only."""

from nastavnik.web import district_blueprint

bp = district_blueprint("district_schools", __name__, "/schools", template_folder="templates")

# The views attach their routes to `bp` on import.
from . import views  # noqa: E402, F401
