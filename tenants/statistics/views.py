from io import BytesIO

from flask import flash, g, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from nastavnik.dates import AcademicYear, today
from nastavnik.permissions import can, requires
from nastavnik.refusals import attempt
from nastavnik.reports import render_report, render_workbook

from . import report, services
from .blueprint import bp
from .forms import ReportTextForm

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year() -> AcademicYear | str:
    """The year asked for, or the message saying why there is none."""
    choices = services.years(today())
    value = request.args.get("year")
    return services.parse_year(value, choices) or services.unknown_year(value, choices)


def _unknown_year(message: str):
    return render_template(
        "statistics/unknown_year.html", message=message, years=services.years(today())
    ), 404


def _years_of(year: AcademicYear) -> report.Years:
    # both years in one statement a figure (grouped by year)
    now, before = services.figures_of_years(g.school.id, [year, year.previous], today())
    return report.Years(now, before)


def _document(year: AcademicYear):
    texts = report.text_parts(year)
    signer = services.curator_name(g.school.id)
    return report.document(_years_of(year), today(), g.school, texts, signer)


@bp.route("/")
@requires("statistics.view")
def index():
    year = _year()
    if isinstance(year, str):
        return _unknown_year(year)
    years = _years_of(year)
    return render_template(
        "statistics/index.html",
        year=year,
        years=services.years(today()),
        day=year.as_of(today()),
        tables=report.named_tables(years, today()),
        no_roadmap=report.NO_ROADMAP,
        no_results=report.NO_RESULTS,
    )


@bp.route("/report")
@requires("statistics.view")
def report_draft():
    year = _year()
    if isinstance(year, str):
        return _unknown_year(year)
    texts = report.text_parts(year)
    form = None
    if can(current_user, "statistics.report"):
        form = ReportTextForm(obj=texts)
    return _draft(year, form)


def _draft(year: AcademicYear, form, status: int = 200):
    doc = _document(year)
    return render_template(
        "statistics/report.html", year=year, doc=doc, form=form, years=services.years(today())
    ), status


@bp.route("/report", methods=["POST"])
@requires("statistics.report")
def report_save():
    year = _year()
    if isinstance(year, str):
        return _unknown_year(year)
    form = ReportTextForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            services.save_text_parts(
                year,
                current_user,
                aims=form.aims.data,
                conclusions=form.conclusions.data,
                tasks=form.tasks.data,
            )
        if not outcome.refused:
            flash("Текст отчёта сохранён.", "success")
            return redirect(url_for(".report_draft", year=year.start_year))
        getattr(form, outcome.field or "aims").errors.append(outcome.message)
    return _draft(year, form, 422)


@bp.route("/report.docx")
@requires("statistics.view")
def report_docx():
    year = _year()
    if isinstance(year, str):
        return _unknown_year(year)
    return send_file(
        BytesIO(render_report(_document(year))),
        mimetype=DOCX,
        as_attachment=True,
        download_name=_file_name("Итоговый отчёт о наставничестве", year, "docx"),
    )


@bp.route("/report.xlsx")
@requires("statistics.view")
def report_xlsx():
    year = _year()
    if isinstance(year, str):
        return _unknown_year(year)
    doc = _document(year)
    return send_file(
        BytesIO(render_workbook(doc.all_tables(), doc.title)),
        mimetype=XLSX,
        as_attachment=True,
        download_name=_file_name("Показатели наставничества", year, "xlsx"),
    )


def _file_name(what: str, year, kind: str) -> str:
    """«Итоговый отчёт о наставничестве — МБОУ «…» — 2025-2026.docx»: the district gathers one
    from each school, and files of the same name would overwrite each other."""
    return f"{what} — {g.school.short_name} — {year.label.replace('/', '-')}.{kind}"
