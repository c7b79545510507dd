"""Pairs and groups in figures, per school: one SQL query each, keyed by school_id.

Run under the bound scope: a school sees only itself; the district calls these inside
`nastavnik.tenancy.all_schools()`. A pairing belongs to a year while it is in force in it
(approved by its last day, not ended before its first).
"""

from collections import defaultdict
from datetime import date

from sqlalchemy import case, distinct, func, or_, select

from nastavnik.dates import AcademicYear
from nastavnik.extensions import db
from nastavnik.tenants.banks.models import MenteeEntry, MenteeStatus
from nastavnik.tenants.banks.stats import by_area, in_bank_during, in_bank_on
from nastavnik.tenants.staff.models import Staff
from nastavnik.tenants.staff.stats import is_young, on_register

from .models import Pairing, PairingMember, PairingStatus

CUSTOM = "custom"  # every form a school added itself (CustomForm), taken together


def _nested(rows) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = defaultdict(dict)
    for school_id, key, n in rows:
        out[school_id][key] = n
    return dict(out)


def in_force_during(year: AcademicYear):
    return (Pairing.approved_on <= year.end) & or_(
        Pairing.ended_on.is_(None), Pairing.ended_on >= year.start
    )


def in_force_on(day: date):
    return (Pairing.approved_on <= day) & or_(Pairing.ended_on.is_(None), Pairing.ended_on > day)


def status_on(day: date):
    """A pairing's status as it stood on `day` (the dates of its steps tell it)."""
    return case(
        (Pairing.ended_on <= day, PairingStatus.ENDED.value),
        (
            Pairing.approved_on <= day,
            case(
                (Pairing.status == PairingStatus.APPROVED, PairingStatus.APPROVED.value),
                else_=PairingStatus.ACTIVE.value,
            ),
        ),
        else_=PairingStatus.PROPOSED.value,
    )


def pairings_by_status(year: AcademicYear, today: date) -> dict[int, dict[PairingStatus, int]]:
    """{school_id: {status on the year's day of account: pairs and groups that existed in it}}."""
    status = status_on(year.as_of(today))
    rows = db.session.execute(
        select(Pairing.school_id, status, func.count(Pairing.id))
        .where(
            Pairing.created_on <= year.as_of(today),
            or_(Pairing.ended_on.is_(None), Pairing.ended_on >= year.start),
        )
        .group_by(Pairing.school_id, status)
    ).all()
    return _nested((school_id, PairingStatus(code), n) for school_id, code, n in rows)


def pairings_by_form(year: AcademicYear) -> dict[int, dict[str, int]]:
    """{school_id: {form code: pairs and groups in force in the year}}; own forms as 'custom'."""
    form = case((Pairing.form.like("custom:%"), CUSTOM), else_=Pairing.form)
    return _nested(
        db.session.execute(
            select(Pairing.school_id, form, func.count(Pairing.id))
            .where(in_force_during(year))
            .group_by(Pairing.school_id, form)
        ).all()
    )


def young_covered(year: AcademicYear, today: date) -> dict[int, int]:
    """Young teachers who were mentees of a pair or group in force in the year."""
    # One join from the pairs' members to the staff, grouped (a correlated EXISTS per teacher
    # was the costliest statement of the district page at 500 schools); DISTINCT, since a
    # teacher may be in two pairs. Entities joined, so that a school's filter reaches each.
    rows = db.session.execute(
        select(Staff.school_id, func.count(distinct(Staff.id)))
        .select_from(PairingMember)
        .join(
            Pairing,
            (Pairing.id == PairingMember.pairing_id)
            & (Pairing.school_id == PairingMember.school_id),
        )
        .join(
            Staff,
            (Staff.id == PairingMember.mentee_staff_id)
            & (Staff.school_id == PairingMember.school_id),
        )
        .where(on_register(year.as_of(today)), is_young(year, today), in_force_during(year))
        .group_by(Staff.school_id)
    )
    return dict(rows.all())


def mentees_waiting(year: AcademicYear, today: date) -> dict[int, int]:
    """Mentees in the bank on the year's day of account with no pair or group in force."""
    day = year.as_of(today)
    rows = db.session.execute(
        select(MenteeEntry.school_id, func.count(MenteeEntry.id))
        .where(
            in_bank_on(MenteeEntry, day),
            MenteeEntry.status != MenteeStatus.FINISHED,
            ~_staff_member_of(MenteeEntry.staff_id, MenteeEntry.school_id, in_force_on(day)),
        )
        .group_by(MenteeEntry.school_id)
    )
    return dict(rows.all())


def _staff_member_of(staff_id_column, school_id_column, pairing_condition):
    """The staff member named by the outer row is a mentee of a pairing meeting the condition."""
    # Entities selected and joined (not a bare exists()), so that a school's filter reaches them.
    return (
        select(PairingMember.id)
        .join(
            Pairing,
            (Pairing.id == PairingMember.pairing_id)
            & (Pairing.school_id == PairingMember.school_id),
        )
        .where(
            PairingMember.mentee_staff_id == staff_id_column,
            PairingMember.school_id == school_id_column,
            pairing_condition,
        )
        .exists()
    )


def mentee_in_year(year: AcademicYear):
    """In the mentee bank at some time in the year. One who finished a program (the bank keeps
    no date of it) counts in the years their pair or group was in force."""
    return in_bank_during(MenteeEntry, year) & or_(
        MenteeEntry.status != MenteeStatus.FINISHED,
        _staff_member_of(MenteeEntry.staff_id, MenteeEntry.school_id, in_force_during(year)),
    )


def mentees_in_bank(year: AcademicYear) -> dict[int, int]:
    rows = db.session.execute(
        select(MenteeEntry.school_id, func.count(MenteeEntry.id))
        .where(mentee_in_year(year))
        .group_by(MenteeEntry.school_id)
    )
    return dict(rows.all())


def mentees_by_category(year: AcademicYear) -> dict[int, dict[str, int]]:
    """{school_id: {category: mentees in the bank in the year}}."""
    return _nested(
        db.session.execute(
            select(MenteeEntry.school_id, MenteeEntry.category, func.count(MenteeEntry.id))
            .where(mentee_in_year(year))
            .group_by(MenteeEntry.school_id, MenteeEntry.category)
        ).all()
    )


def mentees_by_area(year: AcademicYear) -> dict[int, dict[str, int]]:
    """{school_id: {area: mentees of the year whose requests name it}}."""
    return by_area(MenteeEntry, MenteeEntry.requests, mentee_in_year(year))
