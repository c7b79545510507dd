"""A status is a closed list: stored as its plain code, read back as the member with its label."""

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import StatementError

from nastavnik.tenants.pairings.models import Pairing, PairingStatus


def test_a_status_is_stored_as_its_code_and_read_back_with_its_russian_label(make, school, query):
    make.pairing(school, status=PairingStatus.APPROVED)

    assert query("SELECT status FROM pairing") == [("approved",)]
    [(status,)] = query(sa.select(Pairing.status))
    assert status is PairingStatus.APPROVED
    assert status.label == "Утверждена приказом"


def test_a_code_outside_the_list_is_refused_before_it_reaches_the_database(app, query):
    with pytest.raises(StatementError, match="'aproved' is not a valid PairingStatus"):
        query(sa.select(Pairing.id).where(Pairing.status == "aproved"))


def test_a_code_from_a_request_is_read_as_a_member_or_as_none():
    assert PairingStatus.parse("active") is PairingStatus.ACTIVE
    assert PairingStatus.parse("Действует") is None
    assert PairingStatus.parse(None) is None
