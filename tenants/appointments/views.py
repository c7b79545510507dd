from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms import SelectChoice

from nastavnik.dates import today
from nastavnik.permissions import can, requires
from nastavnik.refusals import attempt
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.staff.parts import Part
from nastavnik.tenants.staff.services import all_staff

from . import services
from .blueprint import bp
from .forms import AppointForm, ConfirmForm
from .hooks import DRAFT_EXISTS
from .models import Appointment, AppointmentStatus, Post


def _appoint_form(formdata=True) -> AppointForm:
    form = AppointForm() if formdata else AppointForm(formdata=None)
    form.post.choices = [SelectChoice("", "— выберите —")] + [
        SelectChoice(p.value, p.label) for p in Post
    ]
    people = [s for s in all_staff() if not s.data_hidden]
    form.staff_id.choices = [SelectChoice("", "— выберите педагога —")] + [
        SelectChoice(s.id, f"{s.full_name} — {s.position}") for s in people
    ]
    return form


def _page(form=None, confirm=None, status=200):
    return (
        render_template(
            "appointments/index.html",
            composition=services.composition(),
            changes=services.changes(),
            history=services.history(),
            form=form or _appoint_form(formdata=False),
            confirm=confirm or ConfirmForm(formdata=None),
            can_manage=can(current_user, "appointments.manage"),
            Post=Post,
        ),
        status,
    )


@bp.route("/")
@requires("appointments.view")
def index():
    return _page()


@bp.route("/appoint", methods=["POST"])
@requires("appointments.manage")
def appoint():
    form = _appoint_form()
    if form.validate_on_submit():
        with attempt() as outcome:
            appointment = services.appoint(
                form.staff_id.data, form.post.data, form.position.data, current_user
            )
        if not outcome.refused:
            flash(
                f"{appointment.staff.full_name}: {appointment.post_label.lower()} — "
                "назначение вступит в силу с подписанием приказа.",
                "success",
            )
            return redirect(url_for(".index"))
        field = getattr(form, outcome.refusal.field or "", None)
        (field.errors if field is not None else form.form_errors).append(outcome.message)
    return _page(form=form, status=422)


@bp.route("/<int:appointment_id>/cancel", methods=["POST"])
@requires("appointments.manage")
def cancel(appointment_id):
    appointment = get_or_404(Appointment, appointment_id)
    confirm = ConfirmForm()
    if confirm.validate_on_submit():
        with attempt() as outcome:
            services.cancel(appointment, carried_by_draft=_in_draft(appointment))
        if not outcome.refused:
            flash("Назначение отменено.", "success")
            return redirect(url_for(".index"))
        confirm.form_errors.append(outcome.message)
    return _page(confirm=confirm, status=422)


@bp.route("/<int:appointment_id>/relieve", methods=["POST"])
@requires("appointments.manage")
def relieve(appointment_id):
    appointment = get_or_404(Appointment, appointment_id)
    confirm = ConfirmForm()
    if confirm.validate_on_submit():
        with attempt() as outcome:
            services.relieve(appointment)
        if not outcome.refused:
            flash(
                "Член рабочей группы будет выведен из состава следующим приказом."
                if appointment.leaving
                else "Член рабочей группы остаётся в составе.",
                "success",
            )
            return redirect(url_for(".index"))
        confirm.form_errors.append(outcome.message)
    return _page(confirm=confirm, status=422)


def _in_draft(appointment: Appointment) -> bool:
    # The orders come later in the year: they answer which of their drafts exist.
    if appointment.order_id is None:
        return False
    return any(answer(appointment.order_id) for answer in DRAFT_EXISTS.answers())


# The staff card: what the person has been appointed to.


def _of_people(staff_ids):
    found = services.of_staff(staff_ids)
    return {
        i: {"current": [a for a in found.get(i, ()) if a.status != AppointmentStatus.ENDED]}
        for i in staff_ids
    }


def _of_person(staff):
    return {"all": services.of_staff([staff.id]).get(staff.id, []), "today": today()}


STAFF_PART = Part("appointments/_staff.html", _of_people, _of_person)
