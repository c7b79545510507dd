"""The school's statistics for an academic year and its annual analytical report (3.4)."""
