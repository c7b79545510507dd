"""Journey 5: staff of school A try school B's addresses and never see B's data."""

import re

from playwright.sync_api import expect

from nastavnik.admin.demo.data import SCHOOLS

A, B = "mairtup-1", "ilskhan-yurt"
B_NAME = next(short for slug, short, *_ in SCHOOLS if slug == B)
B_DIRECTOR = next(row[5] for row in SCHOOLS if row[0] == B)


def b_only_names(live_server) -> set[str]:
    """The people of school B (a name A also happens to have is A's own to show)."""
    a_names = {name for _id, name in live_server.accounts(A).values()}
    names = {name for _id, name in live_server.accounts(B).values()} - a_names
    assert B_DIRECTOR in names
    return names


def shows_nothing_of_b(page, names: set[str]) -> None:
    text = page.inner_text("body")
    assert not [name for name in names if name in text]


def is_b_login_page(page) -> None:
    expect(page).to_have_url(re.compile(rf"/s/{B}/login(\?next=.*)?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Вход: {B_NAME}")
    expect(page.get_by_test_id("current-user")).to_have_count(0)


def test_curator_of_one_school_gets_the_other_schools_login_page(page, ui, live_server):
    names = b_only_names(live_server)
    b_director_id = live_server.accounts(B)["director"][0]
    ui.login(A, "curator")
    expect(page).to_have_url(re.compile(rf"/s/{A}/$"))

    for path in (f"/s/{B}/", f"/s/{B}/accounts/", f"/s/{B}/accounts/{b_director_id}/edit"):
        ui.goto(path)
        is_b_login_page(page)
        shows_nothing_of_b(page, names)

    # School A's own address with B's id: the curator may not manage accounts at all.
    response = ui.goto(f"/s/{A}/accounts/{b_director_id}/edit")
    assert response.status in (403, 404)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("Доступ запрещён|Страница не найдена")
    )
    shows_nothing_of_b(page, names)

    # A's session is untouched by the tries.
    ui.goto(f"/s/{A}/")
    expect(page).to_have_url(re.compile(rf"/s/{A}/$"))


def test_director_of_one_school_gets_404_for_the_other_schools_accounts(page, ui, live_server):
    names = b_only_names(live_server)
    b_ids = [ident for ident, _name in live_server.accounts(B).values()]
    a_curator_id = live_server.accounts(A)["curator"][0]
    ui.login(A, "director")

    # The same address with A's own id opens the form: the 404 below is the school's wall.
    ui.goto(f"/s/{A}/accounts/{a_curator_id}/edit")
    expect(page.get_by_label("ФИО")).to_be_visible()

    for b_id in b_ids[:3]:
        response = ui.goto(f"/s/{A}/accounts/{b_id}/edit")
        assert response.status == 404
        expect(page.get_by_role("heading", level=1)).to_have_text("Страница не найдена")
        shows_nothing_of_b(page, names)

    ui.goto(f"/s/{B}/accounts/{b_ids[0]}/edit")
    is_b_login_page(page)
    shows_nothing_of_b(page, names)
