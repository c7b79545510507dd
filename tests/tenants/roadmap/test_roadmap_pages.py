"""The curator makes the year's roadmap from the template, adds, edits and marks activities;
the director approves it; the working group sees it; a member of another role does not."""

import re
from datetime import date, timedelta

from nastavnik.dates import today
from nastavnik.tenants.roadmap.timing import academic_year, year_label

YEAR = academic_year()


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_the_curator_makes_this_years_roadmap_from_the_template(client, school, curator, query):
    response = client.get("/s/s1/roadmap/")
    assert "Дорожной карты на" in response.get_data(as_text=True)
    response = client.post("/s/s1/roadmap/new", data={"year": str(YEAR)})
    assert response.status_code == 302
    roadmap_id = query("SELECT id FROM roadmap")[0][0]
    assert response.location.endswith(f"/roadmap/{roadmap_id}")
    # The roadmap's address is where the menu's link now leads.
    assert client.get("/s/s1/roadmap/").location.endswith(f"/roadmap/{roadmap_id}")
    page = _page(client, f"/s/s1/roadmap/{roadmap_id}")
    assert f"Дорожная карта на {year_label(YEAR)} учебный год" in page
    for n in range(1, 8):
        assert f'data-testid="stage-{n}"' in page
    assert "Формирование банка наставляемых" in page
    assert f"до 1 сентября {YEAR} г." in page  # «Август» of the preparation stages
    assert f"до 31 августа {YEAR + 1} г." in page  # «В течение года»
    assert query("SELECT count(*) FROM roadmap_activity WHERE from_template")[0][0] == 18
    assert "Проект" in page


def test_an_activity_is_added_edited_marked_and_removed(client, school, curator, make, query):
    roadmap = make.roadmap(school, YEAR)
    response = client.post(
        f"/s/s1/roadmap/{roadmap.id}/activities/new",
        data={
            "stage": "4",
            "content": "Методический день наставников",
            "timing": "Декабрь",
            "responsible": "Руководитель МО",
            "responsible_staff_id": "0",
            "expected_result": "Обмен опытом",
        },
    )
    assert response.status_code == 302
    (activity_id, due, own), *_ = query(
        "SELECT id, due_on, from_template FROM roadmap_activity WHERE content LIKE 'Методический%'"
    )
    assert str(due) == f"{YEAR}-12-31" and not own
    page = _page(client, f"/s/s1/roadmap/{roadmap.id}")
    assert "Методический день наставников" in page and "мероприятие школы" in page

    teacher = make.staff(school, last_name="Ответственная")
    response = client.post(
        f"/s/s1/roadmap/activities/{activity_id}/edit",
        data={
            "content": "Методический день наставников",
            "timing": "Январь",
            "due_on": "",
            "responsible": "",
            "responsible_staff_id": str(teacher.id),
        },
    )
    assert response.status_code == 302
    assert str(query(f"SELECT due_on FROM roadmap_activity WHERE id = {activity_id}")[0][0]) == (
        f"{YEAR + 1}-01-31"
    )
    assert "Ответственная" in _page(client, f"/s/s1/roadmap/{roadmap.id}")

    response = client.post(
        f"/s/s1/roadmap/activities/{activity_id}/mark",
        data={
            "status": "done",
            "evidence_note": "Проведён 20 января",
            "evidence_link": f"/s/s1/roadmap/{roadmap.id}",
        },
    )
    assert response.status_code == 302
    status, note = query(
        f"SELECT status, evidence_note FROM roadmap_activity WHERE id = {activity_id}"
    )[0]
    assert (status, note) == ("done", "Проведён 20 января")

    response = client.post(f"/s/s1/roadmap/activities/{activity_id}/delete")
    assert response.status_code == 302
    assert not query(f"SELECT id FROM roadmap_activity WHERE id = {activity_id}")


def test_a_link_of_evidence_must_be_a_page_of_this_school(client, school, curator, make, query):
    roadmap = make.roadmap(school, YEAR)
    activity_id = query(f"SELECT min(id) FROM roadmap_activity WHERE roadmap_id = {roadmap.id}")
    response = client.post(
        f"/s/s1/roadmap/activities/{activity_id[0][0]}/mark",
        data={"status": "done", "evidence_link": "https://example.com/report"},
    )
    assert "Ссылка должна вести на страницу платформы этой школы" in response.get_data(as_text=True)
    assert query(f"SELECT status FROM roadmap_activity WHERE id = {activity_id[0][0]}") == [
        ("planned",)
    ]


def test_the_director_approves_and_the_page_says_who_and_when(client, auth, make, query):
    school = make.school("with-director", director_name="Исаева Малика Руслановна")
    make.account(school, "director", roles=["director"], full_name="Исаева Малика Руслановна")
    roadmap = make.roadmap(school, YEAR)
    auth.login(school, "director")
    response = client.post(f"/s/with-director/roadmap/{roadmap.id}/approve")
    assert response.status_code == 302
    page = _page(client, f"/s/with-director/roadmap/{roadmap.id}")
    assert "Утверждена директором" in page
    assert f"Утверждена {today().day}" in page and "Исаева Малика Руслановна" in page
    rows = query("SELECT status, approved_on FROM roadmap")
    assert [(s, str(d)) for s, d in rows] == [("approved", today().isoformat())]


def test_only_the_director_may_approve_and_the_working_group_only_sees(client, auth, make, school):
    roadmap = make.roadmap(school, YEAR)
    make.account(school, "group", roles=["working_group"])
    auth.login(school, "group")
    page = _page(client, f"/s/s1/roadmap/{roadmap.id}")
    assert "Утвердить дорожную карту" not in page and "Добавить мероприятие" not in page
    assert client.post(f"/s/s1/roadmap/{roadmap.id}/approve").status_code == 403
    assert client.get(f"/s/s1/roadmap/{roadmap.id}/activities/new").status_code == 403
    make.account(school, "mentor", roles=["mentor"])
    auth.login(school, "mentor")
    assert client.get(f"/s/s1/roadmap/{roadmap.id}").status_code == 403


def test_an_overdue_activity_stands_out_on_the_roadmap(client, school, curator, make):
    roadmap = make.roadmap(school, YEAR)
    past = today() - timedelta(days=3)
    if past < date(YEAR, 9, 1):
        past = today()  # the first days of a year: nothing of it can be overdue yet
    make.roadmap_activity(
        school, roadmap, content="Просроченное мероприятие", timing=past.strftime("%d.%m.%Y")
    )
    page = _page(client, f"/s/s1/roadmap/{roadmap.id}")
    start = page.index("Просроченное мероприятие")
    card = page[page.rindex("<article", 0, start) : page.index("</article>", start)]
    if past < today():
        assert "roadmap-overdue" in card and "Просрочено" in card


def test_next_years_roadmap_offers_last_years_own_activities_for_copying(
    client, school, curator, make, query
):
    last = make.roadmap(school, YEAR - 1)
    own = make.roadmap_activity(
        school, last, content="Педагогическая мастерская наставников", timing="Ноябрь"
    )
    make.roadmap_activity(school, last, content="Разовая встреча", timing="Декабрь")
    page = _page(client, f"/s/s1/roadmap/new?year={YEAR}")
    assert "Педагогическая мастерская наставников" in page and "Разовая встреча" in page
    response = client.post("/s/s1/roadmap/new", data={"year": str(YEAR), "copy": [own.id]})
    assert response.status_code == 302
    rows = query(
        "SELECT a.content, a.due_on FROM roadmap_activity a JOIN roadmap r ON r.id = a.roadmap_id "
        f"WHERE r.year = {YEAR} AND NOT a.from_template"
    )
    assert [(c, str(d)) for c, d in rows] == [
        ("Педагогическая мастерская наставников", f"{YEAR}-11-30")
    ]


def test_the_list_of_roadmaps_offers_to_make_only_the_years_that_have_none(
    client, school, curator, make
):
    """With this year's roadmap made and approved, «Дорожные карты школы» still offered
    «Составить на 2026/2027 учебный год» first; the form then refused it as made already."""
    page = _page(client, "/s/s1/roadmap/?all=1")
    assert f"Составить на {year_label(YEAR)} учебный год" in page
    assert f"roadmap/new?year={YEAR + 1}" in page
    make.roadmap(school, YEAR)
    page = _page(client, "/s/s1/roadmap/?all=1")
    assert f"roadmap/new?year={YEAR}" not in page
    assert f"Составить на {year_label(YEAR + 1)} учебный год" in page
    make.roadmap(school, YEAR + 1)
    assert "roadmap/new" not in _page(client, "/s/s1/roadmap/?all=1")


def test_the_form_shows_a_year_without_a_roadmap_and_says_which_have_one(
    client, school, curator, make, snapshot
):
    made = make.roadmap(school, YEAR)
    page = _page(client, "/s/s1/roadmap/new")
    selected = re.search(r'<option selected value="(\d+)">([^<]*)<', page)
    assert selected.groups() == (str(YEAR + 1), f"{year_label(YEAR + 1)} учебный год")
    assert f">{year_label(YEAR)} учебный год — уже составлена<" in page
    # Chosen all the same (an old page, a second tab): refused beside the field, nothing made.
    before = snapshot()
    page = client.post("/s/s1/roadmap/new", data={"year": str(YEAR)}).get_data(as_text=True)
    assert f"Дорожная карта на {year_label(YEAR)} учебный год уже есть." in page
    assert snapshot() == before and made.id
