"""The district's features; the app factory registers them."""

from nastavnik.web import add_nav

from .administration import blueprint as administration
from .dashboard import blueprint as dashboard
from .demo import seed as demo
from .practices import blueprint as practices
from .publishing import blueprint as publishing
from .schools import blueprint as schools


def register(app) -> None:
    app.register_blueprint(dashboard.bp)
    app.register_blueprint(practices.bp)
    app.register_blueprint(administration.bp)
    app.register_blueprint(publishing.bp)
    app.register_blueprint(schools.bp)
    nav = dashboard.NAV + practices.NAV + publishing.NAV + administration.NAV
    for label, endpoint, permission in nav:
        add_nav(app, "district", label, endpoint, permission)
    demo.register(app)
