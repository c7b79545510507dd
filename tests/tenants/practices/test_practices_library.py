"""The library «Лучшие практики»: shared practices of every school, for everyone and the public;
Russian search by stems on both databases, filters, order; a school's own bank; isolation."""

import re
from datetime import date

import pytest

from nastavnik.tenants.practices import library
from nastavnik.tenants.practices.search import parse


def titles(page: str) -> list[str]:
    return re.findall(
        r'data-testid="practice-card">\s*<div class="card-body">\s*<h2[^>]*><a[^>]*>([^<]+)<', page
    )


@pytest.fixture
def two_schools(make):
    a = make.school("lib-a", short_name="Школа А")
    b = make.school("lib-b", short_name="Школа Б")
    return a, b


def test_a_word_in_another_grammatical_form_finds_the_practice(client, make, two_schools):
    a, _ = two_schools
    make.practice(a, "shared", title="Роль наставника", body="Наставник посещает уроки.")
    # (the factory's summary speaks of a mentor too; the second practice's does not)
    make.practice(
        a,
        "shared",
        title="Цифровая среда",
        summary="Журнал",
        body="Электронный журнал и платформы.",
    )
    for word in ("наставнику", "наставниками", "Наставники", "уроков"):
        page = client.get("/practices/", query_string={"q": word}).get_data(as_text=True)
        assert titles(page) == ["Роль наставника"], word
    page = client.get("/practices/", query_string={"q": "платформам"}).get_data(as_text=True)
    assert titles(page) == ["Цифровая среда"]
    page = client.get("/practices/", query_string={"q": "наставник платформа"}).get_data(
        as_text=True
    )
    assert titles(page) == []  # every word must be found


def test_only_shared_practices_are_in_the_library(app, client, make, two_schools):
    a, _ = two_schools
    for status in ("draft", "published", "submitted", "returned", "withdrawn", "shared"):
        make.practice(a, status, title=f"Практика {status}", body="наставник")
    page = client.get("/practices/", query_string={"q": "наставник"}).get_data(as_text=True)
    assert titles(page) == ["Практика shared"]
    with app.app_context():
        assert [c.title for c in library.shared_practices()] == ["Практика shared"]
        found = library.shared_practices(parse("наставнику"))
    assert [c.title for c in found] == ["Практика shared"]


def test_a_schools_public_practices_are_its_published_and_shared_ones(app, make, two_schools):
    a, b = two_schools
    for status in ("draft", "published", "submitted", "returned", "withdrawn", "shared"):
        make.practice(a, status, title=f"А {status}")
    make.practice(b, "shared", title="Б shared")
    with app.app_context():
        found = sorted(c.title for c in library.public_practices_of_school(a.id))
    assert found == ["А published", "А shared", "А submitted"]


def test_filters_by_form_area_school_and_year(client, make, two_schools):
    a, b = two_schools
    make.practice(a, "shared", title="Групповая", forms=("group",), areas=("digital",), year=2023)
    make.practice(b, "shared", title="Реверсивная", forms=("reverse",), areas=("methods",))
    get = lambda **q: titles(client.get("/practices/", query_string=q).get_data(as_text=True))  # noqa: E731
    assert get(form="group") == ["Групповая"]
    assert get(area="methods") == ["Реверсивная"]
    assert get(school=b.id) == ["Реверсивная"]
    assert get(year=2023) == ["Групповая"]
    assert get(form="no-such-form") == sorted(get(), key=get().index)


def test_newest_first_and_most_viewed_first(client, make, two_schools):
    a, _ = two_schools
    old = make.practice(a, "shared", title="Старая")
    make.practice(a, "shared", title="Новая")
    assert titles(client.get("/practices/").get_data(as_text=True)) == ["Новая", "Старая"]
    for _ in range(3):
        assert client.get(f"/practices/{old.id}").status_code == 200
    page = client.get("/practices/", query_string={"order": "popular"}).get_data(as_text=True)
    assert titles(page) == ["Старая", "Новая"]
    assert "просмотров: 3" in page


def test_the_public_reads_a_shared_practice_and_its_file_without_logging_in(
    client, make, two_schools
):
    import io

    from werkzeug.datastructures import FileStorage

    a, _ = two_schools
    pdf = FileStorage(io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "методичка.pdf")
    shared = make.practice(a, "shared", title="Открытая", files=[pdf])
    pdf2 = FileStorage(io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "черновик.pdf")
    draft = make.practice(a, "draft", title="Закрытая", files=[pdf2])
    page = client.get(f"/practices/{shared.id}").get_data(as_text=True)
    assert "Открытая" in page and "методичка.pdf" in page
    download = client.get(f"/practices/{shared.id}/files/{shared.files[0].id}")
    assert download.status_code == 200 and download.headers["Content-Disposition"].startswith(
        "attachment"
    )
    assert client.get(f"/practices/{draft.id}").status_code == 404
    assert client.get(f"/practices/{draft.id}/files/{draft.files[0].id}").status_code == 404
    # A file of another practice under a public practice's address is not found.
    assert client.get(f"/practices/{shared.id}/files/{draft.files[0].id}").status_code == 404


def test_a_revoked_publication_consent_hides_the_authors_name(app, client, make, two_schools):
    a, _ = two_schools
    author = make.consenting_staff(a, last_name="Публикуемая")
    consent = make.consent(a, author, kind="publication")
    practice = make.practice(a, "shared", title="С автором", authors=[author])
    assert "Публикуемая" in client.get(f"/practices/{practice.id}").get_data(as_text=True)
    make.revoke(a, consent, on=date(2024, 10, 1))
    for url in (f"/practices/{practice.id}", "/practices/"):
        page = client.get(url).get_data(as_text=True)
        assert "Публикуемая" not in page
        assert "автор — педагог школы" in page
    with app.app_context():
        assert library.shared_practices()[0].authors == ["автор — педагог школы"]


def test_the_portal_links_to_the_library(client):
    assert 'href="/practices/"' in client.get("/").get_data(as_text=True)


def test_a_school_member_sees_published_practices_but_not_drafts(app, make, school, auth):
    make.account(school, "mentor", roles=["mentor"])
    auth.login(school, "mentor")
    published = make.practice(school, "published", title="Опубликованная")
    draft = make.practice(school, "draft", title="Черновая")
    page = auth.client.get("/s/s1/practices/").get_data(as_text=True)
    assert "Опубликованная" in page and "Черновая" not in page
    assert auth.client.get(f"/s/s1/practices/{draft.id}").status_code == 404
    assert auth.client.get(f"/s/s1/practices/{published.id}").status_code == 200
    assert auth.client.get(f"/s/s1/practices/{published.id}/edit").status_code == 403


def test_the_school_bank_shows_its_own_drafts_and_returned_practices(client, curator, make, school):
    make.practice(school, "draft", title="Мой черновик")
    make.practice(school, "returned", title="Моя возвращённая")
    page = client.get("/s/s1/practices/").get_data(as_text=True)
    assert "Мой черновик" in page and "Моя возвращённая" in page
    assert "Добавьте результаты" in page  # the methodologist's comment


@pytest.mark.parametrize("action", ["edit", "step-submit", "step-withdraw", "program"])
def test_a_school_cannot_touch_another_schools_practice(
    client, curator, make, school, snapshot, action
):
    other = make.school("other")
    theirs = make.practice(other, "published", title="Чужая")
    before = snapshot()
    if action == "edit":
        response = client.post(
            f"/s/s1/practices/{theirs.id}/edit", data={"title": "Взлом", "year": "2024"}
        )
    elif action == "program":
        response = client.post(f"/s/s1/practices/{theirs.id}/program", data={"program": "1"})
    else:
        response = client.post(
            f"/s/s1/practices/{theirs.id}/step", data={"step": action.split("-")[1]}
        )
    assert response.status_code == 404
    assert snapshot() == before
    # Under the other school's address the curator of s1 is not logged in at all.
    response = client.post(f"/s/other/practices/{theirs.id}/step", data={"step": "withdraw"})
    assert response.status_code == 302 and "/s/other/login" in response.location
    assert snapshot() == before


def test_attaching_a_program_adds_its_plan_and_results_only_once_published(
    client, curator, make, school
):
    program = make.program(school, title="Адаптация учителя химии", results="Итоги: уроки")
    make.activity(school, program, title="Открытый урок наставляемого")
    practice = make.practice(school, "draft")
    client.post(f"/s/s1/practices/{practice.id}/program", data={"program": program.id})
    page = client.get(f"/s/s1/practices/{practice.id}").get_data(as_text=True)
    assert "Адаптация учителя химии" in page and "Открытый урок наставляемого" in page
    assert "Итоги: уроки" not in page  # 8.2: not published, not attached

    published = make.program(
        school,
        title="Завершённая программа",
        status="ended",
        results="Итоги опубликованы",
        results_published=True,
    )
    client.post(f"/s/s1/practices/{practice.id}/program", data={"program": published.id})
    page = client.get(f"/s/s1/practices/{practice.id}").get_data(as_text=True)
    assert "Итоги опубликованы" in page
