"""The application factory: `flask --app nastavnik.app …`."""

import os
from pathlib import Path

from flask import Flask, g, request
from flask.sessions import SecureCookieSessionInterface
from flask_login import AnonymousUserMixin
from sqlalchemy.exc import OperationalError
from werkzeug.middleware.proxy_fix import ProxyFix

from . import assets, rls, transactions
from . import config as cfg
from .dates import format_date, format_datetime
from .extensions import bootstrap, cache, csrf, db, login_manager, migrate
from .permissions import ROLE_LABELS, can
from .refusals import request_was_refused
from .reports import ru_number
from .tenancy import Scope, bind, current_scope
from .types import BoundedInteger, parse_id
from .web import add_nav, nav_items, nav_sections

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def create_app(config: dict | None = None) -> Flask:
    instance = cfg.instance_path()
    app = Flask(
        "nastavnik",
        root_path=str(Path(__file__).parent),
        instance_path=str(instance),
        instance_relative_config=True,
    )
    app.url_map.converters["int"] = BoundedInteger  # before any blueprint's rules
    app.config.from_object(cfg.Defaults)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("NASTAVNIK")
    if os.environ.get("SECRET_KEY") and not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    if config:
        app.config.update(config)
    app.config.setdefault("SQLALCHEMY_DATABASE_URI", cfg.database_url(instance))
    if app.config.get("CACHE_REDIS_URL") and app.config["CACHE_TYPE"] == "SimpleCache":
        app.config["CACHE_TYPE"] = "RedisCache"
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = cfg.load_secret_key(instance)
    (instance / "uploads").mkdir(parents=True, exist_ok=True)
    app.config.setdefault("UPLOAD_FOLDER", str(instance / "uploads"))
    behind_tls_proxies(app)

    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_request_hooks(app)
    register_template_helpers(app)
    register_commands(app)
    assets.init_app(app)  # last: it wraps the WSGI app and the finished url_for
    return app


def behind_tls_proxies(app: Flask) -> None:
    """Production behind nginx (or another proxy) that ends TLS: the proxy's X-Forwarded-*
    headers are believed from exactly TRUSTED_PROXIES hops, so the platform sees https (the
    session cookie is Secure, HSTS is sent, calendar addresses are https) and the visitor's
    own address (login throttling). With no proxy configured no header is believed."""
    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops <= 0:
        return
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)
    app.config["SESSION_COOKIE_SECURE"] = True
    app.config["PREFERRED_URL_SCHEME"] = "https"


def register_extensions(app: Flask) -> None:
    from . import models, uploads  # noqa: F401  (their tables belong to the metadata)

    transactions.configure(app)  # SQLite: reads never queue behind the write lock
    db.init_app(app)
    with app.app_context():
        rls.init_app(app, db.engine)  # PostgreSQL: the role that row-level security binds
    migrate.init_app(app, db, directory=str(cfg.REPO_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    bootstrap.init_app(app)
    cache.init_app(app)
    login_manager.init_app(app)
    login_manager.anonymous_user = Anonymous
    login_manager.login_message = "Войдите, чтобы открыть эту страницу."
    login_manager.user_loader(load_account)
    app.session_interface = SessionInterface()


class Anonymous(AnonymousUserMixin):
    roles = frozenset()
    full_name = ""


def load_account(token: str):
    from .models import Account

    # Only in a bound school (or the district) is an account looked for; the scope's
    # filter makes another school's account unknown here.
    if current_scope() is None or current_scope().kind == "all":
        return None
    ident, _, session_token = token.partition(":")
    account_id = parse_id(ident)
    if account_id is None:
        return None
    account = db.session.execute(
        db.select(Account).where(Account.id == account_id)
    ).scalar_one_or_none()
    if account is None or not account.active or account.session_token != session_token:
        return None
    return account


class SessionInterface(SecureCookieSessionInterface):
    """The session cookie is marked Secure whenever the site is served over https."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure


def register_blueprints(app: Flask) -> None:
    from .accounts.blueprint import bp as accounts_bp
    from .auth import blueprint as auth
    from .portal.blueprint import bp as portal_bp

    app.register_blueprint(portal_bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(auth.district_bp)
    app.register_blueprint(accounts_bp)
    add_nav(app, "school", "Учётные записи", "accounts.index", "accounts.manage")
    from .journal import blueprint as journal
    from .journal.services import listen

    listen()
    app.register_blueprint(journal.bp)
    app.register_blueprint(journal.district_bp)
    add_nav(app, "school", "Журнал", "journal.index", "journal.view")
    add_nav(app, "district", "Журнал входов", "district_journal.district_index", "district.journal")
    # The school's and the district's features, registered here only (the core imports none).
    from nastavnik.admin.blueprints import register as register_district
    from nastavnik.tenants.blueprints import register as register_school

    register_school(app)
    register_district(app)


def register_errorhandlers(app: Flask) -> None:
    from .errors import register

    register(app)


def register_request_hooks(app: Flask) -> None:
    @app.url_value_preprocessor
    def _unbind(endpoint, values):
        # Runs before the blueprints' own preprocessors, which bind a school or the district.
        bind(None)

    from .journal.services import add_to_request, write_after

    @app.after_request
    def _commit_and_protect(response):
        # One commit per request, at the edge; an error response saves nothing, nor does a
        # request with a refusal that `attempt()` did not roll back (refusals.py).
        if response.status_code < 400 and not request_was_refused():
            try:
                add_to_request(response)
                db.session.commit()
            except OperationalError as error:
                db.session.rollback()
                if not transactions.database_busy(error):
                    raise
                from .errors import busy_response

                response = busy_response()
        else:
            db.session.rollback()
        write_after(response)
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CSP)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.is_secure:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if _behind_a_login(app):
            # Every page, export and scan behind a login may carry personal data (152-ФЗ):
            # neither the browser nor a proxy keeps a copy.
            headers["Cache-Control"] = "no-store"
        return response


def _behind_a_login(app: Flask) -> bool:
    if request.endpoint == "static":
        return False
    view = app.view_functions.get(request.endpoint)
    if view is not None and not getattr(view, "public", False):
        return True
    # A public page seen by someone logged in (the account was loaded, not loaded here).
    return bool(getattr(g.get("_login_user"), "is_authenticated", False))


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.filters["ru_date"] = format_date
    app.jinja_env.filters["ru_datetime"] = format_datetime
    app.jinja_env.filters["ru_number"] = ru_number
    app.jinja_env.globals["can"] = can
    app.jinja_env.globals["ROLE_LABELS"] = ROLE_LABELS
    app.jinja_env.globals["school_nav_items"] = lambda: nav_items("school")
    app.jinja_env.globals["district_nav_items"] = lambda: nav_items("district")
    app.jinja_env.globals["nav_sections"] = nav_sections


def register_commands(app: Flask) -> None:
    from .cli import register

    register(app)


__all__ = ["create_app", "Scope"]
