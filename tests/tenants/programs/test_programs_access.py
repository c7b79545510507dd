"""Who reaches which program: managers all of them, a mentor and a mentee only their own."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from nastavnik.dates import today as local_today
from nastavnik.models import Account
from nastavnik.permissions import PERMISSIONS, SCHOOL_ROLES, Role
from nastavnik.tenants.programs.access import part_in
from nastavnik.tenants.programs.models import Program

TODAY = local_today()


def test_mentor_sees_own_program_and_not_another_pairs(login, make, people, program_of):
    own = program_of(people.one, title="Программа первой пары")
    other = program_of(people.two, title="Программа второй пары")
    make.activity(people.school, other, title="Секретное мероприятие второй пары")
    mentor = login("mentor1")
    assert "Программа первой пары" in mentor.get(f"/s/s1/programs/{own.id}").get_data(as_text=True)
    for path in (
        f"{other.id}",
        f"{other.id}/end",
        f"{other.id}/changes/new",
        f"{other.id}/activities/new",
    ):
        assert mentor.get(f"/s/s1/programs/{path}").status_code == 404, path
    my = mentor.get("/s/s1/programs/my").get_data(as_text=True)
    assert "Программа первой пары" in my
    assert "Программа второй пары" not in my
    assert "Секретное мероприятие второй пары" not in my


def test_another_pairs_activity_and_change_are_not_found(login, make, people, program_of):
    other = program_of(people.two)
    activity = make.activity(people.school, other)
    change = make.change(people.school, other)
    mentee = login("mentee1")
    assert mentee.get(f"/s/s1/programs/activities/{activity.id}/done").status_code == 404
    assert mentee.post(f"/s/s1/programs/activities/{activity.id}/done").status_code == 404
    assert mentee.get(f"/s/s1/programs/activities/{activity.id}/evidence").status_code == 404
    assert mentee.post(f"/s/s1/programs/changes/{change.id}/agree").status_code == 404


def test_a_mentor_following_the_menu_lands_on_my_program(login, people, program_of):
    program_of(people.one, title="Программа первой пары")
    mentor = login("mentor1")
    response = mentor.get("/s/s1/programs/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/s/s1/programs/my")
    page = mentor.get("/s/s1/").get_data(as_text=True)
    assert 'href="/s/s1/programs/"' in page and "Программы" in page


def test_curator_and_working_group_see_every_program_with_overdue_counts(
    login, make, people, program_of
):
    one = program_of(people.one, title="Программа первой пары")
    program_of(people.two, title="Программа второй пары")
    make.activity(people.school, one, due_on=TODAY - timedelta(days=3), title="Просроченное")
    make.activity(people.school, one, due_on=TODAY - timedelta(days=2), title="Тоже")
    make.activity(people.school, one, due_on=TODAY + timedelta(days=5))
    for name in ("curator", "group"):
        page = login(name).get("/s/s1/programs/").get_data(as_text=True)
        assert "Программа первой пары" in page
        assert "Программа второй пары" in page
        assert f'data-testid="overdue-{one.id}">2<' in page


def test_the_list_tells_the_curator_where_programs_are_made(login, make, people, program_of):
    def how(name):
        page = login(name).get("/s/s1/programs/").get_data(as_text=True)
        found = re.search(r'data-testid="programs-how">(.*?)</p>', page, re.S)
        return found.group(1) if found else None

    assert "утверждённой приказом руководителя" in how("curator")
    assert "сейчас все утверждённые пары" not in how("curator")  # two pairs wait below
    assert how("group") is None  # the working group does not make programs
    program_of(people.one)
    program_of(people.two)
    assert "сейчас все утверждённые пары и группы программу имеют" in how("curator")


def test_list_filters_by_status(login, make, people, program_of):
    program_of(people.one, title="Идущая программа")
    program_of(people.two, title="Завершённая программа", status="ended")
    curator = login("curator")
    active = curator.get("/s/s1/programs/?status=active").get_data(as_text=True)
    assert "Идущая программа" in active and "Завершённая программа" not in active
    ended = curator.get("/s/s1/programs/?status=ended").get_data(as_text=True)
    assert "Завершённая программа" in ended and "Идущая программа" not in ended


def test_curator_sees_pairings_still_without_a_program(login, people, program_of):
    program_of(people.one)
    page = login("curator").get("/s/s1/programs/").get_data(as_text=True)
    assert f"/s/s1/programs/new?pairing={people.two.pairing.id}" in page
    assert f"/s/s1/programs/new?pairing={people.one.pairing.id}" not in page


def test_a_mentor_account_without_a_staff_record_has_no_program(login, make, people, program_of):
    program = program_of(people.one)
    make.account(people.school, "stranger", roles=("mentor", "mentee"))
    stranger = login("stranger")
    assert "нет программы наставничества" in stranger.get("/s/s1/programs/my").get_data(
        as_text=True
    )
    assert stranger.get(f"/s/s1/programs/{program.id}").status_code == 404


def test_only_managers_draw_up_programs(login, people):
    assert login("mentor1").get("/s/s1/programs/new").status_code == 403
    assert login("group").get("/s/s1/programs/new").status_code == 403
    assert login("curator").get("/s/s1/programs/new").status_code == 200


def test_managers_and_the_working_group_see_every_program():
    assert PERMISSIONS["programs.view_all"] == {
        Role.DIRECTOR,
        Role.CURATOR,
        Role.COORDINATOR,
        Role.WORKING_GROUP,
    }
    # Mentors and mentees see only their own; the other school roles see no program at all.
    assert PERMISSIONS["programs.view_all"] <= PERMISSIONS["programs.view"]
    assert not PERMISSIONS["programs.view_all"] & PERMISSIONS["programs.participate"]
    assert SCHOOL_ROLES - PERMISSIONS["programs.view"] == {Role.PSYCHOLOGIST, Role.SYSADMIN}


@pytest.mark.parametrize("role", sorted(SCHOOL_ROLES))
def test_only_the_roles_that_see_every_program_get_the_list_of_all(
    login, make, people, program_of, role
):
    program_of(people.two, title="Программа второй пары")
    make.account(people.school, f"only-{role}", roles=[role])
    response = login(f"only-{role}").get("/s/s1/programs/")
    if role in ("director", "curator", "coordinator", "working_group"):
        assert response.status_code == 200
        assert "Программа второй пары" in response.get_data(as_text=True)
    elif role in ("mentor", "mentee"):
        assert response.status_code == 302
        assert response.headers["Location"].endswith("/s/s1/programs/my")
    else:
        assert response.status_code == 403


def test_a_persons_part_in_a_program_is_looked_up_from_its_pairing(make, people, program_of):
    program = program_of(people.one)
    with make.in_school(people.school) as session:
        program = session.get(Program, program.id)
        parts = {
            login: part_in(program, session.scalars(select(Account).filter_by(login=login)).one())
            for login in ("mentor1", "mentee1", "mentor2", "curator", "group")
        }
        mentor, mentee, other = parts["mentor1"], parts["mentee1"], parts["mentor2"]
        assert (mentor.role, mentor.staff.id) == ("mentor", people.one.mentor.id)
        assert (mentee.role, mentee.staff.id) == ("mentee", people.one.mentee.id)
        assert (other.role, other.staff) == (None, None)
        assert [(p.manages, p.sees_all, p.sees) for p in parts.values()] == [
            (False, False, True),
            (False, False, True),
            (False, False, False),
            (True, True, True),
            (False, True, True),
        ]


def test_the_list_is_shown_fifty_programs_a_page_keeping_its_filter(login, make, people):
    for k in range(53):  # the newest first: «№ 52» starts latest
        make.program(
            people.school, title=f"Программа № {k}", starts_on=TODAY - timedelta(days=100 - k)
        )
    curator = login("curator")
    first = curator.get("/s/s1/programs/?status=active").get_data(as_text=True)
    shown = re.findall(r"Программа № (\d+)<", first)
    assert shown == [str(k) for k in range(52, 2, -1)]
    assert "Программ: 53" in first and "1–50 из 53" in first
    assert 'href="/s/s1/programs/?status=active&amp;page=2"' in first
    second = curator.get("/s/s1/programs/?status=active&page=2").get_data(as_text=True)
    assert re.findall(r"Программа № (\d+)<", second) == ["2", "1", "0"]
    assert "51–53 из 53" in second
    # A page past the end shows the last one; a page that is not a number, the first. (The
    # pages are compared by what they list: the form's CSRF token changes with the second.)
    past = curator.get("/s/s1/programs/?status=active&page=9").get_data(as_text=True)
    assert re.findall(r"Программа № (\d+)<", past) == ["2", "1", "0"]
    assert "51–53 из 53" in past
    assert "1–50 из 53" in curator.get("/s/s1/programs/?status=active&page=x").get_data(
        as_text=True
    )
