"""Accounts for many teachers at once, from the register, with one printable sheet of slips."""

import base64
import re
from contextlib import contextmanager
from html import unescape
from io import BytesIO

import pytest
from docx import Document
from docx.oxml.ns import qn

from nastavnik.dates import today as local_today

TEACHERS = [
    ("Магомадова", "Марьям"),
    ("Магомадова", "Мадина"),  # the same login as the first: the second gets «magomadova.m2»
    ("Джамалдинова", "Седа"),
    ("Денилханов", "Ахмед"),
    ("Шахбиев", "Ильяс"),
    ("Юсупова", "Зарема"),
    ("Цуев", "Эльдар"),
    ("Хасанова", "Петимат"),
    ("Эльмурзаев", "Ислам"),
    ("Абдулаева", "Хеда"),
    ("Чапаев", "Рамзан"),
    ("Ясаева", "Яха"),
    ("Вахаева", "Лиана"),
    ("Гайрбекова", "Луиза"),
    ("Зубайраев", "Адам"),
    ("Ибрагимова", "Элиза"),
    ("Кадыров", "Мовсар"),
    ("Лорсанова", "Айшат"),
    ("Муртазалиев", "Шамиль"),
    ("Подъячева", "Ёлка"),
]


def rows_of(page: str) -> dict[str, str | list[str]]:
    """The form's rows as the browser would send them back: every input as filled in."""
    data: dict[str, str | list[str]] = {}
    for tag in re.findall(r"<input [^>]*>", page):
        name = re.search(r'name="(rows-\d+-\w+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if not (name and value):
            continue
        if 'type="checkbox"' not in tag:
            data[name.group(1)] = value.group(1)
        elif " checked" in tag:
            data.setdefault(name.group(1), []).append(value.group(1))
    return data


def choose(client, people) -> str:
    query = "&".join(f"staff_id={s.id}" for s in people)
    response = client.get(f"/s/s1/staff/accounts?{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def slips_of(page: str) -> Document:
    href = re.search(r'href="data:([^;]+);base64,([^"]+)"', page)
    assert href.group(1).endswith("wordprocessingml.document")
    return Document(BytesIO(base64.b64decode(href.group(2))))


def slip_texts(document) -> list[str]:
    return [cell.text for table in document.tables for row in table.rows for cell in row.cells]


# --- the rules, through the service ----------------------------------------------------------


@pytest.fixture
def in_school(app, school):
    from nastavnik.extensions import db
    from nastavnik.tenancy import Scope, scoped

    @contextmanager
    def enter():
        with app.app_context(), scoped(Scope.school(school.id)):
            try:
                yield db.session
            finally:
                db.session.rollback()
                db.session.remove()

    return enter


@pytest.mark.parametrize(
    ("last", "first", "login"),
    [
        ("Магомадова", "Марьям", "magomadova.m"),
        ("Хасанова", "Хеда", "khasanova.kh"),  # the initial as the passport spells the letter
        ("Подъячев", "Ёлкин", "podieiachev.e"),  # ICAO Doc 9303: ъ → ie, ё → e
        ("Щукина-Юсупова", "Яха", "shchukina-iusupova.ia"),
        ("О", "Ы", "o.y"),
        ("Ь", "Ъ", "pedagog{id}"),  # nothing Latin is left: a login all the same
    ],
)
def test_a_login_is_the_surname_and_initial_in_the_passport_spelling(
    make, school, in_school, last, first, login
):
    from nastavnik.tenants.staff.models import Staff
    from nastavnik.tenants.staff.services import login_from_name

    person = make.staff(school, last_name=last, first_name=first)
    with in_school() as session:
        staff = session.get(Staff, person.id)
        assert login_from_name(staff) == login.format(id=person.id)


def test_the_service_makes_all_or_none(make, school, in_school):
    from nastavnik.refusals import RowsRefused
    from nastavnik.tenants.staff.models import Staff
    from nastavnik.tenants.staff.services import create_staff_accounts

    ids = [make.staff(school).id for _ in range(3)]
    with in_school() as session:
        people = [session.get(Staff, i) for i in ids]
        chosen = [(people[0], "one", ["mentee"]), (people[1], "two", ["director"])]
        chosen.append((people[2], "one", ["mentor"]))
        with pytest.raises(RowsRefused) as refused:
            create_staff_accounts(chosen)
        assert refused.value.rows == {
            people[0].id: "Этот логин указан для нескольких педагогов.",
            people[1].id: "Выберите роль: наставник и (или) наставляемый.",
            people[2].id: "Этот логин указан для нескольких педагогов.",
        }
        assert (
            str(refused.value) == "Учётные записи не созданы: исправьте отмеченные строки (3 из 3)."
        )


def test_the_service_takes_at_most_two_hundred_at_once(make, school, in_school):
    from nastavnik.refusals import Refusal
    from nastavnik.tenants.staff.models import Staff
    from nastavnik.tenants.staff.services import create_staff_accounts

    person_id = make.staff(school).id
    with in_school() as session:
        person = session.get(Staff, person_id)
        with pytest.raises(Refusal, match="не более 200"):
            create_staff_accounts([(person, f"l{n}", ["mentee"]) for n in range(201)])
        with pytest.raises(Refusal, match="Выберите педагогов"):
            create_staff_accounts([])


# --- on screen -----------------------------------------------------------------------------


@pytest.fixture
def twenty(make, school):
    return [make.staff(school, last_name=last, first_name=first) for last, first in TEACHERS]


def test_twenty_teachers_get_accounts_and_one_sheet_of_slips(
    app, client, school, curator, twenty, query
):
    page = choose(client, twenty)
    data = rows_of(page)
    logins = [v for k, v in data.items() if k.endswith("-login")]
    assert "magomadova.m" in logins and "magomadova.m2" in logins
    assert "podieiacheva.e" in logins  # ICAO Doc 9303, as the passport: ъ → ie, ё → e
    assert len(set(logins)) == 20

    response = client.post("/s/s1/staff/accounts", data=data)
    page = response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    assert "Новых учётных записей: 20" in page
    shown = re.findall(
        r'data-testid="person">([^<]+)</div>\s*<div>Логин: <code data-testid="login">([^<]+)<'
        r'.*?data-testid="one-time-password">([^<]+)<',
        page,
        re.DOTALL,
    )
    names = {s.id: s.full_name for s in twenty}
    chosen = {data[f"rows-{i}-login"]: names[int(data[f"rows-{i}-staff_id"])] for i in range(20)}
    assert {login: name for name, login, _ in shown} == chosen
    passwords = [password for _, _, password in shown]
    assert len(set(passwords)) == 20

    document = slips_of(page)
    texts = [t for t in slip_texts(document) if t.strip()]
    assert len(texts) == 20
    # the file as the browser saves it: in Russian, with the school and the day
    saved_as = unescape(re.search(r'download="([^"]+)"', page).group(1))
    assert saved_as == f"Памятки для входа — {school.short_name} — {local_today():%d.%m.%Y}.docx"
    for name, login, password in shown:
        slip = next(t for t in texts if f"Логин: {login}\n" in t)
        assert name in slip
        assert f"Пароль: {password}" in slip
        assert "http://localhost/s/s1/login" in slip
        assert "при первом входе платформа попросит задать свой пароль" in slip

    rows = query("SELECT login, must_change_password FROM account WHERE login <> 'curator'")
    assert sorted(rows) == sorted((login, True) for login in logins)
    assert query("SELECT count(*) FROM staff WHERE account_id IS NULL") == [(0,)]
    # Nothing keeps the passwords: neither the session cookie nor a page to come back to.
    cookie = client.get_cookie("session")
    assert all(p not in (cookie.value if cookie else "") for p in passwords)
    assert all(p not in client.get("/s/s1/staff/").get_data(as_text=True) for p in passwords)

    for _, login, password in shown:  # each of the 20 logs in, and must change the password
        teacher = app.test_client()
        teacher.post("/s/s1/login", data={"login": login, "password": password})
        assert teacher.get("/s/s1/").headers["Location"] == "/s/s1/password"


def test_the_sheet_holds_eight_slips_a_page_with_cut_lines(client, school, curator, twenty):
    page = client.post("/s/s1/staff/accounts", data=rows_of(choose(client, twenty)))
    document = slips_of(page.get_data(as_text=True))
    assert [len(t.rows) * len(t.columns) for t in document.tables] == [8, 8, 4]
    borders = document.tables[0]._tbl.tblPr.xpath("w:tblBorders/*")
    assert {b.get(qn("w:val")) for b in borders} == {"dashed"}


def test_roles_start_from_the_banks(client, make, school, curator):
    mentor = make.mentor_entry(school, make.consenting_staff(school, mentor=True)).staff_id
    mentee = make.mentee_entry(school, make.consenting_staff(school)).staff_id
    nowhere = make.staff(school).id
    page = client.get(
        f"/s/s1/staff/accounts?staff_id={mentor}&staff_id={mentee}&staff_id={nowhere}"
    ).get_data(as_text=True)
    data = rows_of(page)
    roles = {int(data[f"rows-{i}-staff_id"]): data[f"rows-{i}-roles"] for i in range(3)}
    assert roles == {mentor: ["mentor"], mentee: ["mentee"], nowhere: ["mentor", "mentee"]}


def test_logins_and_roles_can_be_changed_before_confirming(client, make, school, curator, query):
    people = [make.staff(school, last_name="Алиев"), make.staff(school, last_name="Бисаев")]
    data = rows_of(choose(client, people))
    data["rows-0-login"] = "aliev.director.choice"
    data["rows-1-roles"] = ["mentee"]
    client.post("/s/s1/staff/accounts", data=data)
    assert query("SELECT login FROM account WHERE login LIKE 'aliev%'") == [
        ("aliev.director.choice",)
    ]
    assert query(
        "SELECT role FROM role_grant JOIN account ON account.id = account_id "
        "WHERE login LIKE 'bisaev%'"
    ) == [("mentee",)]


def test_logins_already_taken_in_the_school_are_not_suggested(client, make, school, curator):
    make.account(school, "magomadova.m")
    make.account(school, "magomadova.m2")
    person = make.staff(school, last_name="Магомадова", first_name="Марьям")
    assert rows_of(choose(client, [person]))["rows-0-login"] == "magomadova.m3"


def test_teachers_with_an_account_or_hidden_data_are_left_out(client, make, school, curator):
    has = make.staff(school, last_name="Естьучётка")
    client.post(f"/s/s1/staff/{has.id}/account", data={"login": "est", "roles": ["mentee"]})
    hidden = make.staff(school, last_name="Скрытая", data_hidden=True)
    fresh = make.staff(school, last_name="Новая")
    page = choose(client, [has, hidden, fresh])
    assert "Естьучётка Марьям Исаевна — У педагога уже есть учётная запись." in page
    assert "согласие на обработку персональных данных отозвано" in page
    assert "Скрытая" not in page  # a hidden person is not named
    assert list(rows_of(page).values()).count(str(fresh.id)) == 1
    assert "rows-1-login" not in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rows-3-login": "curator"}, "Такой логин в школе уже есть."),
        ({"rows-3-login": "magomadova.m"}, "Этот логин указан для нескольких педагогов."),
        ({"rows-3-login": "маго"}, "латинские буквы"),
        ({"rows-3-roles": []}, "Выберите хотя бы одну роль."),
        ({"rows-3-roles": ["director"]}, "Выберите значение из списка."),
    ],
)
def test_one_bad_row_refuses_them_all_and_says_which(
    client, school, curator, twenty, snapshot, change, message
):
    data = rows_of(choose(client, twenty)) | change
    before = snapshot()
    page = client.post("/s/s1/staff/accounts", data=data).get_data(as_text=True)
    assert snapshot() == before
    assert message in page
    row = page.split('name="rows-3-login"')[1].split("</li>")[0]
    assert message in row  # beside the row it concerns
    assert "data:application" not in page


def test_someone_given_an_account_meanwhile_refuses_the_whole_list(
    client, make, school, curator, twenty, snapshot
):
    data = rows_of(choose(client, twenty))
    client.post(f"/s/s1/staff/{twenty[5].id}/account", data={"login": "x-y", "roles": ["mentee"]})
    before = snapshot()
    page = client.post("/s/s1/staff/accounts", data=data).get_data(as_text=True)
    assert snapshot() == before
    assert "У педагога уже есть учётная запись." in page
    assert "Учётные записи не созданы: исправьте отмеченные строки (1 из 20)." in page


def test_another_schools_teacher_cannot_be_chosen(client, make, school, curator, snapshot):
    other = make.school("s2")
    stranger = make.staff(other, last_name="Чужой")
    assert client.get(f"/s/s1/staff/accounts?staff_id={stranger.id}").status_code == 404
    before = snapshot()
    response = client.post(
        "/s/s1/staff/accounts",
        data={"rows-0-staff_id": stranger.id, "rows-0-login": "chuzhoi", "rows-0-roles": "mentee"},
    )
    assert response.status_code == 404
    assert snapshot() == before


def test_nobody_chosen_sends_back_to_the_register(client, school, curator):
    response = client.get("/s/s1/staff/accounts")
    assert response.headers["Location"] == "/s/s1/staff/"
    assert "Отметьте в реестре педагогов" in client.get("/s/s1/staff/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("roles", "allowed"),
    [
        (["curator"], True),
        (["director"], True),
        (["coordinator"], True),
        (["sysadmin"], False),  # keeps the accounts, but not the staff register
        (["working_group"], False),
        (["mentor", "mentee"], False),
    ],
)
def test_who_gives_accounts_from_the_register(client, make, auth, school, snapshot, roles, allowed):
    person = make.staff(school, last_name="Магомадова", first_name="Марьям")
    make.account(school, "someone", roles=roles)
    auth.login(school, "someone")
    before = snapshot()
    response = client.post(
        "/s/s1/staff/accounts",
        data={"rows-0-staff_id": person.id, "rows-0-login": "m.m", "rows-0-roles": "mentee"},
    )
    assert (response.status_code == 200) is allowed
    assert (snapshot() == before) is not allowed


def test_accounts_made_at_once_are_journalled(client, school, curator, twenty, query):
    client.post("/s/s1/staff/accounts", data=rows_of(choose(client, twenty[:3])))
    made = query("SELECT id FROM account WHERE login <> 'curator'")
    journalled = query(
        "SELECT record_id, login FROM journal_entry "
        "WHERE action = 'created' AND record_kind = 'Учётная запись' AND login = 'curator'"
    )
    assert sorted(journalled) == sorted((account_id, "curator") for (account_id,) in made)


def test_the_register_ticks_everyone_without_a_script(client, school, curator, twenty):
    page = client.get("/s/s1/staff/").get_data(as_text=True)
    assert page.count('name="staff_id"') == 20 and " checked" not in page
    link = re.search(r'href="([^"]+)" data-testid="choose-all"', page).group(1)
    chosen = client.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert chosen.count('form="chosen" id="chosen-') == 20
    assert chosen.count(" checked>") == 20


def test_the_slips_passwords_stop_opening_the_accounts_after_seven_days(
    app, client, school, curator, twenty, query
):
    from datetime import timedelta

    from sqlalchemy import update

    from nastavnik.models import Account, utcnow

    page = client.post("/s/s1/staff/accounts", data=rows_of(choose(client, twenty[:2])))
    made = re.findall(
        r'data-testid="login">([^<]+)<.*?one-time-password">([^<]+)<', page.text, re.S
    )
    assert "Пароли действуют до" in page.text
    (login, password), (fresh_login, fresh_password) = made
    eight_days_ago = utcnow() - timedelta(days=8)
    query(
        update(Account)
        .where(Account.login == login)
        .values(password_set_at=eight_days_ago)
        .returning(1)
    )
    teacher = app.test_client()
    refused = teacher.post("/s/s1/login", data={"login": login, "password": password})
    assert "Одноразовый пароль действовал 7 дней и больше не действует" in refused.text
    opened = teacher.post("/s/s1/login", data={"login": fresh_login, "password": fresh_password})
    assert opened.headers["Location"] == "/s/s1/"
