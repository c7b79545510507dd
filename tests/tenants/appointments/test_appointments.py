"""The coordinator, the curator and the working group: appointments carried by orders."""

import pytest
from sqlalchemy import select

from nastavnik.refusals import Refusal
from nastavnik.tenants.appointments import services
from nastavnik.tenants.appointments.models import Appointment, AppointmentStatus, Post


@pytest.fixture
def teacher(make, school):
    return make.staff(school, last_name="Хасанова", first_name="Малика", middle_name="Саидовна")


def test_an_appointment_waits_for_an_order_and_shows_on_the_staff_card(
    make, school, curator, client, teacher
):
    response = client.post(
        f"/s/{school.slug}/appointments/appoint",
        data={
            "post": "coordinator",
            "staff_id": teacher.id,
            "position": "заместитель директора по УВР",
        },
    )
    assert response.status_code == 302
    card = client.get(f"/s/{school.slug}/staff/{teacher.id}").get_data(as_text=True)
    assert "Координатор внедрения целевой модели наставничества" in card
    assert "Ждёт приказа" in card
    page = client.get(f"/s/{school.slug}/appointments/").get_data(as_text=True)
    assert "заместитель директора по УВР" in page


def test_another_schools_staff_cannot_be_appointed(make, school, curator, client, snapshot):
    other = make.school("other")
    stranger = make.staff(other, last_name="Чужая")
    before = snapshot()
    with make.in_school(school), pytest.raises(Refusal, match="не найден в реестре школы"):
        services.appoint(stranger.id, "curator", "учитель", None)
    response = client.post(
        f"/s/{school.slug}/appointments/appoint",
        data={"post": "curator", "staff_id": stranger.id, "position": "учитель"},
    )
    assert response.status_code == 422
    assert snapshot() == before


def test_a_second_curator_at_once_is_refused(make, school, curator, client, teacher, snapshot):
    make.appointment(school, teacher, "curator", "заместитель директора по УВР")
    second = make.staff(school, last_name="Алиева")
    before = snapshot()
    response = client.post(
        f"/s/{school.slug}/appointments/appoint",
        data={"post": "curator", "staff_id": second.id, "position": "учитель"},
    )
    assert response.status_code == 422
    assert "уже ждёт приказа назначение Хасанова Малика Саидовна" in response.get_data(as_text=True)
    assert snapshot() == before


def test_the_same_person_is_not_head_and_member_of_the_group(make, school, teacher):
    make.appointment(school, teacher, "group_head", "заместитель директора по УВР")
    with make.in_school(school), pytest.raises(Refusal, match="уже в рабочей группе"):
        services.appoint(teacher.id, "group_member", "учитель", None)


def test_a_pending_appointment_can_be_cancelled(make, school, curator, client, teacher, query):
    appointment = make.appointment(school, teacher, "group_member", "учитель")
    response = client.post(f"/s/{school.slug}/appointments/{appointment.id}/cancel")
    assert response.status_code == 302
    assert query(select(Appointment.id)) == []


def test_signing_ends_the_members_that_leave(make, school, teacher, query):
    member = make.appointment(school, teacher, "group_member", "учитель")
    with make.in_school(school):
        services.carry([make._get(Appointment, member.id)], 501)
        services.put_in_force(501, school.created_at.date())
        services.relieve(make._get(Appointment, member.id))
        assert services.composition()[Post.GROUP_MEMBER] == []
        services.carry(services.changes(), 502)
        services.put_in_force(502, school.created_at.date())
    rows = query(select(Appointment.status, Appointment.ended_by_order_id))
    assert rows == [(AppointmentStatus.ENDED, 502)]


def test_the_working_group_sees_but_does_not_appoint(make, school, auth, client, teacher):
    make.account(school, "wg", roles=["working_group"])
    auth.login(school, "wg")
    assert client.get(f"/s/{school.slug}/appointments/").status_code == 200
    response = client.post(
        f"/s/{school.slug}/appointments/appoint",
        data={"post": "curator", "staff_id": teacher.id, "position": "учитель"},
    )
    assert response.status_code == 403
