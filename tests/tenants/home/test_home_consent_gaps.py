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
