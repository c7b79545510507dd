from io import BytesIO

from flask import abort, flash, g, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from nastavnik.dates import today
from nastavnik.permissions import can, requires
from nastavnik.refusals import attempt
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.appointments import services as appointments
from nastavnik.tenants.orders.models import OrderKind, OrderStatus, SchoolOrder

from . import basis as legal_basis
from . import order as target_model
from . import text as regulation
from .blueprint import bp
from .forms import AmendForm, BasisForm, DraftForm, SignForm

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _errors(form, outcome):
    field = getattr(form, outcome.refusal.field or "", None)
    (field.errors if field is not None else form.form_errors).append(outcome.message)


@bp.route("/")
@requires("regulation.view")
def index():
    return render_template(
        "regulation/index.html",
        title=regulation.title(g.school.short_name),
        sections=regulation.in_force(g.school.short_name),
        basis=legal_basis.current(),
        adopted=target_model.signed_orders(),
        can_manage=can(current_user, "regulation.manage"),
    )


@bp.route("/section", methods=["GET", "POST"])
@requires("regulation.view")
def section():
    # A section of the model text, not a record of the school: named by its number (?n=3).
    number = request.args.get("n", default=1, type=int)
    if number not in regulation.NUMBERS:
        abort(404)
    current = next(s for s in regulation.in_force(g.school.short_name) if s.number == number)
    form = AmendForm(data={"title": current.title, "text": "\n\n".join(current.paragraphs)})
    status = 200
    if request.method == "POST":
        if not can(current_user, "regulation.manage"):
            abort(403)
        if form.validate_on_submit():
            with attempt() as outcome:
                regulation.amend(
                    number,
                    form.title.data,
                    form.text.data,
                    form.reason.data,
                    g.school.short_name,
                    current_user,
                )
            if not outcome.refused:
                flash(f"Раздел {number}: новая редакция сохранена и действует.", "success")
                return redirect(url_for(".section", n=number))
            _errors(form, outcome)
        status = 422
    return (
        render_template(
            "regulation/section.html",
            section=current,
            versions=regulation.versions(number),
            form=form,
            can_manage=can(current_user, "regulation.manage"),
        ),
        status,
    )


@bp.route("/basis", methods=["GET", "POST"])
@requires("regulation.manage")
def basis():
    form = BasisForm(data=legal_basis.values())
    if form.validate_on_submit():
        with attempt() as outcome:
            legal_basis.save(**{name: getattr(form, name).data for name in legal_basis.FIELDS})
        if not outcome.refused:
            flash("Правовые основания сохранены: следующий приказ их приведёт.", "success")
            return redirect(url_for(".draft"))
        _errors(form, outcome)
    status = 422 if form.is_submitted() and form.errors or form.form_errors else 200
    return render_template("regulation/basis.html", form=form), status


def _names(effective_from):
    names = target_model.names_to_confirm(effective_from)
    typed = {n.key: request.form.get(f"name_{n.key}", "") for n in names}
    return names, typed


@bp.route("/draft", methods=["GET", "POST"])
@requires("regulation.manage")
def draft():
    on = today()
    default_from = on if on.month != 8 else on.replace(month=9, day=1)
    form = DraftForm(data={"effective_from": default_from})
    effective_from = form.effective_from.data or default_from
    names, typed = _names(effective_from)
    if form.validate_on_submit():
        with attempt() as outcome:
            order = target_model.draft(
                on, effective_from, current_user, extract=form.extract.data, forms=typed
            )
        if not outcome.refused:
            flash(
                "Проект приказа подготовлен. Проверьте его, подпишите у директора "
                "и запишите номер и дату.",
                "success",
            )
            return redirect(url_for(".review", target_order_id=order.id))
        _errors(form, outcome)
    # The preview takes the platform's forms where the curator typed none, so that it shows.
    shown = {n.key: n.form for n in names} | {k: v for k, v in typed.items() if v}
    preview = None
    with attempt() as outcome:
        preview = target_model.compose(effective_from, extract=bool(form.extract.data), forms=shown)
    why_not = outcome.message if outcome.refused else None
    return (
        render_template(
            "regulation/draft.html",
            form=form,
            names=names,
            typed=typed,
            preview=preview,
            why_not=why_not,
            changes=appointments.changes(),
        ),
        422 if form.form_errors or form.errors else 200,
    )


def _target_order(order_id) -> SchoolOrder:
    order = get_or_404(SchoolOrder, order_id)
    if order.kind != OrderKind.TARGET_MODEL:
        abort(404)
    return order


def _review(order, sign=None, status=200):
    return (
        render_template(
            "regulation/review.html",
            order=order,
            content=order.content or {},
            document=target_model.document(order, g.school),
            sign=sign or SignForm(formdata=None, data={"signed_on": today()}),
            can_sign=order.status == OrderStatus.DRAFT and can(current_user, "regulation.sign"),
        ),
        status,
    )


@bp.route("/orders/<int:target_order_id>")
@requires("regulation.view")
def review(target_order_id):
    return _review(_target_order(target_order_id))


@bp.route("/orders/<int:target_order_id>/sign", methods=["POST"])
@requires("regulation.sign")
def sign(target_order_id):
    order = _target_order(target_order_id)
    form = SignForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            target_model.sign(order, form.number.data, form.signed_on.data, current_user)
        if not outcome.refused:
            flash(
                f"Приказ № {order.number} подписан: Положение, дорожная карта и рабочая "
                "программа введены в действие, назначения вступили в силу.",
                "success",
            )
            return redirect(url_for(".review", target_order_id=order.id))
        form.form_errors.append(outcome.message)
    return _review(order, sign=form, status=422)


@bp.route("/orders/<int:target_order_id>/document.docx")
@requires("regulation.view")
def document(target_order_id):
    order = _target_order(target_order_id)
    return send_file(
        BytesIO(target_model.render(order, g.school)),
        mimetype=DOCX,
        as_attachment=True,
        download_name=target_model.filename(order),
    )
