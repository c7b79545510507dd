"""How authors are named: by name only with a valid consent to publication (section 8)."""

from datetime import date

from sqlalchemy import select

from nastavnik.extensions import db
from nastavnik.tenants.consents.models import ConsentKind
from nastavnik.tenants.consents.services import valid_kinds
from nastavnik.tenants.staff.models import Staff

from .models import PracticeAuthor

UNNAMED = "автор — педагог школы"


def public_names(practice_ids, on: date) -> dict[int, list[str]]:
    """For each practice, its authors as anyone may see them: a name needs the person's
    valid consent to publication; without it, «автор — педагог школы»."""
    ids = list(practice_ids)
    names: dict[int, list[str]] = {i: [] for i in ids}
    if not ids:
        return names
    rows = db.session.execute(
        select(PracticeAuthor.practice_id, Staff)
        .join(
            Staff,
            (Staff.id == PracticeAuthor.staff_id) & (Staff.school_id == PracticeAuthor.school_id),
        )
        .where(PracticeAuthor.practice_id.in_(ids))
        .order_by(PracticeAuthor.id)
    ).all()
    consents = valid_kinds({staff.id for _, staff in rows}, on)
    for practice_id, staff in rows:
        named = ConsentKind.PUBLICATION in consents[staff.id] and not staff.data_hidden
        names[practice_id].append(staff.full_name if named else UNNAMED)
    return names
