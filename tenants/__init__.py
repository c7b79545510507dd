"""A school's own area: one package per feature, registered by the app factory."""
