"""A school's own area: one package per feature, registered by the app factory."""

from nastavnik.web import add_nav


def register(app) -> None:
    from . import (
        banks,
        calendar,
        consents,
        home,
        matching,
        orders,
        pairings,
        programs,
        requests,
        staff,
    )

    app.register_blueprint(home.bp)
    features = (staff, consents, banks, matching, pairings, orders, programs, requests, calendar)
    for feature in features:
        app.register_blueprint(feature.bp)
        for label, endpoint, permission in feature.NAV:
            add_nav(app, "school", label, endpoint, permission)
