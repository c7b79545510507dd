"""Journey: a best practice from one school reaches another.

A curator writes a practice with a file and sends it to the district; the methodologist shares
it with all schools; a curator of another school finds it by a word in another grammatical form
and downloads the file. On a desktop and on a phone.
"""

from playwright.sync_api import expect

FIRST, SECOND = "ilskhan-yurt", "mairtup-1"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_a_practice_goes_from_one_school_to_every_school(page, ui, live_server, serial):
    _number, tag = serial()
    title = f"Рефлексия после урока {tag}"
    filename = f"Памятка наставнику {tag}.pdf"

    # The curator of the first school writes the practice and sends it to the district.
    ui.login(FIRST, "curator")
    ui.follow("Лучшие практики")
    ui.follow("Новая практика")
    page.get_by_label("Название").fill(title)
    page.get_by_label("Краткое описание").fill("Короткий разбор урока вместе с наставником.")
    page.get_by_label("Текст практики", exact=False).fill(
        "Наставляемый ведёт **дневник рефлексии**, наставник читает его раз в неделю."
    )
    page.get_by_label("Традиционная форма наставничества", exact=False).check()
    page.get_by_label("Методика преподавания").check()
    page.get_by_label("Файлы", exact=False).set_input_files(
        {"name": filename, "mimeType": "application/pdf", "buffer": PDF}
    )
    ui.submit("Сохранить")
    expect(page.get_by_test_id("status")).to_have_text("Черновик")
    expect(page.get_by_test_id("body").locator("strong")).to_have_text("дневник рефлексии")
    ui.submit("Опубликовать в школе")
    ui.submit("Направить в район")
    expect(page.get_by_test_id("status")).to_have_text("Направлена в район")
    ui.logout()

    # The methodologist shares it with all schools.
    ui.login(None, "methodist")
    ui.follow("Лучшие практики")
    ui.follow(title)
    expect(page.get_by_test_id("authors")).to_have_text("—")
    ui.submit("Поделиться со всеми школами")
    expect(page.get_by_test_id("shared")).to_contain_text(title)
    ui.logout()

    # A curator of another school finds it by another form of a word, and takes the file.
    ui.login(SECOND, "curator")
    ui.follow("Лучшие практики")
    ui.follow("Библиотека района")
    page.get_by_label("Слова для поиска").fill("рефлексией")
    ui.submit("Найти")
    cards = page.get_by_test_id("practice-card")
    expect(cards.filter(has_text=title)).to_have_count(1)
    ui.follow(title)
    expect(page.get_by_test_id("practice-meta")).to_contain_text("МБОУ «Илсхан-Юртовская ОШ»")
    assert ui.download(filename) == PDF


def test_the_library_and_a_practice_read_without_logging_in(page, ui):
    ui.goto("/")
    ui.follow("Лучшие практики наставничества школ района")
    expect(page.get_by_test_id("practice-card").first).to_be_visible()
    page.get_by_label("Слова для поиска").fill("наставнику")
    ui.submit("Найти")
    ui.follow("Наставник на уроке молодого педагога: посещение и разбор")
    expect(page.get_by_test_id("files")).to_contain_text(".docx")
    page.screenshot(path=f"test-output/browser/practice-{page.viewport_size['width']}.png")
