from io import BytesIO

from flask import (
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from nastavnik.dates import today
from nastavnik.extensions import db
from nastavnik.permissions import can, requires
from nastavnik.refusals import attempt
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.staff.models import Staff
from nastavnik.types import parse_id
from nastavnik.uploads import StoredFile, save_upload

from . import services, stats
from .blueprint import bp
from .evidence import evidence_of
from .forms import ActivityForm, ConfirmForm, CreateRoadmapForm, MarkForm
from .models import Roadmap, RoadmapActivity, Stage, StepStatus
from .timing import academic_year, year_label


def _refused(form, outcome) -> None:
    """The refusal's message beside its field, or above the form."""
    field = getattr(form, outcome.refusal.field or "", None)
    if field is not None and hasattr(field, "errors"):
        field.errors = [*field.errors, outcome.message]
    else:
        form.form_errors.append(outcome.message)


@bp.route("/")
@requires("roadmap.view")
def index():
    current = services.roadmap_of_year(academic_year())
    if current is not None and not request.args.get("all"):
        return redirect(url_for(".show", roadmap_id=current.id))
    roadmaps = services.roadmaps()
    made = {r.year for r in roadmaps}
    now = academic_year()
    return render_template(
        "roadmap/index.html",
        roadmaps=roadmaps,
        # Only the years without a roadmap are offered: a made one is refused by the form.
        years_to_make=[y for y in (now, now + 1) if y not in made],
        current_year=now,
        year_label=year_label,
    )


def _years() -> list[int]:
    now = academic_year()
    return [now - 1, now, now + 1]


def _year_choices(made: set[int]) -> list[SelectChoice]:
    """The years a roadmap may be made for; a year that has one says so (the form refuses it)."""
    return [
        SelectChoice(
            str(y), f"{year_label(y)} учебный год" + (" — уже составлена" if y in made else "")
        )
        for y in _years()
    ]


@bp.route("/new", methods=["GET", "POST"])
@requires("roadmap.manage")
def create():
    made = {r.year for r in services.roadmaps()}
    # Shown first: the year asked for, else this year, the next or the last, whichever has none.
    now = academic_year()
    first = next((y for y in (now, now + 1, now - 1) if y not in made), now)
    form = CreateRoadmapForm(data={"year": request.args.get("year") or str(first)})
    form.year.choices = _year_choices(made)
    # The year the form shows; a year no roadmap can have (or no number) shows the current one.
    year = parse_id(form.year.data)
    if year is None or not services.FIRST_YEAR <= year <= academic_year() + 1:
        year = academic_year()
    offered = services.own_activities_of(year - 1)
    form.copy.choices = [
        SelectChoice(a.id, f"Этап {Stage(a.stage).number}. {a.content} ({a.timing})")
        for a in offered
    ]
    if form.validate_on_submit():
        with attempt() as outcome:
            roadmap = services.create_roadmap(form.year.data, form.copy.data or ())
        if outcome.refused:
            _refused(form, outcome)
        else:
            flash(
                f"Дорожная карта на {roadmap.label} учебный год составлена по шаблону.", "success"
            )
            return redirect(url_for(".show", roadmap_id=roadmap.id))
    return render_template(
        "roadmap/new.html", form=form, year=year, year_label=year_label, offered=offered
    )


def _page(roadmap: Roadmap, approve_form=None, status=200):
    on = today()
    grouped = services.steps(roadmap, on)
    evidence = evidence_of(a.id for a in roadmap.activities)
    progress = {
        stage: (
            sum(1 for s in items if s.status == StepStatus.DONE),
            len(items),
            sum(1 for s in items if s.overdue),
        )
        for stage, items in grouped.items()
    }
    director = g.school.director_name
    return (
        render_template(
            "roadmap/show.html",
            roadmap=roadmap,
            grouped=grouped,
            progress=progress,
            percent=stats.percent,
            evidence=evidence,
            today=on,
            approve=approve_form or ConfirmForm(formdata=None),
            may_manage=can(current_user, "roadmap.manage"),
            may_approve=can(current_user, "roadmap.approve") and not roadmap.is_approved,
            director=director,
            endpoints=current_app.view_functions,
        ),
        status,
    )


@bp.route("/<int:roadmap_id>")
@requires("roadmap.view")
def show(roadmap_id):
    return _page(get_or_404(Roadmap, roadmap_id))


@bp.route("/<int:roadmap_id>/approve", methods=["POST"])
@requires("roadmap.approve")
def approve(roadmap_id):
    roadmap = get_or_404(Roadmap, roadmap_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            services.approve(roadmap, current_user)
        if outcome.refused:
            form.form_errors.append(outcome.message)
            return _page(roadmap, approve_form=form)
        flash("Дорожная карта утверждена.", "success")
    return redirect(url_for(".show", roadmap_id=roadmap.id))


def _activity_form(activity=None, **kw) -> ActivityForm:
    form = ActivityForm(**kw)
    kept = activity.responsible_staff_id if activity is not None else None
    form.stage.choices = [SelectChoice(s.value, f"{s.number}. {s.label}") for s in Stage]
    staff = db.session.execute(
        select(Staff)
        .where(Staff.data_hidden.is_(False) | (Staff.id == kept))
        .order_by(Staff.last_name, Staff.first_name, Staff.id)
    ).scalars()
    form.responsible_staff_id.choices = [SelectChoice(0, "— не выбран —")] + [
        SelectChoice(s.id, s.display_name if s.data_hidden else f"{s.full_name}, {s.position}")
        for s in staff
    ]
    return form


def _fields(form: ActivityForm) -> services.ActivityFields:
    return services.ActivityFields(
        content=form.content.data,
        timing=form.timing.data,
        due_on=form.due_on.data,
        responsible=form.responsible.data or "",
        responsible_staff_id=form.responsible_staff_id.data or None,
        expected_result=form.expected_result.data or "",
    )


@bp.route("/<int:roadmap_id>/activities/new", methods=["GET", "POST"])
@requires("roadmap.manage")
def add_activity(roadmap_id):
    roadmap = get_or_404(Roadmap, roadmap_id)
    stage = Stage.parse(request.args.get("stage")) or Stage.CONDITIONS
    form = _activity_form(data={"stage": stage.value, "responsible_staff_id": 0})
    if form.validate_on_submit():
        with attempt() as outcome:
            services.add_activity(roadmap, form.stage.data, _fields(form))
        if outcome.refused:
            _refused(form, outcome)
        else:
            flash("Мероприятие добавлено в дорожную карту.", "success")
            return redirect(url_for(".show", roadmap_id=roadmap.id))
    return render_template(
        "roadmap/activity_form.html", form=form, roadmap=roadmap, title="Новое мероприятие"
    )


@bp.route("/activities/<int:roadmap_activity_id>/edit", methods=["GET", "POST"])
@requires("roadmap.manage")
def edit_activity(roadmap_activity_id):
    activity = get_or_404(RoadmapActivity, roadmap_activity_id)
    roadmap = services.roadmap_of(activity)
    form = _activity_form(activity, obj=activity)
    if request.method == "GET":
        form.responsible_staff_id.data = activity.responsible_staff_id or 0
        form.due_on.data = activity.due_on
    del form.stage  # an activity stays in its stage
    if form.validate_on_submit():
        with attempt() as outcome:
            services.update_activity(activity, _fields(form))
        if outcome.refused:
            _refused(form, outcome)
        else:
            flash("Мероприятие сохранено.", "success")
            return redirect(url_for(".show", roadmap_id=roadmap.id))
    return render_template(
        "roadmap/activity_form.html",
        form=form,
        roadmap=roadmap,
        activity=activity,
        title="Изменить мероприятие",
        delete=ConfirmForm(formdata=None),
    )


@bp.route("/activities/<int:roadmap_activity_id>/delete", methods=["POST"])
@requires("roadmap.manage")
def delete_activity(roadmap_activity_id):
    activity = get_or_404(RoadmapActivity, roadmap_activity_id)
    roadmap = services.roadmap_of(activity)
    form = ConfirmForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            services.remove_activity(activity)
        if outcome.refused:
            flash(outcome.message, "danger")
        else:
            flash("Мероприятие удалено из дорожной карты.", "success")
    return redirect(url_for(".show", roadmap_id=roadmap.id))


@bp.route("/activities/<int:roadmap_activity_id>/mark", methods=["GET", "POST"])
@requires("roadmap.manage")
def mark(roadmap_activity_id):
    activity = get_or_404(RoadmapActivity, roadmap_activity_id)
    roadmap = services.roadmap_of(activity)
    form = MarkForm(obj=activity)
    form.status.choices = [SelectChoice(s.value, s.label) for s in StepStatus]
    if form.validate_on_submit():
        with attempt() as outcome:
            stored = None
            if form.evidence.data and getattr(form.evidence.data, "filename", ""):
                stored = save_upload(form.evidence.data, g.school.id)
            services.mark(
                activity,
                form.status.data,
                note=form.evidence_note.data or "",
                link=form.evidence_link.data or "",
                school_slug=g.school.slug,
                evidence_file=stored,
            )
        if outcome.refused:
            _refused(form, outcome)
        else:
            flash("Отметка сохранена.", "success")
            return redirect(url_for(".show", roadmap_id=roadmap.id))
    step = next(
        s for s in services.steps(roadmap)[Stage(activity.stage)] if s.activity.id == activity.id
    )
    return render_template(
        "roadmap/mark.html",
        form=form,
        roadmap=roadmap,
        activity=activity,
        step=step,
        endpoints=current_app.view_functions,
    )


@bp.route("/activities/<int:roadmap_activity_id>/evidence")
@requires("roadmap.view")
def evidence(roadmap_activity_id):
    activity = get_or_404(RoadmapActivity, roadmap_activity_id)
    if activity.evidence_file_id is None:
        abort(404)
    return _send(get_or_404(StoredFile, activity.evidence_file_id))


def _send(stored: StoredFile):
    # Read whole (at most 8 MB): no file handle is left open when a client does not read it.
    return send_file(
        BytesIO(stored.path().read_bytes()),
        mimetype=stored.content_type,
        as_attachment=True,
        download_name=stored.filename,
        max_age=0,
    )
