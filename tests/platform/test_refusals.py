"""A refused action changes nothing: `attempt()` undoes it, and the request's edge saves
nothing of a refusal that no `attempt()` undid — whether the view caught it or let it escape."""

import pytest
from flask import request

from nastavnik.extensions import db
from nastavnik.models import District
from nastavnik.refusals import Refusal, attempt
from nastavnik.schools import ensure_district

from ..conftest import make_app

# A second app on the same database, committing for real: the database is reset after each test.
pytestmark = pytest.mark.committed


def _rename(name: str) -> District:
    district = ensure_district()
    district.name = name
    db.session.flush()
    return district


def _rename_then_refuse(name: str) -> None:
    _rename(name)
    raise Refusal("Название не подходит.", "name")


@pytest.fixture
def refusing_app(app):
    """The test app with a few routes that change a row, then (maybe) are refused."""
    other = make_app()

    @other.post("/t/attempt")
    def with_attempt():
        with attempt() as outcome:
            _rename_then_refuse(request.form["name"])
        return f"refused={outcome.refused}; {outcome.message}; {outcome.refusal.field}"

    @other.post("/t/caught")
    def caught_by_hand():
        try:
            _rename_then_refuse(request.form["name"])
        except Refusal as refusal:
            return f"отказ: {refusal}"
        return "ok"

    @other.post("/t/escaped")
    def escaped():
        _rename_then_refuse(request.form["name"])
        return "ok"

    @other.post("/t/kept")
    def kept_then_refused_elsewhere():
        _rename(request.form["name"])
        with attempt() as outcome:
            raise Refusal("Второе действие отклонено.")
        return f"refused={outcome.refused}"

    with other.app_context():
        ensure_district()
        db.session.commit()
    yield other
    with other.app_context():
        db.engine.dispose()


def district_name(refusing_app) -> str:
    with refusing_app.app_context():
        return ensure_district().name


def test_attempt_rolls_back_the_refused_action_and_reports_it(refusing_app):
    before = district_name(refusing_app)
    response = refusing_app.test_client().post("/t/attempt", data={"name": "Другое"})
    assert response.get_data(as_text=True) == "refused=True; Название не подходит.; name"
    assert district_name(refusing_app) == before


def test_a_refusal_caught_without_attempt_still_saves_nothing(refusing_app):
    before = district_name(refusing_app)
    response = refusing_app.test_client().post("/t/caught", data={"name": "Другое"})
    assert response.status_code == 200
    assert district_name(refusing_app) == before


def test_an_escaped_refusal_goes_back_with_its_message_and_saves_nothing(refusing_app):
    before = district_name(refusing_app)
    client = refusing_app.test_client()
    response = client.post(
        "/t/escaped", data={"name": "Другое"}, headers={"Referer": "http://localhost/district/"}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "http://localhost/district/"
    assert district_name(refusing_app) == before
    with client.session_transaction() as session:
        assert ("warning", "Название не подходит.") in session["_flashes"]


def test_an_escaped_refusal_without_a_page_to_return_to_is_a_page_of_its_own(refusing_app):
    response = refusing_app.test_client().post(
        "/t/escaped", data={"name": "Другое"}, headers={"Referer": "https://evil.example/"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Действие отклонено" in page and "Название не подходит." in page


def test_a_change_outside_the_refused_attempt_is_kept(refusing_app):
    response = refusing_app.test_client().post("/t/kept", data={"name": "Новое имя района"})
    assert response.get_data(as_text=True) == "refused=True"
    assert district_name(refusing_app) == "Новое имя района"
