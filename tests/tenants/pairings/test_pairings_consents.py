"""6.2: everyone's written consent to the pair or group is on record before its approval."""

import re
from datetime import timedelta

from nastavnik.dates import today as local_today

TODAY = local_today()


def test_curator_records_the_written_consents_of_mentor_and_mentees(
    client, url, curator, bank, proposed, query
):
    mentee = bank.mentee("Сулейманова")
    pairing = proposed(bank.mentor("Батаева"), [mentee], consents=False)
    assert "наставник: нет" in client.get(url()).get_data(as_text=True)

    response = client.post(
        url(f"{pairing.id}/consents"),
        data={"mentor_on": "2024-09-10", f"mentee_{mentee.id}": "2024-09-11"},
    )

    assert response.status_code == 302
    assert str(query("SELECT mentor_consent_on FROM pairing")[0][0]) == "2024-09-10"
    assert str(query("SELECT consent_on FROM pairing_member")[0][0]) == "2024-09-11"
    card = client.get(url(f"{pairing.id}")).get_data(as_text=True)
    assert "10 сентября 2024 г." in card and "11 сентября 2024 г." in card
    listing = client.get(url()).get_data(as_text=True)
    assert "наставник: ✓" in listing and "Сулейманова М.И.: ✓" in listing


def test_each_mentee_of_a_group_has_a_consent_of_their_own(
    client, url, curator, bank, proposed, query
):
    one, two = bank.mentee("Сулейманова"), bank.mentee("Косумова")
    pairing = proposed(bank.mentor("Батаева"), [one, two], consents=False, form="group")

    client.post(url(f"{pairing.id}/consents"), data={f"mentee_{two.id}": "2024-09-11"})

    rows = query("SELECT mentee_staff_id, consent_on FROM pairing_member ORDER BY id")
    assert [(i, str(d) if d else None) for i, d in rows] == [(one.id, None), (two.id, "2024-09-11")]


def test_a_consent_dated_in_the_future_is_refused(client, url, curator, bank, proposed, query):
    pairing = proposed(bank.mentor("Батаева"), [bank.mentee("Сулейманова")], consents=False)
    tomorrow = (TODAY + timedelta(days=1)).isoformat()

    response = client.post(url(f"{pairing.id}/consents"), data={"mentor_on": tomorrow})

    assert response.status_code == 200
    assert "не может быть позже сегодняшнего дня" in response.get_data(as_text=True)
    assert query("SELECT mentor_consent_on FROM pairing") == [(None,)]


def test_a_date_that_is_not_a_date_is_shown_beside_the_field(client, url, curator, bank, proposed):
    pairing = proposed(bank.mentor("Батаева"), [bank.mentee("Сулейманова")])
    response = client.post(url(f"{pairing.id}/consents"), data={"mentor_on": "вчера"})
    assert response.status_code == 200
    assert "Неверное значение даты." in response.get_data(as_text=True)


def test_consents_of_an_approved_pairing_are_not_changed(
    client, url, curator, make, school, bank, query
):
    pairing = make.pairing(school, bank.mentor("Батаева"), [bank.mentee("С")], status="approved")

    response = client.post(url(f"{pairing.id}/consents"), data={"mentor_on": "2024-10-01"})

    assert response.status_code == 200
    assert "до утверждения" in response.get_data(as_text=True)
    assert str(query("SELECT mentor_consent_on FROM pairing")[0][0]) == "2024-09-05"


def test_the_card_shows_the_consents_kept_in_the_register(
    client, url, curator, make, school, bank, proposed
):
    without_duty = make.consenting_staff(school, last_name="Безобязанностей")
    pairing = proposed(without_duty, [bank.mentee("Сулейманова")])

    card = client.get(url(f"{pairing.id}")).get_data(as_text=True)

    mentor_row = re.search(r'data-testid="mentor-row">(.*?)</tr>', card, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", mentor_row)
    assert cells[1:] == ["Наставник", "5 сентября 2024 г.", "✓", "нет"]


def test_the_card_links_the_pairs_programs(client, url, curator, make, school, bank):
    pairing = make.pairing(school, bank.mentor("Батаева"), [bank.mentee("С")], status="active")
    assert 'data-testid="pairing-program"' not in client.get(url(f"{pairing.id}")).get_data(
        as_text=True
    )
    program = make.program(school, pairing, title="Адаптация молодого педагога")

    card = client.get(url(f"{pairing.id}")).get_data(as_text=True)

    (link,) = re.findall(r'data-testid="pairing-program">(.*?)</dd>', card, re.S)
    assert f'href="/s/{school.slug}/programs/{program.id}"' in link
    assert "Адаптация молодого педагога" in link and "(выполняется)" in link
    assert "Программа наставничества</dt>" in card
