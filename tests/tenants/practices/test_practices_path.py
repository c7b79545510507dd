"""The path of a best practice: draft → published → submitted → shared or returned; withdrawn.

Every step goes through one service and is recorded with who and when; a refused step changes
nothing at all.
"""

import io

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage

from nastavnik.tenants.practices.models import Practice, PracticeStep

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def pdf(name="отчёт.pdf", data=PDF):
    return FileStorage(io.BytesIO(data), name)


def status_of(query, practice_id):
    return query(sa.select(Practice.status).where(Practice.id == practice_id))[0][0]


def steps_of(query, practice_id):
    return query(
        sa.select(PracticeStep.to_status, PracticeStep.actor, PracticeStep.comment)
        .where(PracticeStep.practice_id == practice_id)
        .order_by(PracticeStep.id)
    )


@pytest.fixture
def methodist(app, make):
    make.account(None, "methodist", roles=["methodologist"], full_name="Методист Района")
    client = app.test_client()
    client.post("/district/login", data={"login": "methodist", "password": make.PASSWORD})
    return client


def test_a_practice_without_title_or_year_says_which_is_missing(client, curator, school, query):
    page = client.post(
        "/s/s1/practices/new", data={"title": " ", "year": "", "program": "0"}
    ).get_data(as_text=True)
    assert "Укажите название практики." in page
    assert "Укажите учебный год: первый его год, например 2024." in page
    assert "Обязательное поле." not in page
    assert query(sa.select(sa.func.count(Practice.id))) == [(0,)]


def test_curator_writes_a_draft_with_a_file_and_takes_it_to_the_district(
    client, curator, school, query
):
    response = client.post(
        "/s/s1/practices/new",
        data={
            "title": "Наставник на уроке молодого педагога",
            "summary": "Как посещать уроки и разбирать их вместе",
            "body": "Наставнику стоит **заранее** договориться о цели посещения.",
            "forms": ["traditional"],
            "areas": ["methods"],
            "year": "2024",
            "program": "0",
            "files": [pdf()],
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    practice_id = int(response.location.rstrip("/").split("/")[-1])
    assert status_of(query, practice_id) == "draft"
    page = client.get(f"/s/s1/practices/{practice_id}").get_data(as_text=True)
    assert "отчёт.pdf" in page and "<strong>заранее</strong>" in page

    for step, status in (("publish", "published"), ("submit", "submitted")):
        client.post(f"/s/s1/practices/{practice_id}/step", data={"step": step})
        assert status_of(query, practice_id) == status
    assert [(s[0], s[1]) for s in steps_of(query, practice_id)] == [
        ("draft", curator.full_name),
        ("published", curator.full_name),
        ("submitted", curator.full_name),
    ]
    # Under review the text is as it was sent: no editing.
    page = client.get(f"/s/s1/practices/{practice_id}").get_data(as_text=True)
    assert "на рассмотрении в районе" in page


def test_methodologist_shares_a_submitted_practice_and_it_stays_its_schools(
    make, school, methodist, query, client
):
    practice = make.practice(school, "submitted", title="Школа молодого педагога")
    page = methodist.get("/district/practices/").get_data(as_text=True)
    assert "Школа молодого педагога" in page and school.short_name in page
    response = methodist.post(f"/district/practices/{practice.id}/step", data={"step": "share"})
    assert response.status_code == 303
    assert status_of(query, practice.id) == "shared"
    assert steps_of(query, practice.id)[-1][:2] == ("shared", "Методист района")
    public = client.get(f"/practices/{practice.id}").get_data(as_text=True)
    assert "Школа молодого педагога" in public and school.short_name in public


def test_methodologist_returns_with_a_comment_and_the_school_submits_again(
    make, school, methodist, query, client, curator
):
    practice = make.practice(school, "submitted")
    methodist.post(
        f"/district/practices/{practice.id}/step",
        data={"step": "return", "comment": "Добавьте результаты анкетирования"},
    )
    assert status_of(query, practice.id) == "returned"
    page = client.get(f"/s/s1/practices/{practice.id}").get_data(as_text=True)
    assert "Добавьте результаты анкетирования" in page
    client.post(
        f"/s/s1/practices/{practice.id}/edit",
        data={"title": "Исправлено", "summary": "кратко", "body": "текст", "year": "2024"},
    )
    client.post(f"/s/s1/practices/{practice.id}/step", data={"step": "submit"})
    assert status_of(query, practice.id) == "submitted"
    assert [s[0] for s in steps_of(query, practice.id)][-2:] == ["returned", "submitted"]


def test_a_shared_practice_can_be_withdrawn_by_the_school_or_the_district(
    make, school, methodist, query, client, curator
):
    first = make.practice(school, "shared")
    second = make.practice(school, "shared")
    client.post(f"/s/s1/practices/{first.id}/step", data={"step": "withdraw"})
    methodist.post(f"/district/practices/{second.id}/step", data={"step": "withdraw"})
    assert status_of(query, first.id) == status_of(query, second.id) == "withdrawn"
    assert client.get(f"/practices/{first.id}").status_code == 404
    assert steps_of(query, second.id)[-1][:2] == ("withdrawn", "Методист района")


@pytest.mark.parametrize(
    ("status", "step", "who", "message"),
    [
        ("draft", "submit", "school", "недоступно"),
        ("draft", "share", "school", "только методист района"),
        ("shared", "share", "district", "недоступно"),
        ("shared", "publish", "district", "выполняет школа"),
        ("submitted", "publish", "school", "недоступно"),
        ("submitted", "return", "district", "Напишите, что школе доработать"),
        ("shared", "submit", "school", "недоступно"),
        ("withdrawn", "withdraw", "school", "недоступно"),
        ("draft", "teleport", "school", "Неизвестное действие"),
    ],
)
def test_a_step_out_of_turn_is_refused_and_changes_nothing(
    make, school, methodist, client, curator, snapshot, status, step, who, message
):
    practice = make.practice(school, status)
    before = snapshot()
    if who == "school":
        response = client.post(
            f"/s/s1/practices/{practice.id}/step", data={"step": step}, follow_redirects=True
        )
    else:
        response = methodist.post(
            f"/district/practices/{practice.id}/step", data={"step": step}, follow_redirects=True
        )
    assert message in response.get_data(as_text=True)
    assert snapshot() == before


def test_editing_a_practice_under_review_is_refused_and_changes_nothing(
    make, school, client, curator, snapshot
):
    practice = make.practice(school, "submitted")
    before = snapshot()
    response = client.post(
        f"/s/s1/practices/{practice.id}/edit",
        data={"title": "Подменённое", "year": "2024", "files": [pdf()]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "на рассмотрении в районе" in response.get_data(as_text=True)
    assert snapshot() == before
