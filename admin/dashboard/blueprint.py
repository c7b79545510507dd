"""The district's home: every school side by side, and the roadmaps of the year."""

from nastavnik.web import district_blueprint

bp = district_blueprint("district_home", __name__, template_folder="templates")

# The district's menu: (label, endpoint, permission); «Школы района» leads it (base menu).
NAV: list[tuple[str, str, str]] = [
    ("Дорожные карты", "district_home.roadmaps", "district.view"),
]

# The views attach their routes to `bp` on import.
from . import views  # noqa: E402, F401
