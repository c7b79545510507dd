"""A school with two pairs whose mentors and mentees have logins, and a curator."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from nastavnik.dates import today as local_today

TODAY = local_today()


def _pair(make, school, n, status="approved"):
    mentor = make.consenting_staff(school, mentor=True, last_name=f"Наставникова{n}")
    mentee = make.consenting_staff(school, last_name=f"Наставляемая{n}")
    make.mentor_entry(school, mentor)
    make.mentee_entry(school, mentee, status="in_program" if status != "proposed" else "waiting")
    pairing = make.pairing(
        school, mentor, [mentee], status=status, approved_on=TODAY - timedelta(days=60)
    )
    make.link(mentor, make.account(school, f"mentor{n}", roles=("mentor",)))
    make.link(mentee, make.account(school, f"mentee{n}", roles=("mentee",)))
    return SimpleNamespace(mentor=mentor, mentee=mentee, pairing=pairing)


@pytest.fixture(scope="module")
def people(shared):
    """Pair 1 and pair 2 (both approved, no program yet), a curator and a working-group member;
    made once for the module, each test changes them only in its own savepoint."""
    make = shared.make
    with shared.kept():
        school = make.school("s1")
        yield SimpleNamespace(
            school=school,
            one=_pair(make, school, 1),
            two=_pair(make, school, 2),
            curator=make.account(school, "curator", roles=("curator",)),
            group=make.account(school, "group", roles=("working_group",)),
        )


@pytest.fixture
def school(people):
    """The school of the people above (at /s/s1)."""
    return people.school


@pytest.fixture
def program_of(make, school):
    """A program of a pair (its pairing then active), started 30 days ago or starting in 10."""
    from nastavnik.tenants.pairings.models import Pairing

    def build(pair, started=True, **fields):
        starts = TODAY - timedelta(days=30) if started else TODAY + timedelta(days=10)
        fields.setdefault("starts_on", starts)
        fields.setdefault("ends_on", starts + timedelta(days=180))
        program = make.program(school, pair.pairing, **fields)
        with make.in_school(school) as session:
            session.execute(
                sa.update(Pairing).where(Pairing.id == pair.pairing.id).values(status="active")
            )
        return program

    return build


@pytest.fixture
def running(make, people, program_of):
    """Pair 1's program, started 30 days ago, with one planned activity."""
    program = program_of(people.one, title="Программа первой пары")
    activity = make.activity(people.school, program, title="Посещение уроков наставника")
    return program, activity


@pytest.fixture
def login(app, make, school):
    """A separate browser, logged in as one person."""

    def run(name):
        client = app.test_client()
        client.post(f"/s/{school.slug}/login", data={"login": name, "password": make.PASSWORD})
        return client

    return run
