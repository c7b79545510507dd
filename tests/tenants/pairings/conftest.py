"""A school with a curator logged in, mentors in the mentor bank and mentees waiting."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from nastavnik.dates import today as local_today

TODAY = local_today()


@pytest.fixture
def school(make):
    return make.school("s1", director_name="Умарова Зарема Исаевна")


@pytest.fixture
def curator(make, auth, school):
    """The curator, logged in."""
    account = make.account(school, "curator", roles=("curator",))
    auth.login(school, "curator")
    return account


@pytest.fixture
def bank(make, school):
    """Adds people to the banks: bank.mentor("Батаева"), bank.mentee("Сулейманова")."""

    def mentor(last_name, capacity=2, duty=True, **fields):
        staff = make.consenting_staff(school, mentor=duty, last_name=last_name, **fields)
        make.mentor_entry(school, staff, capacity=capacity)
        return staff

    def mentee(last_name, consent=True, status="waiting"):
        """consent=False: the data consent ran out (yesterday) while the mentee waited."""
        staff = make.staff(school, last_name=last_name)
        make.consent(school, staff, valid_until=None if consent else TODAY - timedelta(days=1))
        make.mentee_entry(school, staff, status=status)
        return staff

    return SimpleNamespace(mentor=mentor, mentee=mentee)


@pytest.fixture
def url(school):
    return lambda path="": f"/s/{school.slug}/pairings/{path}"


@pytest.fixture
def proposed(make, school):
    """A proposed pairing; with consents=False nobody's written consent is recorded yet."""
    from nastavnik.tenants.pairings.models import Pairing, PairingMember

    def build(mentor, mentees, consents=True, **fields):
        pairing = make.pairing(school, mentor, mentees, status="proposed", **fields)
        if not consents:
            with make.in_school(school) as session:
                session.execute(
                    sa.update(Pairing)
                    .where(Pairing.id == pairing.id)
                    .values(mentor_consent_on=None)
                )
                session.execute(
                    sa.update(PairingMember)
                    .where(PairingMember.pairing_id == pairing.id)
                    .values(consent_on=None)
                )
        return pairing

    return build
