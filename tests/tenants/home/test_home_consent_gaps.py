"""The curator learns of a pair whose participant revoked a consent after it was formed."""

from nastavnik.dates import today as local_today


def _gaps(page: str) -> str:
    start = page.find('data-testid="consent-gaps"')
    return "" if start < 0 else page[start : page.find("</section>", start)]


def test_a_pair_whose_mentee_revoked_the_data_consent_is_shown_to_the_curator(
    client, auth, make, query
):
    school = make.school("gaps")
    mentee = make.consenting_staff(school, last_name="Отозвавшая")
    make.pairing(school)  # a pair whose consents are all in order stays off the list
    make.pairing(school, mentees=[mentee])
    consent_id = query(f"SELECT id FROM consent WHERE staff_id = {mentee.id}")[0][0]
    make.account(school, "curator", roles=["curator"])
    auth.login(school, "curator")
    assert _gaps(client.get("/s/gaps/").get_data(as_text=True)) == ""

    response = client.post(
        f"/s/gaps/consents/{consent_id}/revoke",
        data={"revoked_on": local_today().isoformat(), "reason": "Заявление"},
    )
    assert response.status_code == 302
    gaps = _gaps(client.get("/s/gaps/").get_data(as_text=True))
    assert "у наставляемого нет действующего согласия на обработку ПДн" in gaps
    assert "Данные скрыты" in gaps and "Отозвавшая" not in gaps
    assert gaps.count("list-group-item") == 1


def test_participants_do_not_see_the_consent_list(client, auth, make):
    school = make.school("gaps2")
    staff = make.consenting_staff(school)
    make.pairing(school, mentees=[staff])
    make.link(staff, make.account(school, "mentee", roles=["mentee"]))
    auth.login(school, "mentee")
    assert 'data-testid="consent-gaps"' not in client.get("/s/gaps2/").get_data(as_text=True)


def test_each_missing_consent_is_named_and_pairs_in_order_are_not_listed(client, auth, make):
    from datetime import timedelta

    school = make.school("gaps3")
    yesterday = local_today() - timedelta(days=1)
    # In order: both of the mentor's consents, the mentees' data consents.
    make.pairing(school, make.consenting_staff(school, mentor=True, last_name="Исправная"))
    # A mentor whose duty consent was never given, and whose data consent expired yesterday.
    lapsed = make.staff(school, last_name="Просроченная")
    make.consent(school, lapsed, valid_until=yesterday)
    make.pairing(school, lapsed)
    # A group where one of two mentees never gave a data consent.
    make.pairing(
        school,
        make.consenting_staff(school, mentor=True, last_name="Групповая"),
        [make.consenting_staff(school, last_name="Согласная"), make.staff(school, last_name="Без")],
        form="group",
    )
    # An ended pair without consents is no longer the curator's concern.
    make.pairing(school, make.staff(school, last_name="Завершённая"), status="ended")
    make.account(school, "curator", roles=["curator"])
    auth.login(school, "curator")

    gaps = _gaps(client.get("/s/gaps3/").get_data(as_text=True))
    items = gaps.split('<li class="list-group-item')[1:]
    assert len(items) == 2, gaps
    first, second = items  # in the order the pairs were formed
    assert "Просроченная" in first
    assert "нет действующего согласия на обработку ПДн; у наставника нет действующего " in first
    assert "на обязанности наставника" in first and "у наставляемого" not in first
    assert "Групповая" in second and "Без" in second
    assert "у наставляемого нет действующего согласия на обработку ПДн" in second
    assert "у наставника" not in second
    assert "Исправная" not in gaps and "Завершённая" not in gaps
