"""Blueprints of the two areas: a school's (`/s/<slug>/…`) and the district's (`/district/…`).

A school blueprint binds the school named in the URL to the database session, so that every
query sees that school only, and lets in only accounts of that school.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select

from .extensions import db
from .models import School
from .tenancy import Scope, bind


def school_blueprint(name: str, import_name: str, url_prefix: str = "", **kw) -> Blueprint:
    bp = Blueprint(name, import_name, url_prefix="/s/<school_slug>" + url_prefix, **kw)
    bp.url_value_preprocessor(_pull_school)
    bp.url_defaults(_push_school)
    bp.before_request(_require_school_member)
    return bp


def district_blueprint(name: str, import_name: str, url_prefix: str = "", **kw) -> Blueprint:
    bp = Blueprint(name, import_name, url_prefix="/district" + url_prefix, **kw)
    bp.before_request(_require_district_member)
    return bp


def _pull_school(endpoint, values) -> None:
    slug = (values or {}).pop("school_slug", None)
    school = db.session.execute(select(School).where(School.slug == slug)).scalar_one_or_none()
    if school is None:
        abort(404)
    g.school = school
    bind(Scope.school(school.id))


def _push_school(endpoint, values) -> None:
    if "school_slug" not in values and getattr(g, "school", None) is not None:
        values["school_slug"] = g.school.slug


def _is_public_endpoint() -> bool:
    view = current_app.view_functions.get(request.endpoint)
    return bool(getattr(view, "public", False))


def _require_school_member():
    # The account loader only finds accounts of the bound school (tenancy.py), so an
    # account of another school is anonymous here and is asked to log in to this one.
    if not g.school.active:
        # Deactivated by the district: its login page says so, and nothing else opens.
        return None if request.endpoint == "auth.login" else redirect(url_for("auth.login"))
    if _is_public_endpoint():
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=_next_target()))
    if current_user.must_change_password and request.endpoint != "auth.password":
        return redirect(url_for("auth.password"))
    return None


def _require_district_member():
    bind(Scope.district())
    g.school = None
    if _is_public_endpoint():
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("district_auth.login_district", next=_next_target()))
    if current_user.must_change_password and request.endpoint != "district_auth.password_district":
        return redirect(url_for("district_auth.password_district"))
    return None


def _next_target() -> str | None:
    return request.full_path.rstrip("?") if request.method == "GET" else None


def is_safe_next(target: str | None) -> bool:
    """Only a path within this site, as the browser will read it: no scheme, no host, no
    protocol-relative '//'. Browsers drop tabs and line breaks from a URL and read '\\' as
    '/', so `/%09/evil.example` would become `//evil.example`: control characters and
    backslashes are refused outright."""
    if not target or any(ord(c) < 0x20 or c in "\x7f\\" for c in target):
        return False
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return False
    return target.startswith("/") and not target.startswith("//")


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    permission: str


def add_nav(app, area: str, label: str, endpoint: str, permission: str) -> None:
    """A feature's link in the main menu of the school's (or the district's) area."""
    app.extensions.setdefault("nastavnik_nav", {"school": [], "district": []})[area].append(
        NavItem(label, endpoint, permission)
    )


def nav_items(area: str) -> list[NavItem]:
    return current_app.extensions.get("nastavnik_nav", {}).get(area, [])


@dataclass(frozen=True)
class NavSection:
    """A heading of the main menu and the links under it that the account may follow."""

    label: str
    items: tuple[NavItem, ...]
    current: bool  # the page shown belongs to one of its links' features


def set_nav_sections(app, area: str, sections: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
    """The menu's headings of an area, each with its links' endpoints in the order shown."""
    app.extensions.setdefault("nastavnik_nav_sections", {})[area] = sections


def nav_sections(area: str) -> list[NavSection]:
    """The menu as the current account sees it: its sections in their order, each with the
    links it may follow (a section left empty is not shown). A link that no section names
    goes to the last one, so that a new feature's link is never lost."""
    from .permissions import can

    items = [item for item in nav_items(area) if can(current_user, item.permission)]
    declared = current_app.extensions.get("nastavnik_nav_sections", {}).get(area, ())
    named = {endpoint for _, endpoints in declared for endpoint in endpoints}
    groups = [
        (label, [item for e in endpoints for item in items if item.endpoint == e])
        for label, endpoints in declared
    ]
    stray = [item for item in items if item.endpoint not in named]
    if groups:
        groups[-1][1].extend(stray)
    else:
        groups = [(item.label, [item]) for item in stray]
    here = request.blueprint
    return [
        NavSection(label, tuple(links), any(i.endpoint.split(".")[0] == here for i in links))
        for label, links in groups
        if links
    ]
