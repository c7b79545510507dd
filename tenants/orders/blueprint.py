from nastavnik.tenants.pairings.services import ORDERS
from nastavnik.tenants.programs.ending import ENDING_ORDERS
from nastavnik.web import school_blueprint

from .ending import programs_by_order
from .services import orders_by_pairing

bp = school_blueprint("orders", __name__, "/orders", template_folder="templates")

# Links of this feature in the school's main menu: (label, endpoint, permission).
NAV: list[tuple[str, str, str]] = [("Приказы", "orders.index", "orders.view")]

# The views attach their routes to `bp` on import.
from . import models, views  # noqa: E402, F401

# The pairings are told which order takes each of them in (6.2).
ORDERS.answer_from(bp, orders_by_pairing)

# The programs are told which order records the ending of each of them (7.1).
ENDING_ORDERS.answer_from(bp, programs_by_order)
