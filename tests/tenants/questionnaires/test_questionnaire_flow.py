"""Stage 6 of the roadmap: the questionnaires at the end of a program, the survey of potential
mentors, a curator's own questionnaire sent to a group, and the results."""

import re
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from nastavnik.dates import today

TODAY = today()


@pytest.fixture
def pair(make):
    """A school with an active program whose mentor and mentee have logins."""
    school = make.school("survey")
    mentor = make.consenting_staff(school, mentor=True, last_name="Хасанова", teaching_years=20)
    mentee = make.consenting_staff(school, last_name="Умарова")
    make.mentor_entry(school, mentor)
    make.mentee_entry(school, mentee, status="in_program")
    pairing = make.pairing(school, mentor, [mentee])
    program = make.program(
        school,
        pairing,
        title="Адаптация молодого учителя",
        difficulties=("methods", "digital"),
        starts_on=TODAY - timedelta(days=120),
        ends_on=TODAY + timedelta(days=60),
    )
    make.link(mentor, make.account(school, "mentor", roles=("mentor",)))
    make.link(mentee, make.account(school, "mentee", roles=("mentee",)))
    make.account(school, "curator", roles=("curator",))
    make.account(school, "group", roles=("working_group",))
    return SimpleNamespace(
        school=school, mentor=mentor, mentee=mentee, pairing=pairing, program=program
    )


def url(pair, tail=""):
    return f"/s/{pair.school.slug}/{tail}"


def end_program(client, auth, pair):
    auth.login(pair.school, "curator")
    response = client.post(
        url(pair, f"programs/{pair.program.id}/end"),
        data={
            "confirmed": "yes",
            "reason": "force_majeure",
            "comment": "Наставник переведён в другую школу",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    auth.logout(pair.school)


def pending(client, auth, pair, login):
    auth.login(pair.school, login)
    page = client.get(url(pair)).get_data(as_text=True)
    return page


def test_a_mentee_with_no_questionnaire_yet_learns_when_one_comes(client, auth, pair):
    auth.login(pair.school, "mentee")
    page = client.get(url(pair, "questionnaires/mine")).get_data(as_text=True)
    assert "Вам пока не приходило ни одной анкеты." in page
    assert "когда программа завершится" in page


def test_a_program_ended_by_the_curator_asks_its_mentor_and_mentee(client, auth, pair, query):
    end_program(client, auth, pair)
    rows = query(
        "SELECT q.purpose, a.staff_id, a.program_id, a.status, a.due_on FROM "
        "questionnaire_assignment a JOIN questionnaire q ON q.id = a.questionnaire_id "
        "WHERE q.purpose IN ('mentor_end', 'mentee_end') ORDER BY q.purpose"
    )
    due = (TODAY + timedelta(days=30)).isoformat()
    assert [(r[0], r[1], r[2], r[3], str(r[4])) for r in rows] == [
        ("mentee_end", pair.mentee.id, pair.program.id, "pending", due),
        ("mentor_end", pair.mentor.id, pair.program.id, "pending", due),
    ]
    home = pending(client, auth, pair, "mentee")
    assert "Анкеты, ждущие ответа" in home
    assert "Анкета наставляемого по итогам программы наставничества" in home
    assert "Анкета наставника по итогам" not in home


def _fill_url(query, pair, purpose):
    (assignment_id,) = query(
        "SELECT a.id FROM questionnaire_assignment a JOIN questionnaire q "
        f"ON q.id = a.questionnaire_id WHERE q.purpose = '{purpose}'"
    )[0]
    return url(pair, f"questionnaires/fill/{assignment_id}")


def _answers(query, purpose, scale=4):
    """A complete answer to the default questionnaire: every scale at `scale`, first options."""
    questions = query(
        "SELECT qq.id, qq.kind, qq.per_area FROM questionnaire_question qq JOIN questionnaire q "
        f"ON q.id = qq.questionnaire_id WHERE q.purpose = '{purpose}' ORDER BY qq.position"
    )
    data = {}
    for qid, kind, per_area in questions:
        keys = [f"q{qid}-methods", f"q{qid}-digital"] if per_area else [f"q{qid}"]
        for key in keys:
            data[key] = {"scale": str(scale), "single": "0", "multiple": ["0", "2"]}.get(
                kind, "Совместные уроки были самыми полезными"
            )
    return data


def test_the_mentee_saves_comes_back_and_sends_once_anonymously(client, auth, pair, query):
    end_program(client, auth, pair)
    auth.login(pair.school, "mentee")
    fill = _fill_url(query, pair, "mentee_end")
    page = client.get(fill).get_data(as_text=True)
    # Asked about each difficulty the program addressed.
    assert "Методика преподавания" in page and "Цифровая образовательная среда" in page
    data = _answers(query, "mentee_end")
    first = next(iter(data))
    saved = client.post(fill, data={first: "5", "action": "save"}, follow_redirects=True)
    assert "Ответы сохранены" in saved.get_data(as_text=True)
    assert 'value="5" checked' in client.get(fill).get_data(as_text=True)
    assert query("SELECT count(*) FROM questionnaire_response") == [(0,)]
    sent = client.post(fill, data={**data, "action": "submit"}, follow_redirects=True)
    assert "Спасибо! Ваши ответы отправлены." in sent.get_data(as_text=True)
    # «Has answered» is with the person; the answers are not.
    own = f"SELECT status, draft FROM questionnaire_assignment WHERE staff_id = {pair.mentee.id}"
    assert query(own)[0][0] == "submitted"
    # Nor is the pair's program: with one mentee it would name her; the form is kept.
    assert query("SELECT staff_id, program_id, form FROM questionnaire_response") == [
        (None, None, "traditional")
    ]
    again = client.post(fill, data={**data, "action": "submit"}, follow_redirects=True)
    assert "Вы уже отправили ответы на эту анкету" in again.get_data(as_text=True)
    assert query("SELECT count(*) FROM questionnaire_response") == [(1,)]
    home = client.get(url(pair)).get_data(as_text=True)
    assert "Анкеты, ждущие ответа" not in home


def test_a_mentee_cannot_open_the_mentors_questionnaire(client, auth, pair, query):
    end_program(client, auth, pair)
    auth.login(pair.school, "mentee")
    response = client.get(_fill_url(query, pair, "mentor_end"), follow_redirects=True)
    assert "Эта анкета адресована другому человеку." in response.get_data(as_text=True)
    assert "Насколько продвинулся наставляемый" not in response.get_data(as_text=True)


def test_results_are_hidden_under_three_answers_and_shown_from_three(make, client, auth, pair):
    school = pair.school
    people = [make.consenting_staff(school, last_name=f"Ответова{i}") for i in range(3)]
    questionnaire = make.questionnaire(
        school,
        "Анкета о семинаре",
        questions=[
            {"text": "Польза семинара", "kind": "scale", "scale_max": 5},
            {"text": "Что улучшить", "kind": "text", "required": False},
        ],
    )
    qid = [q.id for q in questionnaire.questions]
    assignments = [make.assignment(school, questionnaire, p) for p in people]
    make.answer(school, assignments[0], **{f"q{qid[0]}": 5, f"q{qid[1]}": "Больше практики"})
    make.answer(school, assignments[1], **{f"q{qid[0]}": 3})
    auth.login(school, "group")  # the working group sees results
    results = url(pair, f"questionnaires/{questionnaire.id}/results")
    page = client.get(results).get_data(as_text=True)
    assert "Недостаточно ответов" in page and "<svg" not in page
    assert "Больше практики" not in page
    make.answer(school, assignments[2], **{f"q{qid[0]}": 4})
    page = client.get(results).get_data(as_text=True)
    assert "Недостаточно ответов" not in page
    assert 'data-testid="average">4,00<' in page
    assert "<svg" in page and "Больше практики" in page
    for person in people:
        assert person.last_name not in page


def test_the_survey_of_potential_mentors_replaces_the_banks_fields(make, client, auth, query):
    school = make.school("bank")
    staff = make.consenting_staff(school, mentor=True, last_name="Асхабов", teaching_years=22)
    entry = make.mentor_entry(school, staff)
    make.link(staff, make.account(school, "teacher", roles=("mentor",)))
    make.account(school, "curator", roles=("curator",))
    assert query(
        "SELECT q.purpose, a.status FROM questionnaire_assignment a "
        "JOIN questionnaire q ON q.id = a.questionnaire_id"
    ) == [("potential_mentor", "pending")]
    auth.login(school, "teacher")
    (assignment_id,) = query("SELECT id FROM questionnaire_assignment")[0]
    questions = query(
        "SELECT id, kind FROM questionnaire_question qq WHERE questionnaire_id = "
        "(SELECT questionnaire_id FROM questionnaire_assignment) ORDER BY position"
    )
    data = {"action": "submit"}
    for qid, kind in questions:
        data[f"q{qid}"] = {"scale": "4", "single": "1", "multiple": ["1", "3"]}.get(
            kind, "<b>Двадцать лет</b> в профессии"
        )
    fill = f"/s/bank/questionnaires/fill/{assignment_id}"
    response = client.post(fill, data=data, follow_redirects=True)
    assert "Ваши ответы отправлены" in response.get_data(as_text=True)
    # A named questionnaire: the answers are the person's, and the bank's card shows them.
    assert query("SELECT staff_id FROM questionnaire_response") == [(staff.id,)]
    auth.logout(school)
    auth.login(school, "curator")
    card = client.get(f"/s/bank/banks/mentors/{entry.id}").get_data(as_text=True)
    assert "Почему вы хотите стать наставником?" in card
    assert "&lt;b&gt;Двадцать лет&lt;/b&gt; в профессии" in card
    assert "Методика преподавания; Урочная и внеурочная деятельность" in card


def test_curator_makes_a_questionnaire_and_sends_it_to_a_group(make, client, auth, pair, query):
    auth.login(pair.school, "curator")
    response = client.post(
        url(pair, "questionnaires/new"),
        data={"title": "Анкета о неделе наставничества", "purpose": "other", "anonymous": "y"},
    )
    assert response.status_code == 302
    (qid,) = query("SELECT id FROM questionnaire WHERE origin IS NULL")[0]
    page = url(pair, f"questionnaires/{qid}/")
    client.post(
        page,
        data={
            "which": "question",
            "q-text": "Насколько полезна была неделя?",
            "q-kind": "scale",
            "q-scale_max": "10",
            "q-low_label": "бесполезна",
            "q-high_label": "очень полезна",
            "q-required": "y",
        },
    )
    client.post(
        page,
        data={
            "which": "question",
            "q-text": "Какие события посетили?",
            "q-kind": "multiple",
            "q-scale_max": "5",
            "q-options": "Открытые уроки\nКруглый стол\n\nМастер-класс",
        },
    )
    assert query(
        f"SELECT text, kind, scale_max, options FROM questionnaire_question "
        f"WHERE questionnaire_id = {qid} ORDER BY position"
    )[1][:3] == ("Какие события посетили?", "multiple", None)
    due = (TODAY + timedelta(days=10)).isoformat()
    sent = client.post(
        url(pair, f"questionnaires/{qid}/send"),
        data={"group": "chosen", "people": [pair.mentor.id, pair.mentee.id], "due_on": due},
        follow_redirects=True,
    )
    assert "Анкета отправлена: новых адресатов — 2." in sent.get_data(as_text=True)
    # Sent: its questions no longer change.
    assert "Анкета уже разослана" in client.get(page).get_data(as_text=True)
    auth.logout(pair.school)
    home = pending(client, auth, pair, "mentor")
    assert "Анкета о неделе наставничества" in home
    assert date.fromisoformat(due).strftime("%Y") in home


def test_a_groups_program_is_kept_with_the_answers_from_three_mentees(make, query):
    school = make.school("group")
    mentor = make.consenting_staff(school, mentor=True, teaching_years=20)
    make.mentor_entry(school, mentor, capacity=3)
    mentees = [make.consenting_staff(school, last_name=f"Группова{n}") for n in range(3)]
    for mentee in mentees:
        make.mentee_entry(school, mentee, status="in_program")
    pairing = make.pairing(school, mentor, mentees, form="group")
    program = make.program(school, pairing, title="Групповая программа")
    questionnaire = make.questionnaire(school, "Анкета группы")
    qid = questionnaire.questions[0].id
    # All asked at once, as at the end of a program.
    asked = [make.assignment(school, questionnaire, m, program_id=program.id) for m in mentees]
    for assignment in asked:
        make.answer(school, assignment, **{f"q{qid}": 4})
    assert (
        query("SELECT staff_id, program_id, form FROM questionnaire_response")
        == [(None, program.id, "group")] * 3
    )


def test_each_unanswered_required_question_is_marked_where_it_stands(make, client, auth, school):
    """A young teacher on a phone sent a questionnaire with one answer: the only word was at
    the top («… и ещё на 2»), none beside the questions to answer further down."""
    staff = make.consenting_staff(school, last_name="Отвечающая")
    make.link(staff, make.account(school, "teacher", roles=("mentee",)))
    questionnaire = make.questionnaire(
        school,
        questions=[
            {"text": "Польза дня", "kind": "scale", "scale_max": 5},
            {"text": "Формат", "kind": "single", "options_text": "Очно\nОнлайн"},
            {"text": "Темы", "kind": "multiple", "options_text": "Оценивание\nДисциплина"},
            {"text": "Пожелания", "kind": "text", "required": False},
        ],
    )
    scale, single, multiple, _ = (q.id for q in questionnaire.questions)
    assignment = make.assignment(school, questionnaire, staff, on=TODAY)
    auth.login(school, "teacher")
    page = client.post(
        f"/s/s1/questionnaires/fill/{assignment.id}",
        data={"action": "submit", f"q{single}": "1"},
    ).get_data(as_text=True)
    assert "Ответьте на обязательный вопрос «Польза дня» и ещё на 1." in page
    marked = re.findall(r'data-unanswered="(q\d+)"', page)
    assert marked == [f"q{scale}", f"q{multiple}"]
    assert page.count("Ответьте на этот вопрос.") == 2
