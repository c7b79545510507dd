"""The district administrator's pages: /district/admin/…"""

from nastavnik.web import district_blueprint

bp = district_blueprint("district_admin", __name__, "/admin", template_folder="templates")

# The district's menu: (label, endpoint, permission).
NAV: list[tuple[str, str, str]] = [
    ("Управление школами", "district_admin.schools", "district.schools.manage"),
    ("Учётные записи района", "district_admin.accounts_list", "district.accounts.manage"),
]

# The views attach their routes to `bp` on import.
from . import views  # noqa: E402, F401
