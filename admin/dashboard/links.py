"""Addresses of the district's pages of one school, built by another feature.

# TODO coordinator: url_for("district_schools.show") and url_for("district_schools.roadmap")
once the district's school page is merged; until then the paths are written here, in one place.
"""

from nastavnik.dates import AcademicYear
from nastavnik.models import School


def school_path(school: School, year: AcademicYear) -> str:
    return f"/district/schools/{school.slug}?year={year.start_year}"


def school_roadmap_path(school: School, year: AcademicYear) -> str:
    return f"/district/schools/{school.slug}/roadmap?year={year.start_year}"
