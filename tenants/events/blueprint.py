from nastavnik.tenants.roadmap.evidence import EVIDENCE
from nastavnik.web import school_blueprint

from .services import evidence

bp = school_blueprint("events", __name__, "/events", template_folder="templates")

# Links of this feature in the school's main menu: (label, endpoint, permission).
NAV: list[tuple[str, str, str]] = [("Мероприятия", "events.index", "roadmap.view")]

# The views attach their routes to `bp` on import.
from . import models, views  # noqa: E402, F401

# The roadmap shows an event as the evidence of the activity it fulfilled.
EVIDENCE.answer_from(bp, evidence)
