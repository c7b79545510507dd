from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from nastavnik.accounts import services as accounts
from nastavnik.documents import data_link
from nastavnik.permissions import requires
from nastavnik.refusals import attempt
from nastavnik.schools import SLUG_RULE, ensure_district

from . import services
from .blueprint import bp
from .forms import (
    DeactivateSchoolForm,
    DirectorPasswordForm,
    DistrictAccountForm,
    NewDistrictAccountForm,
    PostalAddressForm,
    ReactivateSchoolForm,
    ResetPasswordForm,
    SchoolForm,
)
from .slip import FILE_NAME

SCHOOL_FIELDS = (
    "slug",
    "short_name",
    "name_ru",
    "name_ce",
    "settlement",
    "postal_address",
    "kind",
    "director_name",
    "director_login",
)


def _refusal_beside_its_field(form, outcome) -> None:
    field = form._fields.get(outcome.refusal.field or "")
    (field.errors if field is not None else form.form_errors).append(outcome.message)


# --- schools --------------------------------------------------------------------------------


@bp.route("/schools/")
@requires("district.schools.manage")
def schools():
    return render_template("district_admin/schools.html", schools=services.all_schools_listed())


@bp.route("/schools/new", methods=["GET", "POST"])
@requires("district.schools.manage")
def register_school():
    form = SchoolForm()
    example = url_for("auth.login", school_slug="mairtup-2", _external=True)
    form.slug.description = f"{SLUG_RULE.split(', например')[0]}. Адрес входа, например: {example}"
    if form.validate_on_submit():
        fields = {name: form[name].data for name in SCHOOL_FIELDS}
        with attempt() as outcome:
            registered = services.register_school(fields)
        if outcome.refused:
            _refusal_beside_its_field(form, outcome)
        else:
            return _one_time_password_and_slip(registered, "Школа зарегистрирована")
    return render_template("district_admin/school_form.html", form=form)


@bp.route("/schools/<int:school_id>/address", methods=["GET", "POST"])
@requires("district.schools.manage")
def postal_address(school_id):
    """The address the school's consent forms print for the operator (152-ФЗ, ст. 9 ч. 4)."""
    school = services.school(school_id)
    form = PostalAddressForm(obj=school)
    if form.validate_on_submit():
        with attempt() as outcome:
            services.set_postal_address(school, form.postal_address.data or "")
        if outcome.refused:
            _refusal_beside_its_field(form, outcome)
        else:
            flash(f"Почтовый адрес школы {school.short_name} сохранён.", "success")
            return redirect(url_for(".schools"), code=303)
    return render_template("district_admin/postal_address.html", school=school, form=form)


def _one_time_password_and_slip(registered, title: str):
    login_url = url_for("auth.login", school_slug=registered.school.slug, _external=True)
    slip = services.director_slip(registered, login_url, ensure_district().name)
    # The one-time password is in this response only: the slip travels inside the page.
    return render_template(
        "district_admin/registered.html",
        title=title,
        registered=registered,
        login_url=login_url,
        slip_href=data_link(slip),
        slip_name=FILE_NAME.format(school=registered.school.short_name),
    )


@bp.route("/schools/<int:school_id>/director-password", methods=["GET", "POST"])
@requires("district.schools.manage")
def director_password(school_id):
    """The slip was lost before the director's first login: a new password and slip."""
    school = services.school(school_id)
    form = DirectorPasswordForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            registered = services.reissue_director_password(school)
        if not outcome.refused:
            return _one_time_password_and_slip(registered, "Новый пароль руководителя")
        flash(outcome.message, "warning")
        return redirect(url_for(".schools"), code=303)
    return render_template("district_admin/director_password.html", school=school, form=form)


def _change_school_state(school_id: int, deactivate: bool):
    school = services.school(school_id)
    form = DeactivateSchoolForm() if deactivate else ReactivateSchoolForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            if deactivate:
                services.deactivate_school(school)
            else:
                services.reactivate_school(school)
        if outcome.refused:
            flash(outcome.message, "warning")
        elif deactivate:
            flash(f"Школа {school.short_name} отключена: её сотрудники не войдут.", "success")
        else:
            flash(f"Школа {school.short_name} снова действует: вход открыт.", "success")
        return redirect(url_for(".schools"), code=303)
    return render_template(
        "district_admin/school_state.html", school=school, form=form, deactivate=deactivate
    )


@bp.route("/schools/<int:school_id>/deactivate", methods=["GET", "POST"])
@requires("district.schools.manage")
def deactivate_school(school_id):
    return _change_school_state(school_id, deactivate=True)


@bp.route("/schools/<int:school_id>/reactivate", methods=["GET", "POST"])
@requires("district.schools.manage")
def reactivate_school(school_id):
    return _change_school_state(school_id, deactivate=False)


# --- the district's accounts ----------------------------------------------------------------


@bp.route("/accounts/")
@requires("district.accounts.manage")
def accounts_list():
    return render_template(
        "district_admin/accounts.html",
        accounts=services.district_accounts(),
        reset=ResetPasswordForm(),
    )


@bp.route("/accounts/new", methods=["GET", "POST"])
@requires("district.accounts.manage")
def create_account():
    form = NewDistrictAccountForm()
    if form.validate_on_submit():
        if accounts.login_taken(form.login.data):
            form.login.errors.append("Такой логин в районе уже есть.")
        else:
            with attempt() as outcome:
                account, password = services.create_district_account(
                    form.login.data, form.full_name.data, form.roles.data
                )
            if outcome.refused:
                _refusal_beside_its_field(form, outcome)
            else:
                return render_template(
                    "district_admin/password.html", account=account, password=password
                )
    return render_template(
        "district_admin/account_form.html", form=form, title="Новая учётная запись района"
    )


@bp.route("/accounts/<int:account_id>/edit", methods=["GET", "POST"])
@requires("district.accounts.manage")
def edit_account(account_id):
    account = services.district_account(account_id)
    form = DistrictAccountForm(obj=account, data={"roles": [r.value for r in account.roles]})
    if form.validate_on_submit():
        with attempt() as outcome:
            accounts.update_account(
                account, form.full_name.data, form.roles.data, form.active.data, current_user
            )
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash("Учётная запись сохранена.", "success")
            return redirect(url_for(".accounts_list"), code=303)
    return render_template(
        "district_admin/account_form.html", form=form, title=account.login, account=account
    )


@bp.route("/accounts/<int:account_id>/reset-password", methods=["POST"])
@requires("district.accounts.manage")
def reset_password(account_id):
    account = services.district_account(account_id)
    if not ResetPasswordForm().validate_on_submit():
        return redirect(url_for(".accounts_list"), code=303)
    if account.id == current_user.id:
        flash("Свой пароль меняют на странице «Сменить пароль».", "warning")
        return redirect(url_for(".accounts_list"), code=303)
    password = accounts.reset_password(account)
    return render_template(
        "district_admin/password.html", account=account, password=password, reset=True
    )
