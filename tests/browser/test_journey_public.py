"""Journey: a visitor with no login opens a school's public section from the portal (8.1),
sees its programs and nothing personal; the curator publishes a news item there."""

import re

from playwright.sync_api import expect

SLUG = "geldagan"
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE_RE = re.compile(r"\+?\d[\d\s()-]{8,}\d")


def test_a_visitor_opens_the_public_section_from_the_portal(page, ui, live_server):
    accounts = live_server.accounts(SLUG)
    named = accounts["mentor1"][1]  # consented to publication in the demo
    unnamed = [accounts[login][1] for login in ("mentor2", "mentee2", "psychologist")]

    ui.goto("/")
    card = page.get_by_test_id("school-list").locator(".card").filter(has_text="Гелдаганская СШ")
    ui.click(card.get_by_role("link", name="Наставничество в школе"))
    expect(page).to_have_url(re.compile(rf"/s/{SLUG}/public/$"))
    expect(page.get_by_test_id("school-name-ru")).to_contain_text("Гелдаганская СШ")
    expect(page.get_by_test_id("school-name-ce")).to_contain_text("Гелдаганан")
    expect(page.get_by_test_id("public-program").first).to_be_visible()

    for link in ("Программы", "Базы наставников и наставляемых", "Нормативная база",
                 "Новости и анонсы", "Методические рекомендации", "Лучшие практики"):  # fmt: skip
        ui.click(page.get_by_role("navigation").get_by_role("link", name=link, exact=True))
        text = page.locator("body").inner_text()
        for name in unnamed:
            assert name not in text, (link, name)
        assert not EMAIL_RE.search(text), link
        assert not PHONE_RE.search(text), link
        if link == "Программы":
            expect(page.get_by_test_id("public-program").first).to_be_visible()
            assert named in text
        if link == "Нормативная база":
            assert "273-ФЗ" in text and "131-од" in text


def _draft(page, ui, title: str, body: str) -> None:
    """The curator writes a post of the open section and keeps it as a draft."""
    ui.login(SLUG, "curator")
    ui.follow("Открытый раздел")
    ui.follow("Написать публикацию")
    page.get_by_label("Заголовок").fill(title)
    page.get_by_label("Текст").fill(body)
    if "<" in body:
        ui.shown_as_typed(body[body.index("<") :])
    ui.submit("Сохранить черновик")


def test_the_curator_publishes_news_a_visitor_then_reads(page, ui, live_server, serial):
    _, tag = serial()
    title = f"Семинар наставников {tag}"
    _draft(page, ui, title, "Приглашаем **всех** наставников. <script>alert(1)</script>")
    expect(page.get_by_test_id("post-status")).to_have_text("Черновик")
    ui.submit("Опубликовать")
    expect(page.get_by_test_id("post-status")).to_have_text("Опубликовано")
    ui.logout()

    ui.goto(f"/s/{SLUG}/public/news")
    ui.click(page.get_by_role("link", name=title))
    expect(page.get_by_test_id("public-post-body").locator("strong")).to_have_text("всех")


def test_deleting_a_post_asks_once_more_and_a_click_by_mistake_deletes_nothing(page, ui, serial):
    _, tag = serial()
    title = f"Черновик на удаление {tag}"
    _draft(page, ui, title, "Текст черновика.")
    edit_page = page.url

    # «Удалить» opens what will be lost and «Да, удалить»; nothing is sent yet.
    confirm = page.get_by_role("button", name="Да, удалить")
    expect(confirm).to_be_hidden()
    page.locator("summary", has_text="Удалить").click()  # opens in place: no page is loaded
    expect(confirm).to_be_visible()
    expect(page.get_by_test_id("delete-confirm")).to_contain_text("будет удалена")
    ui.check()
    ui.goto(edit_page)  # the post is still there
    expect(page.get_by_label("Заголовок")).to_have_value(title)

    page.locator("summary", has_text="Удалить").click()
    ui.click(confirm)
    expect(page.get_by_role("alert").first).to_contain_text("Публикация удалена.")
    expect(page.locator("main")).not_to_contain_text(title)
