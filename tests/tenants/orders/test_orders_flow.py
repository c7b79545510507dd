"""The demo's path through the services: pairs and groups of several forms, approved by one
order that downloads again from the school's list of orders."""

from datetime import timedelta
from io import BytesIO

from docx import Document

from nastavnik.dates import format_date
from nastavnik.dates import today as local_today
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.orders.models import SchoolOrder
from nastavnik.tenants.orders.services import draft_pairings_order, sign_pairings_order
from nastavnik.tenants.pairings.models import Pairing
from nastavnik.tenants.pairings.services import add_custom_form, create_pairing, record_consents

TODAY = local_today()


def test_pairs_and_groups_of_several_forms_approved_by_one_order(login, url, make, school, query):
    def mentor(name, capacity=2):
        staff = make.consenting_staff(school, mentor=True, last_name=name)
        make.mentor_entry(school, staff, capacity=capacity)
        return staff.id

    def mentee(name):
        staff = make.consenting_staff(school, last_name=name)
        make.mentee_entry(school, staff)
        return staff.id

    plan = [
        (mentor("Батаева"), [mentee("Сулейманова")], "traditional"),
        (mentor("Косумова", 3), [mentee("Кадиева"), mentee("Исаева")], "group"),
        (mentor("Умарова"), [mentee("Дадаева")], "reverse"),
    ]
    project_mentor, project_mentee = mentor("Мусаева"), mentee("Абдулаева")
    consented = TODAY - timedelta(days=3)
    with make.in_school(school):
        own = add_custom_form("Наставничество в проектной деятельности")
        plan.append((project_mentor, [project_mentee], own.code))
        ids = []
        for mentor_id, mentee_ids, form in plan:
            pairing = create_pairing(mentor_id, mentee_ids, form, consented)
            record_consents(pairing, consented, dict.fromkeys(mentee_ids, consented))
            ids.append(pairing.id)
        order = draft_pairings_order(ids, TODAY - timedelta(days=2), None)
        sign_pairings_order(order, "52-од", TODAY - timedelta(days=1), None)
        order_id = order.id
        assert get_or_404(SchoolOrder, order_id).status == "signed"
        assert {get_or_404(Pairing, i).status for i in ids} == {"approved"}

    director = login("director")
    listing = director.get(url()).get_data(as_text=True)
    assert "№ 52-од" in listing and "Подписан" in listing
    document = Document(BytesIO(director.get(url(f"{order_id}/document.docx")).data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "№ 52-од" in cells and format_date(TODAY - timedelta(days=1)) in cells
    assert {"1", "2", "3", "4"} <= set(cells)
    assert "Наставничество в проектной деятельности" in cells
    assert "Кадиева Марьям Исаевна\nИсаева Марьям Исаевна" in cells
    assert query("SELECT DISTINCT status FROM mentee_entry") == [("in_program",)]
