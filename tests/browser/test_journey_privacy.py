"""Journey: a teacher asks for the data the school holds about her, and then for their erasure.
The director downloads them from the teacher's card, erases them on the verified request, and
downloads the act to sign; the card then shows «Педагог № N». On a desktop and on a phone."""

import io
import json
import re
from pathlib import Path

from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from nastavnik.dates import today

from .conftest import SCREENSHOTS

SLUG = "ilskhan-yurt"


def test_the_director_answers_a_request_for_data_and_erases_them(page, ui, live_server, viewport):
    pair = live_server.prepare_pair(SLUG, upto="program", accounts=True)
    mentee = pair.mentee
    ui.login(SLUG, "director")
    ui.goto(f"/s/{SLUG}/staff/{mentee.staff_id}")
    page.screenshot(path=SCREENSHOTS / f"privacy-card-{viewport}.png", full_page=True)

    book = load_workbook(io.BytesIO(ui.download("Данные педагога (.xlsx)")))
    card = [row for row in book["Карточка педагога"].iter_rows(values_only=True)]
    assert ("ФИО", mentee.name) in card
    assert pair.program_title in str(list(book["Программы"].iter_rows(values_only=True)))
    body = json.loads(ui.download("Данные педагога (.json)").decode("utf-8"))
    assert body["Карточка педагога"][0]["ФИО"] == mentee.name

    ui.click(page.get_by_role("link", name="Обезличить"))
    page.screenshot(path=SCREENSHOTS / f"privacy-erase-{viewport}.png", full_page=True)
    page.get_by_label("Основание").select_option("request")
    page.get_by_label("Дата запроса педагога").fill(today().isoformat())
    page.get_by_label("Номер запроса").fill(f"вх-{pair.number}")
    ui.shown_as_typed(f"вх-{pair.number}")
    page.get_by_label(re.compile("^Понимаю")).check()
    ui.submit("Обезличить персональные данные")
    flash = page.locator(".alert-success")
    expect(flash).to_contain_text("Персональные данные обезличены")
    alias = re.search(r"Педагог № \d+", flash.inner_text()).group(0)
    page.screenshot(path=SCREENSHOTS / f"privacy-index-{viewport}.png", full_page=True)

    row = page.get_by_test_id("privacy-people").locator("tr", has_text=alias)
    act = Document(io.BytesIO(ui_download_in(page, row, "акт (.docx)")))
    text = "\n".join(p.text for p in act.paragraphs)
    assert f"«{alias}»" in text and f"вх-{pair.number}" in text
    assert mentee.name.split()[0] not in text

    ui.goto(f"/s/{SLUG}/staff/{mentee.staff_id}")
    expect(page.get_by_test_id("staff-name")).to_have_text(alias)
    expect(page.get_by_test_id("erased")).to_be_visible()
    assert mentee.name.split()[0] not in page.inner_text("body")
    ui.logout()


def ui_download_in(page, scope, link: str) -> bytes:
    """The file a link within `scope` gives (a row of a table of many such links)."""
    with page.expect_download() as started:
        scope.get_by_role("link", name=link).click()
    return Path(started.value.path()).read_bytes()
