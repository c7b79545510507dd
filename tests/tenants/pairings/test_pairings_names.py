"""Pairs and groups are named by their mentor and mentees (issue 14): two pairs of one mentor no
longer read the same; a group names its first mentee and how many more."""

import pytest

from nastavnik.tenants.pairings.models import Pairing


@pytest.fixture
def people(make, school):
    def person(last, first, middle, hidden=False):
        staff = make.staff(
            school, last_name=last, first_name=first, middle_name=middle, data_hidden=hidden
        )
        make.consent(school, staff, kind="mentor_duty")
        return staff

    return person


def test_two_pairs_of_one_mentor_are_told_apart_everywhere(
    client, url, curator, make, school, people
):
    mentor = people("Джамалдинова", "Седа", "Лечаевна")
    first = make.pairing(school, mentor, [people("Денилханов", "Адам", "Русланович")])
    second = make.pairing(school, mentor, [people("Хасанова", "Луиза", "Ахмедовна")])

    one = client.get(url(str(first.id))).get_data(as_text=True)
    two = client.get(url(str(second.id))).get_data(as_text=True)
    assert "Пара: Джамалдинова С.Л. — Денилханов А.Р.</h1>" in one
    assert "Пара: Джамалдинова С.Л. — Хасанова Л.А.</h1>" in two


def test_a_group_names_its_first_mentee_and_how_many_more(make, school, people):
    mentor = people("Джамалдинова", "Седа", "Лечаевна")
    mentees = [people(f"Наставляемая{n}", "Марьям", "Исаевна") for n in (1, 2, 3)]
    group = make.pairing(school, mentor, mentees, form="group")
    with make.in_school(school) as session:
        pairing = session.get(Pairing, group.id)
        assert pairing.name == "Джамалдинова С.Л. — Наставляемая1 М.И. и ещё 2"


def test_a_person_who_revoked_the_data_consent_is_not_named(make, school, people):
    mentor = people("Джамалдинова", "Седа", "Лечаевна")
    pair = make.pairing(school, mentor, [people("Скрытая", "Амина", "Ильясовна", hidden=True)])
    with make.in_school(school) as session:
        name = session.get(Pairing, pair.id).name
    assert name.startswith("Джамалдинова С.Л. — ")
    assert "Скрытая" not in name
