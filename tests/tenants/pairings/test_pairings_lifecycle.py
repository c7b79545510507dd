"""The steps after approval: the pairing starts to work and ends (7.1)."""

from datetime import date

import pytest

from nastavnik.refusals import Refusal
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.pairings.models import Pairing
from nastavnik.tenants.pairings.services import end_pairing, form_label, start_pairing


def test_an_approved_pairing_starts_and_ends_and_its_mentees_finish(make, school, bank, query):
    mentee = bank.mentee("Сулейманова", status="in_program")
    pairing = make.pairing(school, bank.mentor("Батаева"), [mentee], status="approved")

    with make.in_school(school):
        start_pairing(get_or_404(Pairing, pairing.id))
    assert query("SELECT status FROM pairing") == [("active",)]

    with make.in_school(school):
        end_pairing(get_or_404(Pairing, pairing.id), date(2025, 5, 31), "План выполнен")
    assert query("SELECT status, end_reason FROM pairing") == [("ended", "План выполнен")]
    assert str(query("SELECT ended_on FROM pairing")[0][0]) == "2025-05-31"
    assert query("SELECT status FROM mentee_entry") == [("finished",)]


def test_a_mentee_who_asks_for_another_mentor_waits_again(make, school, bank, query):
    mentee = bank.mentee("Сулейманова", status="in_program")
    pairing = make.pairing(school, bank.mentor("Батаева"), [mentee], status="active")
    with make.in_school(school):
        end_pairing(
            get_or_404(Pairing, pairing.id),
            date(2025, 1, 10),
            "Смена наставника",
            mentees_finished=False,
        )
    assert query("SELECT status FROM mentee_entry") == [("waiting",)]


def test_only_an_approved_pairing_starts(make, school, bank):
    pairing = make.pairing(school, bank.mentor("Батаева"), [bank.mentee("С")], status="proposed")
    with pytest.raises(Refusal, match="утверждённая приказом"), make.in_school(school):
        start_pairing(get_or_404(Pairing, pairing.id))


def test_a_proposed_pairing_is_cancelled_not_ended(make, school, bank):
    pairing = make.pairing(school, bank.mentor("Батаева"), [bank.mentee("С")], status="proposed")
    with pytest.raises(Refusal), make.in_school(school):
        end_pairing(get_or_404(Pairing, pairing.id), date(2025, 1, 10), "")


def test_form_labels_of_the_regulation_and_of_the_school(make, school):
    own = make.custom_form(school, "Наставничество в проектах")
    with make.in_school(school):
        assert form_label("reverse") == "Реверсивное наставничество"
        assert form_label(own.code) == "Наставничество в проектах"
