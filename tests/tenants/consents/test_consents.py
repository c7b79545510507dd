"""Consents as records (152-ФЗ; 3.2): recorded on paper, revocable, and what they unlock."""

import re
from contextlib import contextmanager
from datetime import date, timedelta
from io import BytesIO

import pytest

from nastavnik.dates import today
from nastavnik.extensions import db
from nastavnik.tenancy import Scope, scoped
from nastavnik.tenants.consents.models import ConsentKind
from nastavnik.tenants.consents.services import (
    can_enter_bank,
    can_mentor,
    record_consent,
    revoke_consent,
)

HIDDEN = "Данные скрыты: согласие отозвано"
SCAN = "%PDF-1.4 скан".encode()


@pytest.fixture
def in_school(app, school):
    """The school's scope for calling services directly; each use ends its transaction."""

    @contextmanager
    def enter():
        with app.app_context(), scoped(Scope.school(school.id)):
            try:
                yield
                db.session.commit()
            finally:
                db.session.remove()

    return enter


def consent_form(staff, **changes) -> dict:
    data = {
        "staff_id": str(staff.id),
        "purpose": "Организация наставничества",
        "data_list": "ФИО, должность, стаж",
        "signed_on": "2024-09-01",
        "valid_until": "",
        "paper_number": "17",
    }
    data.update(changes)
    return data


def consents_of(query, staff) -> list:
    return query(
        "SELECT kind, purpose, paper_number, file_id, CAST(revoked_on AS TEXT), revoke_reason "
        f"FROM consent WHERE staff_id = {staff.id} ORDER BY id"
    )


# --- recording ----------------------------------------------------------------------------


def test_curator_records_a_data_consent_on_paper(client, make, school, curator, query):
    staff = make.staff(school, last_name="Мадаев")
    response = client.post(f"/s/s1/consents/new?staff_id={staff.id}", data=consent_form(staff))
    assert response.status_code == 302
    assert consents_of(query, staff) == [
        ("personal_data", "Организация наставничества", "17", None, None, "")
    ]
    assert query(f"SELECT recorded_by_id FROM consent WHERE staff_id = {staff.id}") == [
        (curator.id,)
    ]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Согласие записано." in page and "1 сентября 2024 г." in page
    assert "ПДн: действует" in client.get("/s/s1/staff/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("personal_data", "квалификационная категория"),
        ("mentor_duty", "п. 3.2 Положения"),
        ("publication", "официальном сайте школы"),
    ],
)
def test_the_form_starts_from_the_usual_wording_of_each_kind(
    client, make, school, curator, kind, text
):
    staff = make.staff(school, last_name="Мадаев")
    page = client.get(f"/s/s1/consents/new?staff_id={staff.id}&kind={kind}").get_data(as_text=True)
    assert text in page
    assert f'<option selected value="{staff.id}">' in page


def test_the_kind_is_recorded_as_chosen(client, make, school, curator, query):
    staff = make.consenting_staff(school)
    client.post(
        f"/s/s1/consents/new?staff_id={staff.id}&kind=mentor_duty",
        data=consent_form(staff, data_list=""),
    )
    assert [row[0] for row in consents_of(query, staff)] == ["personal_data", "mentor_duty"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"paper_number": ""}, "Укажите номер бумажного согласия или приложите его скан."),
        ({"purpose": ""}, "Укажите цель."),
        ({"data_list": ""}, "Перечислите данные, на которые дано согласие."),
        ({"signed_on": ""}, "Укажите дату подписания."),
        (
            {"signed_on": (today() + timedelta(days=1)).isoformat()},
            "не может быть позже сегодняшнего дня",
        ),
        ({"valid_until": "2024-08-31"}, "не может закончиться раньше даты подписания"),
        ({"staff_id": "999999"}, "Выберите значение из списка."),
        ({"staff_id": ""}, "Выберите педагога."),
    ],
)
def test_bad_consent_input_is_refused_and_saves_nothing(
    client, make, school, curator, query, changes, message
):
    staff = make.staff(school)
    response = client.post("/s/s1/consents/new", data=consent_form(staff, **changes))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert query("SELECT count(*) FROM consent") == [(0,)]


def test_a_scan_is_kept_and_given_back(client, make, school, curator, query):
    staff = make.staff(school)
    response = client.post(
        "/s/s1/consents/new",
        data={**consent_form(staff, paper_number=""), "scan": (BytesIO(SCAN), "с.pdf")},
        content_type="multipart/form-data",
    )
    consent_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with client.get(f"/s/s1/consents/{consent_id}/file") as scan:
        assert scan.status_code == 200
        assert scan.data == SCAN
    assert query("SELECT filename FROM stored_file") == [("с.pdf",)]


def test_an_executable_is_refused_with_a_russian_message(client, make, school, curator, query):
    staff = make.staff(school)
    response = client.post(
        "/s/s1/consents/new",
        data={**consent_form(staff), "scan": (BytesIO(b"MZ\x90\x00"), "скан.exe")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert "Допустимы файлы PDF, изображения (JPG, PNG) и документы Office." in (
        response.get_data(as_text=True)
    )
    assert query("SELECT count(*) FROM consent") == [(0,)]
    assert query("SELECT count(*) FROM stored_file") == [(0,)]


def test_a_consent_without_a_scan_says_so(client, make, school, curator):
    consent = make.consent(school, make.staff(school), paper_number="5")
    response = client.get(f"/s/s1/consents/{consent.id}/file")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "К этому согласию не приложен скан." in page


def test_another_schools_teacher_cannot_be_chosen(client, make, curator):
    stranger = make.staff(make.school("s2"))
    assert client.get(f"/s/s1/consents/new?staff_id={stranger.id}").status_code == 404


def test_html_in_a_consent_is_shown_as_text(client, make, school, curator):
    staff = make.staff(school)
    response = client.post(
        "/s/s1/consents/new", data=consent_form(staff, purpose="<script>alert(1)</script>")
    )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_register_of_consents_is_filtered_by_kind_and_state(client, make, school, curator):
    first = make.staff(school, last_name="Алиев")
    second = make.staff(school, last_name="Дудаева")
    make.consent(school, first)
    make.consent(school, second, kind="mentor_duty", revoked_on=date(2024, 10, 1))
    page = client.get("/s/s1/consents/").get_data(as_text=True)
    assert "Алиев" in page and "Дудаева" in page
    page = client.get("/s/s1/consents/?kind=mentor_duty").get_data(as_text=True)
    assert "Алиев" not in page and "Дудаева" in page
    page = client.get("/s/s1/consents/?state=valid").get_data(as_text=True)
    assert "Алиев" in page and "Дудаева" not in page
    page = client.get("/s/s1/consents/?state=revoked&kind=junk").get_data(as_text=True)
    assert "Алиев" not in page and "Дудаева" in page


def test_an_expired_consent_is_not_valid(client, make, school, curator, in_school):
    staff = make.staff(school)
    make.consent(school, staff, valid_until=date(2024, 12, 31))
    assert "ПДн: срок истёк" in client.get("/s/s1/staff/").get_data(as_text=True)
    with in_school():
        assert not can_enter_bank(staff.id, today())
        assert can_enter_bank(staff.id, date(2024, 12, 1))


@pytest.mark.parametrize(
    "signed_on, valid_until, revoked_on",
    [
        (date(2024, 9, 1), None, None),
        (date(2024, 9, 1), date(2024, 12, 1), None),  # last valid day
        (date(2024, 9, 1), date(2024, 11, 30), None),  # expired the day before
        (date(2024, 12, 1), None, None),  # signed that very day
        (date(2024, 12, 2), None, None),  # signed the day after
        (date(2024, 9, 1), None, date(2024, 12, 5)),  # revoked (on any day)
        (date(2024, 9, 1), date(2025, 6, 1), date(2024, 10, 1)),
    ],
)
def test_validity_in_sql_is_the_records_own(
    make, school, in_school, signed_on, valid_until, revoked_on
):
    """The registers ask the database which consents are valid; the record answers the same."""
    from sqlalchemy import select

    from nastavnik.tenants.consents.models import Consent
    from nastavnik.tenants.consents.services import valid_kinds

    staff = make.staff(school)
    make.consent(school, staff, signed_on=signed_on, valid_until=valid_until, revoked_on=revoked_on)
    on = date(2024, 12, 1)
    with in_school():
        consent = db.session.execute(select(Consent).where(Consent.staff_id == staff.id)).scalar()
        in_sql = db.session.execute(
            select(Consent.id).where(Consent.id == consent.id, Consent.is_valid(on))
        ).scalar()
        assert (in_sql is not None) == consent.is_valid(on)
        assert (ConsentKind.PERSONAL_DATA in valid_kinds([staff.id], on)[staff.id]) == (
            consent.is_valid(on)
        )


def test_working_group_cannot_see_consents(client, make, auth, school):
    make.account(school, "wg", roles=["working_group"])
    auth.login(school, "wg")
    assert client.get("/s/s1/consents/").status_code == 403


# --- revocation ---------------------------------------------------------------------------


def revoke(client, consent, on=None, reason="Личное заявление педагога"):
    return client.post(
        f"/s/s1/consents/{consent.id}/revoke",
        data={"revoked_on": (on or today()).isoformat(), "reason": reason},
    )


def test_revocation_hides_the_person_and_takes_them_out_of_both_banks(
    client, make, school, curator, query
):
    staff = make.consenting_staff(school, mentor=True, last_name="Скрытова", phone="+7 900")
    mentee = make.mentee_entry(school, staff)
    mentor = make.mentor_entry(school, staff)
    consent_id = query(
        f"SELECT id FROM consent WHERE staff_id = {staff.id} AND kind = 'personal_data'"
    )[0][0]
    page = client.get(f"/s/s1/consents/{consent_id}/revoke").get_data(as_text=True)
    assert "будет выведен из банков" in page

    response = client.post(
        f"/s/s1/consents/{consent_id}/revoke",
        data={"revoked_on": today().isoformat(), "reason": "Заявление об отзыве"},
    )
    assert response.status_code == 302
    assert "Согласие отозвано." in client.get(response.headers["Location"]).get_data(as_text=True)

    on = today().isoformat()
    assert query(
        f"SELECT status, CAST(left_on AS TEXT) FROM mentee_entry WHERE id = {mentee.id}"
    ) == [("left", on)]
    assert query(
        f"SELECT status, CAST(left_on AS TEXT) FROM mentor_entry WHERE id = {mentor.id}"
    ) == [("left", on)]
    register = client.get("/s/s1/staff/").get_data(as_text=True)
    assert "Скрытова" not in register and HIDDEN in register
    assert "ПДн: отозвано" in register
    card = client.get(f"/s/s1/staff/{staff.id}").get_data(as_text=True)
    assert re.search(r'data-testid="staff-name">([^<]*)<', card).group(1) == HIDDEN
    assert "+7 900" not in card
    history = card[card.index("История согласий") :]
    assert "Скрытова" not in card[: card.index("История согласий")]
    assert history.startswith("История согласий: Скрытова")
    assert "Заявление об отзыве" in history
    assert consents_of(query, staff)[0][4:] == (on, "Заявление об отзыве")


def test_a_revoked_person_cannot_enter_a_bank_until_a_new_consent(
    client, make, school, curator, in_school, query
):
    staff = make.consenting_staff(school, last_name="Мадаев")
    consent_id = query(f"SELECT id FROM consent WHERE staff_id = {staff.id}")[0][0]
    client.post(
        f"/s/s1/consents/{consent_id}/revoke",
        data={"revoked_on": today().isoformat(), "reason": "Отзыв"},
    )
    with in_school():
        assert not can_enter_bank(staff.id, today())

    client.post(
        f"/s/s1/consents/new?staff_id={staff.id}",
        data=consent_form(staff, signed_on=today().isoformat(), paper_number="42"),
    )
    with in_school():
        assert can_enter_bank(staff.id, today())
    assert query(f"SELECT data_hidden FROM staff WHERE id = {staff.id}") in ([(False,)], [(0,)])
    assert len(consents_of(query, staff)) == 2  # the history stays
    assert "Мадаев" in client.get("/s/s1/staff/").get_data(as_text=True)


def test_a_second_valid_data_consent_keeps_the_person_visible(app, make, school, in_school, query):
    staff = make.consenting_staff(school)
    make.consent(school, staff, signed_on=date(2025, 1, 10), paper_number="2")
    mentee = make.mentee_entry(school, staff)
    with in_school():
        from nastavnik.tenants.consents.models import Consent

        first = (
            db.session.execute(
                db.select(Consent).where(Consent.staff_id == staff.id).order_by(Consent.id)
            )
            .scalars()
            .first()
        )
        revoke_consent(first, today(), "Заменено новым")
        assert can_enter_bank(staff.id, today())
    assert query(f"SELECT status FROM mentee_entry WHERE id = {mentee.id}") == [("waiting",)]


def test_a_mentor_without_the_duty_consent_cannot_mentor(make, school, in_school):
    without = make.consenting_staff(school)
    with_duty = make.consenting_staff(school, mentor=True)
    no_data = make.staff(school)
    make.consent(school, no_data, kind="mentor_duty")
    with in_school():
        assert not can_mentor(without.id, today())
        assert can_mentor(with_duty.id, today())
        assert not can_mentor(no_data.id, today())


def test_revoking_the_duty_consent_keeps_the_mentor_entry_but_stops_mentoring(
    client, make, school, curator, in_school, query
):
    staff = make.consenting_staff(school, mentor=True, last_name="Алиев")
    mentor = make.mentor_entry(school, staff)
    duty_id = query(f"SELECT id FROM consent WHERE staff_id = {staff.id} AND kind = 'mentor_duty'")
    client.post(
        f"/s/s1/consents/{duty_id[0][0]}/revoke",
        data={"revoked_on": today().isoformat(), "reason": "Большая нагрузка"},
    )
    with in_school():
        assert not can_mentor(staff.id, today())
        assert can_enter_bank(staff.id, today())
    assert query(f"SELECT status FROM mentor_entry WHERE id = {mentor.id}") == [("active",)]
    assert "Алиев" in client.get("/s/s1/staff/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("on", "reason", "message"),
    [
        (date(2024, 8, 31), "Отзыв", "раньше даты его подписания"),
        (today() + timedelta(days=1), "Отзыв", "не может быть позже сегодняшнего дня"),
        (None, "", "Укажите причину отзыва."),
    ],
)
def test_bad_revocation_is_refused(client, make, school, curator, query, on, reason, message):
    staff = make.consenting_staff(school)
    consent_id = query(f"SELECT id FROM consent WHERE staff_id = {staff.id}")[0][0]
    response = client.post(
        f"/s/s1/consents/{consent_id}/revoke",
        data={"revoked_on": (on or today()).isoformat(), "reason": reason},
    )
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert query(f"SELECT revoked_on FROM consent WHERE id = {consent_id}") == [(None,)]
    assert query(f"SELECT data_hidden FROM staff WHERE id = {staff.id}") in ([(False,)], [(0,)])


def test_a_consent_is_revoked_once(client, make, school, curator, query):
    consent = make.consent(school, make.staff(school), revoked_on=date(2024, 10, 1))
    response = client.post(
        f"/s/s1/consents/{consent.id}/revoke",
        data={"revoked_on": today().isoformat(), "reason": "Ещё раз"},
    )
    assert response.status_code == 302
    assert query(f"SELECT CAST(revoked_on AS TEXT) FROM consent WHERE id = {consent.id}") == [
        ("2024-10-01",)
    ]


def test_the_usual_wording_is_recorded_when_none_is_given(make, school, in_school, query):
    staff = make.staff(school)
    with in_school():
        from nastavnik.tenants.staff.models import Staff

        person = db.session.execute(db.select(Staff)).scalar_one()
        record_consent(person, "personal_data", signed_on=date(2024, 9, 1), paper_number="1")
    ((purpose, data_list),) = query("SELECT purpose, data_list FROM consent")
    assert purpose.startswith("Организация и сопровождение наставничества")
    assert "квалификационная категория" in data_list
    assert staff.id


def test_services_record_and_revoke_for_the_demo_seed(app, make, school, in_school, query):
    staff = make.staff(school)
    with in_school():
        from nastavnik.tenants.staff.models import Staff

        person = db.session.execute(db.select(Staff)).scalar_one()
        consent = record_consent(
            person,
            "publication",
            signed_on=date(2024, 9, 1),
            purpose="Сайт",
            data_list="ФИО",
            paper_number="3",
        )
        revoke_consent(consent, date(2024, 9, 2), "Передумал")
    assert consents_of(query, staff) == [
        ("publication", "Сайт", "3", None, "2024-09-02", "Передумал")
    ]
