from datetime import timedelta
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
from nastavnik.tenants.pairings import services as pairings
from nastavnik.tenants.pairings.models import Pairing

from . import services
from .blueprint import bp
from .forms import ConfirmForm, DraftPairingsForm, RegisterOrderForm, SignForm
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
                form.kind.data, form.title.data, form.number.data, form.signed_on.data, current_user
            )
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash(f"Приказ № {order.number} внесён в реестр.", "success")
            return redirect(url_for(".index"))
    return render_template("orders/new.html", form=form)


@bp.route("/draft-pairings", methods=["GET", "POST"])
@requires("pairings.manage")
def draft_pairings():
    on = today()
    ready, not_ready = services.ready_and_not(on)
    form = DraftPairingsForm(data={"programs_due": on + timedelta(days=30)})
    form.pairings.choices = [SelectChoice(p.id, pairings.describe(p)) for p in ready]
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
            form.form_errors.append(outcome.message)
        else:
            flash(
                "Проект приказа подготовлен. Скачайте его, подпишите у директора "
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
    )


def _page(order, sign=None, delete=None):
    content = order.content or {}
    ids = [int(i) for i in content.get("pairing_ids", [])]
    members = (
        db.session.execute(select(Pairing).where(Pairing.id.in_(ids))).scalars().all()
        if ids
        else []
    )
    return render_template(
        "orders/show.html",
        order=order,
        content=content,
        pairings=sorted(members, key=lambda p: ids.index(p.id)),
        has_document=services.has_document(order),
        drafted_on=services.drafted_on(order),
        sign=sign or SignForm(formdata=None, data={"signed_on": today()}),
        delete=delete or ConfirmForm(formdata=None),
        can_sign=order.status == OrderStatus.DRAFT and can(current_user, "pairings.approve"),
        can_delete=order.status == OrderStatus.DRAFT and can(current_user, "pairings.manage"),
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
        signing = (
            services.sign_pairings_order
            if order.kind == OrderKind.PAIRINGS
            else services.sign_order
        )
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
