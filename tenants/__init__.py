"""A school's own area: one package per feature, registered by the app factory."""


def register(app) -> None:
    from nastavnik.web import add_nav  # noqa: F401  (features add their menu links)

    from . import home

    app.register_blueprint(home.bp)
