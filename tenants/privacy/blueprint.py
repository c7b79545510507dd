from nastavnik.tenants.staff.parts import PARTS
from nastavnik.web import school_blueprint

bp = school_blueprint("privacy", __name__, "/privacy", template_folder="templates")

# Links of this feature in the school's main menu: (label, endpoint, permission).
NAV: list[tuple[str, str, str]] = [
    ("Персональные данные", "privacy.index", "privacy.requests"),
]

# The views attach their routes to `bp` on import.
from . import erasure, models, views  # noqa: E402, F401

PARTS.answer_from(bp, views.STAFF_PART)
# The files of an erasure leave the disk once its transaction is committed.
bp.record_once(lambda state: erasure.listen())
