from nastavnik.tenants.staff.parts import PARTS
from nastavnik.web import school_blueprint

bp = school_blueprint("appointments", __name__, "/appointments", template_folder="templates")

# Links of this feature in the school's main menu: (label, endpoint, permission).
NAV: list[tuple[str, str, str]] = [("Рабочая группа", "appointments.index", "appointments.view")]

# The views attach their routes to `bp` on import.
from . import models, views  # noqa: E402, F401

# What a person has been appointed to, on the staff card and register.
PARTS.answer_from(bp, views.STAFF_PART)
