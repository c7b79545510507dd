"""Deleting asks once more: every button that deletes a record is the `delete_button` of
_form.html («Удалить…» opens what will be lost and «Да, удалить»), so a click by mistake
deletes nothing. The journey is in tests/browser/test_journey_public.py."""

import re
from pathlib import Path

from flask import render_template_string

ROOT = Path(__file__).resolve().parents[2]


def test_no_template_deletes_at_the_first_click():
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("platform", "tenants", "admin")
        for path in (ROOT / folder).rglob("*.html")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        # A plan's row removed inside the form being edited is not a record deleted.
        if re.search(r"<button[^>]*>\s*Удалить", line) and 'value="remove-' not in line
    ]
    assert found == []


def test_the_confirmation_holds_the_form_and_says_what_will_be_lost(app):
    with app.test_request_context():
        html = render_template_string(
            '{% from "_form.html" import delete_button %}'
            '{{ delete_button("/s/x/news/1/delete", "", "Удалить новость",'
            ' "Школы её не увидят.") }}'
        )
    summary = re.search(r"<summary[^>]*>([^<]*)</summary>", html).group(1)
    form = re.search(r'<form method="post" action="([^"]+)".*?</form>', html, re.S)
    assert summary == "Удалить новость"
    assert form.group(1) == "/s/x/news/1/delete"
    assert "Школы её не увидят." in form.group(0) and "Да, удалить" in form.group(0)
    assert html.index("<details") < html.index("<form") < html.index("</details>")
