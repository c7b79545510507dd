"""The district department's area: one package per feature, registered by the app factory."""


def register(app) -> None:
    from . import dashboard, demo

    app.register_blueprint(dashboard.bp)
    demo.register(app)
