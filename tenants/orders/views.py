from datetime import timedelta
from io import BytesIO

from flask import current_app, flash, g, redirect, render_template, send_file, url_for
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from nastavnik.dates import today
from nastavnik.documents import with_control
from nastavnik.extensions import db
from nastavnik.permissions import Role, can, requires
from nastavnik.refusals import attempt
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.pairings import services as pairings
from nastavnik.tenants.pairings.models import Pairing
from nastavnik.tenants.programs.models import Program
from nastavnik.uploads import send_stored

from . import ending, services, wording
from .blueprint import bp
from .forms import (
    ConfirmForm,
    DraftEndingForm,
    DraftPairingsForm,
    RegisterOrderForm,
    ScanForm,
    SignForm,
)
from .models import OrderKind, OrderStatus, SchoolOrder

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@bp.route("/")
@requires("orders.view")
def index():
    orders = db.session.execute(select(SchoolOrder)).scalars().all()
    # Drafts first, then the signed ones, latest first.
    orders.sort(
        key=lambda o: (
            o.status != OrderStatus.DRAFT,
            -(o.signed_on or o.created_at).toordinal(),
            -o.id,
        )
    )
    return render_template("orders/index.html", orders=orders, has_document=services.has_document)


@bp.route("/new", methods=["GET", "POST"])
@requires("pairings.manage")
def create():
    form = RegisterOrderForm()
    form.kind.choices = [SelectChoice(kind, kind.label) for kind in OrderKind]
    if form.validate_on_submit():
        with attempt() as outcome:
            order = services.register_order(
                form.kind.data,
                form.title.data,
                form.number.data,
                form.signed_on.data,
                current_user,
                scan=form.scan.data,
            )
        if outcome.refused:
            _refused_on(form, outcome)
        else:
            flash(f"Приказ № {order.number} внесён в реестр.", "success")
            return redirect(url_for(".index"))
    return render_template("orders/new.html", form=form)


def _curator_prefill(form) -> bool:
    """The curator's name in the dative, filled in on the first view; False: not sure of it."""
    mine = Role.CURATOR in current_user.roles
    curator = wording.curator_in_dative(current_user if mine else None)
    if not form.is_submitted():
        form.curator.data = curator.text
    return curator.confident


@bp.route("/draft-pairings", methods=["GET", "POST"])
@requires("pairings.manage")
def draft_pairings():
    on = today()
    ready, not_ready = services.ready_and_not(on)
    form = DraftPairingsForm(data={"programs_due": on + timedelta(days=30)})
    form.pairings.choices = [SelectChoice(p.id, pairings.describe(p)) for p in ready]
    confident = _curator_prefill(form)
    if form.all_ready.data:
        form.pairings.data = [p.id for p in ready]  # «Включить все готовые»
    if form.validate_on_submit():
        with attempt() as outcome:
            order = services.draft_pairings_order(
                form.pairings.data,
                on,
                current_user,
                programs_due=form.programs_due.data,
                curator=form.curator.data or "",
            )
        if outcome.refused:
            _refused_on(form, outcome)
        else:
            flash(
                "Проект приказа подготовлен. Проверьте его, скачайте, подпишите у директора "
                "и запишите номер и дату.",
                "success",
            )
            return redirect(url_for(".show", order_id=order.id))
    return render_template(
        "orders/draft_pairings.html",
        form=form,
        ready=ready,
        not_ready=not_ready,
        labels=pairings.form_labels(),
        chosen=set(form.pairings.data or ()),
        curator_confident=confident,
    )


@bp.route("/draft-ending", methods=["GET", "POST"])
@requires("programs.manage")
def draft_ending():
    awaiting = ending.awaiting_order()
    form = DraftEndingForm()
    form.programs.choices = [SelectChoice(p.id, p.title) for p in awaiting]
    confident = _curator_prefill(form)
    if form.all_ready.data:
        form.programs.data = [p.id for p in awaiting]  # «выбрать все»
    if form.validate_on_submit():
        with attempt() as outcome:
            order = ending.draft_ending_order(
                form.programs.data, today(), current_user, curator=form.curator.data or ""
            )
        if outcome.refused:
            _refused_on(form, outcome)
        else:
            flash(
                "Проект приказа подготовлен. Проверьте его, скачайте, подпишите у директора "
                "и запишите номер и дату.",
                "success",
            )
            return redirect(url_for(".show", order_id=order.id))
    return render_template(
        "orders/draft_ending.html",
        form=form,
        awaiting=awaiting,
        reason_of=ending.reason_of,
        chosen=set(form.programs.data or ()),
        curator_confident=confident,
    )


def _refused_on(form, outcome) -> None:
    field = getattr(form, outcome.refusal.field or "", None)
    if field is not None and hasattr(field, "errors") and isinstance(field.errors, list):
        field.errors.append(outcome.message)
    else:
        form.form_errors.append(outcome.message)


def _page(order, sign=None, delete=None, scan=None):
    content = order.content or {}
    ids = [int(i) for i in content.get("pairing_ids", [])]
    members = (
        db.session.execute(
            select(Pairing).where(Pairing.id.in_(ids)).options(*pairings.with_people())
        )
        .scalars()
        .all()
        if ids
        else []
    )
    program_ids = [int(i) for i in content.get("program_ids", [])]
    programs = (
        db.session.execute(select(Program).where(Program.id.in_(program_ids))).scalars().all()
        if program_ids
        else []
    )
    manages = can(current_user, "pairings.manage")
    return render_template(
        "orders/show.html",
        order=order,
        content=content,
        items=with_control(tuple(services.items_of(order))),
        director=services.initials(g.school.director_name),
        programs=programs,
        annex=services.annex_of(order),
        pairings=sorted(members, key=lambda p: ids.index(p.id)),
        has_document=services.has_document(order),
        drafted_on=services.drafted_on(order),
        scan_file=services.scan_of(order),
        sign=sign or SignForm(formdata=None, data={"signed_on": today()}),
        delete=delete or ConfirmForm(formdata=None),
        scan=scan or ScanForm(formdata=None),
        can_sign=order.status == OrderStatus.DRAFT and can(current_user, "pairings.approve"),
        can_delete=order.status == OrderStatus.DRAFT and manages,
        can_scan=order.status == OrderStatus.SIGNED and manages,
    )


@bp.route("/<int:order_id>")
@requires("orders.view")
def show(order_id):
    return _page(get_or_404(SchoolOrder, order_id))


@bp.route("/<int:order_id>/document.docx")
@requires("orders.view")
def document(order_id):
    order = get_or_404(SchoolOrder, order_id)
    if not services.has_document(order):
        flash("Этот приказ внесён в реестр с бумажного оригинала: документа на платформе нет.")
        return redirect(url_for(".show", order_id=order.id))
    if order.kind == OrderKind.TARGET_MODEL and "regulation.document" in current_app.view_functions:
        # The order № 90-од with its three annexes is composed by the Regulation's feature.
        return redirect(url_for("regulation.document", target_order_id=order.id))
    return send_file(
        BytesIO(services.order_document(order, g.school)),
        mimetype=DOCX,
        as_attachment=True,
        download_name=services.document_filename(order),
    )


@bp.route("/<int:order_id>/sign", methods=["POST"])
@requires("pairings.approve")
def sign(order_id):
    order = get_or_404(SchoolOrder, order_id)
    form = SignForm()
    if form.validate_on_submit():
        signing = {
            OrderKind.PAIRINGS: services.sign_pairings_order,
            OrderKind.PROGRAM_END: ending.sign_ending_order,
        }.get(OrderKind(order.kind), services.sign_order)
        with attempt() as outcome:
            signing(order, form.number.data, form.signed_on.data, current_user)
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash(f"Приказ № {order.number} подписан.", "success")
            return redirect(url_for(".show", order_id=order.id))
    return _page(order, sign=form)


@bp.route("/<int:order_id>/public", methods=["POST"])
@requires("orders.publish")
def publish(order_id):
    order = get_or_404(SchoolOrder, order_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            services.set_public(order, not order.public)
        if outcome.refused:
            flash(outcome.message, "danger")
        elif order.public:
            flash("Приказ опубликован в открытом разделе школы.", "success")
        else:
            flash("Приказ убран из открытого раздела школы.", "success")
    return redirect(url_for(".show", order_id=order.id))


@bp.route("/<int:order_id>/delete", methods=["POST"])
@requires("pairings.manage")
def delete(order_id):
    order = get_or_404(SchoolOrder, order_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            services.delete_draft(order)
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash("Проект приказа удалён.", "success")
            return redirect(url_for(".index"))
    return _page(order, delete=form)


@bp.route("/<int:order_id>/scan")
@requires("orders.view")
def scan(order_id):
    order = get_or_404(SchoolOrder, order_id)
    stored = services.scan_of(order)
    if stored is None:
        flash("Скан этого приказа не приложен.")
        return redirect(url_for(".show", order_id=order.id))
    return send_stored(stored)


@bp.route("/<int:order_id>/scan", methods=["POST"])
@requires("pairings.manage")
def attach_scan(order_id):
    order = get_or_404(SchoolOrder, order_id)
    form = ScanForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            services.attach_scan(order, form.scan.data)
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash("Скан приказа приложен.", "success")
            return redirect(url_for(".show", order_id=order.id))
    return _page(order, scan=form)
