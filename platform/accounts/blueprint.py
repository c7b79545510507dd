"""A school's accounts, kept by its system administrator or director."""

from ..web import school_blueprint

bp = school_blueprint("accounts", __name__, "/accounts", template_folder="templates")

# The views attach their routes to `bp` on import.
from . import views  # noqa: E402, F401
