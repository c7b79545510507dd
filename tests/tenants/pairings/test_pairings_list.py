"""The list of pairs and groups: by status, with forms, consents and the approving order."""

import re
from datetime import date

import sqlalchemy as sa

from nastavnik.tenants.pairings.models import Pairing


def test_the_list_groups_pairs_and_groups_by_status(client, url, curator, make, school, bank):
    make.pairing(school, bank.mentor("Батаева"), [bank.mentee("Сулейманова")], status="proposed")
    make.pairing(
        school,
        bank.mentor("Косумова", capacity=3),
        [bank.mentee("Кадиева"), bank.mentee("Умарова")],
        status="active",
        form="group",
    )

    page = client.get(url()).get_data(as_text=True)

    proposed = page.split('data-testid="status-proposed"')[1].split("</section>")[0]
    active = page.split('data-testid="status-active"')[1].split("</section>")[0]
    assert "Батаева" in proposed and "Пара" in proposed and "Косумова" not in proposed
    assert "Косумова" in active and "Группа" in active and "Групповое наставничество" in active
    assert "Кадиева" in active and "Умарова" in active


def test_the_list_is_filtered_by_status(client, url, curator, make, school, bank):
    make.pairing(school, bank.mentor("Батаева"), [bank.mentee("Сулейманова")], status="proposed")
    make.pairing(school, bank.mentor("Косумова"), [bank.mentee("Кадиева")], status="active")

    page = client.get(url() + "?status=active").get_data(as_text=True)

    assert "Косумова" in page and "Батаева" not in page


def test_an_approved_pairing_links_to_its_order(client, url, curator, make, school, bank):
    pairing = make.pairing(
        school, bank.mentor("Батаева"), [bank.mentee("Сулейманова")], status="approved"
    )
    order = make.order(
        school,
        status="signed",
        number="12-од",
        signed_on=date(2024, 9, 20),
        content={"items": [], "pairing_ids": [pairing.id]},
    )
    with make.in_school(school) as session:
        session.execute(
            sa.update(Pairing).where(Pairing.id == pairing.id).values(order_id=order.id)
        )

    page = client.get(url()).get_data(as_text=True)

    assert "№ 12-од от 20 сентября 2024 г." in page
    assert f"/orders/{order.id}" in page


def test_working_group_sees_the_list_but_does_not_propose(client, url, make, school, auth):
    make.account(school, "group", roles=("working_group",))
    auth.login(school, "group")
    assert client.get(url()).status_code == 200
    assert client.get(url("new")).status_code == 403
    assert "Предложить пару или группу" not in client.get(url()).get_data(as_text=True)


def test_a_mentor_does_not_see_the_schools_pairings(client, url, make, school, auth):
    pairing = make.pairing(school)
    make.account(school, "mentor", roles=("mentor",))
    auth.login(school, "mentor")
    assert client.get(url()).status_code == 403
    assert client.get(url(f"{pairing.id}")).status_code == 403
    home = client.get(f"/s/{school.slug}/").get_data(as_text=True)
    assert "Пары и группы" not in home


def test_the_menu_has_pairs_and_orders_for_the_curator(client, curator, school):
    home = client.get(f"/s/{school.slug}/").get_data(as_text=True)
    assert "Пары и группы" in home and "Приказы" in home


def test_the_list_of_all_shows_each_statuss_newest_and_leads_to_the_rest(
    client, url, curator, make, school, bank
):
    for k in range(23):  # created a day apart: «Наставникова22» is the newest
        make.pairing(
            school,
            bank.mentor(f"Наставникова{k:02d}"),
            [bank.mentee(f"Молодая{k:02d}")],
            created_on=date(2024, 9, 1 + k),
        )
    make.pairing(school, bank.mentor("Батаева"), [bank.mentee("Сулейманова")], status="proposed")

    page = client.get(url()).get_data(as_text=True)
    active = page.split('data-testid="status-active"')[1].split("</section>")[0]
    shown = re.findall(r"Наставникова(\d\d)", active)
    assert shown == [f"{k:02d}" for k in range(22, 2, -1)]  # the twenty newest, newest first
    assert '<span class="badge bg-secondary">23</span>' in active
    assert "Показаны 20 последних из 23" in active
    assert f'href="{url()}?status=active"' in active
    proposed = page.split('data-testid="status-proposed"')[1].split("</section>")[0]
    assert "Батаева" in proposed and "Показаны" not in proposed

    every = client.get(url() + "?status=active").get_data(as_text=True)
    assert re.findall(r"Наставникова(\d\d)", every) == [f"{k:02d}" for k in range(22, -1, -1)]
    assert "Показаны" not in every and "Батаева" not in every
