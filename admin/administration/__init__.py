"""The district's administration: schools registered and deactivated, the district's accounts."""
