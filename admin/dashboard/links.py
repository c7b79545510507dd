"""Addresses of the district's pages of one school (admin/schools), for the overview's links."""

from flask import url_for

from nastavnik.dates import AcademicYear
from nastavnik.models import School


def school_path(school: School, year: AcademicYear) -> str:
    return url_for("district_schools.show", slug=school.slug, year=year.start_year)


def school_roadmap_path(school: School, year: AcademicYear) -> str:
    return url_for("district_schools.roadmap", slug=school.slug, year=year.start_year)
