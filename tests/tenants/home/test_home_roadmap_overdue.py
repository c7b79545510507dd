"""Overdue activities of this year's roadmap stand out on the curator's and director's home."""

from datetime import timedelta

from nastavnik.dates import today
from nastavnik.tenants.roadmap.timing import academic_year, span

YEAR = academic_year()


def _overdue(page: str) -> str:
    start = page.find('data-testid="roadmap-overdue"')
    return "" if start < 0 else page[start : page.find("</section>", start)]


def test_an_overdue_roadmap_activity_is_on_the_curators_and_directors_home(
    client, auth, make, school
):
    roadmap = make.roadmap(school, YEAR)
    past = today() - timedelta(days=2)
    if past < span(YEAR)[0]:
        return  # the first days of a year: nothing of it can be overdue yet
    make.roadmap_activity(
        school, roadmap, content="Педагогическая мастерская", timing=past.strftime("%d.%m.%Y")
    )
    make.roadmap_activity(school, roadmap, content="Будущая встреча", timing="В течение года")
    for login, roles in (("curator", ["curator"]), ("director", ["director"])):
        make.account(school, login, roles=roles)
        auth.login(school, login)
        section = _overdue(client.get("/s/s1/").get_data(as_text=True))
        assert "Педагогическая мастерская" in section, login
        assert "Будущая встреча" not in section
        assert f"/s/s1/roadmap/{roadmap.id}" in section


def test_a_mentor_sees_no_roadmap_on_the_home_page(client, auth, make, school):
    roadmap = make.roadmap(school, YEAR)
    make.roadmap_activity(school, roadmap, content="Педагогическая мастерская", timing="Сентябрь")
    make.account(school, "mentor", roles=["mentor"])
    auth.login(school, "mentor")
    assert _overdue(client.get("/s/s1/").get_data(as_text=True)) == ""
