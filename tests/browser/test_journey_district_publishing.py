"""Journey: the methodologist goes through «Публикации для школ» — the roadmap template of the
year, the normative base, the questionnaires and one of them — on a wide screen and on a phone:
each screen in Russian, never wider than the screen, and with no style the browser refuses
(an inline style breaks the Content Security Policy and leaves a long title unshrunk)."""

from playwright.sync_api import expect

from nastavnik.dates import AcademicYear, today

THIS = AcademicYear.containing(today())


def test_methodologist_reads_every_section_of_the_publishing(page, ui):
    ui.login(None, "methodist")

    ui.follow("Публикации для школ", exact=True)
    ui.follow("Шаблоны дорожной карты", exact=True)
    ui.goto(f"/district/published/roadmaps/{THIS.start_year}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Шаблон дорожной карты на {THIS.label} учебный год"
    )
    ui.goto("/district/published/documents/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Нормативная база")
    ui.goto("/district/published/questionnaires/")
    ui.follow("Анкета наставляемого по итогам программы наставничества", exact=True)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Анкета наставляемого по итогам программы наставничества"
    )
