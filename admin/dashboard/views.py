from flask import render_template, request
from markupsafe import Markup

from nastavnik.dates import today
from nastavnik.extensions import cache
from nastavnik.permissions import requires

from . import figures, links, svg
from .blueprint import bp


def _unknown_year(error: figures.UnknownYear, endpoint: str):
    return render_template(
        "district_home/unknown_year.html",
        message=error.message,
        years=error.years,
        endpoint=endpoint,
    ), 404


@bp.route("/")
@requires("district.view")
def index():
    try:
        year = figures.pick_year(request.args.get("year"), today())
    except figures.UnknownYear as error:
        return _unknown_year(error, "district_home.index")
    sort = request.args.get("sort", figures.DEFAULT_SORT)
    if sort not in figures.COLUMN:
        sort = figures.DEFAULT_SORT
    descending = request.args.get("dir") == "desc"
    # Counts only, read-only: the district sees figures, not the people behind them.
    overview = figures.overview(year, today())
    # The body is the same for every district account (no session, no form token in it): it is
    # rendered once per order of the same figures, as long as they are cached.
    key = (
        f"{figures.overview_key(year, today())}:{overview.computed_at.isoformat()}"
        f":{sort}:{'desc' if descending else 'asc'}"
    )
    body = cache.get(key)
    if body is None:
        body = render_template(
            "district_home/_overview.html",
            overview=overview,
            rows=figures.sort_rows(overview.rows, sort, descending),
            columns=figures.COLUMNS,
            column_groups=figures.column_groups(),
            cells=figures.cells(),
            sort=sort,
            descending=descending,
            year=year,
            links=links,
            draw=svg.bar_chart,
        )
        cache.set(key, body, timeout=figures.OVERVIEW_SECONDS)
    # Our own template's output, escaped when it was rendered; only the cache kept it as a str.
    safe = Markup(body)  # noqa: S704
    return render_template("district_home/index.html", body=safe, year=year)


@bp.route("/roadmaps")
@requires("district.view")
def roadmaps():
    try:
        year = figures.pick_year(request.args.get("year"), today())
    except figures.UnknownYear as error:
        return _unknown_year(error, "district_home.roadmaps")
    return render_template(
        "district_home/roadmaps.html",
        rows=figures.roadmap_matrix(year, today()),
        stages=list(figures.Stage),
        year=year,
        years=figures.known_years(today()),
        day=year.as_of(today()),
        links=links,
    )
