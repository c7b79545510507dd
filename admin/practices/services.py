"""What the methodologist reads and does: practices submitted or shared, never people's data.

Reading crosses schools explicitly and read-only (`all_schools()`); a step is taken in the
practice's own school (its scope bound for that one write), through the practices' service.
"""

from contextlib import contextmanager

from flask import abort
from sqlalchemy import select

from nastavnik.dates import today
from nastavnik.extensions import db
from nastavnik.models import School
from nastavnik.tenancy import Scope, all_schools, scoped
from nastavnik.tenants.practices import services as practices
from nastavnik.tenants.practices.authors import public_names
from nastavnik.tenants.practices.models import Practice, PracticeStatus

# What the district reviews: what is waiting for it, and what it has shared.
REVIEWED = (PracticeStatus.SUBMITTED, PracticeStatus.SHARED)


def school_names() -> dict[int, str]:
    return {s.id: s.short_name for s in db.session.execute(select(School)).scalars()}


def review_list() -> dict:
    with all_schools():
        rows = list(
            db.session.execute(
                select(Practice)
                .where(Practice.status.in_(REVIEWED))
                .order_by(Practice.updated_at.desc(), Practice.id.desc())
            ).scalars()
        )
        names = public_names([p.id for p in rows], today())
        for p in rows:  # loaded here, while the look across schools is open
            _ = p.form_labels
    return {
        "submitted": [p for p in rows if p.status == PracticeStatus.SUBMITTED],
        "shared": [p for p in rows if p.status == PracticeStatus.SHARED],
        "names": names,
    }


def reviewed_practice(practice_id: int) -> tuple:
    """A submitted or shared practice, its authors' published names, files and steps."""
    with all_schools():
        practice = db.session.execute(
            select(Practice).where(Practice.id == practice_id, Practice.status.in_(REVIEWED))
        ).scalar_one_or_none()
        if practice is None:
            abort(404)
        names = public_names([practice.id], today())[practice.id]
        files = list(practice.files)
        for link in files:
            _ = link.stored.filename
        steps = list(practice.steps)
    return practice, names, files, steps


@contextmanager
def in_school_of(practice_id: int):
    """The practice, loaded in its own school's scope for the one step the district takes."""
    with all_schools():
        school_id = db.session.execute(
            select(Practice.school_id).where(Practice.id == practice_id)
        ).scalar_one_or_none()
    if school_id is None:
        abort(404)
    with scoped(Scope.school(school_id)):
        practice = db.session.execute(
            select(Practice).where(Practice.id == practice_id)
        ).scalar_one()
        yield practice


def take_step(practice_id: int, step: str, account, comment: str = "") -> Practice:
    with in_school_of(practice_id) as practice:
        if practice.status not in REVIEWED:
            abort(404)
        return practices.take_step(practice, step, account, district=True, comment=comment)


def stored_file(practice_id: int, attachment_id: int):
    practice, _, files, _ = reviewed_practice(practice_id)
    for link in files:
        if link.id == attachment_id:
            return link.stored
    abort(404)
