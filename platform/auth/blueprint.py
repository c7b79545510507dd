from ..web import district_blueprint, school_blueprint

bp = school_blueprint("auth", __name__, template_folder="templates")
district_bp = district_blueprint("district_auth", __name__, template_folder="templates")

# The views attach their routes to `bp` on import.
from . import views  # noqa: E402, F401
