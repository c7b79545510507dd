"""The staff register on screen: the list, one teacher's card and form, their account."""

import re
from datetime import date, timedelta
from io import BytesIO
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook

from nastavnik.dates import today
from nastavnik.tenants.staff.xlsx import COLUMNS

HIDDEN = "Данные скрыты: согласие отозвано"


def teacher_form(**changes) -> dict:
    data = {
        "last_name": "Мадаев",
        "first_name": "Ибрагим",
        "middle_name": "Асланович",
        "position": "учитель математики",
        "subjects": "математика, информатика",
        "total_years": "12",
        "teaching_years": "10",
        "category": "first",
        "hired_on": "2014-09-01",
        "phone": "+7 928 123-45-67",
        "email": "madaev@example.ru",
    }
    data.update(changes)
    return data


def staff_rows(query):
    return query(
        "SELECT last_name, first_name, total_years, category, CAST(hired_on AS TEXT) FROM staff"
    )


def hide(make, school, staff):
    """The person's data consent was revoked: what the consents feature leaves behind."""
    from sqlalchemy import update

    from nastavnik.tenants.staff.models import Staff

    with make.in_school(school) as session:
        session.execute(update(Staff).where(Staff.id == staff.id).values(data_hidden=True))


# --- the register -----------------------------------------------------------------------


def test_register_shows_teachers_with_their_consents_and_banks(client, make, school, curator):
    mentor = make.mentor_entry(
        school, make.consenting_staff(school, mentor=True, last_name="Алиев")
    )
    make.mentee_entry(school, make.consenting_staff(school, last_name="Дудаева"))
    make.staff(school, last_name="Исмаилов")
    page = client.get("/s/s1/staff/").get_data(as_text=True)
    assert "Алиев" in page and "Дудаева" in page and "Исмаилов" in page
    assert "ПДн: действует" in page
    assert "обязанности наставника: действует" in page
    assert "ПДн: нет" in page  # Исмаилов has signed nothing
    assert "публикация: нет" in page
    assert "Наставник" in page and "Наставляемый: ожидает наставника" in page
    assert mentor.id


def test_register_is_searched_by_any_part_of_the_name(client, make, school, curator):
    make.staff(school, last_name="Мадаев", first_name="Ибрагим")
    make.staff(school, last_name="Хасанова", first_name="Петимат")
    page = client.get("/s/s1/staff/?q=мадаев ибр").get_data(as_text=True)
    assert "Мадаев" in page and "Хасанова" not in page
    assert "Никого не найдено" in client.get("/s/s1/staff/?q=Иванов").get_data(as_text=True)


def test_hidden_person_shows_no_details_and_is_not_found_by_name(client, make, school, curator):
    staff = make.staff(school, last_name="Скрытова", position="учитель биологии")
    hide(make, school, staff)
    page = client.get("/s/s1/staff/").get_data(as_text=True)
    assert HIDDEN in page
    assert "Скрытова" not in page and "учитель биологии" not in page
    found = client.get("/s/s1/staff/?q=Скрытова").get_data(as_text=True)
    assert "Никого не найдено" in found


def test_working_group_sees_the_register_but_cannot_change_it(client, make, auth, school):
    make.account(school, "wg", roles=["working_group"])
    make.staff(school, last_name="Мадаев")
    auth.login(school, "wg")
    page = client.get("/s/s1/staff/").get_data(as_text=True)
    assert "Мадаев" in page
    assert "Добавить педагога" not in page
    assert client.post("/s/s1/staff/new", data=teacher_form()).status_code == 403
    assert client.get("/s/s1/staff/export.xlsx").status_code == 403
    assert client.get("/s/s1/staff/template.xlsx").status_code == 200


def test_mentor_has_no_access_to_personal_data(client, make, auth, school):
    make.account(school, "mentor", roles=["mentor"])
    auth.login(school, "mentor")
    assert client.get("/s/s1/staff/").status_code == 403


# --- one teacher at a time ---------------------------------------------------------------


def test_curator_adds_a_teacher(client, curator, query):
    response = client.post("/s/s1/staff/new", data=teacher_form())
    assert response.status_code == 302
    assert staff_rows(query) == [("Мадаев", "Ибрагим", 12, "first", "2014-09-01")]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Педагог Мадаев Ибрагим Асланович добавлен в реестр." in page
    assert "1 сентября 2014 г." in page
    assert "первая" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"last_name": ""}, "Заполните поле «Фамилия»."),
        ({"position": " "}, "Заполните поле «Должность»."),
        ({"total_years": "61"}, "Целое число лет от 0 до 60."),
        ({"teaching_years": "-1"}, "Целое число лет от 0 до 60."),
        ({"total_years": "двенадцать"}, "Неверное целое число."),
        ({"total_years": "5", "teaching_years": "7"}, "не может быть больше общего"),
        (
            {"hired_on": (today() + timedelta(days=1)).isoformat()},
            "не может быть позже сегодняшнего дня",
        ),
        ({"hired_on": "1949-12-31"}, "не может быть раньше 1950 года"),
        ({"hired_on": "01.09.2014"}, "Неверное значение даты."),
        ({"email": "madaev@"}, "name@example.ru"),
        ({"category": "super"}, "Выберите значение из списка."),
        ({"last_name": "М" * 101}, "Не более 100 символов."),
    ],
)
def test_bad_teacher_input_is_refused_and_saves_nothing(client, curator, query, changes, message):
    response = client.post("/s/s1/staff/new", data=teacher_form(**changes))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert staff_rows(query) == []


def test_the_same_person_is_not_added_twice(client, make, school, curator, query):
    make.staff(
        school,
        last_name="Мадаев",
        first_name="Ибрагим",
        middle_name="Асланович",
        hired_on=date(2014, 9, 1),
    )
    response = client.post("/s/s1/staff/new", data=teacher_form(last_name="  мадаев "))
    assert "уже есть в реестре школы" in response.get_data(as_text=True)
    assert len(staff_rows(query)) == 1


def test_curator_edits_a_teacher(client, make, school, curator, query):
    staff = make.staff(school, last_name="Мадаев", first_name="Ибрагим", middle_name="")
    page = client.get(f"/s/s1/staff/{staff.id}/edit").get_data(as_text=True)
    assert 'value="Мадаев"' in page
    response = client.post(
        f"/s/s1/staff/{staff.id}/edit", data=teacher_form(total_years="13", category="highest")
    )
    assert response.status_code == 302
    assert staff_rows(query) == [("Мадаев", "Ибрагим", 13, "highest", "2014-09-01")]


def test_editing_cannot_make_a_duplicate(client, make, school, curator, query):
    make.staff(school, last_name="Мадаев", first_name="Ибрагим", middle_name="Асланович")
    other = make.staff(school, last_name="Хасанов", first_name="Ахмед", middle_name="")
    response = client.post(
        f"/s/s1/staff/{other.id}/edit", data=teacher_form(hired_on="", total_years="")
    )
    assert "уже есть в реестре школы" in response.get_data(as_text=True)
    assert query(f"SELECT last_name FROM staff WHERE id = {other.id}") == [("Хасанов",)]


def test_a_hidden_person_cannot_be_edited(client, make, school, curator, query):
    staff = make.staff(school, last_name="Скрытова")
    hide(make, school, staff)
    response = client.post(f"/s/s1/staff/{staff.id}/edit", data=teacher_form())
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "согласие на обработку персональных данных отозвано" in page
    assert query(f"SELECT last_name FROM staff WHERE id = {staff.id}") == [("Скрытова",)]


def test_html_typed_into_a_field_is_shown_as_text(client, curator):
    response = client.post(
        "/s/s1/staff/new",
        data=teacher_form(last_name="<script>alert(1)</script>", position="<b>учитель</b>"),
    )
    card = client.get(response.headers["Location"]).get_data(as_text=True)
    register = client.get("/s/s1/staff/").get_data(as_text=True)
    for page in (card, register):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<script>alert(1)" not in page
        assert "&lt;b&gt;учитель&lt;/b&gt;" in page


# --- the card ----------------------------------------------------------------------------


def test_card_shows_details_consents_and_bank_entries(client, make, school, curator):
    staff = make.consenting_staff(
        school, last_name="Мадаев", total_years=20, teaching_years=18, phone="+7 928 000-00-01"
    )
    make.mentee_entry(school, staff)
    page = client.get(f"/s/s1/staff/{staff.id}").get_data(as_text=True)
    assert "+7 928 000-00-01" in page
    assert "Согласие на обработку персональных данных" in page
    assert "1 сентября 2024 г." in page
    assert "Банк наставляемых" in page and "Молодой / начинающий педагог" in page
    assert "Учётной записи нет" in page


def test_card_of_a_hidden_person_keeps_the_name_only_in_the_consent_history(
    client, make, school, curator
):
    staff = make.consenting_staff(school, last_name="Скрытова", phone="+7 928 555-55-55")
    hide(make, school, staff)
    page = client.get(f"/s/s1/staff/{staff.id}").get_data(as_text=True)
    header = re.search(r'data-testid="staff-name">([^<]*)<', page).group(1)
    assert header == HIDDEN
    assert "+7 928 555-55-55" not in page
    assert "История согласий: Скрытова" in page


def test_working_group_sees_no_consent_history(client, make, auth, school):
    make.account(school, "wg", roles=["working_group"])
    staff = make.consenting_staff(school, last_name="Скрытова")
    hide(make, school, staff)
    auth.login(school, "wg")
    page = client.get(f"/s/s1/staff/{staff.id}").get_data(as_text=True)
    assert "Скрытова" not in page
    assert "ПДн: действует" in page


# --- a teacher's account -----------------------------------------------------------------


def test_curator_opens_an_account_for_a_teacher(app, client, make, school, curator, query):
    staff = make.consenting_staff(school, last_name="Мадаев", first_name="Ибрагим")
    response = client.post(
        f"/s/s1/staff/{staff.id}/account", data={"login": "madaev", "roles": ["mentor", "mentee"]}
    )
    page = response.get_data(as_text=True)
    password = re.search(r'data-testid="one-time-password">([^<]+)<', page).group(1)
    (account_id,) = query("SELECT id FROM account WHERE login = 'madaev'")[0]
    assert query(f"SELECT account_id FROM staff WHERE id = {staff.id}") == [(account_id,)]
    assert query(f"SELECT role FROM role_grant WHERE account_id = {account_id} ORDER BY role") == [
        ("mentee",),
        ("mentor",),
    ]
    card = client.get(f"/s/s1/staff/{staff.id}").get_data(as_text=True)
    assert "Логин <strong>madaev</strong>" in card
    teacher = app.test_client()
    teacher.post("/s/s1/login", data={"login": "madaev", "password": password})
    assert teacher.get("/s/s1/").headers["Location"] == "/s/s1/password"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"login": "curator", "roles": ["mentor"]}, "Такой логин в школе уже есть."),
        ({"login": "new-one", "roles": ["director"]}, "Выберите значение из списка."),
        ({"login": "new-one", "roles": []}, "Выберите хотя бы одну роль."),
        ({"login": "а б", "roles": ["mentor"]}, "латинские буквы"),
    ],
)
def test_bad_account_for_a_teacher_is_refused(client, make, school, curator, query, data, message):
    staff = make.consenting_staff(school)
    page = client.post(f"/s/s1/staff/{staff.id}/account", data=data).get_data(as_text=True)
    assert message in page
    assert query("SELECT count(*) FROM account") == [(1,)]
    assert query(f"SELECT account_id FROM staff WHERE id = {staff.id}") == [(None,)]


def test_a_teacher_gets_one_account_only(client, make, school, curator, query):
    staff = make.consenting_staff(school)
    client.post(f"/s/s1/staff/{staff.id}/account", data={"login": "first", "roles": ["mentee"]})
    page = client.post(
        f"/s/s1/staff/{staff.id}/account", data={"login": "second", "roles": ["mentee"]}
    ).get_data(as_text=True)
    assert "У педагога уже есть учётная запись." in page
    assert query("SELECT login FROM account WHERE login = 'second'") == []


# --- the spreadsheets --------------------------------------------------------------------


def test_template_is_an_empty_register_to_fill_in(client, curator):
    response = client.get("/s/s1/staff/template.xlsx")
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.data)).worksheets[0]
    assert [c.value for c in sheet[1]] == [column.header for column in COLUMNS]
    assert sheet.cell(2, 1).value is None


def test_export_leaves_out_people_whose_data_is_hidden(client, make, school, curator):
    make.staff(school, last_name="Мадаев", subjects="математика, информатика", total_years=5)
    hidden = make.staff(school, last_name="Скрытова")
    hide(make, school, hidden)
    response = client.get("/s/s1/staff/export.xlsx")
    sheet = load_workbook(BytesIO(response.data)).worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2) if row[0].value]
    assert len(values) == 1
    assert values[0][:2] == ["Мадаев", "Марьям"]
    assert values[0][4] == "математика, информатика"
    assert "Скрытова" not in str(values)


def test_the_exported_register_is_named_with_the_school_and_the_day(client, school, curator):
    disposition = client.get("/s/s1/staff/export.xlsx").headers["Content-Disposition"]
    name = unquote(disposition.split("filename*=UTF-8''")[1])
    assert name == f"Реестр педагогов — {school.short_name} — {today():%d.%m.%Y}.xlsx"


def test_services_add_a_teacher_and_refuse_the_same_one_again(app, school, query):
    from nastavnik.extensions import db
    from nastavnik.tenancy import Scope, scoped
    from nastavnik.tenants.staff.services import Refusal, create_staff

    with app.app_context(), scoped(Scope.school(school.id)):
        create_staff(
            last_name="Мадаев",
            first_name="Ибрагим",
            position="учитель математики",
            subjects=("математика", " Математика", "информатика"),
            hired_on=date(2014, 9, 1),
        )
        with pytest.raises(Refusal, match="уже есть в реестре"):
            create_staff(
                last_name="мадаев",
                first_name="ибрагим",
                position="учитель",
                hired_on=date(2014, 9, 1),
            )
        db.session.commit()
    assert query("SELECT subjects, category FROM staff") == [("математика, информатика", "none")]


def test_a_large_register_is_shown_a_page_at_a_time_and_keeps_the_search(
    client, make, school, curator
):
    from nastavnik.tenants.staff.views import PAGE_SIZE

    for _ in range(PAGE_SIZE + 3):
        make.staff(school, first_name="Зарема")
    make.staff(school, last_name="Мадаев", first_name="Ибрагим")
    rows = re.compile(r'<a href="/s/s1/staff/(\d+)">')
    one = client.get("/s/s1/staff/?q=зарема").get_data(as_text=True)
    assert f"Педагогов: {PAGE_SIZE + 3}" in one and f"1–{PAGE_SIZE} из {PAGE_SIZE + 3}" in one
    assert len(rows.findall(one)) == PAGE_SIZE and "Мадаев" not in one
    # The link to the next page keeps the search.
    assert 'href="/s/s1/staff/?q=%D0%B7%D0%B0%D1%80%D0%B5%D0%BC%D0%B0&amp;page=2"' in one
    two = client.get("/s/s1/staff/?q=зарема&page=2").get_data(as_text=True)
    assert len(rows.findall(two)) == 3 and not set(rows.findall(one)) & set(rows.findall(two))
    # A page past the end shows the last one; nonsense shows the first.
    assert rows.findall(client.get("/s/s1/staff/?q=зарема&page=99").get_data(as_text=True)) == (
        rows.findall(two)
    )
    assert len(rows.findall(client.get("/s/s1/staff/?page=²").get_data(as_text=True))) == (
        PAGE_SIZE
    )
