from io import BytesIO

from flask import render_template, request, send_file
from flask_login import current_user

from nastavnik.dates import AcademicYear, today
from nastavnik.permissions import can, requires
from nastavnik.reports import render_csv, render_workbook, ru_number
from nastavnik.tenants.roadmap.models import Stage
from nastavnik.tenants.roadmap.stats import percent as roadmap_percent
from nastavnik.tenants.statistics.services import parse_year, unknown_year

from . import services
from .blueprint import bp

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"


def _year(choices: list[AcademicYear]) -> AcademicYear | str:
    """The year asked for, or the message saying why there is none."""
    value = request.args.get("year")
    return parse_year(value, choices) or unknown_year(value, choices)


def _unknown_year(school, message: str, choices: list[AcademicYear], endpoint: str):
    return render_template(
        "district_schools/unknown_year.html",
        school=school,
        message=message,
        years=choices,
        endpoint=endpoint,
    ), 404


@bp.route("/<slug>")
@requires("district.view")
def show(slug):
    school = services.school_or_404(slug)
    on = today()
    with services.in_school(school):
        choices = services.years(on)
        year = _year(choices)
        if isinstance(year, str):
            return _unknown_year(school, year, choices, ".show")
        over_years = services.figures_over_years(school, choices, on)
        now = next(f for f in over_years if f.year == year)
        roadmap = services.roadmap_of(year)
        context = {
            "table": services.figures_table(school, over_years, on),
            "roadmap": roadmap,
            "orders": services.orders(),
            "documents": services.public_documents(),
            "questions": services.questions(school, now),
            "practices": services.practices(),
            "events": services.events(year),
        }
    return render_template(
        "district_schools/show.html",
        school=school,
        year=year,
        years=choices,
        day=year.as_of(on),
        # Every stage, as the roadmap's own page shows them; none without a roadmap.
        progress={s: now.roadmap.get(s, (0, 0, 0)) for s in Stage} if now.roadmap else {},
        percent=roadmap_percent,
        ru_number=ru_number,
        may_review=can(current_user, "district.practices.review"),
        **context,
    )


@bp.route("/<slug>/roadmap")
@requires("district.view")
def roadmap(slug):
    school = services.school_or_404(slug)
    on = today()
    with services.in_school(school):
        choices = [AcademicYear(y) for y in services.roadmap_years(on)]
        year = _year(choices)
        if isinstance(year, str):
            return _unknown_year(school, year, choices, ".roadmap")
        found = services.roadmap_of(year)
        grouped = services.roadmap_steps(found, year.as_of(on)) if found else {}
    return render_template(
        "district_schools/roadmap.html",
        school=school,
        year=year,
        years=choices,
        roadmap=found,
        grouped=grouped,
        progress=services.progress_of(grouped),
        day=year.as_of(on),
        percent=roadmap_percent,
    )


def _figures(school):
    on = today()
    with services.in_school(school):
        choices = services.years(on)
        table = services.figures_table(school, services.figures_over_years(school, choices, on), on)
    return table, on


def _file_name(school, ext: str) -> str:
    name = school.short_name.translate(str.maketrans({c: " " for c in '/\\:*?"<>|'}))
    return f"Показатели наставничества {name} на {today():%d.%m.%Y}.{ext}"


@bp.route("/<slug>/figures.xlsx")
@requires("district.view")
def figures_xlsx(slug):
    school = services.school_or_404(slug)
    table, on = _figures(school)
    return send_file(
        BytesIO(render_workbook([table], table.title, dated=on)),
        mimetype=XLSX,
        as_attachment=True,
        download_name=_file_name(school, "xlsx"),
    )


@bp.route("/<slug>/figures.csv")
@requires("district.view")
def figures_csv(slug):
    school = services.school_or_404(slug)
    table, _ = _figures(school)
    return send_file(
        BytesIO(render_csv(table)),
        mimetype=CSV,
        as_attachment=True,
        download_name=_file_name(school, "csv"),
    )
