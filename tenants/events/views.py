from io import BytesIO

from flask import flash, g, redirect, render_template, send_file, url_for
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from nastavnik.dates import today
from nastavnik.extensions import db
from nastavnik.permissions import can, requires
from nastavnik.refusals import attempt
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.roadmap.models import RoadmapActivity
from nastavnik.tenants.staff.models import Staff
from nastavnik.uploads import StoredFile, save_upload

from . import services
from .blueprint import bp
from .forms import EventForm
from .models import EventKind, EventMaterial, SchoolEvent


@bp.route("/")
@requires("roadmap.view")
def index():
    return render_template(
        "events/index.html",
        events=services.events(),
        today=today(),
        may_manage=can(current_user, "roadmap.manage"),
    )


def _form(event=None, **kw) -> EventForm:
    form = EventForm(**kw)
    # A participant whose data were hidden since stays on the event (shown as hidden).
    kept = {p.staff_id for p in event.participants} if event is not None else set()
    form.kind.choices = [SelectChoice(k.value, k.label) for k in EventKind]
    form.activity_id.choices = [SelectChoice(0, "— не связано —")] + [
        SelectChoice(i, text) for i, text in services.activity_choices()
    ]
    staff = db.session.execute(
        select(Staff)
        .where(Staff.data_hidden.is_(False) | Staff.id.in_(kept))
        .order_by(Staff.last_name, Staff.first_name, Staff.id)
    ).scalars()
    form.participants.choices = [
        SelectChoice(s.id, s.display_name if s.data_hidden else f"{s.full_name}, {s.position}")
        for s in staff
    ]
    return form


def _fields(form: EventForm) -> services.EventFields:
    return services.EventFields(
        kind=form.kind.data,
        title=form.title.data,
        held_on=form.held_on.data,
        place=form.place.data or "",
        results=form.results.data or "",
        activity_id=form.activity_id.data or None,
        participant_ids=form.participants.data or [],
    )


def _uploads(form: EventForm) -> list:
    return [save_upload(f, g.school.id) for f in form.materials.data or () if f and f.filename]


def _refused(form, outcome) -> None:
    field = getattr(form, outcome.refusal.field or "", None)
    if field is not None and hasattr(field, "errors"):
        field.errors = [*field.errors, outcome.message]
    else:
        form.form_errors.append(outcome.message)


@bp.route("/new", methods=["GET", "POST"])
@requires("roadmap.manage")
def create():
    form = _form(data={"activity_id": 0, "held_on": today()})
    if form.validate_on_submit():
        with attempt() as outcome:
            event = services.create_event(_fields(form), _uploads(form))
        if outcome.refused:
            _refused(form, outcome)
        else:
            flash("Мероприятие сохранено.", "success")
            return redirect(url_for(".show", event_id=event.id))
    return render_template("events/form.html", form=form, title="Новое мероприятие")


@bp.route("/<int:event_id>")
@requires("roadmap.view")
def show(event_id):
    event = get_or_404(SchoolEvent, event_id)
    linked = dict(services.activity_choices()).get(event.activity_id)
    roadmap_id = None
    if event.activity_id:
        activity = get_or_404(RoadmapActivity, event.activity_id)
        roadmap_id = activity.roadmap_id
    return render_template(
        "events/show.html",
        event=event,
        linked=linked,
        roadmap_id=roadmap_id,
        may_manage=can(current_user, "roadmap.manage"),
        today=today(),
    )


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@requires("roadmap.manage")
def edit(event_id):
    event = get_or_404(SchoolEvent, event_id)
    form = _form(event, obj=event)
    if not form.is_submitted():
        form.activity_id.data = event.activity_id or 0
        form.participants.data = [p.staff_id for p in event.participants]
    if form.validate_on_submit():
        with attempt() as outcome:
            services.update_event(event, _fields(form), _uploads(form))
        if outcome.refused:
            _refused(form, outcome)
        else:
            flash("Мероприятие сохранено.", "success")
            return redirect(url_for(".show", event_id=event.id))
    return render_template("events/form.html", form=form, title="Изменить мероприятие", event=event)


@bp.route("/materials/<int:material_id>")
@requires("roadmap.view")
def material(material_id):
    found = get_or_404(EventMaterial, material_id)
    return _send(found.file)


def _send(stored: StoredFile):
    # Read whole (at most 8 MB): no file handle is left open when a client does not read it.
    return send_file(
        BytesIO(stored.path().read_bytes()),
        mimetype=stored.content_type,
        as_attachment=True,
        download_name=stored.filename,
        max_age=0,
    )
