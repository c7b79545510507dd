"""Progress computed from data, where the data show it (issue 9).

An activity of the roadmap may carry a check key; its check reads the school's records and
answers planned, in progress or done, with the records that made it so:

  mentee_bank       «банк наставляемых сформирован»: mentees in the bank with a valid data
                    consent (stage 2);
  mentor_bank       «банк наставников сформирован»: mentors in the bank with valid data and
                    mentor-duty consents (stage 3);
  pairs_ordered     «пары закреплены приказом»: pairs/groups in force in the year, approved by a
                    signed order; done when no proposed one waits for an order (6.2);
  programs          «персонализированные программы разработаны»: every pair/group in force has
                    a program;
  completion        «завершение»: the programs ending within the year have ended (7.1);
  roadmap_approved  the roadmap itself approved by the director.

Every check is one SQL query of counts grouped by school, so the district reads the same
definition for every school (`findings`), and a school's page lists the records (`records`).
An activity's status is the better of its mark by hand and its check's answer.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, distinct, func, or_, select
from sqlalchemy.orm import aliased

from nastavnik.dates import AcademicYear, format_date, today
from nastavnik.extensions import db
from nastavnik.tenants.banks.models import MENTEE_IN_BANK, MenteeEntry, MentorEntry, MentorStatus
from nastavnik.tenants.consents.models import Consent, ConsentKind
from nastavnik.tenants.orders.models import OrderStatus, SchoolOrder
from nastavnik.tenants.pairings.models import IN_FORCE, Pairing, PairingStatus
from nastavnik.tenants.programs.models import Program, ProgramStatus
from nastavnik.tenants.staff.models import Staff
from nastavnik.yearly import Years

from .models import STEP_ORDER, Roadmap, RoadmapStatus, StepStatus
from .timing import span

CHECK_LABELS = {
    "mentee_bank": "Банк наставляемых сформирован",
    "mentor_bank": "Банк наставников сформирован",
    "pairs_ordered": "Пары/группы закреплены приказом",
    "programs": "Персонализированные программы разработаны",
    "completion": "Программы завершены",
    "roadmap_approved": "Дорожная карта утверждена",
}
CHECKS = tuple(CHECK_LABELS)
SHOWN = 10  # records listed under a mark; the rest are counted


@dataclass
class Record:
    """A record that made a mark: its words, and the page that shows it (if any)."""

    text: str
    endpoint: str | None = None
    args: dict = field(default_factory=dict)


@dataclass
class Finding:
    """What a check found in one school: the status it gives and why."""

    status: StepStatus
    summary: str
    records: list[Record] = field(default_factory=list)
    more: int = 0


def better(a: StepStatus, b: StepStatus) -> StepStatus:
    return a if STEP_ORDER[StepStatus(a)] >= STEP_ORDER[StepStatus(b)] else b


def _valid(kind: str, on: date, consent=Consent):
    return and_(
        consent.kind == kind,
        consent.revoked_on.is_(None),
        consent.signed_on <= on,
        or_(consent.valid_until.is_(None), consent.valid_until >= on),
    )


def _consent_join(entry, consent=Consent):
    # The consent as an entity joined (not a bare exists()), so the school's filter reaches it;
    # its validity on the day is in WHERE, where the day may be a column of the years' table.
    return (consent.staff_id == entry.staff_id) & (consent.school_id == entry.school_id)


def _mentees(on):
    return (
        select(MenteeEntry)
        .join(Consent, _consent_join(MenteeEntry))
        .where(
            MenteeEntry.status.in_(MENTEE_IN_BANK),
            _valid(ConsentKind.PERSONAL_DATA, on),
        )
    )


def _mentors(on):
    duty = aliased(Consent)
    return (
        select(MentorEntry)
        .join(Consent, _consent_join(MentorEntry))
        .join(duty, _consent_join(MentorEntry, duty))
        .where(
            MentorEntry.status == MentorStatus.ACTIVE,
            _valid(ConsentKind.PERSONAL_DATA, on),
            _valid(ConsentKind.MENTOR_DUTY, on, duty),
        )
    )


def _bounds(year: int | Years) -> tuple:
    """The first and the last day of the year (columns of the years' table, for several)."""
    return (year.start, year.end) if isinstance(year, Years) else span(year)


def _ordered_pairings(year: int | Years):
    """Pairs/groups in force during the year, approved by a signed order."""
    first, last = _bounds(year)
    return (
        select(Pairing)
        .join(
            SchoolOrder,
            (SchoolOrder.id == Pairing.order_id) & (SchoolOrder.school_id == Pairing.school_id),
        )
        .where(
            SchoolOrder.status == OrderStatus.SIGNED,
            Pairing.status.in_((*IN_FORCE, PairingStatus.ENDED)),
            Pairing.approved_on <= last,
            or_(Pairing.ended_on.is_(None), Pairing.ended_on >= first),
        )
    )


def _programs_of_year(year: int | Years):
    first, last = _bounds(year)
    return select(Program).where(
        or_(Program.ends_on.between(first, last), Program.ended_on.between(first, last))
    )


def _count(statement, model, years: Years | None = None):
    """{school_id: the number of distinct `model` rows the statement selects}; given `years`,
    {year: that} grouped by the years too."""
    key = years.key if years is not None else ()
    rows = db.session.execute(
        statement.with_only_columns(*key, model.school_id, func.count(distinct(model.id))).group_by(
            *key, model.school_id
        )
    ).all()
    if years is None:
        return dict(rows)
    return {year: dict(found) for year, found in years.split(rows).items()}


def _status(done: bool, begun: bool) -> StepStatus:
    if done:
        return StepStatus.DONE
    return StepStatus.IN_PROGRESS if begun else StepStatus.PLANNED


def findings(year: int, on: date | None = None) -> dict[int, dict[str, Finding]]:
    """{school_id: {check key: Finding}} for every school the scope sees (without records)."""
    academic = AcademicYear(year)
    return findings_of_years(Years.on(academic, on or today()))[academic]


def findings_of_years(years: Years) -> dict[AcademicYear, dict[int, dict[str, Finding]]]:
    """`findings` of each of the years, each check one statement for all of them."""
    on = years.day
    mentees = _count(_mentees(on), MenteeEntry, years)
    mentors = _count(_mentors(on), MentorEntry, years)
    ordered = _count(_ordered_pairings(years), Pairing, years)
    # the pairings' and programs' state now: the same whatever the year
    proposed = _count(select(Pairing).where(Pairing.status == PairingStatus.PROPOSED), Pairing)
    in_force = _count(select(Pairing).where(Pairing.status.in_(IN_FORCE)), Pairing)
    with_program = _count(
        select(Pairing)
        .join(
            Program,
            (Program.pairing_id == Pairing.id) & (Program.school_id == Pairing.school_id),
        )
        .where(Pairing.status.in_(IN_FORCE)),
        Pairing,
    )
    of_year = _count(_programs_of_year(years), Program, years)
    ended = _count(
        _programs_of_year(years).where(Program.status == ProgramStatus.ENDED), Program, years
    )
    approved = _count(
        select(Roadmap).where(
            Roadmap.year == years.start_year, Roadmap.status == RoadmapStatus.APPROVED
        ),
        Roadmap,
        years,
    )
    roadmaps = _count(select(Roadmap).where(Roadmap.year == years.start_year), Roadmap, years)
    return {
        year: _findings(
            mentees[year],
            mentors[year],
            ordered[year],
            proposed,
            in_force,
            with_program,
            of_year[year],
            ended[year],
            approved[year],
            roadmaps[year],
        )
        for year in years.years
    }


def _findings(
    mentees, mentors, ordered, proposed, in_force, with_program, of_year, ended, approved, roadmaps
) -> dict[int, dict[str, Finding]]:
    out: dict[int, dict[str, Finding]] = defaultdict(dict)
    schools: set[int] = set()
    for counts in (mentees, mentors, ordered, proposed, in_force, of_year, approved):
        schools |= counts.keys()
    schools |= set(roadmaps)

    for school_id in schools:
        n = mentees.get(school_id, 0)
        out[school_id]["mentee_bank"] = Finding(
            _status(n > 0, False), f"В банке {n} наставляемых с действующим согласием"
        )
        n = mentors.get(school_id, 0)
        out[school_id]["mentor_bank"] = Finding(
            _status(n > 0, False),
            f"В банке {n} наставников с действующими согласиями (на обработку ПДн и на "
            "обязанности наставника)",
        )
        a, p = ordered.get(school_id, 0), proposed.get(school_id, 0)
        summary = f"Закреплено подписанным приказом пар/групп: {a}"
        if p:
            summary += f"; ожидают приказа: {p}"
        out[school_id]["pairs_ordered"] = Finding(_status(a > 0 and p == 0, a + p > 0), summary)
        n, h = in_force.get(school_id, 0), with_program.get(school_id, 0)
        out[school_id]["programs"] = Finding(
            _status(n > 0 and h == n, h > 0),
            f"Программы разработаны для {h} из {n} утверждённых пар/групп",
        )
        t, e = of_year.get(school_id, 0), ended.get(school_id, 0)
        out[school_id]["completion"] = Finding(
            _status(t > 0 and e == t, e > 0),
            f"Завершено программ, срок которых истекает в этом учебном году: {e} из {t}",
        )
        ok = approved.get(school_id, 0) > 0
        out[school_id]["roadmap_approved"] = Finding(
            _status(ok, False),
            "Дорожная карта утверждена директором" if ok else "Дорожная карта не утверждена",
        )
    return dict(out)


def _staff_name(staff: Staff) -> str:
    return staff.display_name


def records(check: str, year: int, on: date | None = None) -> list[Record]:
    """The records of the bound school that made the check's answer, with their pages."""
    on = on or today()
    if check == "mentee_bank":
        rows = db.session.execute(_mentees(on).distinct().order_by(MenteeEntry.id)).scalars()
        return [
            Record(f"Наставляемый: {e.staff.display_name}", "staff.show", {"staff_id": e.staff_id})
            for e in rows
        ]
    if check == "mentor_bank":
        rows = db.session.execute(_mentors(on).distinct().order_by(MentorEntry.id)).scalars()
        return [
            Record(f"Наставник: {e.staff.display_name}", "banks.mentor_card", {"mentor_id": e.id})
            for e in rows
        ]
    if check == "pairs_ordered":
        found = db.session.execute(_ordered_pairings(year).order_by(Pairing.id)).scalars().all()
        orders = {
            o.id: o
            for o in db.session.execute(
                select(SchoolOrder).where(SchoolOrder.id.in_({p.order_id for p in found}))
            ).scalars()
        }
        out = [
            Record(
                f"Приказ № {o.number} от {format_date(o.signed_on)}: пар/групп — "
                f"{sum(1 for p in found if p.order_id == o.id)}",
                "orders.show",
                {"order_id": o.id},
            )
            for o in orders.values()
        ]
        waiting = db.session.execute(
            select(Pairing).where(Pairing.status == PairingStatus.PROPOSED).order_by(Pairing.id)
        ).scalars()
        out += [
            Record(
                f"Ожидает приказа: наставник {p.mentor.display_name}",
                "pairings.show",
                {"pairing_id": p.id},
            )
            for p in waiting
        ]
        return out
    if check == "programs":
        found = db.session.execute(
            select(Pairing).where(Pairing.status.in_(IN_FORCE)).order_by(Pairing.id)
        ).scalars()
        programs = {
            p.pairing_id: p
            for p in db.session.execute(select(Program).order_by(Program.id)).scalars()
        }
        out = []
        for pairing in found:
            program = programs.get(pairing.id)
            if program is not None:
                out.append(
                    Record(
                        f"Программа «{program.title}»", "programs.show", {"program_id": program.id}
                    )
                )
            else:
                out.append(
                    Record(
                        f"Без программы: пара/группа наставника {pairing.mentor.display_name}",
                        "pairings.show",
                        {"pairing_id": pairing.id},
                    )
                )
        return out
    if check == "completion":
        rows = db.session.execute(_programs_of_year(year).order_by(Program.ends_on)).scalars()
        return [
            Record(
                f"«{p.title}» — {ProgramStatus(p.status).label.lower()}"
                + (
                    f" {format_date(p.ended_on)}"
                    if p.ended_on
                    else f", до {format_date(p.ends_on)}"
                ),
                "programs.show",
                {"program_id": p.id},
            )
            for p in rows
        ]
    if check == "roadmap_approved":
        roadmap = db.session.execute(
            select(Roadmap).where(Roadmap.year == year)
        ).scalar_one_or_none()
        if roadmap is not None and roadmap.is_approved:
            return [
                Record(
                    f"Утверждена {format_date(roadmap.approved_on)}"
                    + (f", {roadmap.approved_by_name}" if roadmap.approved_by_name else ""),
                    "roadmap.show",
                    {"roadmap_id": roadmap.id},
                )
            ]
        return []
    return []


def school_findings(school_id: int, year: int, on: date | None = None) -> dict[str, Finding]:
    """The bound school's findings, each with its records (the first SHOWN of them)."""
    found = findings(year, on).get(school_id) or findings_empty()
    for check, finding in found.items():
        listed = records(check, year, on)
        finding.records, finding.more = listed[:SHOWN], max(0, len(listed) - SHOWN)
    return found


def findings_empty() -> dict[str, Finding]:
    return {check: Finding(StepStatus.PLANNED, "Данных пока нет") for check in CHECKS}
