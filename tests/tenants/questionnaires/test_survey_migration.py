"""Migration 0003: the mentor bank's three free-text survey fields become answers to the
survey of potential mentors, with the person (a named questionnaire)."""

import sqlalchemy as sa
from flask_migrate import upgrade

from nastavnik.extensions import db
from nastavnik.tenancy import unscoped
from tests.platform.test_migrations import empty_database


def test_the_banks_survey_fields_become_answers_of_the_survey(tmp_path):
    from nastavnik.app import create_app

    with empty_database(tmp_path) as url:
        app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context(), unscoped("тесты: данные до миграции 0003"):
            upgrade(revision="0002")
            with db.engine.begin() as conn:
                conn.execute(
                    sa.text("INSERT INTO district (id, name, short_name) VALUES (1, 'Р', 'Р')")
                )
                conn.execute(
                    sa.text(
                        "INSERT INTO school (id, district_id, slug, name_ru, name_ce, "
                        "short_name, settlement, kind, director_name, active, created_at) "
                        "VALUES (1, 1, 's1', 'Школа', 'Школа', 'Школа', 'с.', 'basic', 'Д', "
                        "true, '2025-09-01 08:00:00')"
                    )
                )
                conn.execute(
                    sa.text(
                        "INSERT INTO staff (id, school_id, last_name, first_name, middle_name, "
                        "position, subjects, category, phone, email, data_hidden) VALUES "
                        "(5, 1, 'Асхабов', 'Ахмед', '', 'учитель', '', 'none', '', '', false)"
                    )
                )
                conn.execute(
                    sa.text(
                        "INSERT INTO mentor_entry (id, school_id, staff_id, competences, "
                        "capacity, preferred_forms, digital_strong, survey_motivation, "
                        "survey_experience, survey_expectations, status, added_on) VALUES "
                        "(7, 1, 5, 'methods', 1, '', false, 'Хочу помочь', '', 'Рост коллег', "
                        "'active', '2025-09-02')"
                    )
                )
            upgrade()
            with db.engine.connect() as conn:
                rows = conn.execute(
                    sa.text(
                        "SELECT q.origin, r.staff_id, qq.position, a.text "
                        "FROM questionnaire_answer a "
                        "JOIN questionnaire_response r ON r.id = a.response_id "
                        "JOIN questionnaire q ON q.id = r.questionnaire_id "
                        "JOIN questionnaire_question qq ON qq.id = a.question_id "
                        "ORDER BY qq.position"
                    )
                ).all()
                assigned = conn.execute(
                    sa.text("SELECT staff_id, status FROM questionnaire_assignment")
                ).all()
            db.engine.dispose()
    assert [tuple(r) for r in rows] == [
        ("potential_mentor", 5, 1, "Хочу помочь"),
        ("potential_mentor", 5, 8, "Рост коллег"),
    ]
    assert [tuple(a) for a in assigned] == [(5, "submitted")]
