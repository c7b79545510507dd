"""The year's figures counted straight from the rows, apart from the platform's queries: what
the page, the report and the district are checked against."""

from collections import Counter
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from nastavnik.dates import AcademicYear
from nastavnik.tenants.banks.models import MenteeEntry, MentorEntry, MentorTraining
from nastavnik.tenants.events.models import SchoolEvent
from nastavnik.tenants.pairings.models import Pairing, PairingMember
from nastavnik.tenants.practices.models import Practice
from nastavnik.tenants.programs.models import Activity, Program, ProgramChange
from nastavnik.tenants.questionnaires.models import Answer, Question, Questionnaire, Response
from nastavnik.tenants.staff.models import Staff


def _rows(query, model, school_id, *columns):
    table = model.__table__
    return query(sa.select(*(table.c[c] for c in columns)).where(table.c.school_id == school_id))


def count(query, school_id: int, year: AcademicYear, today: date) -> dict:
    start, end, day = year.start, year.end, year.as_of(today)
    back = max(AcademicYear.containing(today).start_year - year.start_year, 0)

    staff = _rows(query, Staff, school_id, "id", "hired_on", "teaching_years", "born_on")
    on_register = [s for s in staff if s.hired_on is None or s.hired_on <= day]

    def young(s):
        return s.teaching_years is not None and 0 <= s.teaching_years - back < 3

    threshold = start.replace(year=start.year - 35)

    pairings = _rows(
        query, Pairing, school_id, "id", "approved_on", "ended_on", "created_on", "status", "form"
    )
    members = _rows(query, PairingMember, school_id, "pairing_id", "mentee_staff_id")

    def in_force_during(p):
        return (
            p.approved_on is not None
            and p.approved_on <= end
            and (p.ended_on is None or p.ended_on >= start)
        )

    def in_force_on(p, d):
        return (
            p.approved_on is not None
            and p.approved_on <= d
            and (p.ended_on is None or p.ended_on > d)
        )

    def mentee_of(staff_id, condition):
        ids = {p.id for p in pairings if condition(p)}
        return any(m.mentee_staff_id == staff_id and m.pairing_id in ids for m in members)

    mentors = _rows(query, MentorEntry, school_id, "added_on", "left_on", "competences")
    mentees = _rows(
        query,
        MenteeEntry,
        school_id,
        "staff_id",
        "added_on",
        "left_on",
        "status",
        "category",
        "requests",
    )

    def during(e):
        return e.added_on <= end and (e.left_on is None or e.left_on >= start)

    year_mentors = [e for e in mentors if during(e)]
    year_mentees = [
        e
        for e in mentees
        if during(e) and (e.status != "finished" or mentee_of(e.staff_id, in_force_during))
    ]
    waiting = [
        e
        for e in mentees
        if e.added_on <= day
        and (e.left_on is None or e.left_on > day)
        and e.status != "finished"
        and not mentee_of(e.staff_id, lambda p: in_force_on(p, day))
    ]

    def areas(entries, column):
        counter = Counter(code for e in entries for code in getattr(e, column) if code)
        return dict(counter)

    def status_then(p):
        if p.ended_on is not None and p.ended_on <= day:
            return "ended"
        if p.approved_on is not None and p.approved_on <= day:
            return "approved" if p.status == "approved" else "active"
        return "proposed"

    existing = [
        p for p in pairings if p.created_on <= day and (p.ended_on is None or p.ended_on >= start)
    ]
    programs = _rows(query, Program, school_id, "starts_on", "ends_on", "ended_on", "end_reason")

    def running(p):
        return p.starts_on <= day and (p.ended_on is None or p.ended_on > day)

    ended = [p for p in programs if p.ended_on is not None and start <= p.ended_on <= end]
    changes = _rows(query, ProgramChange, school_id, "program_id", "kind", "status", "applied_at")
    first, after = datetime.combine(start, time.min), datetime.combine(end + timedelta(1), time.min)
    changed = {
        (c.kind, c.program_id)
        for c in changes
        if c.status == "applied" and c.applied_at and first <= c.applied_at < after
    }
    activities = _rows(query, Activity, school_id, "program_id", "due_on", "status", "done_on")
    program_ended = dict(_rows(query, Program, school_id, "id", "ended_on"))

    def dropped(a):
        ended_on = program_ended[a.program_id]
        return a.status == "planned" and ended_on is not None and ended_on <= a.due_on

    def standing(a):
        if a.status == "done":
            return "late" if a.done_on and a.done_on > a.due_on else "on_time"
        return "overdue" if a.due_on < day else "ahead"

    trainings = _rows(query, MentorTraining, school_id, "held_on", "kind")
    events = _rows(query, SchoolEvent, school_id, "held_on", "kind")
    practices = _rows(query, Practice, school_id, "year", "status")
    return {
        "staff": len(on_register),
        "young": sum(1 for s in on_register if young(s)),
        "under_35": sum(1 for s in on_register if s.born_on and s.born_on > threshold),
        "age_known": sum(1 for s in on_register if s.born_on),
        "mentors": len(year_mentors),
        "mentees": len(year_mentees),
        "mentees_waiting": len(waiting),
        "mentees_by_category": dict(Counter(e.category for e in year_mentees)),
        "mentees_by_area": areas(year_mentees, "requests"),
        "mentors_by_area": areas(year_mentors, "competences"),
        "pairings_by_form": dict(
            Counter(
                "custom" if p.form.startswith("custom:") else p.form
                for p in pairings
                if in_force_during(p)
            )
        ),
        "pairings_by_status": dict(Counter(status_then(p) for p in existing)),
        "young_covered": sum(
            1 for s in on_register if young(s) and mentee_of(s.id, in_force_during)
        ),
        "programs_started": sum(1 for p in programs if start <= p.starts_on <= end),
        "programs_running": sum(1 for p in programs if running(p)),
        "programs_ended": len(ended),
        "programs_overdue": sum(1 for p in programs if running(p) and p.ends_on < day),
        "ended_by_reason": dict(Counter(p.end_reason for p in ended if p.end_reason)),
        "changed_by_kind": dict(Counter(kind for kind, _ in changed)),
        "activities": dict(
            Counter(
                standing(a)
                for a in activities
                if start <= a.due_on <= end and a.status != "cancelled" and not dropped(a)
            )
        ),
        "trainings": dict(Counter(t.kind for t in trainings if start <= t.held_on <= end)),
        "events": dict(Counter(e.kind for e in events if start <= e.held_on <= day)),
        "practices": dict(
            Counter(
                p.status for p in practices if p.year == year.start_year and p.status != "draft"
            )
        ),
        "questions": questions(query, school_id, year),
    }


def questions(query, school_id: int, year: AcademicYear) -> list:
    """[(questionnaire, question, average or None under 3 answers, answers)] of the scale
    questions answered in the year, in the questionnaires' and the questions' order."""
    titles = dict(_rows(query, Questionnaire, school_id, "id", "title"))
    asked = _rows(query, Question, school_id, "id", "questionnaire_id", "position", "text", "kind")
    submitted = dict(_rows(query, Response, school_id, "id", "submitted_on"))
    values: dict[int, list[int]] = {}
    for a in _rows(query, Answer, school_id, "response_id", "question_id", "value"):
        if a.value is not None and year.start <= submitted[a.response_id] <= year.end:
            values.setdefault(a.question_id, []).append(a.value)
    out = []
    for q in sorted(asked, key=lambda q: (q.questionnaire_id, q.position, q.id)):
        got = values.get(q.id)
        if q.kind == "scale" and got:
            average = round(sum(got) / len(got), 2) if len(got) >= 3 else None
            out.append((titles[q.questionnaire_id], q.text, average, len(got)))
    return out
