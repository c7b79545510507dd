"""Journey: the methodologist reads the district's overview of the year on a wide screen and on
a phone, sorts the schools by the coverage of young teachers, chooses last year, and opens the
roadmap matrix — each screen in Russian and never wider than the screen."""

import re

from playwright.sync_api import expect

from nastavnik.dates import AcademicYear, today

THIS = AcademicYear.containing(today())


def test_methodologist_sorts_the_schools_and_opens_the_roadmap_matrix(page, ui):
    ui.login(None, "methodist")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Школы района за {THIS.label} учебный год"
    )
    wide = page.get_by_test_id("sort-covered").is_visible()
    if wide:
        expect(page.get_by_test_id("sort-form")).to_be_hidden()
        ui.click(page.get_by_test_id("sort-covered").get_by_role("link"))
        ui.click(page.get_by_test_id("sort-covered").get_by_role("link"))  # the other way
        expect(page.get_by_test_id("sort-covered")).to_have_attribute("aria-sort", "ascending")
    else:
        # A phone: the same table, a card per school (each figure labelled), sorted by a form.
        expect(page.get_by_test_id("district-total")).to_contain_text("Итого по району")
        expect(
            page.get_by_test_id("district-total").locator('td[data-col="covered"]')
        ).to_have_attribute("data-label", "Педагоги: молодых с наставником")
        page.get_by_label("Упорядочить по").select_option(label="Педагоги: молодых с наставником")
        page.get_by_label("Порядок").select_option(label="по возрастанию")
        ui.submit("Упорядочить")
    assert re.search(r"sort=covered&dir=asc", page.url)
    expect(page.get_by_test_id("chart-coverage").locator("svg")).to_be_visible()

    # Last year, sorted the same way.
    page.get_by_label("Учебный год", exact=True).select_option(label=THIS.previous.label)
    ui.submit("Показать")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Школы района за {THIS.previous.label} учебный год"
    )
    assert "sort=covered" in page.url

    ui.follow("Дорожные карты", exact=True)  # the menu: this year
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Дорожные карты школ за {THIS.label} учебный год"
    )
    matrix = page.get_by_test_id("roadmap-matrix" if wide else "roadmap-cards")
    expect(matrix).to_be_visible()
    expect(matrix.get_by_role("link", name="МБОУ «Илсхан-Юртовская ОШ»")).to_have_attribute(
        "href", f"/district/schools/ilskhan-yurt/roadmap?year={THIS.start_year}"
    )
