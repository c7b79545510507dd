from nastavnik.tenants.consents.signals import data_consent_withdrawn
from nastavnik.tenants.staff.parts import PARTS, ROLES
from nastavnik.web import school_blueprint

from .services import leave_banks, roles_of

bp = school_blueprint("banks", __name__, "/banks", template_folder="templates")

# Links of this feature in the school's main menu: (label, endpoint, permission).
NAV: list[tuple[str, str, str]] = [
    ("Банк наставляемых", "banks.mentees", "banks.view"),
    ("Банк наставников", "banks.mentors", "banks.view"),
]

# The views attach their routes to `bp` on import.
from . import models, views  # noqa: E402, F401

# The banks on the staff register and a teacher's card; a withdrawn data consent takes the
# person out of both banks.
PARTS.answer_from(bp, views.STAFF_PART)
ROLES.answer_from(bp, roles_of)  # a new account's roles: a mentor, a mentee
bp.record_once(lambda state: data_consent_withdrawn.connect(leave_banks, state.app))
