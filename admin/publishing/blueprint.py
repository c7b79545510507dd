"""What the district publishes for every school: the roadmap template of each academic year,
the default questionnaires, the normative base and the district's news."""

from nastavnik.web import district_blueprint

bp = district_blueprint("district_publishing", __name__, "/published", template_folder="templates")

# The district's menu: (label, endpoint, permission).
NAV: list[tuple[str, str, str]] = [
    ("Публикации для школ", "district_publishing.index", "district.publish")
]

# The views attach their routes to `bp` on import.
from . import views  # noqa: E402, F401
