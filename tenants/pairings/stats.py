"""Pairs and groups in figures, per school: one SQL query each, keyed by school_id.

Run under the bound scope: a school sees only itself; the district calls these inside
`nastavnik.tenancy.all_schools()`. A pairing belongs to a year while it is in force in it
(approved by its last day, not ended before its first).
"""

from datetime import date

from sqlalchemy import case, distinct, func, or_, select

from nastavnik.dates import AcademicYear
from nastavnik.extensions import db
from nastavnik.tenants.banks.models import MenteeEntry, MenteeStatus
from nastavnik.tenants.banks.stats import by_area, in_bank_during, in_bank_on
from nastavnik.tenants.staff.models import Staff
from nastavnik.tenants.staff.stats import is_young, on_register
from nastavnik.yearly import Years, count_by_school, nested_by_year, yearly

from .models import Pairing, PairingMember, PairingStatus

CUSTOM = "custom"  # every form a school added itself (CustomForm), taken together


def in_force_during(year: AcademicYear | Years):
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


@yearly
def pairings_by_status(years: Years) -> dict[AcademicYear, dict[int, dict[PairingStatus, int]]]:
    """{school_id: {status on the year's day of account: pairs and groups that existed in it}}."""
    status = status_on(years.day)
    rows = db.session.execute(
        select(*years.key, Pairing.school_id, status, func.count(Pairing.id))
        .where(
            Pairing.created_on <= years.day,
            or_(Pairing.ended_on.is_(None), Pairing.ended_on >= years.start),
        )
        .group_by(*years.key, Pairing.school_id, status)
    ).all()
    return nested_by_year(years, rows, PairingStatus)


@yearly
def pairings_by_form(years: Years) -> dict[AcademicYear, dict[int, dict[str, int]]]:
    """{school_id: {form code: pairs and groups in force in the year}}; own forms as 'custom'."""
    form = case((Pairing.form.like("custom:%"), CUSTOM), else_=Pairing.form)
    return nested_by_year(
        years,
        db.session.execute(
            select(*years.key, Pairing.school_id, form, func.count(Pairing.id))
            .where(in_force_during(years))
            .group_by(*years.key, Pairing.school_id, form)
        ).all(),
    )


@yearly
def young_covered(years: Years) -> dict[AcademicYear, dict[int, int]]:
    """Young teachers who were mentees of a pair or group in force in the year."""
    # One join from the pairs' members to the staff, grouped (a correlated EXISTS per teacher
    # was the costliest statement of the district page at 500 schools); DISTINCT, since a
    # teacher may be in two pairs. Entities joined, so that a school's filter reaches each.
    rows = db.session.execute(
        select(*years.key, Staff.school_id, func.count(distinct(Staff.id)))
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
        .where(on_register(years.day), is_young(years, years.today), in_force_during(years))
        .group_by(*years.key, Staff.school_id)
    ).all()
    return {year: dict(found) for year, found in years.split(rows).items()}


@yearly
def mentees_waiting(years: Years) -> dict[AcademicYear, dict[int, int]]:
    """Mentees in the bank on the year's day of account with no pair or group in force."""
    day = years.day
    return count_by_school(
        years,
        MenteeEntry,
        in_bank_on(MenteeEntry, day),
        MenteeEntry.status != MenteeStatus.FINISHED,
        ~_staff_member_of(MenteeEntry.staff_id, MenteeEntry.school_id, in_force_on(day)),
    )


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


def mentee_in_year(year: AcademicYear | Years):
    """In the mentee bank at some time in the year. One who finished a program (the bank keeps
    no date of it) counts in the years their pair or group was in force."""
    return in_bank_during(MenteeEntry, year) & or_(
        MenteeEntry.status != MenteeStatus.FINISHED,
        _staff_member_of(MenteeEntry.staff_id, MenteeEntry.school_id, in_force_during(year)),
    )


@yearly
def mentees_in_bank(years: Years) -> dict[AcademicYear, dict[int, int]]:
    return count_by_school(years, MenteeEntry, mentee_in_year(years))


@yearly
def mentees_by_category(years: Years) -> dict[AcademicYear, dict[int, dict[str, int]]]:
    """{school_id: {category: mentees in the bank in the year}}."""
    category = MenteeEntry.category
    rows = db.session.execute(
        select(*years.key, MenteeEntry.school_id, category, func.count(MenteeEntry.id))
        .where(mentee_in_year(years))
        .group_by(*years.key, MenteeEntry.school_id, category)
    ).all()
    return nested_by_year(years, rows)


@yearly
def mentees_by_area(years: Years) -> dict[AcademicYear, dict[int, dict[str, int]]]:
    """{school_id: {area: mentees of the year whose requests name it}}."""
    return by_area(years, MenteeEntry, MenteeEntry.requests, mentee_in_year(years))
