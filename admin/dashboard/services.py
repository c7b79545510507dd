"""The district's overview: each school's figures side by side, and the district's totals.

Figures only, never people: every number comes from a school feature's `stats` module, the
same definition the school's own report uses.
"""

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import select

from nastavnik.dates import AcademicYear
from nastavnik.extensions import db
from nastavnik.models import School
from nastavnik.tenants.banks import stats as banks
from nastavnik.tenants.pairings import stats as pairings
from nastavnik.tenants.pairings.models import PairingStatus
from nastavnik.tenants.programs import stats as programs
from nastavnik.tenants.staff import stats as staff
from nastavnik.tenants.vocabulary import MentoringForm

CUSTOM_FORMS_LABEL = "Формы, добавленные школами"


@dataclass(frozen=True)
class Figures:
    """One school's figures, or the district's sums."""

    staff: int = 0
    mentors: int = 0
    mentees: int = 0
    mentees_waiting: int = 0
    pairings_active: int = 0
    programs_active: int = 0
    programs_ended: int = 0
    overdue: int = 0
    young: int = 0
    young_covered: int = 0

    @property
    def covered_percent(self) -> int | None:
        """The share of young teachers covered, in whole percent; None with no young ones."""
        return round(100 * self.young_covered / self.young) if self.young else None

    def __add__(self, other: "Figures") -> "Figures":
        return Figures(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


@dataclass(frozen=True)
class Row:
    school: School
    figures: Figures


@dataclass(frozen=True)
class FormRow:
    label: str
    pairings: int
    schools: int


@dataclass(frozen=True)
class Overview:
    rows: list[Row]
    total: Figures
    forms: list[FormRow]


def schools() -> list[School]:
    return list(db.session.execute(select(School).order_by(School.short_name)).scalars())


def gather(year: AcademicYear, today: date) -> dict[str, dict]:
    """Every statistic of the year for every school; call inside `all_schools()`. The same
    functions make each school's page «Статистика»."""
    return {
        "staff": staff.staff_count(year, today),
        "young": staff.young_teachers(year, today),
        "mentors": banks.mentors_in_bank(year),
        "mentees": pairings.mentees_in_bank(year),
        "mentees_waiting": pairings.mentees_waiting(year, today),
        "pairings": pairings.pairings_by_status(year, today),
        "forms": pairings.pairings_by_form(year),
        "young_covered": pairings.young_covered(year, today),
        "programs_running": programs.programs_running(year, today),
        "programs_ended": programs.programs_ended(year),
        "overdue": programs.overdue_activities(year, today),
    }


def overview(school_list: list[School], stats: dict[str, dict]) -> Overview:
    rows = [Row(school, _figures(school.id, stats)) for school in school_list]
    total = sum((row.figures for row in rows), Figures())
    return Overview(rows, total, _forms(stats["forms"]))


def _figures(school_id: int, stats: dict[str, dict]) -> Figures:
    def flat(name: str) -> int:
        return stats[name].get(school_id, 0)

    pairing_statuses = stats["pairings"].get(school_id, {})
    return Figures(
        staff=flat("staff"),
        mentors=flat("mentors"),
        mentees=flat("mentees"),
        mentees_waiting=flat("mentees_waiting"),
        pairings_active=pairing_statuses.get(PairingStatus.ACTIVE, 0),
        programs_active=flat("programs_running"),
        programs_ended=flat("programs_ended"),
        overdue=flat("overdue"),
        young=flat("young"),
        young_covered=flat("young_covered"),
    )


def _forms(by_school: dict[int, dict[str, int]]) -> list[FormRow]:
    """Pairs and groups in force in the year by form of mentoring (2.3), in the list's order."""
    labels = {**MentoringForm.labels(), pairings.CUSTOM: CUSTOM_FORMS_LABEL}
    rows = []
    for code, label in labels.items():
        counts = [forms[code] for forms in by_school.values() if forms.get(code)]
        if counts:
            rows.append(FormRow(label, sum(counts), len(counts)))
    return rows
