"""Section 6: a pair or a group is proposed only within the rules of the banks and consents."""

import pytest

from nastavnik.dates import today as local_today
from nastavnik.refusals import Refusal
from nastavnik.tenants.pairings.services import create_pairing

TODAY = local_today()


def propose(client, url, mentor, mentees, form="teacher_teacher"):
    return client.post(
        url("new"),
        data={"mentor": mentor.id, "mentees": [m.id for m in mentees], "form": form},
    )


def refused(make, school, mentor_id, mentee_ids, form="teacher_teacher"):
    with pytest.raises(Refusal) as error, make.in_school(school):
        create_pairing(mentor_id, mentee_ids, form, TODAY)
    return str(error.value)


def test_curator_proposes_a_pair_of_a_mentor_and_a_mentee(client, url, curator, bank, query):
    mentor, mentee = bank.mentor("Батаева"), bank.mentee("Сулейманова")
    page = client.get(url("new")).get_data(as_text=True)
    assert "Батаева" in page and "Сулейманова" in page

    response = propose(client, url, mentor, [mentee])

    assert response.status_code == 302
    assert query("SELECT mentor_staff_id, form, status FROM pairing") == [
        (mentor.id, "teacher_teacher", "proposed")
    ]
    card = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Пара: " in card and "Сулейманова" in card and "Предложена" in card


def test_group_of_two_mentees_with_one_mentor(client, url, curator, bank, query):
    mentor = bank.mentor("Батаева", capacity=3)
    one, two = bank.mentee("Сулейманова"), bank.mentee("Косумова")

    assert propose(client, url, mentor, [one, two], form="group").status_code == 302

    assert query("SELECT count(*) FROM pairing_member") == [(2,)]
    page = client.get(url()).get_data(as_text=True)
    assert "Группа" in page and "Групповое наставничество" in page


def test_pair_without_the_mentors_duty_consent_is_refused(
    client, url, curator, make, school, bank, query
):
    mentor = bank.mentor("Безсогласия", duty=False)
    mentee = bank.mentee("Сулейманова")

    assert "Безсогласия" not in client.get(url("new")).get_data(as_text=True)
    response = propose(client, url, mentor, [mentee])
    assert response.status_code == 200
    assert "Выберите значение из списка." in response.get_data(as_text=True)
    message = refused(make, school, mentor.id, [mentee.id])
    assert "исполнение обязанностей наставника" in message
    assert query("SELECT count(*) FROM pairing") == [(0,)]


def test_mentee_without_a_data_consent_is_refused(make, school, bank, query):
    mentor, mentee = bank.mentor("Батаева"), bank.mentee("Безсогласия", consent=False)
    assert "согласия на обработку персональных данных" in refused(
        make, school, mentor.id, [mentee.id]
    )
    assert query("SELECT count(*) FROM pairing") == [(0,)]


def test_mentors_capacity_is_not_exceeded(client, url, curator, bank, query):
    mentor = bank.mentor("Батаева", capacity=1)
    first, second = bank.mentee("Сулейманова"), bank.mentee("Косумова")
    assert propose(client, url, mentor, [first]).status_code == 302
    assert "ведёт 1 из 1" in client.get(url("new")).get_data(as_text=True)

    response = propose(client, url, mentor, [second])

    assert response.status_code == 200
    assert "не более 1 наставляемых одновременно; у него уже 1" in response.get_data(as_text=True)
    assert query("SELECT count(*) FROM pairing") == [(1,)]


def test_group_larger_than_the_capacity_is_refused(make, school, bank):
    mentor = bank.mentor("Батаева", capacity=2)
    mentees = [bank.mentee(f"Наставляемая{n}").id for n in range(3)]
    assert "не более 2" in refused(make, school, mentor.id, mentees, form="group")


def test_an_ended_pairing_no_longer_holds_the_capacity(make, school, bank):
    mentor = bank.mentor("Батаева", capacity=1)
    make.pairing(school, mentor, [bank.mentee("Бывшая", status="finished")], status="ended")
    mentee = bank.mentee("Сулейманова")
    with make.in_school(school):
        assert create_pairing(mentor.id, [mentee.id], "traditional", TODAY).status == "proposed"


def test_mentee_already_in_a_pairing_is_refused(client, url, curator, make, school, bank):
    first, second = bank.mentor("Батаева"), bank.mentor("Косумова")
    mentee = bank.mentee("Сулейманова")
    make.pairing(school, first, [mentee], status="proposed")

    assert "Сулейманова" not in client.get(url("new")).get_data(as_text=True)
    assert "уже состоит в паре или группе" in refused(make, school, second.id, [mentee.id])


def test_nobody_mentors_themselves(make, school, bank):
    mentor = bank.mentor("Батаева")
    make.mentee_entry(school, mentor)
    assert refused(make, school, mentor.id, [mentor.id]) == "Нельзя быть наставником самому себе."


def test_traditional_form_is_one_to_one(client, url, curator, bank, query):
    mentor = bank.mentor("Батаева", capacity=3)
    one, two = bank.mentee("Сулейманова"), bank.mentee("Косумова")

    response = propose(client, url, mentor, [one, two], form="traditional")

    assert response.status_code == 200
    assert "только для пары" in response.get_data(as_text=True)
    assert query("SELECT count(*) FROM pairing") == [(0,)]


def test_group_form_needs_at_least_two_mentees(make, school, bank):
    mentor, mentee = bank.mentor("Батаева"), bank.mentee("Сулейманова")
    assert "от двух наставляемых" in refused(make, school, mentor.id, [mentee.id], form="group")


def test_mentor_outside_the_mentor_bank_is_refused(make, school, bank):
    outsider = make.consenting_staff(school, mentor=True, last_name="Внебанка")
    mentee = bank.mentee("Сулейманова")
    assert "банке наставников" in refused(make, school, outsider.id, [mentee.id])


def test_mentee_not_waiting_in_the_mentee_bank_is_refused(make, school, bank):
    mentor = bank.mentor("Батаева")
    finished = bank.mentee("Завершившая", status="finished")
    outsider = make.consenting_staff(school, last_name="Внебанка")
    for mentee in (finished, outsider):
        assert "ожидать наставника" in refused(make, school, mentor.id, [mentee.id])


def test_an_unknown_form_is_refused(make, school, bank):
    mentor, mentee = bank.mentor("Батаева"), bank.mentee("Сулейманова")
    assert "форму наставничества" in refused(
        make, school, mentor.id, [mentee.id], form="custom:999"
    )


def test_the_schools_own_form_can_be_chosen(client, url, curator, make, school, bank, query):
    own = make.custom_form(school, "Наставничество в проектной деятельности")
    mentor, mentee = bank.mentor("Батаева"), bank.mentee("Сулейманова")

    assert propose(client, url, mentor, [mentee], form=own.code).status_code == 302

    assert query("SELECT form FROM pairing") == [(own.code,)]
    assert "Наставничество в проектной деятельности" in client.get(url()).get_data(as_text=True)


def test_empty_proposal_shows_errors_and_saves_nothing(client, url, curator, query):
    response = client.post(url("new"), data={})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Выберите хотя бы одного наставляемого." in page
    assert query("SELECT count(*) FROM pairing") == [(0,)]
