from flask import render_template

from nastavnik.dates import AcademicYear, today
from nastavnik.permissions import requires
from nastavnik.tenancy import all_schools

from . import services
from .blueprint import bp


@bp.route("/")
@requires("district.view")
def index():
    schools = services.schools()
    year = AcademicYear.containing(today())
    # Counts only, read-only: the district sees figures, not the people behind them.
    with all_schools():
        stats = services.gather(year, today())
    return render_template(
        "district_home/index.html",
        overview=services.overview(schools, stats),
        today=today(),
        year=year,
    )
