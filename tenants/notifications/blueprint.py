from flask_mailman import Mail

from nastavnik.web import school_blueprint

# cli_group=None: its command is `flask send-digests`, not under a group of the blueprint's name.
bp = school_blueprint(
    "notifications", __name__, "/notifications", template_folder="templates", cli_group=None
)
mail = Mail()
bp.record_once(lambda state: mail.init_app(state.app))

# Links of this feature in the school's main menu: (label, endpoint, permission).
NAV: list[tuple[str, str, str]] = [("Почта", "notifications.settings", "mail.manage")]

# The views and the command attach themselves to `bp` on import.
from . import commands, models, views  # noqa: E402, F401
