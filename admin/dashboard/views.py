from io import BytesIO

from flask import render_template, request, send_file
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select

from nastavnik.dates import today
from nastavnik.extensions import cache, db
from nastavnik.models import District
from nastavnik.permissions import requires
from nastavnik.reports import render_csv, render_report, render_workbook

from . import exports, figures, links, svg
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


# --- exports for reporting upward: the overview's rows, totals and charts, as on the page ---

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _overview_or_404():
    """The overview of the year asked for, or the page saying the year is unknown."""
    try:
        year = figures.pick_year(request.args.get("year"), today())
    except figures.UnknownYear as error:
        return None, _unknown_year(error, "district_home.index")
    return figures.overview(year, today()), None


@bp.route("/export.xlsx")
@requires("district.view")
def export_xlsx():
    overview, refusal = _overview_or_404()
    if refusal:
        return refusal
    data = render_workbook(
        exports.workbook_tables(overview), exports.file_title(overview), dated=overview.day
    )
    return send_file(
        BytesIO(data),
        mimetype=XLSX,
        as_attachment=True,
        download_name=exports.file_name(overview, "xlsx"),
    )


@bp.route("/export.csv")
@requires("district.view")
def export_csv():
    overview, refusal = _overview_or_404()
    if refusal:
        return refusal
    return send_file(
        BytesIO(render_csv(exports.schools_table(overview))),
        mimetype="text/csv",
        as_attachment=True,
        download_name=exports.file_name(overview, "csv"),
    )


@bp.route("/report.docx")
@requires("district.view")
def report_docx():
    overview, refusal = _overview_or_404()
    if refusal:
        return refusal
    district = db.session.execute(select(District)).scalars().first()
    role = (current_user.role_labels or [""])[0]
    doc = exports.report(overview, district, (role, current_user.full_name))
    return send_file(
        BytesIO(render_report(doc)),
        mimetype=DOCX,
        as_attachment=True,
        download_name=exports.report_name(overview.year),
    )
