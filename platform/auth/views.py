"""Login, logout and password change, on a school's own page and on the district's."""

from flask import current_app, flash, g, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select

from .. import security, throttle
from ..declension import plural
from ..errors import render_error
from ..extensions import db
from ..journal import services as journal
from ..journal.models import JournalAction
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
THROTTLED = (
    "Слишком много попыток входа под этим логином. Подождите {wait} и попробуйте снова; "
    "если забыли пароль, попросите куратора или администратора выдать новый."
)
EXPIRED = (
    "Одноразовый пароль действовал {days} и больше не действует. Попросите куратора "
    "или администратора выдать новый."
)


def _login(realm: str, home: str, login_endpoint: str):
    form = LoginForm()
    if getattr(g, "school", None) is not None and not g.school.active:
        # No password is checked and no failure counted: nobody of this school logs in now.
        return render_template(
            "auth/login.html", form=form, closed=SCHOOL_CLOSED, login_endpoint=login_endpoint
        )
    if request.method == "GET" and current_user.is_authenticated:
        # Already signed in here (the session is bound to this realm): the login form would
        # only confuse; the page asked for, or home.
        target = request.args.get("next")
        return redirect(target if is_safe_next(target) else url_for(home))
    if form.validate_on_submit():
        login = form.login.data.strip()
        address = request.remote_addr
        if wait := throttle.wait_before_login(realm, login, address):
            return _throttled(wait, login)
        # The session is bound to this school (or to the district): no other realm's login.
        account = db.session.execute(
            select(Account).where(Account.login == login)
        ).scalar_one_or_none()
        valid = security.verify_password(
            account.password_hash if account else None, form.password.data
        )
        begin_writing()  # the hash was checked without the write lock (transactions.py)
        # Counted before the result is told: past the limit, parallel attempts learn nothing.
        if wait := throttle.count_attempt(realm, login, address):
            return _throttled(wait, login)
        days = current_app.config["ONE_TIME_PASSWORD_DAYS"]
        if account is not None and valid and account.active:
            if account.one_time_password_expired(days):
                form.form_errors.append(
                    EXPIRED.format(days=f"{days} {plural(days, 'день', 'дня', 'дней')}")
                )
                return _login_page(form, realm, login_endpoint)
            throttle.logged_in(realm, login, address)
            journal.note(JournalAction.LOGIN, login=login, account_id=account.id)
            session.clear()  # no session fixation: a fresh session for the new login
            login_user(account)
            session.permanent = True
            account.last_login_at = utcnow()
            target = request.args.get("next")
            return redirect(target if is_safe_next(target) else url_for(home))
        journal.note(JournalAction.LOGIN_FAILED, login=login[:64])
        form.form_errors.append(BAD_CREDENTIALS)
    return _login_page(form, realm, login_endpoint)


def _throttled(wait: int, login: str):
    detail = "попытка сверх предела: ответ не сообщён"
    journal.note(JournalAction.LOGIN_FAILED, login=login[:64], detail=detail)
    body, code = render_error(429, THROTTLED.format(wait=throttle.in_minutes(wait)))
    return current_app.response_class(body, code, {"Retry-After": str(wait)})


def _login_page(form, realm: str, login_endpoint: str):
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
        personal = (current_user.full_name, current_user.school.slug if current_user.school else "")
        if not security.verify_password(current_user.password_hash, form.current.data):
            form.current.errors.append("Текущий пароль указан неверно.")
        elif security.verify_password(current_user.password_hash, form.new.data):
            form.new.errors.append("Новый пароль должен отличаться от прежнего.")
        elif problem := security.password_problem(form.new.data, current_user.login, personal):
            form.new.errors.append(problem)
        else:
            current_user.take_password(security.hash_password(form.new.data), one_time=False)
            current_user.end_other_sessions()
            login_user(current_user._get_current_object())  # this session stays, with the new token
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
