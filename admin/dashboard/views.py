from flask import render_template

from nastavnik.dates import today
from nastavnik.permissions import requires
from nastavnik.tenancy import all_schools

from . import services
from .blueprint import bp


@bp.route("/")
@requires("district.view")
def index():
    schools = services.schools()
    # Counts only, read-only: the district sees figures, not the people behind them.
    with all_schools():
        stats = services.gather(today())
    return render_template(
        "district_home/index.html", overview=services.overview(schools, stats), today=today()
    )
