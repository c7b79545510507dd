"""The district portal at `/`: the schools, their login pages and public sections."""

from flask import Blueprint

bp = Blueprint("portal", __name__, template_folder="templates")

# The views attach their routes to `bp` on import.
from . import views  # noqa: E402, F401
