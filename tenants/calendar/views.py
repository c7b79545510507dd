from flask import abort, flash, g, make_response, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from nastavnik import dates
from nastavnik.extensions import db
from nastavnik.models import Account
from nastavnik.permissions import public, requires
from nastavnik.tenants.home.services import staff_of

from . import services
from .blueprint import bp
from .forms import ConfirmForm


@bp.route("/")
@requires("programs.participate")
def index():
    feed = services.active_feed(current_user)
    address = url_for(".feed", token=feed.token, _external=True) if feed else None
    return render_template(
        "calendar/index.html",
        address=address,
        feed=feed,
        linked=staff_of(current_user.id) is not None,
        confirm=ConfirmForm(),
    )


@bp.route("/create", methods=["POST"])
@requires("programs.participate")
def create():
    if ConfirmForm().validate_on_submit():
        services.create_feed(current_user)
        flash("Создан новый адрес календаря. Прежний адрес, если он был, больше не работает.")
    return redirect(url_for(".index"))


@bp.route("/revoke", methods=["POST"])
@requires("programs.participate")
def revoke():
    if ConfirmForm().validate_on_submit():
        if services.revoke_feed(current_user):
            flash("Адрес календаря отозван: по нему больше ничего не получить.", "success")
        else:
            flash("Действующего адреса календаря нет.")
    return redirect(url_for(".index"))


@bp.route("/<token>.ics")
@public
def feed(token):
    # The token is the only key; the school in the address limits the search to that school.
    found = services.feed_for(token)
    if found is None:
        abort(404)
    account = db.session.execute(
        select(Account).where(Account.id == found.account_id)
    ).scalar_one_or_none()
    if account is None or not account.active:
        abort(404)
    body = services.ics_for(account, g.school.slug, dates.today())
    response = make_response(body)
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = 'inline; filename="nastavnik.ics"'
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
