"""The district department's area: one package per feature, registered by the app factory."""
