"""The district's features; the app factory registers them."""

from nastavnik.web import add_nav

from .dashboard import blueprint as dashboard
from .demo import seed as demo
from .practices import blueprint as practices
from .schools import blueprint as schools


def register(app) -> None:
    app.register_blueprint(dashboard.bp)
    app.register_blueprint(practices.bp)
    app.register_blueprint(schools.bp)
    for label, endpoint, permission in dashboard.NAV + practices.NAV:
        add_nav(app, "district", label, endpoint, permission)
    demo.register(app)
