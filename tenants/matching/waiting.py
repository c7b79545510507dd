"""What waits for the psychologist: mentees still without a mentor (roadmap stage 5).

Until a pair is found the psychologist supports them (DOMAIN: psychologist); the home page says
how many there are and leads to «Без наставника», where each one's reason is. One item, not one
per mentee: the work is the list.
"""

from datetime import date

from sqlalchemy import Select, and_, exists, func, literal, select

from nastavnik.extensions import db
from nastavnik.permissions import can
from nastavnik.tenants.banks.models import MenteeEntry, MenteeStatus
from nastavnik.tenants.pairings.models import NOT_ENDED, Pairing, PairingMember
from nastavnik.waiting import Waiting


def _without_mentor():
    """Waiting mentees whom no pair or group holds now (as the «Без наставника» list)."""
    held = (
        select(PairingMember.id)
        .join(
            Pairing,
            and_(
                Pairing.id == PairingMember.pairing_id,
                Pairing.school_id == PairingMember.school_id,
            ),
        )
        .where(
            PairingMember.mentee_staff_id == MenteeEntry.staff_id,
            PairingMember.school_id == MenteeEntry.school_id,
            Pairing.status.in_(NOT_ENDED),
        )
    )
    return select(MenteeEntry.id).where(MenteeEntry.status == MenteeStatus.WAITING, ~exists(held))


def waiting_rows(account, today: date) -> list[Select]:
    """One row when someone waits for a mentor (one row, one item: the menu counts it in SQL)."""
    if not can(account, "unmatched.support"):
        return []
    return [select(literal(1)).where(exists(_without_mentor()))]


def waiting_for(account, today: date) -> list[Waiting]:
    # The list's one item when waiting_rows has its one row: someone waits (one statement).
    if not can(account, "unmatched.support"):
        return []
    count = db.session.scalar(select(func.count()).select_from(_without_mentor().subquery()))
    if not count:
        return []
    return [
        Waiting(
            f"Наставляемых без наставника: {count}. До подбора пары им нужна поддержка "
            "(этап 5 дорожной карты).",
            "matching.unmatched",
            {},
            "Открыть список",
        )
    ]
