from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from nastavnik.extensions import db
from nastavnik.permissions import can, requires
from nastavnik.refusals import attempt
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.home.services import staff_of
from nastavnik.tenants.pairings.models import Pairing
from nastavnik.tenants.pairings.services import with_people
from nastavnik.tenants.programs.models import Program
from nastavnik.tenants.staff.models import Staff

from . import services
from .blueprint import bp
from .forms import AnswerForm, RequestForm
from .models import ParticipantRequest, RequestStatus


@bp.route("/")
@requires("programs.view")
def index():
    # Curator, coordinator and director see every request; everyone else (mentors,
    # mentees, the working group) only their own: the reasons are personal.
    manager = can(current_user, "requests.answer")
    staff = staff_of(current_user.id)
    rows = []
    if manager:
        rows = services.requests_for()
    elif staff is not None:
        rows = services.requests_for(staff.id)
    pairings = []
    if staff and can(current_user, "programs.participate"):
        pairings = services.pairings_of(staff)
    return render_template(
        "requests/index.html",
        rows=rows,
        manager=manager,
        staff=staff,
        pairings=pairings,
        kind_for=services.kind_for,
    )


@bp.route("/new", methods=["GET", "POST"])
@requires("programs.participate")
def create():
    pairing_id = request.args.get("pairing", type=int)
    if pairing_id is None:
        abort(404)
    pairing = get_or_404(Pairing, pairing_id, options=with_people())
    staff = staff_of(current_user.id)
    kind = services.kind_for(pairing, staff)
    if kind is None:
        abort(404)
    form = RequestForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            req = services.file_request(pairing, staff, form.reason.data, current_user)
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash("Просьба отправлена куратору и руководителю.", "success")
            return redirect(url_for(".show", request_id=req.id))
    # On opening the page, say at once why a request cannot be filed (no form then).
    problem = services.why_cannot_file(pairing, staff) if request.method == "GET" else None
    return render_template(
        "requests/new.html", form=form, pairing=pairing, kind=kind, problem=problem
    )


@bp.route("/<int:request_id>", methods=["GET", "POST"])
@requires("programs.view")
def show(request_id):
    req = get_or_404(ParticipantRequest, request_id)
    manager = can(current_user, "requests.answer")
    staff = staff_of(current_user.id)
    if not manager and (staff is None or req.staff_id != staff.id):
        abort(404)
    form = AnswerForm() if manager else None
    if request.method == "POST":
        if not manager:
            abort(403)
        if form.validate_on_submit():
            with attempt() as outcome:
                services.answer_request(
                    req, form.decision.data == RequestStatus.GRANTED, form.answer.data, current_user
                )
            if outcome.refused:
                form.form_errors.append(outcome.message)
            else:
                flash("Ответ записан.", "success")
                return redirect(url_for(".show", request_id=req.id))
    pairing = get_or_404(Pairing, req.pairing_id)
    return render_template(
        "requests/show.html",
        req=req,
        form=form,
        pairing=pairing,
        requester=get_or_404(Staff, req.staff_id),
        answered_by=services.answered_by(req),
        programs=_program_links(pairing),
    )


def _program_links(pairing: Pairing) -> list[tuple[str, str | None]]:
    """The pairing's programs, linked to their pages when the programs feature has them."""
    programs = db.session.execute(
        select(Program).where(Program.pairing_id == pairing.id).order_by(Program.starts_on)
    ).scalars()
    linked = "programs.show" in current_app.view_functions
    return [
        (p.title, url_for("programs.show", program_id=p.id) if linked else None) for p in programs
    ]
