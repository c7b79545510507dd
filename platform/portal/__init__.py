"""The district portal at `/`: the schools, their login pages and public sections."""
