"""The journal: a school's own (its director and system administrator), and the district's
view of logins and denials across schools."""

from ..web import district_blueprint, school_blueprint

bp = school_blueprint("journal", __name__, "/journal", template_folder="templates")
district_bp = district_blueprint(
    "district_journal", __name__, "/journal", template_folder="templates"
)

# The views attach their routes to the blueprints on import.
from . import views  # noqa: E402, F401
