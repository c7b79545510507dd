"""The district's features; the app factory registers them."""

from .dashboard import blueprint as dashboard
from .demo import seed as demo


def register(app) -> None:
    app.register_blueprint(dashboard.bp)
    demo.register(app)
