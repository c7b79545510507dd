"""Who may do what: the one map of roles to actions, and the decorators views carry.

Every view is marked either `@public` or `@requires("action")`; a test walks the URL map
and fails when a route has neither, or names an action missing here.
"""

from enum import StrEnum
from functools import wraps

from flask import abort
from flask_login import current_user


class Role(StrEnum):
    DIRECTOR = "director"
    CURATOR = "curator"
    COORDINATOR = "coordinator"
    WORKING_GROUP = "working_group"
    MENTOR = "mentor"
    MENTEE = "mentee"
    PSYCHOLOGIST = "psychologist"
    SYSADMIN = "sysadmin"
    DISTRICT_ADMIN = "district_admin"
    METHODOLOGIST = "methodologist"


ROLE_LABELS = {
    Role.DIRECTOR: "Руководитель ОО",
    Role.CURATOR: "Куратор",
    Role.COORDINATOR: "Координатор",
    Role.WORKING_GROUP: "Рабочая группа",
    Role.MENTOR: "Наставник",
    Role.MENTEE: "Наставляемый",
    Role.PSYCHOLOGIST: "Педагог-психолог",
    Role.SYSADMIN: "Системный администратор",
    Role.DISTRICT_ADMIN: "Администратор района",
    Role.METHODOLOGIST: "Методист района",
}

DISTRICT_ROLES = frozenset({Role.DISTRICT_ADMIN, Role.METHODOLOGIST})
SCHOOL_ROLES = frozenset(Role) - DISTRICT_ROLES

_D, _C, _CO, _W = Role.DIRECTOR, Role.CURATOR, Role.COORDINATOR, Role.WORKING_GROUP
_M, _E, _P, _S = Role.MENTOR, Role.MENTEE, Role.PSYCHOLOGIST, Role.SYSADMIN
_MANAGERS = frozenset({_D, _C, _CO})

PERMISSIONS: dict[str, frozenset[Role]] = {
    # Every member of a school.
    "school.home": SCHOOL_ROLES,
    # «Начало работы» on the home page: those who set up the school's year.
    "school.start": _MANAGERS | {_S},
    "account.own": frozenset(Role),
    # The school's accounts (3.x: the school's system administrator and the director).
    "accounts.manage": frozenset({_D, _S}),
    # Staff register and consents: personal data, kept to those who run the system.
    "staff.view": _MANAGERS | {_W},
    "staff.manage": _MANAGERS,
    "consents.manage": _MANAGERS,
    # The banks and matching (stages 2–4 of the roadmap).
    "banks.view": _MANAGERS | {_W, _P},
    "banks.manage": _MANAGERS | {_W},
    "matching.run": _MANAGERS | {_W},
    "unmatched.view": _MANAGERS | {_P},
    # Stage 5: until a pair is found, the psychologist supports those without a mentor (their
    # home page says how many wait; the managers have the selection itself).
    "unmatched.support": frozenset({_P}),
    # Pairs, groups and the order that approves them (6.2).
    "pairings.view": _MANAGERS | {_W},
    "pairings.manage": _MANAGERS,
    "pairings.approve": frozenset({_D}),
    "orders.view": _MANAGERS | {_W},
    # Programs: managers see and run all; mentors and mentees reach only their own
    # (the object check is in the programs feature).
    "programs.view": _MANAGERS | {_W, _M, _E},
    "programs.view_all": _MANAGERS | {_W},  # every program of the school, not only one's own
    "programs.manage": _MANAGERS,
    "programs.participate": frozenset({_M, _E}),
    "requests.answer": frozenset({_D, _C, _CO}),
    # The coordinator, the curator and the working group (3.3, 3.4): set by those who run the
    # system, seen by the working group.
    "appointments.view": _MANAGERS | {_W},
    "appointments.manage": _MANAGERS,
    # The Regulation and the order that puts it into force: the curator drafts, the director
    # signs (3.1, 3.3), the working group sees.
    "regulation.view": _MANAGERS | {_W},
    "regulation.manage": _MANAGERS,
    "regulation.sign": frozenset({_D}),
    # The roadmap of the year and its events: the curator drafts, the director approves,
    # the working group sees.
    "roadmap.view": _MANAGERS | {_W},
    "roadmap.manage": _MANAGERS,
    "roadmap.approve": frozenset({_D}),
    # Best practices: every member reads the school's published ones; those who collect
    # them (the curator, coordinator, director and the working group) write and submit.
    "practices.view": SCHOOL_ROLES,
    "practices.manage": _MANAGERS | {_W},
    # The public section (8.1): the school's system administrator and the curator write it;
    # the director alone shows a signed order there.
    "public.manage": frozenset({_C, _CO, _S}),
    "orders.publish": frozenset({_D}),
    # The school's SMTP server for the daily digest: the director and the system administrator.
    "mail.manage": frozenset({_D, _S}),
    # Monitoring (stage 6): the managers run the questionnaires and see the results with the
    # working group; everyone fills their own (the object check is in the feature).
    "questionnaires.manage": _MANAGERS,
    "questionnaires.results": _MANAGERS | {_W},
    "questionnaires.fill": SCHOOL_ROLES,
    # The year's statistics and the annual report (3.4): the curator writes the report's text.
    "statistics.view": _MANAGERS | {_W},
    "statistics.report": frozenset({_C, _CO}),
    # The journal (152-ФЗ): the school's own, read by the director and the system administrator.
    "journal.view": frozenset({_D, _S}),
    # A teacher's data on request (152-ФЗ, ст. 14): the director and the system administrator,
    # who answer for the school's processing; the erasure (ст. 21) only the director, who signs
    # its act.
    "privacy.requests": frozenset({_D, _S}),
    "privacy.erase": frozenset({_D}),
    # The district area.
    "district.view": DISTRICT_ROLES,
    # Logins and denials of every school, never what was done with their records.
    "district.journal": frozenset({Role.DISTRICT_ADMIN}),
    # The district's administration: registers and deactivates schools, keeps the district's
    # own accounts (the methodologists read, they administer nothing).
    "district.schools.manage": frozenset({Role.DISTRICT_ADMIN}),
    "district.accounts.manage": frozenset({Role.DISTRICT_ADMIN}),
    # The methodologist reviews the practices schools submit and shares the good ones.
    "district.practices.review": frozenset({Role.METHODOLOGIST}),
    # What the district publishes for every school: the roadmap template of each year, the
    # normative base and its news (the administrator and the methodologists).
    "district.publish": DISTRICT_ROLES,
}


def can(account, action: str) -> bool:
    allowed = PERMISSIONS[action]
    return bool(getattr(account, "is_authenticated", False)) and bool(account.roles & allowed)


def requires(action: str):
    """The view needs a logged-in account holding a role that may do `action`."""
    if action not in PERMISSIONS:
        raise KeyError(f"Неизвестное действие: {action}")

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                abort(401)
            if not can(current_user, action):
                abort(403)
            return view(*args, **kwargs)

        wrapper.permission = action
        return wrapper

    return decorate


def public(view):
    """Reachable without logging in (login pages, the portal, public sections)."""
    view.public = True
    return view
