from flask import render_template, request

from nastavnik.dates import today
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
    return render_template(
        "district_home/index.html",
        overview=overview,
        rows=figures.sort_rows(overview.rows, sort, descending),
        columns=figures.COLUMNS,
        column_groups=figures.column_groups(),
        sort=sort,
        descending=descending,
        year=year,
        links=links,
        draw=svg.bar_chart,
    )


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
