"""The district's news: schools see the latest on their home page and all of them in their
public section, from the news' date on; the text is Markdown, rendered safely."""

from datetime import date, timedelta

import pytest

from nastavnik.dates import AcademicYear, format_date, today

from .conftest import error_next_to

HOSTILE = (
    "Семинар **наставников**.\n\n<script>alert('район')</script>\n\n"
    "[ссылка](javascript:alert(1)) <img src=x onerror=alert(2)>"
)


@pytest.fixture
def curator_client(app, make, school):
    make.account(school, "curator", roles=["curator"])
    client = app.test_client()
    client.post("/s/s1/login", data={"login": "curator", "password": make.PASSWORD})
    return client


def post_news(district, title, on, body="Текст новости."):
    response = district.post(
        "/district/published/news/new",
        data={"title": title, "published_on": on.isoformat(), "body": body},
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    return response


def test_schools_see_the_news_on_their_home_and_in_their_public_section(
    app, district, curator_client
):
    post_news(district, "Районный семинар наставников", date(2023, 8, 30))
    home = curator_client.get("/s/s1/").get_data(as_text=True)
    news = home.split('data-testid="home-district-news"')[1]
    assert "Районный семинар наставников" in news and "30 августа 2023 г." in news
    for url in ("/s/s1/public/", "/s/s1/public/news"):
        page = app.test_client().get(url).get_data(as_text=True)
        assert "Районный семинар наставников" in page, url


def test_the_home_page_shows_the_three_latest(district, curator_client):
    for n in range(1, 5):
        post_news(district, f"Новость номер {n}", date(2026, 9, n))
    news = curator_client.get("/s/s1/").get_data(as_text=True).split("home-district-news")[1]
    assert "Новость номер 1" not in news
    assert (
        news.index("Новость номер 4")
        < news.index("Новость номер 3")
        < news.index("Новость номер 2")
    )


def test_a_news_item_dated_ahead_reaches_schools_on_its_day(district, curator_client):
    post_news(district, "Анонс на будущее", today() + timedelta(days=5))
    assert "Анонс на будущее" not in curator_client.get("/s/s1/").get_data(as_text=True)
    page = district.get("/district/published/news/").get_data(as_text=True)
    assert "Анонс на будущее" in page and "школы увидят с этого дня" in page


def test_a_script_in_the_news_never_reaches_a_page(app, district, curator_client, query):
    post_news(district, "Новость со сценарием", date(2026, 9, 1), HOSTILE)
    (news_id,) = query("SELECT id FROM district_news")[0]
    pages = {
        "район: список": district.get("/district/published/news/"),
        "район: правка": district.get(f"/district/published/news/{news_id}"),
        "школа: главная": curator_client.get("/s/s1/"),
        "открытый раздел": app.test_client().get("/s/s1/public/"),
        "новости раздела": app.test_client().get("/s/s1/public/news"),
    }
    for where, response in pages.items():
        page = response.get_data(as_text=True)
        rendered = page.split("Новость со сценарием", 1)[1]
        assert "<strong>наставников</strong>" in rendered, where
        assert "<script>alert(" not in page, where
        assert 'href="javascript:' not in page, where  # shown as text, never a link
        assert "<img" not in page, where


def test_a_news_item_without_a_title_or_with_a_date_out_of_range_is_refused_and_nothing_saved(
    district, snapshot
):
    before = snapshot()
    page = district.post(
        "/district/published/news/new",
        data={"title": "", "published_on": "2026-09-01", "body": "Текст"},
    ).get_data(as_text=True)
    assert error_next_to(page, "title") == "Укажите заголовок."
    page = district.post(
        "/district/published/news/new",
        data={"title": "Новость", "published_on": "9999-12-31", "body": "Текст"},
    ).get_data(as_text=True)
    assert "Укажите дату между 1900 и 2099 годом." in error_next_to(page, "published_on")
    last = AcademicYear(AcademicYear.containing(today()).start_year + 1).end
    for slip in ("1900-01-01", "2015-08-31", (last + timedelta(days=1)).isoformat()):
        page = district.post(
            "/district/published/news/new",
            data={"title": "Новость", "published_on": slip, "body": "Текст"},
        ).get_data(as_text=True)
        assert error_next_to(page, "published_on") == (
            f"Дата новости — с 1 сентября 2015 г. по {format_date(last)}"
        ), slip
    assert snapshot() == before


def test_the_district_edits_and_deletes_a_news_item(district, query):
    post_news(district, "Черновой заголовок", date(2026, 9, 1))
    (news_id,) = query("SELECT id FROM district_news")[0]
    district.post(
        f"/district/published/news/{news_id}",
        data={"title": "Исправленный заголовок", "published_on": "2026-09-02", "body": "Текст"},
    )
    assert query("SELECT title, published_on FROM district_news")[0][0] == (
        "Исправленный заголовок"
    )
    district.post(f"/district/published/news/{news_id}/delete")
    assert query("SELECT id FROM district_news") == []
