"""A district of two schools for the district's pages of one school, made once per module.

«Школа Альфа» has one of everything (conftest `world()`), plus, this year: people whose every
personal field carries a marker that no district page or export may show, a signed public order,
a questionnaire answered by three (shown) and a question answered by two (not shown), an approved
roadmap, a practice shared with every school and one waiting for review. «Школа Бета» is
deactivated, with last year's figures kept.
"""

from datetime import timedelta

import pytest

from nastavnik.dates import AcademicYear, today

THIS = AcademicYear.containing(today())
# A day of this academic year that has passed (1 September, or today on that day).
EARLY = min(THIS.start + timedelta(days=3), today())

# Personal data, each marked: none of these may appear on any district page or in any export.
PERSONAL = {
    "mentee name": "Личнаяфамилия",
    "mentor name": "Наставникова-Секретная",
    "phone": "+7 928 000-11-22",
    "email": "lichnaya.pochta@example.ru",
    "difficulties": "ЗатруднениеСкрытое",
    "consent number": "СОГЛ-7731",
    "consent purpose": "ЦельСогласияСкрытая",
    "free answer": "СвободныйОтветСкрытый",
    "evidence note": "ПримечаниеКартыСкрытое",
    "request reason": "ПросьбаСкрытая",
    "event results": "ИтогиСеминараСкрытые",
    "participant": "Участникова-Скрытая",
}


@pytest.fixture(scope="module")
def district(shared):
    with shared.kept():
        yield _district(shared.make)


def _district(make):
    from nastavnik.tenants.roadmap.models import RoadmapActivity

    alpha = make.school(
        "alpha", short_name="Школа Альфа", settlement="с. Майртуп", director_name="Алиева З. И."
    )
    ids = make.world(alpha)
    # This year's people, with every personal field marked.
    mentor_staff = make.consenting_staff(
        alpha,
        mentor=True,
        teaching_years=20,
        last_name=PERSONAL["mentor name"],
        phone=PERSONAL["phone"],
        email=PERSONAL["email"],
    )
    mentor = make.mentor_entry(alpha, mentor_staff, added_on=EARLY)
    mentee_staff = make.staff(alpha, last_name=PERSONAL["mentee name"], teaching_years=1)
    make.consent(
        alpha,
        mentee_staff,
        paper_number=PERSONAL["consent number"],
        purpose=PERSONAL["consent purpose"],
    )
    mentee = make.mentee_entry(
        alpha, mentee_staff, difficulties=PERSONAL["difficulties"], added_on=EARLY
    )
    pairing = make.pairing(
        alpha, mentor.staff_id, [mentee.staff_id], created_on=EARLY, mentor_consent_on=EARLY
    )
    make.program(alpha, pairing, starts_on=EARLY, ends_on=EARLY + timedelta(days=200))
    make.participant_request(alpha, pairing, reason=PERSONAL["request reason"])
    participant = make.consenting_staff(alpha, last_name=PERSONAL["participant"])
    make.event(
        alpha,
        title="Семинар наставников района",
        held_on=EARLY,
        results=PERSONAL["event results"],
        participant_ids=[participant.id, mentee_staff.id],
    )
    # Signed orders: one the director made public, one not.
    make.order(
        alpha, status="signed", number="12-од", signed_on=EARLY, public=True, title="О наставниках"
    )
    make.order(alpha, status="signed", number="13-од", signed_on=EARLY, title="О рабочей группе")
    make.order(alpha, title="Черновик приказа о проекте")  # a draft: not in the register
    # The questionnaire: three answered the scale and wrote freely; a second scale only two.
    questionnaire = make.questionnaire(
        alpha,
        "Анкета наставляемого о программе",
        questions=[
            {"text": "Польза встреч с наставником", "kind": "scale", "scale_max": 5},
            {"text": "Что было полезнее всего", "kind": "text", "required": False},
            {"text": "Удобство расписания", "kind": "scale", "scale_max": 5, "required": False},
        ],
    )
    useful, free, schedule = (q.id for q in questionnaire.questions)
    for n, (value, second) in enumerate(((5, 4), (4, 2), (3, None))):
        staff = make.consenting_staff(alpha, last_name=f"{PERSONAL['participant']}{n}")
        assignment = make.assignment(alpha, questionnaire, staff, on=EARLY)
        answers = {f"q{useful}": value, f"q{free}": f"{PERSONAL['free answer']} {n}"}
        if second is not None:
            answers[f"q{schedule}"] = second
        make.answer(alpha, assignment, on=EARLY, **answers)
    # This year's roadmap, approved; one of its activities has a note naming a person.
    director = make.account(alpha, "alpha-director", roles=("director",))
    roadmap = make.roadmap(alpha, THIS.start_year, approve_by=director, on=EARLY)
    activity = make.roadmap_activity(alpha, roadmap, content="Методический день наставников")
    with make.in_school(alpha):
        make._get(RoadmapActivity, activity.id).evidence_note = PERSONAL["evidence note"]
    shared = make.practice(alpha, "shared", title="Наставник на уроке", year=THIS.start_year)
    waiting = make.practice(alpha, "submitted", title="Школа молодого педагога")

    beta = make.school("beta", short_name="Школа Бета", settlement="с. Гелдаган", active=False)
    last_year = THIS.previous.start + timedelta(days=10)
    make.mentor_entry(beta, added_on=last_year)
    make.mentee_entry(beta, added_on=last_year)
    return {
        "alpha": alpha,
        "beta": beta,
        "ids": ids,
        "shared_practice": shared.id,
        "waiting_practice": waiting.id,
    }


@pytest.fixture
def methodist(make, auth, district):
    account = make.account(None, "methodist", roles=["methodologist"])
    assert auth.login(None, "methodist").status_code == 302
    return account
