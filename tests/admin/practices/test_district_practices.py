"""The methodologist's review at /district/practices: submitted and shared practices only, the
district's steps only, and no personal data beyond the authors' published names."""

import re

import pytest


@pytest.fixture
def methodist(app, make):
    make.account(None, "methodist", roles=["methodologist"], full_name="Методист Района")
    client = app.test_client()
    client.post("/district/login", data={"login": "methodist", "password": make.PASSWORD})
    return client


def test_the_review_page_lists_what_is_submitted_and_what_is_shared(make, school, methodist):
    make.practice(school, "submitted", title="Ждёт решения")
    make.practice(school, "shared", title="Уже у всех")
    page = methodist.get("/district/practices/").get_data(as_text=True)
    submitted = page.split('data-testid="submitted"')[1].split('data-testid="shared"')[0]
    assert "Ждёт решения" in submitted and "Уже у всех" not in submitted
    assert "Уже у всех" in page.split('data-testid="shared"')[1]
    show = methodist.get("/district/practices/").get_data(as_text=True)
    assert "Поделиться со всеми школами" not in show  # the buttons are on the practice's page


def test_the_practice_page_offers_share_and_return_with_a_comment(make, school, methodist):
    practice = make.practice(school, "submitted")
    page = methodist.get(f"/district/practices/{practice.id}").get_data(as_text=True)
    assert "Поделиться со всеми школами" in page and "Вернуть с комментарием" in page


def test_district_sees_only_submitted_and_shared_practices(make, school, methodist):
    draft = make.practice(school, "draft", title="Черновик школы")
    returned = make.practice(school, "returned", title="Возвращённая школе")
    page = methodist.get("/district/practices/").get_data(as_text=True)
    assert "Черновик школы" not in page and "Возвращённая школе" not in page
    assert methodist.get(f"/district/practices/{draft.id}").status_code == 404
    response = methodist.post(f"/district/practices/{returned.id}/step", data={"step": "share"})
    assert response.status_code == 404


def test_the_named_authors_come_before_the_unnamed_ones_counted_once(make, school, methodist):
    silent = [make.consenting_staff(school, last_name=n) for n in ("Молчанова", "Тихонова")]
    author = make.consenting_staff(school, last_name="Согласнова", first_name="Марьям")
    make.consent(school, author, kind="publication")
    # The unnamed authors were added first: the name still leads, and they are counted.
    practice = make.practice(school, "submitted", authors=[*silent, author])
    alone = make.practice(school, "submitted", title="Без имён", authors=silent)
    page = methodist.get(f"/district/practices/{practice.id}").get_data(as_text=True)
    assert re.search(r"Согласнова Марьям \S+, ещё 2 автора — педагоги школы", page)
    listing = methodist.get("/district/practices/").get_data(as_text=True)
    assert "Согласнова Марьям" in listing and "автор — педагог школы, Согласнова" not in listing
    page = methodist.get(f"/district/practices/{alone.id}").get_data(as_text=True)
    assert "2 автора — педагоги школы" in page and "ещё" not in page
    assert "автор — педагог школы, автор — педагог школы" not in page


def test_only_the_methodologist_reviews(app, make, school):
    practice = make.practice(school, "submitted")
    make.account(None, "district", roles=["district_admin"])
    admin = app.test_client()
    admin.post("/district/login", data={"login": "district", "password": make.PASSWORD})
    assert admin.get("/district/practices/").status_code == 403
    response = admin.post(f"/district/practices/{practice.id}/step", data={"step": "share"})
    assert response.status_code == 403


def test_the_methodologist_sees_no_personal_data(make, school, methodist):
    author = make.consenting_staff(
        school, last_name="Согласнова", phone="+7 928 000-11-22", email="teacher@school.ru"
    )
    make.consent(school, author, kind="publication")
    silent = make.consenting_staff(school, last_name="Молчанова")
    practice = make.practice(school, "submitted", authors=[author, silent])
    page = methodist.get(f"/district/practices/{practice.id}").get_data(as_text=True)
    assert "Согласнова" in page and "автор — педагог школы" in page
    for secret in ("Молчанова", "928", "teacher@school.ru", "Марьям Исаевна Молчанова"):
        assert secret not in page
