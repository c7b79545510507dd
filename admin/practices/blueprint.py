"""The district's review of best practices: share with all schools, or return with a comment."""

from nastavnik.web import district_blueprint

bp = district_blueprint("district_practices", __name__, "/practices", template_folder="templates")

# The district's menu: (label, endpoint, permission).
NAV: list[tuple[str, str, str]] = [
    ("Лучшие практики", "district_practices.index", "district.practices.review")
]

# The views attach their routes to `bp` on import.
from . import views  # noqa: E402, F401
