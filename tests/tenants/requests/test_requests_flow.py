"""Requests of participants (4.1, 5.1): filed in the platform, answered by curator and director."""

from types import SimpleNamespace

import pytest


@pytest.fixture
def pair(make):
    """A school with an active pair whose mentor and mentee have logins."""
    school = make.school("requests")
    mentor = make.consenting_staff(school, mentor=True, last_name="Хасанова")
    mentee = make.consenting_staff(school, last_name="Умарова")
    pairing = make.pairing(school, mentor, [mentee])
    make.link(mentor, make.account(school, "mentor", roles=("mentor",)))
    make.link(mentee, make.account(school, "mentee", roles=("mentee",)))
    curator = make.account(school, "curator", roles=("curator",))
    make.account(school, "director", roles=("director",))
    return SimpleNamespace(
        school=school, mentor=mentor, mentee=mentee, pairing=pairing, curator=curator
    )


def url(pair, tail=""):
    return f"/s/{pair.school.slug}/requests/{tail}"


def requests_in_db(query):
    return query("SELECT kind, staff_id, status, answer, answered_by_id FROM participant_request")


def test_mentee_asks_for_another_mentor_and_the_curator_grants_it(client, auth, pair, query):
    auth.login(pair.school, "mentee")
    page = client.get(url(pair, f"new?pairing={pair.pairing.id}")).get_data(as_text=True)
    assert "Просьба о замене наставника" in page
    response = client.post(
        url(pair, f"new?pairing={pair.pairing.id}"), data={"reason": "Не совпадают расписания"}
    )
    assert response.status_code == 302
    assert requests_in_db(query) == [("another_mentor", pair.mentee.id, "open", "", None)]
    auth.logout(pair.school)

    auth.login(pair.school, "curator")
    listing = client.get(url(pair)).get_data(as_text=True)
    assert "Просьба наставляемого о смене наставника" in listing
    assert "Ожидает ответа" in listing
    (request_id,) = query("SELECT id FROM participant_request")[0]
    response = client.post(
        url(pair, str(request_id)),
        data={"decision": "granted", "answer": "Подберём другого наставника до 1 февраля"},
    )
    assert response.status_code == 302
    assert requests_in_db(query) == [
        (
            "another_mentor",
            pair.mentee.id,
            "granted",
            "Подберём другого наставника до 1 февраля",
            pair.curator.id,
        )
    ]
    assert query("SELECT answered_at IS NOT NULL FROM participant_request")[0][0]
    auth.logout(pair.school)

    # The mentee reads the answer; the pair itself is not rewritten by the answer.
    auth.login(pair.school, "mentee")
    page = client.get(url(pair, str(request_id))).get_data(as_text=True)
    assert "Удовлетворена" in page
    assert "Подберём другого наставника до 1 февраля" in page
    assert "сама по себе пару не меняет" in page
    assert query("SELECT mentor_staff_id, status FROM pairing") == [(pair.mentor.id, "active")]


def test_mentor_asks_to_step_down(client, auth, pair, query):
    auth.login(pair.school, "mentor")
    page = client.get(url(pair)).get_data(as_text=True)
    assert "Попросить освободить от обязанностей наставника" in page
    client.post(url(pair, f"new?pairing={pair.pairing.id}"), data={"reason": "Перевожусь"})
    assert requests_in_db(query) == [("step_down", pair.mentor.id, "open", "", None)]


def test_a_second_open_request_for_the_same_pair_is_refused(client, auth, make, pair, query):
    make.participant_request(pair.school, pair.pairing, staff_id=pair.mentee.id)
    auth.login(pair.school, "mentee")
    page = client.get(url(pair, f"new?pairing={pair.pairing.id}")).get_data(as_text=True)
    assert "уже есть просьба, ожидающая ответа" in page
    response = client.post(
        url(pair, f"new?pairing={pair.pairing.id}"), data={"reason": "Ещё раз прошу"}
    )
    assert response.status_code == 200
    assert "уже есть просьба, ожидающая ответа" in response.get_data(as_text=True)
    assert len(requests_in_db(query)) == 1


def test_after_an_answer_the_participant_may_ask_again(client, auth, make, pair, query):
    make.participant_request(
        pair.school, pair.pairing, staff_id=pair.mentee.id, status="refused", answer="Нет"
    )
    auth.login(pair.school, "mentee")
    client.post(url(pair, f"new?pairing={pair.pairing.id}"), data={"reason": "Прошу снова"})
    assert sorted(r[2] for r in requests_in_db(query)) == ["open", "refused"]


def test_the_reason_is_required_and_at_most_2000_characters(client, auth, pair, query):
    auth.login(pair.school, "mentee")
    new = url(pair, f"new?pairing={pair.pairing.id}")
    empty = client.post(new, data={"reason": "   "})
    assert empty.status_code == 200
    assert "Укажите причину просьбы." in empty.get_data(as_text=True)
    long = client.post(new, data={"reason": "я" * 2001})
    assert "не длиннее 2000 символов" in long.get_data(as_text=True)
    assert requests_in_db(query) == []


def test_a_request_about_a_pair_not_yet_approved_is_refused(client, auth, make, pair, query):
    proposed = make.pairing(pair.school, pair.mentor, [pair.mentee], status="proposed")
    auth.login(pair.school, "mentee")
    new = url(pair, f"new?pairing={proposed.id}")
    assert "утверждённой или действующей" in client.get(new).get_data(as_text=True)
    response = client.post(new, data={"reason": "Прошу"})
    assert "утверждённой или действующей" in response.get_data(as_text=True)
    assert requests_in_db(query) == []


def test_a_mentor_of_another_pair_gets_404(client, auth, make, pair):
    other = make.consenting_staff(pair.school, mentor=True, last_name="Чужой")
    make.pairing(pair.school, other, [make.consenting_staff(pair.school)])
    make.link(other, make.account(pair.school, "other", roles=("mentor",)))
    request = make.participant_request(pair.school, pair.pairing, staff_id=pair.mentee.id)
    auth.login(pair.school, "other")
    assert client.get(url(pair, f"new?pairing={pair.pairing.id}")).status_code == 404
    assert (
        client.post(
            url(pair, f"new?pairing={pair.pairing.id}"), data={"reason": "Чужая пара"}
        ).status_code
        == 404
    )
    assert client.get(url(pair, str(request.id))).status_code == 404
    assert "Умарова" not in client.get(url(pair)).get_data(as_text=True)


def test_without_a_pairing_the_request_page_is_not_found(client, auth, pair):
    auth.login(pair.school, "mentee")
    assert client.get(url(pair, "new")).status_code == 404
    assert client.get(url(pair, "new?pairing=999999")).status_code == 404


def test_the_director_sees_the_request_and_may_answer(client, auth, make, pair):
    request = make.participant_request(
        pair.school, pair.pairing, staff_id=pair.mentee.id, reason="Разные предметы"
    )
    auth.login(pair.school, "director")
    listing = client.get(url(pair)).get_data(as_text=True)
    assert "Умарова" in listing
    page = client.get(url(pair, str(request.id))).get_data(as_text=True)
    assert "Разные предметы" in page
    assert "Ответ на просьбу" in page


def test_answering_twice_is_refused(client, auth, make, pair, query):
    request = make.participant_request(pair.school, pair.pairing, staff_id=pair.mentee.id)
    auth.login(pair.school, "curator")
    client.post(url(pair, str(request.id)), data={"decision": "refused", "answer": "Пока нет"})
    again = client.post(
        url(pair, str(request.id)), data={"decision": "granted", "answer": "Передумали"}
    )
    assert again.status_code == 200
    assert "На эту просьбу уже дан ответ." in again.get_data(as_text=True)
    assert [(r[2], r[3]) for r in requests_in_db(query)] == [("refused", "Пока нет")]


def test_an_answer_needs_a_decision_and_a_text(client, auth, make, pair, query):
    request = make.participant_request(pair.school, pair.pairing, staff_id=pair.mentee.id)
    auth.login(pair.school, "curator")
    response = client.post(url(pair, str(request.id)), data={"decision": "granted", "answer": ""})
    assert response.status_code == 200
    assert "Напишите ответ участнику." in response.get_data(as_text=True)
    response = client.post(url(pair, str(request.id)), data={"answer": "Да"})
    assert "Выберите решение." in response.get_data(as_text=True)
    assert requests_in_db(query)[0][2] == "open"


def test_a_participant_cannot_answer_own_request(client, auth, make, pair, query):
    request = make.participant_request(pair.school, pair.pairing, staff_id=pair.mentee.id)
    auth.login(pair.school, "mentee")
    response = client.post(url(pair, str(request.id)), data={"decision": "granted", "answer": "Да"})
    assert response.status_code == 403
    assert requests_in_db(query)[0][2] == "open"


def test_participants_and_the_working_group_see_only_their_own_requests(client, auth, make, pair):
    second = make.consenting_staff(pair.school, last_name="Вторая")
    group = make.pairing(pair.school, pair.mentor, [second])
    make.participant_request(pair.school, group, staff_id=second.id, reason="Чужая причина")
    make.participant_request(pair.school, pair.pairing, staff_id=pair.mentee.id)
    make.account(pair.school, "group", roles=("working_group",))

    auth.login(pair.school, "mentee")
    listing = client.get(url(pair)).get_data(as_text=True)
    assert "Умарова" in listing and "Вторая" not in listing
    auth.logout(pair.school)

    auth.login(pair.school, "group")
    listing = client.get(url(pair)).get_data(as_text=True)
    assert "Просьб нет." in listing
