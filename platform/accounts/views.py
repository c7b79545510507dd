from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from ..extensions import db
from ..models import Account
from ..permissions import requires
from ..refusals import attempt
from ..tenancy import get_or_404
from . import names, services
from .blueprint import bp
from .forms import AccountForm, ConfirmForm, NewAccountForm


@bp.route("/")
@requires("accounts.manage")
def index():
    accounts = db.session.execute(select(Account).order_by(Account.full_name)).scalars().all()
    return render_template(
        "accounts/index.html",
        accounts=accounts,
        names=names.shown_names(accounts),
        confirm=ConfirmForm(),
    )


@bp.route("/new", methods=["GET", "POST"])
@requires("accounts.manage")
def create():
    form = NewAccountForm()
    if form.validate_on_submit():
        if services.login_taken(form.login.data):
            form.login.errors.append("Такой логин в школе уже есть.")
        else:
            password = services.one_time_password()
            account = services.create_account(
                current_user.school_id,
                form.login.data,
                form.full_name.data,
                form.roles.data,
                password,
            )
            return render_template("accounts/password.html", account=account, password=password)
    return render_template("accounts/form.html", form=form, title="Новая учётная запись")


@bp.route("/<int:account_id>/edit", methods=["GET", "POST"])
@requires("accounts.manage")
def edit(account_id):
    account = get_or_404(Account, account_id)
    hidden = account.id in names.hidden_ids([account.id])
    form = AccountForm(obj=account, data={"roles": [r.value for r in account.roles]})
    if hidden:
        # The owner revoked the data consent: the name is neither shown nor changed here.
        del form.full_name
    if form.validate_on_submit():
        full_name = account.full_name if hidden else form.full_name.data
        with attempt() as outcome:
            services.update_account(
                account, full_name, form.roles.data, form.active.data, current_user
            )
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash("Учётная запись сохранена.", "success")
            return redirect(url_for(".index"))
    return render_template(
        "accounts/form.html",
        form=form,
        title=account.login,
        account=account,
        withdrawn=names.WITHDRAWN if hidden else None,
    )


@bp.route("/<int:account_id>/reset-password", methods=["POST"])
@requires("accounts.manage")
def reset_password(account_id):
    account = get_or_404(Account, account_id)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for(".index"))
    password = services.reset_password(account)
    return render_template(
        "accounts/password.html",
        account=account,
        name=names.shown_names([account])[account.id],
        password=password,
    )
