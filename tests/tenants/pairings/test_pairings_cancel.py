"""A proposed pair or group may be cancelled before its approval; its mentees wait again."""

from nastavnik.dates import today as local_today

TODAY = local_today()


def test_a_proposed_pairing_is_cancelled_and_its_mentee_can_be_paired_again(
    client, url, curator, bank, proposed, query
):
    mentee = bank.mentee("Сулейманова")
    pairing = proposed(bank.mentor("Батаева"), [mentee])
    assert "Сулейманова" not in client.get(url("new")).get_data(as_text=True)

    response = client.post(url(f"{pairing.id}/cancel"))

    assert response.status_code == 302
    assert query("SELECT status, end_reason FROM pairing") == [("ended", "отменена до утверждения")]
    assert query("SELECT status FROM mentee_entry") == [("waiting",)]
    assert "Сулейманова" in client.get(url("new")).get_data(as_text=True)
    assert "Отменена до утверждения" in client.get(url(f"{pairing.id}")).get_data(as_text=True)


def test_an_approved_pairing_cannot_be_cancelled(client, url, curator, make, school, bank, query):
    pairing = make.pairing(school, bank.mentor("Батаева"), [bank.mentee("С")], status="approved")

    response = client.post(url(f"{pairing.id}/cancel"))

    assert response.status_code == 200
    assert "ещё не утверждённую приказом" in response.get_data(as_text=True)
    assert query("SELECT status FROM pairing") == [("approved",)]


def test_a_pairing_in_a_draft_order_is_not_cancelled_until_the_draft_is_deleted(
    client, url, curator, make, school, bank, proposed, query
):
    from nastavnik.tenants.orders.services import draft_pairings_order

    pairing = proposed(bank.mentor("Батаева"), [bank.mentee("Сулейманова")])
    with make.in_school(school):
        order_id = draft_pairings_order([pairing.id], TODAY, None).id

    refused = client.post(url(f"{pairing.id}/cancel"))
    assert "сначала удалите проект приказа" in refused.get_data(as_text=True)
    assert query("SELECT status FROM pairing") == [("proposed",)]

    client.post(f"/s/{school.slug}/orders/{order_id}/delete")
    assert client.post(url(f"{pairing.id}/cancel")).status_code == 302
    assert query("SELECT status FROM pairing") == [("ended",)]
