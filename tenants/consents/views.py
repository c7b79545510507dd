from io import BytesIO

from flask import abort, flash, g, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from wtforms import SelectChoice

from nastavnik.dates import today
from nastavnik.documents import DOCX
from nastavnik.extensions import db
from nastavnik.journal.models import JournalAction
from nastavnik.journal.services import journalled
from nastavnik.paging import page_of
from nastavnik.permissions import can, requires
from nastavnik.refusals import attempt
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.staff.models import Staff
from nastavnik.tenants.staff.parts import Part
from nastavnik.tenants.staff.services import all_staff, chosen_staff
from nastavnik.uploads import StoredFile, send_stored

from . import services
from .blank import Subject, file_name, operator_of, render_blanks
from .blueprint import bp
from .forms import ConsentForm, ManyConsentsForm, RevokeForm
from .models import Consent, ConsentKind

# The consent screens are the history the law keeps: they show the name even when the
# person's details are hidden everywhere else.


PAGE_SIZE = 100  # consents on a page (a school of 600 teachers has a thousand or more)


@bp.route("/")
@requires("consents.manage")
def index():
    kind = ConsentKind.parse(request.args.get("kind"))
    state = request.args.get("state", "")
    query = select(Consent).options(joinedload(Consent.staff))  # one query at any size
    if kind:
        query = query.where(Consent.kind == kind)
    query = query.order_by(Consent.signed_on.desc(), Consent.id.desc())
    on = today()
    page = page_of(
        [
            c
            for c in db.session.execute(query).scalars()
            if state not in services.STATES or services.state_of(c, on) == state
        ],
        PAGE_SIZE,
    )
    return render_template(
        "consents/index.html",
        consents=page.items,
        page=page,
        kind=kind,
        state=state,
        kinds=ConsentKind.labels(),
        states=services.STATES,
        state_of=services.state_of,
        today=on,
    )


@bp.route("/new", methods=["GET", "POST"])
@requires("consents.manage")
def create():
    kind = ConsentKind.parse(request.args.get("kind")) or ConsentKind.PERSONAL_DATA
    staff_arg = request.args.get("staff_id", type=int)
    chosen = get_or_404(Staff, staff_arg) if staff_arg is not None else None
    purpose, data_list = services.DEFAULTS[kind]
    form = ConsentForm(
        staff_id=chosen.id if chosen else None,
        purpose=purpose,
        data_list=data_list,
        signed_on=today(),
    )
    people = {s.id: s for s in all_staff()}
    form.staff_id.choices = [SelectChoice("", "— выберите педагога —")] + [
        SelectChoice(i, _label(s)) for i, s in people.items()
    ]
    if form.validate_on_submit():
        with attempt() as outcome:
            consent = services.record_consent(
                people[form.staff_id.data],
                kind,
                signed_on=form.signed_on.data,
                purpose=form.purpose.data,
                data_list=form.data_list.data or "",
                valid_until=form.valid_until.data,
                paper_number=form.paper_number.data or "",
                scan=form.scan.data or None,
                by=current_user,
            )
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash("Согласие записано.", "success")
            return redirect(url_for(".show", consent_id=consent.id))
    return render_template(
        "consents/form.html",
        form=form,
        kind=kind,
        kinds=ConsentKind.labels(),
        chosen=chosen,
        people=people,
    )


@bp.route("/many", methods=["GET", "POST"])
@requires("consents.manage")
def record_many():
    """A consent for each person ticked in the staff register: the kind and date once, each
    person's paper number on their line."""
    if request.method == "GET":
        ids = request.args.getlist("staff_id")
        if not 0 < len(ids) <= services.MAX_AT_ONCE:
            return _back_to_register("чьи согласия записать")
        people = _chosen(ids)
        kind = ConsentKind.parse(request.args.get("kind")) or ConsentKind.PERSONAL_DATA
        rows = [{"staff_id": s.id, "paper_number": ""} for s in people]
        data = {"kind": kind.value, "signed_on": today(), "rows": rows}
        return _many_form(ManyConsentsForm(formdata=None, data=data), people)
    form = ManyConsentsForm()
    people = _chosen(row.staff_id.data for row in form.rows)
    if form.validate_on_submit() and people:
        by_id = {s.id: s for s in people}
        with attempt() as outcome:
            recorded = services.record_consents(
                [(by_id[int(row.staff_id.data)], row.paper_number.data) for row in form.rows],
                form.kind.data,
                signed_on=form.signed_on.data,
                valid_until=form.valid_until.data,
                by=current_user,
            )
        if not outcome.refused:
            flash(f"Записано согласий: {len(recorded)}.", "success")
            return redirect(url_for(".index"), code=303)
        refusal = outcome.refusal
        for row in form.rows:
            if message := getattr(refusal, "rows", {}).get(int(row.staff_id.data)):
                row.paper_number.errors = [*row.paper_number.errors, message]
        field = form._fields.get(refusal.field or "")
        (field.errors if field is not None else form.form_errors).append(outcome.message)
    return _many_form(form, people)


def _many_form(form: ManyConsentsForm, people: list[Staff]):
    return render_template(
        "consents/many.html",
        form=form,
        people={s.id: s for s in people},
        states=services.consent_states([s.id for s in people], today()),
        labels=services.STATES,
    )


@bp.route("/blank/<int:staff_id>")
@requires("consents.manage")
@journalled(JournalAction.EXPORTED, "Бланк согласия", id_arg="staff_id")
def blank(staff_id):
    """The paper of the data-processing consent, pre-filled for one person to sign."""
    return _blanks([get_or_404(Staff, staff_id)])


@bp.route("/blanks")
@requires("consents.manage")
@journalled(JournalAction.EXPORTED, "Бланки согласий")
def blanks():
    """The same paper for each person ticked in the staff register, a page each."""
    ids = request.args.getlist("staff_id")
    if not 0 < len(ids) <= services.MAX_AT_ONCE:
        return _back_to_register("для которых нужны бланки согласий")
    return _blanks(_chosen(ids))


def _blanks(people: list[Staff]):
    operator = operator_of(g.school)
    subjects = [Subject(s.full_name, s.short_name, s.position) for s in people]
    return send_file(
        BytesIO(render_blanks(operator, subjects)),
        mimetype=DOCX,
        as_attachment=True,
        download_name=file_name(subjects, today()),
        max_age=0,
    )


def _chosen(raw_ids) -> list[Staff]:
    people = chosen_staff(raw_ids)
    if people is None:
        abort(404)
    return people


def _back_to_register(whom: str):
    flash(
        f"Отметьте в реестре педагогов, {whom} (не более {services.MAX_AT_ONCE} за раз).",
        "warning",
    )
    return redirect(url_for("staff.index"))


@bp.route("/<int:consent_id>")
@requires("consents.manage")
def show(consent_id):
    consent = get_or_404(Consent, consent_id)
    return render_template(
        "consents/show.html",
        consent=consent,
        state=services.state_of(consent, today()),
        states=services.STATES,
        stored=_stored(consent),
    )


@bp.route("/<int:consent_id>/revoke", methods=["GET", "POST"])
@requires("consents.manage")
def revoke(consent_id):
    consent = get_or_404(Consent, consent_id)
    if consent.revoked_on is not None:
        flash("Это согласие уже отозвано.", "info")
        return redirect(url_for(".show", consent_id=consent.id))
    form = RevokeForm(revoked_on=today())
    if form.validate_on_submit():
        with attempt() as outcome:
            services.revoke_consent(consent, form.revoked_on.data, form.reason.data, current_user)
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash("Согласие отозвано.", "success")
            return redirect(url_for(".show", consent_id=consent.id))
    return render_template("consents/revoke.html", form=form, consent=consent)


@bp.route("/<int:consent_id>/file")
@requires("consents.manage")
def file(consent_id):
    consent = get_or_404(Consent, consent_id)
    stored = _stored(consent)
    if stored is None or not stored.path().is_file():
        flash("К этому согласию не приложен скан.", "warning")
        return redirect(url_for(".show", consent_id=consent.id))
    return send_stored(stored)


def _stored(consent: Consent) -> StoredFile | None:
    if consent.file_id is None:
        return None
    return get_or_404(StoredFile, consent.file_id)


def _label(staff: Staff) -> str:
    return f"{staff.full_name} (сведения скрыты)" if staff.data_hidden else staff.full_name


# The consents' part of the staff register and of a teacher's card


def _of_people(staff_ids) -> dict[int, dict]:
    states = services.consent_states(staff_ids, today())
    return {i: {"states": states[i], "labels": services.STATES} for i in staff_ids}


def _of_person(staff: Staff) -> dict:
    on = today()
    return {
        "states": services.consent_states([staff.id], on)[staff.id],
        "labels": services.STATES,
        "history": services.history(staff.id) if can(current_user, "consents.manage") else None,
        "state_of": services.state_of,
        "today": on,
    }


STAFF_PART = Part("consents/_staff.html", _of_people, _of_person)
