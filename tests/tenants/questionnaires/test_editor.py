"""The curator's editor: the platform's questionnaires stay as shipped, a copy is the school's
to change, and one of them is put in use for the platform to send."""

import re

import pytest


@pytest.fixture
def defaults(client, curator, query):
    """The curator's first look at the questionnaires brings the platform's ones in."""
    client.get("/s/s1/questionnaires/")
    return dict(query("SELECT origin, id FROM questionnaire WHERE origin IS NOT NULL"))


def test_the_platform_ships_three_questionnaires_in_use(defaults, query):
    assert sorted(defaults) == ["mentee_end", "mentor_end", "potential_mentor"]
    assert sorted(query("SELECT purpose, anonymous, in_use FROM questionnaire")) == [
        ("mentee_end", True, True),
        ("mentor_end", True, True),
        ("potential_mentor", False, True),
    ]


def test_a_shipped_questionnaire_is_copied_changed_and_put_in_use(defaults, client, query):
    page = client.get(f"/s/s1/questionnaires/{defaults['mentee_end']}/").get_data(as_text=True)
    assert "предложенная платформой: её нельзя изменить" in page
    copied = client.post("/s/s1/questionnaires/copy", data={"source": defaults["mentee_end"]})
    assert copied.status_code == 302
    (copy_id,) = query("SELECT id FROM questionnaire WHERE origin IS NULL")[0]
    added = client.post(
        f"/s/s1/questionnaires/{copy_id}/",
        data={
            "which": "question",
            "q-text": "Какой предмет вы ведёте?",
            "q-kind": "single",
            "q-scale_max": "5",
            "q-options": "Один вариант",
        },
    )
    assert "Укажите не меньше двух вариантов ответа" in added.get_data(as_text=True)
    client.post(f"/s/s1/questionnaires/{copy_id}/use")
    assert sorted(query("SELECT id, in_use FROM questionnaire WHERE purpose = 'mentee_end'")) == [
        (defaults["mentee_end"], False),
        (copy_id, True),
    ]
    assert (
        query(f"SELECT count(*) FROM questionnaire_question WHERE questionnaire_id = {copy_id}")[0][
            0
        ]
        == query(
            "SELECT count(*) FROM questionnaire_question "
            f"WHERE questionnaire_id = {defaults['mentee_end']}"
        )[0][0]
    )


def test_a_scale_needs_both_ends_labelled(client, curator, make, school):
    own = make.questionnaire(school, questions=[])
    page = client.post(
        f"/s/s1/questionnaires/{own.id}/",
        data={"which": "question", "q-text": "Оценка", "q-kind": "scale", "q-scale_max": "10"},
    ).get_data(as_text=True)
    assert "Подпишите оба конца шкалы." in page


def test_mentors_and_mentees_reach_no_editor_and_no_results(client, auth, make, school):
    make.account(school, "mentee", roles=("mentee",))
    own = make.questionnaire(school)
    auth.login(school, "mentee")
    for url in (
        "/s/s1/questionnaires/",
        f"/s/s1/questionnaires/{own.id}/",
        f"/s/s1/questionnaires/{own.id}/results",
    ):
        assert client.get(url).status_code == 403, url
    assert client.get("/s/s1/questionnaires/mine").status_code == 200


def checked(page: str, name: str) -> bool:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    assert tag, name
    return " checked" in tag.group(0)


def test_a_refused_question_leaves_the_questionnaire_anonymous_on_screen(
    client, curator, make, school, query
):
    """«Напишите текст вопроса.» came back with «Анонимная анкета» unticked in the form beside
    it: saving the title then made the questionnaire named. Each form keeps its own values."""
    own = make.questionnaire(school, questions=[])
    page = client.post(
        f"/s/s1/questionnaires/{own.id}/", data={"which": "question", "q-kind": "text"}
    ).get_data(as_text=True)
    assert "Напишите текст вопроса." in page
    assert checked(page, "head-anonymous")
    page = client.post(
        f"/s/s1/questionnaires/{own.id}/",
        data={"which": "head", "head-title": "", "head-purpose": "other", "head-anonymous": "y"},
    ).get_data(as_text=True)
    assert checked(page, "q-required")  # the new question's «Обязательный», as at first
    assert query(f"SELECT anonymous FROM questionnaire WHERE id = {own.id}") == [(True,)]
