"""Anonymity is real: an anonymous questionnaire's answers carry no person, and no page shows
who answered what; a person reaches only their own questionnaires; aggregates from 3 up."""

from datetime import date

import pytest

from nastavnik.tenancy import all_schools
from nastavnik.tenants.questionnaires.models import Answer, Response
from nastavnik.tenants.questionnaires.stats import answer_counts, question_averages

ON = date(2025, 5, 20)


@pytest.fixture
def answered(make, school):
    """Four teachers with logins; three answered an anonymous questionnaire, one did not."""
    people = []
    for n in range(4):
        staff = make.consenting_staff(school, last_name=f"Респондентова{n}")
        make.link(staff, make.account(school, f"teacher{n}", roles=("mentee",)))
        people.append(staff)
    questionnaire = make.questionnaire(
        school,
        "Анкета о методическом дне",
        questions=[
            {"text": "Польза дня", "kind": "scale", "scale_max": 10},
            {"text": "Что запомнилось", "kind": "text", "required": False},
        ],
    )
    scale, text = (q.id for q in questionnaire.questions)
    assignments = [make.assignment(school, questionnaire, p, on=ON) for p in people]
    for n, value in enumerate((9, 7, 8)):
        make.answer(school, assignments[n], **{f"q{scale}": value, f"q{text}": f"Мысль {n}"})
    return people, questionnaire, assignments


def test_the_answer_rows_of_an_anonymous_questionnaire_carry_no_person(answered, query):
    assert query("SELECT staff_id FROM questionnaire_response") == [(None,)] * 3
    # Neither the answers nor the responses have any column naming a person or a moment.
    answer_columns = {c.name for c in Answer.__table__.columns}
    response_columns = {c.name for c in Response.__table__.columns}
    assert not {"staff_id", "account_id", "assignment_id"} & answer_columns
    assert not {"assignment_id", "account_id", "created_at"} & response_columns
    # «Has answered» is kept with the person, apart.
    assert sorted(query("SELECT status FROM questionnaire_assignment")) == [
        ("pending",),
        ("submitted",),
        ("submitted",),
        ("submitted",),
    ]


def test_the_results_page_shows_no_names(answered, make, school, client, auth):
    people, questionnaire, _ = answered
    make.account(school, "director", roles=("director",))
    auth.login(school, "director")
    page = client.get(f"/s/s1/questionnaires/{questionnaire.id}/results").get_data(as_text=True)
    assert "Мысль 0" in page and "8,00" in page
    for person in people:
        assert person.last_name not in page


def test_a_person_sees_only_their_own_questionnaire(answered, client, auth, school):
    _, _, assignments = answered
    auth.login(school, "teacher3")
    own = client.get(f"/s/s1/questionnaires/fill/{assignments[3].id}")
    assert own.status_code == 200 and "Польза дня" in own.get_data(as_text=True)
    other = client.get(f"/s/s1/questionnaires/fill/{assignments[0].id}", follow_redirects=True)
    text = other.get_data(as_text=True)
    assert "Эта анкета адресована другому человеку." in text and "Мысль 0" not in text
    # Mentees do not see results at all.
    assert (
        client.get(f"/s/s1/questionnaires/{assignments[0].questionnaire_id}/results").status_code
        == 403
    )


def test_another_schools_questionnaire_or_program_in_a_url_is_not_found(
    answered, make, client, curator
):
    other = make.school("s2")
    foreign = make.questionnaire(other, "Чужая анкета")
    _, questionnaire, _ = answered
    for url in (
        f"/s/s1/questionnaires/{foreign.id}/results",
        f"/s/s1/questionnaires/{foreign.id}/",
        f"/s/s1/questionnaires/{foreign.id}/send",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Чужая анкета" not in response.get_data(as_text=True)
    program = make.program(other, title="Чужая программа")
    response = client.get(f"/s/s1/questionnaires/{questionnaire.id}/results?program={program.id}")
    assert response.status_code == 404


def test_the_statistics_count_by_school_and_hide_averages_under_three(answered, app, make, school):
    other = make.school("s2")
    lonely = make.questionnaire(other, "Анкета одного")
    staff = make.consenting_staff(other)
    assignment = make.assignment(other, lonely, staff, on=ON)
    make.answer(other, assignment, **{f"q{lonely.questions[0].id}": 5})

    with app.app_context(), all_schools():
        averages = question_averages(2024)
        counts = answer_counts(2024)
        assert question_averages(2025) == {}
    assert averages[school.id] == [("Анкета о методическом дне", "Польза дня", 8.0, 3)]
    assert averages[other.id] == [("Анкета одного", "Насколько полезен урок?", None, 1)]
    assert counts == {school.id: (4, 3), other.id: (1, 1)}
