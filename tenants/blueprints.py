"""The school's features, in the order of the year; the app factory registers them."""

from nastavnik.web import add_nav, set_nav_sections

from .appointments import blueprint as appointments
from .banks import blueprint as banks
from .calendar import blueprint as calendar
from .consents import blueprint as consents
from .events import blueprint as events
from .home import blueprint as home
from .matching import blueprint as matching
from .notifications import blueprint as notifications
from .orders import blueprint as orders
from .pairings import blueprint as pairings
from .practices import blueprint as practices
from .privacy import blueprint as privacy
from .programs import blueprint as programs
from .public import blueprint as public
from .questionnaires import blueprint as questionnaires
from .regulation import blueprint as regulation
from .requests import blueprint as requests
from .roadmap import blueprint as roadmap
from .staff import blueprint as staff
from .statistics import blueprint as statistics

FEATURES = (
    staff,
    consents,
    appointments,
    banks,
    matching,
    pairings,
    orders,
    programs,
    regulation,
    roadmap,
    events,
    questionnaires,
    requests,
    calendar,
    practices,
    public,
    statistics,
    notifications,
    privacy,
)


# The school's menu: a few headings instead of twenty links in wrapped rows. The accounts and
# the journal are the core's links; a feature's link that no heading names goes under the last.
NAV_SECTIONS = (
    (
        "Люди",
        ("staff.index", "consents.index", "banks.mentees", "banks.mentors", "appointments.index"),
    ),
    (
        "Наставничество",
        (
            "matching.proposal",
            "matching.unmatched",
            "pairings.index",
            "programs.index",
            "requests.index",
            "calendar.index",
        ),
    ),
    ("Документы", ("regulation.index", "orders.index", "roadmap.index", "events.index")),
    (
        "Мониторинг",
        ("questionnaires.index", "questionnaires.mine", "statistics.index", "practices.index"),
    ),
    ("Школа", ("public.manage", "accounts.index", "notifications.settings", "journal.index")),
)


def register(app) -> None:
    app.register_blueprint(home.bp)
    for feature in FEATURES:
        app.register_blueprint(feature.bp)
        for label, endpoint, permission in feature.NAV:
            add_nav(app, "school", label, endpoint, permission)
    set_nav_sections(app, "school", NAV_SECTIONS)
    # The library of shared practices: public, outside any school's address.
    app.register_blueprint(practices.library_bp)
