"""«Начало работы»: a new school's home page lists the steps of the year in order, each marked
done from the school's data, with a link to the next one for those who may take it; gone once
all are done; never shown to a mentor or a mentee."""

import re
from datetime import date

import pytest

from tests.test_query_counts import counting

STEPS = ("accounts", "staff", "consents", "banks", "pairs", "order", "programs")
NEXT_LINK = {  # the next step's link, under /s/<slug>
    "accounts": "/accounts/new",
    "staff": "/staff/import",
    "consents": "/consents/new",
    "banks": "/banks/mentees/",
    "pairs": "/matching/proposal",
    "order": "/orders/draft-pairings",
    "programs": "/programs/new",
}


def start_block(client, school) -> str | None:
    page = client.get(f"/s/{school.slug}/").get_data(as_text=True)
    begin = page.find('data-testid="start"')
    if begin < 0:
        return None
    return page[begin : page.find("</section>", begin)]


def done_marks(block: str) -> dict[str, bool]:
    found = re.findall(r'data-step="(\w+)" data-done="(да|нет)"', block)
    return {step: done == "да" for step, done in found}


def next_link(block: str) -> str | None:
    found = re.search(r'href="([^"]+)" data-testid="start-next"', block)
    return found.group(1) if found else None


@pytest.fixture
def new_school(make):
    school = make.school("new")
    make.account(school, "director", roles=("director",))
    return school


def take_step(make, school, step: str, kept: dict) -> None:
    """The data the step leaves, made as the school's own screens would."""
    if step == "accounts":
        make.account(school, "curator", roles=("curator",))
    elif step == "staff":
        kept["mentor"] = make.staff(school, last_name="Наставникова")
        kept["mentee"] = make.staff(school, last_name="Молодова")
    elif step == "consents":
        for person in (kept["mentor"], kept["mentee"]):
            make.consent(school, person)
        make.consent(school, kept["mentor"], kind="mentor_duty")
    elif step == "banks":
        make.mentor_entry(school, kept["mentor"])
        make.mentee_entry(school, kept["mentee"])
    elif step == "pairs":
        kept["pairing"] = make.pairing(
            school, kept["mentor"].id, [kept["mentee"].id], status="proposed"
        )
    elif step == "order":
        make.order(school, status="signed", number="7-од", signed_on=date(2024, 9, 10))
    elif step == "programs":
        make.program(school, kept["pairing"])


def test_each_step_is_marked_done_from_the_data_and_the_next_one_is_linked(
    auth, client, make, new_school
):
    auth.login(new_school, "director")
    kept: dict = {}
    for taken, step in enumerate(STEPS):
        block = start_block(client, new_school)
        assert block is not None, f"нет блока «Начало работы» перед шагом {step}"
        assert "Начало работы" in block
        marks = done_marks(block)
        assert list(marks) == list(STEPS)  # in the order of the year
        assert [s for s in STEPS if marks[s]] == list(STEPS[:taken])
        assert f"Выполнено {taken} из 7" in block
        link = next_link(block)
        assert link == f"/s/new{NEXT_LINK[step]}"
        assert client.get(link).status_code == 200  # the director may follow it
        take_step(make, new_school, step, kept)

    assert start_block(client, new_school) is None  # all done: the block is gone


def test_a_step_done_out_of_order_is_marked_and_the_first_missing_one_is_next(
    auth, client, make, new_school
):
    make.account(new_school, "curator", roles=("curator",))
    make.staff(new_school)  # a register with no consents yet
    make.order(new_school, status="signed", number="1-од", signed_on=date(2024, 9, 1))
    auth.login(new_school, "director")

    block = start_block(client, new_school)
    marks = done_marks(block)
    assert {s for s in STEPS if marks[s]} == {"accounts", "staff", "order"}
    assert next_link(block) == "/s/new/consents/new"
    assert block.count('aria-current="step"') == 1


def test_a_draft_order_or_a_revoked_consent_does_not_count(auth, client, make, new_school):
    person = make.staff(new_school)
    make.consent(new_school, person, revoked_on=date(2024, 10, 1))
    make.order(new_school, title="О закреплении наставнических пар/групп")  # a draft
    auth.login(new_school, "director")

    marks = done_marks(start_block(client, new_school))
    assert not marks["consents"] and not marks["order"]


def test_each_role_gets_only_the_links_it_may_follow(auth, client, make, new_school):
    make.account(new_school, "admin", roles=("sysadmin",))

    # Accounts are the director's and the system administrator's to give.
    auth.login(new_school, "admin")
    assert next_link(start_block(client, new_school)) == "/s/new/accounts/new"

    # The register is the coordinator's, not the system administrator's.
    make.account(new_school, "coordinator", roles=("coordinator",))
    block = start_block(client, new_school)
    assert next_link(block) is None
    assert "Этот шаг делает куратор, координатор или руководитель." in block
    assert client.get("/s/new/staff/import").status_code == 403  # the hidden link is closed
    auth.logout(new_school)
    auth.login(new_school, "coordinator")
    assert next_link(start_block(client, new_school)) == "/s/new/staff/import"


@pytest.mark.parametrize("role", ["mentor", "mentee", "working_group", "psychologist"])
def test_those_who_do_not_set_up_the_year_do_not_see_it(auth, client, make, new_school, role):
    make.account(new_school, "member", roles=(role,))
    auth.login(new_school, "member")

    page = client.get("/s/new/").get_data(as_text=True)
    assert "Ждёт вашего решения" in page  # their home page itself is there
    assert start_block(client, new_school) is None


def test_the_steps_are_worked_out_in_one_query_whatever_the_school_has(app, make, new_school):
    from nastavnik.tenants.home.start import done_steps

    counts = []
    for filled in (False, True):
        if filled:
            make.program(new_school)  # a pair, its people, their banks and consents
        with make.in_school(new_school), counting(app) as statements:
            done = done_steps()
        counts.append(len(statements))
    assert counts == [1, 1]
    assert done["programs"] and done["pairs"] and done["banks"] and not done["order"]
