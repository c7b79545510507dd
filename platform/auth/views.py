"""Login, logout and password change, on a school's own page and on the district's."""

from flask import abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select

from .. import security
from ..extensions import db
from ..models import Account, utcnow
from ..permissions import public, requires
from ..transactions import begin_writing, read_first
from ..web import is_safe_next
from .blueprint import bp, district_bp
from .forms import LoginForm, LogoutForm, PasswordChangeForm

BAD_CREDENTIALS = "Неверный логин или пароль."
SCHOOL_CLOSED = (
    "Школа отключена Управлением образования: вход в систему для её сотрудников закрыт. "
    "Данные школы сохранены. По вопросам обращайтесь в Управление образования."
)


def _login(realm: str, home: str, login_endpoint: str):
    form = LoginForm()
    if getattr(g, "school", None) is not None and not g.school.active:
        # No password is checked and no failure counted: nobody of this school logs in now.
        return render_template(
            "auth/login.html", form=form, closed=SCHOOL_CLOSED, login_endpoint=login_endpoint
        )
    if form.validate_on_submit():
        login = form.login.data.strip()
        address = request.remote_addr
        if security.is_throttled(realm, login, address):
            abort(429)
        # The session is bound to this school (or to the district): no other realm's login.
        account = db.session.execute(
            select(Account).where(Account.login == login)
        ).scalar_one_or_none()
        valid = security.verify_password(
            account.password_hash if account else None, form.password.data
        )
        begin_writing()  # the hash was checked without the write lock (transactions.py)
        if account is not None and valid and account.active:
            security.clear_failures(realm, login)
            session.clear()  # no session fixation: a fresh session for the new login
            login_user(account)
            session.permanent = True
            account.last_login_at = utcnow()
            target = request.args.get("next")
            return redirect(target if is_safe_next(target) else url_for(home))
        security.record_failure(realm, login, address)
        form.form_errors.append(BAD_CREDENTIALS)
    # The school's public section (8.1) is linked when the app has that feature.
    public_section = (
        getattr(g, "school", None) is not None and "public.index" in current_app.view_functions
    )
    return render_template(
        "auth/login.html",
        form=form,
        realm=realm,
        login_endpoint=login_endpoint,
        public_section=public_section,
    )


def _logout(login_endpoint: str):
    form = LogoutForm()
    if form.validate_on_submit() and current_user.is_authenticated:
        current_user.end_other_sessions()
        logout_user()
        session.clear()
        flash("Вы вышли из системы.", "info")
    return redirect(url_for(login_endpoint))


def _password(home: str):
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if not security.verify_password(current_user.password_hash, form.current.data):
            form.current.errors.append("Текущий пароль указан неверно.")
        elif problem := security.password_problem(form.new.data, current_user.login):
            form.new.errors.append(problem)
        else:
            current_user.password_hash = security.hash_password(form.new.data)
            current_user.must_change_password = False
            current_user.end_other_sessions()
            login_user(current_user)  # this session stays, with the new token
            flash("Пароль изменён. На других устройствах нужно войти заново.", "success")
            return redirect(url_for(home))
    return render_template("auth/password.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@read_first
@public
def login():
    return _login(f"school:{g.school.id}", "home.index", "auth.login")


@bp.route("/logout", methods=["POST"])
@public
def logout():
    return _logout("auth.login")


@bp.route("/password", methods=["GET", "POST"])
@requires("account.own")
def password():
    return _password("home.index")


@district_bp.route("/login", methods=["GET", "POST"])
@read_first
@public
def login_district():
    return _login("district", "district_home.index", "district_auth.login_district")


@district_bp.route("/logout", methods=["POST"])
@public
def logout_district():
    return _logout("district_auth.login_district")


@district_bp.route("/password", methods=["GET", "POST"])
@requires("account.own")
def password_district():
    return _password("district_home.index")
