"""The demo district: schools of real villages, the same demo accounts in each."""

import pytest

from nastavnik.admin.demo import data


@pytest.fixture
def seeded(app):
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    return result


def test_demo_has_at_least_eight_schools_each_with_the_demo_accounts(seeded, query):
    schools = query("SELECT id, slug FROM school")
    assert len(schools) >= 8
    for school_id, _ in schools:
        logins = {
            row[0] for row in query(f"SELECT login FROM account WHERE school_id = {school_id}")
        }
        assert {"director", "curator", "mentor1", "mentor2", "mentee1", "mentee2"} <= logins
    district = {row[0] for row in query("SELECT login FROM account WHERE school_id IS NULL")}
    assert district == {"district", "methodist"}


def test_a_second_run_changes_nothing(app, seeded, query):
    before = query("SELECT id, login, password_hash FROM account ORDER BY id")
    again = app.test_cli_runner().invoke(args=["seed-demo"])
    assert "ничего не изменено" in again.output
    assert query("SELECT id, login, password_hash FROM account ORDER BY id") == before


def test_demo_accounts_log_in_with_the_demo_password(seeded, client):
    slug = data.SCHOOLS[0][0]
    response = client.post(
        f"/s/{slug}/login", data={"login": "curator", "password": data.DEMO_PASSWORD}
    )
    assert response.status_code == 302
    response = client.post(
        "/district/login", data={"login": "methodist", "password": data.DEMO_PASSWORD}
    )
    assert response.headers["Location"] == "/district/"


def test_curator_of_one_demo_school_cannot_reach_another(seeded, client):
    first, second = data.SCHOOLS[0][0], data.SCHOOLS[1][0]
    client.post(f"/s/{first}/login", data={"login": "curator", "password": data.DEMO_PASSWORD})
    assert client.get(f"/s/{first}/").status_code == 200
    response = client.get(f"/s/{second}/")
    assert response.headers["Location"].startswith(f"/s/{second}/login")
