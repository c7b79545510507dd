"""A school's own area: one package per feature, registered by the app factory."""

from nastavnik.web import add_nav


def register(app) -> None:
    from . import banks, consents, home, matching, orders, pairings, programs, staff

    app.register_blueprint(home.bp)
    for feature in (staff, consents, banks, matching, pairings, orders, programs):
        app.register_blueprint(feature.bp)
        for label, endpoint, permission in feature.NAV:
            add_nav(app, "school", label, endpoint, permission)
