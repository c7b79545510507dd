"""A school member's home page: what each role has to do."""

from nastavnik.web import school_blueprint

bp = school_blueprint("home", __name__, template_folder="templates")


@bp.app_template_global("waiting_count")
def waiting_count() -> int:
    """How many things wait for the logged-in person's decision: the menu shows the number."""
    from flask import g
    from flask_login import current_user

    from .waiting import count_now

    if g.get("school") is None or not current_user.is_authenticated:
        return 0
    return count_now(current_user)


@bp.before_app_request
def _note_action() -> None:
    from .waiting import note_action

    note_action()


# The views attach their routes to `bp` on import.
from . import views  # noqa: E402, F401
