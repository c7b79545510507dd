from flask import flash, redirect, render_template, request, url_for
from wtforms import SelectChoice

from nastavnik.dates import today
from nastavnik.extensions import db
from nastavnik.paging import page_of_select
from nastavnik.permissions import requires
from nastavnik.refusals import attempt
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.consents.services import valid_kinds
from nastavnik.tenants.vocabulary import MentoringForm

from . import services
from .blueprint import bp
from .forms import ConfirmForm, CustomFormForm, PairingForm, consents_form
from .models import CustomForm, Pairing, PairingStatus

PAGE_SIZE = 50  # pairs of one status on a page
PREVIEW = 20  # the newest pairs of each status on the list of all; a link leads to the rest


@bp.route("/")
@requires("pairings.view")
def index():
    """Every status with its newest pairs and how many there are; one status a page at a time."""
    status = PairingStatus.parse(request.args.get("status"))
    if status:
        page = page_of_select(services.pairings_listed(status), PAGE_SIZE)
        groups = [(status, status.label, page.items, page.total)]
    else:
        page, counts = None, services.counts_by_status()
        groups = []
        for code in PairingStatus:
            newest = db.session.execute(services.pairings_listed(code).limit(PREVIEW))
            groups.append((code, code.label, list(newest.scalars()), counts.get(code, 0)))
    return render_template(
        "pairings/index.html",
        groups=groups,
        page=page,
        status=status,
        statuses=PairingStatus.labels(),
        labels=services.form_labels(),
        orders=services.orders_by_pairing(),
    )


@bp.route("/new", methods=["GET", "POST"])
@requires("pairings.manage")
def create():
    on = today()
    form = PairingForm()
    form.mentor.choices = [
        SelectChoice(e.staff_id, f"{e.staff.display_name} — ведёт {load} из {e.capacity}")
        for e, load in services.available_mentors(on)
    ]
    form.mentees.choices = [
        SelectChoice(entry.staff_id, f"{entry.staff.display_name} ({entry.category_label})")
        for entry in services.available_mentees()
    ]
    form.form.choices = [SelectChoice(c, label) for c, label in services.form_labels().items()]
    if form.validate_on_submit():
        with attempt() as outcome:
            pairing = services.create_pairing(
                form.mentor.data, form.mentees.data, form.form.data, on
            )
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash(
                f"{pairing.kind_label} предложена. Запишите письменные согласия участников.",
                "success",
            )
            return redirect(url_for(".show", pairing_id=pairing.id))
    return render_template("pairings/new.html", form=form)


def _consents_form(pairing, formdata=None):
    members = [(m.mentee_staff_id, services.name_of(m.mentee)) for m in pairing.members]
    data = {"mentor_on": pairing.mentor_consent_on}
    data.update({f"mentee_{m.mentee_staff_id}": m.consent_on for m in pairing.members})
    if formdata is None:
        return consents_form(members)(formdata=None, data=data)
    return consents_form(members)()


def _card(pairing, consents=None, cancel=None):
    staff_ids = [pairing.mentor_staff_id, *(m.mentee_staff_id for m in pairing.members)]
    order = services.orders_by_pairing().get(pairing.id)
    return render_template(
        "pairings/show.html",
        pairing=pairing,
        form_label=services.form_label(pairing.form),
        kinds=valid_kinds(staff_ids, today()),
        order=order,
        programs=services.programs_of(pairing.id),
        consents=consents or _consents_form(pairing),
        cancel=cancel or ConfirmForm(formdata=None),
        cancelled=pairing.end_reason == services.CANCELLED,
    )


@bp.route("/<int:pairing_id>")
@requires("pairings.view")
def show(pairing_id):
    return _card(get_or_404(Pairing, pairing_id, options=services.with_people()))


@bp.route("/<int:pairing_id>/consents", methods=["POST"])
@requires("pairings.manage")
def consents(pairing_id):
    pairing = get_or_404(Pairing, pairing_id)
    form = _consents_form(pairing, formdata=request.form)
    if form.validate_on_submit():
        dates = {
            m.mentee_staff_id: form[f"mentee_{m.mentee_staff_id}"].data for m in pairing.members
        }
        with attempt() as outcome:
            services.record_consents(pairing, form.mentor_on.data, dates)
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash("Даты письменных согласий записаны.", "success")
            return redirect(url_for(".show", pairing_id=pairing.id))
    return _card(pairing, consents=form)


@bp.route("/<int:pairing_id>/cancel", methods=["POST"])
@requires("pairings.manage")
def cancel(pairing_id):
    pairing = get_or_404(Pairing, pairing_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            services.cancel_pairing(pairing, today())
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash(f"{pairing.kind_label} отменена до утверждения.", "success")
            return redirect(url_for(".index"))
    return _card(pairing, cancel=form)


def _forms_page(form, delete_form=None):
    return render_template(
        "pairings/forms.html",
        standard=MentoringForm.labels(),
        custom=services.custom_forms(),
        form=form,
        delete=delete_form or ConfirmForm(formdata=None),
    )


@bp.route("/forms/", methods=["GET", "POST"])
@requires("pairings.manage")
def forms():
    form = CustomFormForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            custom = services.add_custom_form(form.title.data)
        if outcome.refused:
            form.title.errors.append(outcome.message)
        else:
            flash(f"Форма «{custom.title}» добавлена.", "success")
            return redirect(url_for(".forms"))
    return _forms_page(form)


@bp.route("/forms/<int:form_id>/delete", methods=["POST"])
@requires("pairings.manage")
def delete_form(form_id):
    custom = get_or_404(CustomForm, form_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            services.delete_custom_form(custom)
        if outcome.refused:
            form.form_errors.append(f"«{custom.title}»: {outcome.refusal}")
        else:
            flash(f"Форма «{custom.title}» удалена.", "success")
            return redirect(url_for(".forms"))
    return _forms_page(CustomFormForm(formdata=None), form)
