"""The default questionnaires: the district edits the questions; a school taking a default from
then on starts from the district's version; a school's copy already taken stays as it was."""

from sqlalchemy import select

from nastavnik.extensions import db
from nastavnik.tenancy import Scope, scoped
from nastavnik.tenants.questionnaires.defaults import MENTEE_END
from nastavnik.tenants.questionnaires.editing import ensure_defaults
from nastavnik.tenants.questionnaires.models import DistrictDefaultQuestion, Questionnaire

from .conftest import error_next_to

EDITED = "Насколько наставник помог вам освоиться в школе района?"
ADDED = "Хотели бы вы участвовать в районном конкурсе «Педагогический дуэт»?"


def questions_of_school(app, school, key="mentee_end") -> list[str]:
    with app.app_context(), scoped(Scope.school(school.id)):
        ensure_defaults()
        db.session.commit()
        found = db.session.execute(
            select(Questionnaire).where(Questionnaire.origin == key)
        ).scalar_one()
        return [q.text for q in found.questions]


def district_question_ids(app) -> list[int]:
    with app.app_context(), scoped(Scope.district()):
        return list(
            db.session.execute(
                select(DistrictDefaultQuestion.id).order_by(DistrictDefaultQuestion.position)
            ).scalars()
        )


def question(text, kind="scale", **fields) -> dict:
    return {
        "text": text,
        "kind": kind,
        "required": "y",
        "scale_max": "5",
        "low_label": "нет",
        "high_label": "да",
        "options": "",
        **fields,
    }


def edit_mentee_end(district, app):
    assert district.post("/district/published/questionnaires/mentee_end/take").status_code == 303
    first, second, *_ = district_question_ids(app)
    url = "/district/published/questionnaires/mentee_end/questions"
    district.post(f"{url}/{first}", data=question(EDITED))
    district.post(f"{url}/{second}/delete")
    district.post(f"{url}/new", data=question(ADDED, "single", options="Да\nНет\nПока не знаю"))


def test_a_school_taking_the_default_gets_the_districts_questions(app, make, district):
    edit_mentee_end(district, app)
    school = make.school("new-school")
    texts = questions_of_school(app, school)
    shipped = [q.text for q in MENTEE_END.questions]
    assert texts[0] == EDITED and shipped[1] not in texts and texts[-1] == ADDED
    assert len(texts) == len(shipped)


def test_a_school_that_took_the_default_before_keeps_its_copy(app, make, school, district):
    before = questions_of_school(app, school)
    edit_mentee_end(district, app)
    assert questions_of_school(app, school) == before


def test_back_to_the_platforms_version(app, make, district):
    edit_mentee_end(district, app)
    district.post("/district/published/questionnaires/mentee_end/restore")
    school = make.school("later")
    assert questions_of_school(app, school) == [q.text for q in MENTEE_END.questions]


def test_a_choice_with_one_option_is_refused_next_to_the_field_and_nothing_saved(
    app, district, snapshot
):
    district.post("/district/published/questionnaires/mentee_end/take")
    before = snapshot()
    response = district.post(
        "/district/published/questionnaires/mentee_end/questions/new",
        data=question("Вопрос с одним вариантом", "single", options="Да"),
    )
    assert response.status_code == 200
    error = error_next_to(response.get_data(as_text=True), "options")
    assert error == "Укажите не меньше двух вариантов ответа, по одному в строке."
    assert snapshot() == before


def test_an_unknown_questionnaire_is_not_found(district):
    assert district.get("/district/published/questionnaires/nothing").status_code == 404
    assert district.post("/district/published/questionnaires/nothing/take").status_code == 404
