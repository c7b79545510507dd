"""Who may do what with a program, and the message that says why not: part × program's state.

The rules answer from the program and the person's part in it alone, so these tests need no
database; the views show these messages and the services refuse with them.
"""

from datetime import date, timedelta

import pytest

from nastavnik.tenants.programs import access
from nastavnik.tenants.programs.access import ENDED, PLAN_BY_CONSENT, PROGRAM_BY_CONSENT, Part
from nastavnik.tenants.programs.models import Activity, Program

TODAY = date(2024, 10, 1)

CURATOR_ONLY = "Программу до её начала изменяет куратор."
CURATOR_AND_MENTOR = "Мероприятия в план добавляют куратор и наставник."
MARKERS = "Отмечать мероприятия могут участники программы и куратор."
PROPOSERS = "Предложить изменение могут участники программы и куратор."
ENDERS = "Завершить программу могут её участники и куратор."
NOT_ONES_GROUND = (
    "Это основание завершения программы может выбрать только куратор "
    "или другой участник программы (п. 7.1)."
)

# The parts a person takes: (role in the program, manages, sees every program).
PARTS = {
    "curator": (None, True, True),
    "working_group": (None, False, True),
    "mentor": ("mentor", False, False),
    "mentee": ("mentee", False, False),
    "curator_who_mentors": ("mentor", True, True),
}

STATES = {
    "not_started": dict(status="active", starts_on=TODAY + timedelta(days=10)),
    "started": dict(status="active", starts_on=TODAY - timedelta(days=30)),
    "ended": dict(status="ended", starts_on=TODAY - timedelta(days=200)),
}


def program_in(state: str) -> Program:
    fields = STATES[state]
    return Program(id=7, ends_on=fields["starts_on"] + timedelta(days=180), **fields)


def part(name: str, program_id: int = 7) -> Part:
    role, manages, sees_all = PARTS[name]
    return Part(program_id, account=None, role=role, staff=None, manages=manages, sees_all=sees_all)


# Each rule, for each part: the answer before the start, while it runs, after the end.
MATRIX = {
    "edit_program": """
        curator              may                 PROGRAM_BY_CONSENT  ENDED
        curator_who_mentors  may                 PROGRAM_BY_CONSENT  ENDED
        working_group        CURATOR_ONLY        CURATOR_ONLY        ENDED
        mentor               CURATOR_ONLY        CURATOR_ONLY        ENDED
        mentee               CURATOR_ONLY        CURATOR_ONLY        ENDED
    """,
    "edit_plan": """
        curator              may                 PLAN_BY_CONSENT     ENDED
        curator_who_mentors  may                 PLAN_BY_CONSENT     ENDED
        working_group        CURATOR_AND_MENTOR  CURATOR_AND_MENTOR  ENDED
        mentor               may                 PLAN_BY_CONSENT     ENDED
        mentee               CURATOR_AND_MENTOR  CURATOR_AND_MENTOR  ENDED
    """,
    "mark": """
        curator              may                 may                 ENDED
        curator_who_mentors  may                 may                 ENDED
        working_group        MARKERS             MARKERS             ENDED
        mentor               may                 may                 ENDED
        mentee               may                 may                 ENDED
    """,
    "propose": """
        curator              may                 may                 ENDED
        curator_who_mentors  may                 may                 ENDED
        working_group        PROPOSERS           PROPOSERS           ENDED
        mentor               may                 may                 ENDED
        mentee               may                 may                 ENDED
    """,
    "end": """
        curator              may                 may                 ENDED
        curator_who_mentors  may                 may                 ENDED
        working_group        ENDERS              ENDERS              ENDED
        mentor               may                 may                 ENDED
        mentee               may                 may                 ENDED
    """,
}

RULES = {
    "edit_program": lambda program, part: access.why_not_edit_program(program, part, TODAY),
    "edit_plan": lambda program, part: access.why_not_edit_plan(program, part, TODAY),
    "mark": access.why_not_mark,
    "propose": access.why_not_propose,
    "end": access.why_not_end,
}

MESSAGES = {
    "may": None,
    "ENDED": ENDED,
    "PLAN_BY_CONSENT": PLAN_BY_CONSENT,
    "PROGRAM_BY_CONSENT": PROGRAM_BY_CONSENT,
    "CURATOR_ONLY": CURATOR_ONLY,
    "CURATOR_AND_MENTOR": CURATOR_AND_MENTOR,
    "MARKERS": MARKERS,
    "PROPOSERS": PROPOSERS,
    "ENDERS": ENDERS,
}


def cases():
    for rule, rows in MATRIX.items():
        for line in rows.strip().splitlines():
            who, *answers = line.split()
            for state, answer in zip(STATES, answers, strict=True):
                yield pytest.param(rule, who, state, MESSAGES[answer], id=f"{rule}-{who}-{state}")


def test_the_matrix_covers_every_rule_part_and_state():
    covered = {(c.values[0], c.values[1], c.values[2]) for c in cases()}
    assert covered == {(r, w, s) for r in RULES for w in PARTS for s in STATES}


@pytest.mark.parametrize(("rule", "who", "state", "expected"), list(cases()))
def test_who_may_do_what_before_during_and_after_the_program(rule, who, state, expected):
    assert RULES[rule](program_in(state), part(who)) == expected


def test_the_plan_is_edited_on_its_first_day_only_by_consent():
    program = program_in("not_started")
    assert access.why_not_edit_plan(program, part("mentor"), program.starts_on) == PLAN_BY_CONSENT
    day_before = program.starts_on - timedelta(days=1)
    assert access.why_not_edit_plan(program, part("mentor"), day_before) is None


@pytest.mark.parametrize("status", ["done", "cancelled"])
def test_an_activity_is_marked_only_while_planned(status):
    program = program_in("started")
    planned = Activity(program_id=7, status="planned")
    finished = Activity(program_id=7, status=status)
    assert access.why_not_mark(program, part("mentee"), planned) is None
    assert access.why_not_mark(program, part("mentee"), finished) == (
        "Это мероприятие уже отмечено выполненным или отменено."
    )
    # Who may mark is answered first: the working group hears that, not the activity's state.
    assert access.why_not_mark(program, part("working_group"), finished) == MARKERS


@pytest.mark.parametrize(
    ("who", "reasons"),
    [
        (
            "curator",
            [
                "completed",
                "mentor_initiative",
                "mentee_initiative",
                "mutual",
                "improper",
                "force_majeure",
            ],
        ),
        ("mentor", ["completed", "mentor_initiative", "mutual"]),
        ("mentee", ["completed", "mentee_initiative", "mutual"]),
        ("working_group", []),
    ],
)
def test_each_side_ends_on_its_own_grounds(who, reasons):
    assert access.end_reasons(part(who)) == reasons


@pytest.mark.parametrize(
    ("who", "reason", "expected"),
    [
        ("mentor", "mutual", None),
        ("mentee", "mentee_initiative", None),
        ("curator", "force_majeure", None),
        ("mentor", "mentee_initiative", NOT_ONES_GROUND),
        ("mentee", "improper", NOT_ONES_GROUND),
        ("curator", "tired", "Выберите основание завершения программы."),
        ("working_group", "mutual", ENDERS),
    ],
)
def test_a_ground_outside_ones_own_is_refused(who, reason, expected):
    assert access.why_not_end(program_in("started"), part(who), reason) == expected


def test_a_part_answers_only_for_its_own_program():
    with pytest.raises(ValueError, match="part in program 8"):
        access.why_not_mark(program_in("started"), part("curator", program_id=8))
