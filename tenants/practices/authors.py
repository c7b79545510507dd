"""How authors are named: by name only with a valid consent to publication (section 8)."""

from datetime import date

from sqlalchemy import select

from nastavnik.declension import plural
from nastavnik.extensions import db
from nastavnik.tenants.consents.models import ConsentKind
from nastavnik.tenants.consents.services import valid_kinds
from nastavnik.tenants.staff.models import Staff

from .models import PracticeAuthor

UNNAMED = "автор — педагог школы"


def public_names(practice_ids, on: date) -> dict[int, list[str]]:
    """For each practice, its authors as anyone may see them: a name needs the person's
    valid consent to publication; without it, «автор — педагог школы». The names come first
    and the unnamed ones after them, counted once: «Иванова Анна Петровна, ещё один автор —
    педагог школы», never a name after «автор — педагог школы», nor that phrase twice."""
    ids = list(practice_ids)
    named: dict[int, list[str]] = {i: [] for i in ids}
    unnamed: dict[int, int] = dict.fromkeys(ids, 0)
    if not ids:
        return named
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
        if ConsentKind.PUBLICATION in consents[staff.id] and not staff.data_hidden:
            named[practice_id].append(staff.full_name)
        else:
            unnamed[practice_id] += 1
    return {i: named[i] + _unnamed(unnamed[i], after_names=bool(named[i])) for i in ids}


def _unnamed(count: int, after_names: bool) -> list[str]:
    if not count:
        return []
    if count == 1:
        return ["ещё один " + UNNAMED] if after_names else [UNNAMED]
    authors = f"{count} {plural(count, 'автор', 'автора', 'авторов')} — педагоги школы"
    return ["ещё " + authors] if after_names else [authors]
