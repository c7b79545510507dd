"""The district's administration: the administrator registers a school with its director's
account and slip, deactivates and reactivates schools, keeps the district's accounts; the
methodologist and school accounts reach none of it."""

import base64
import io
import re
from html import unescape

import pytest
from docx import Document

from nastavnik.app import create_app

from ...platform.test_hostile_forms import FLAVOURS, SCRIPT, FormFields, hostile_value

NEW_SCHOOL = {
    "slug": "enikali",
    "short_name": "МБОУ «Эникалинская СШ»",
    "name_ru": "Муниципальное бюджетное общеобразовательное учреждение «Эникалинская СШ»",
    "name_ce": "Муниципальни бюджетан йукъардешаран хъукмат «Эникалин юккъера ишкол»",
    "settlement": "с. Эникали",
    "kind": "secondary",
    "director_name": "Абдулаева Хава Ильясовна",
    "director_login": "director",
}
NEW_PASSWORD = "новый-пароль-руководителя"

_ROUTES_APP = create_app(
    {"TESTING": True, "SECRET_KEY": "routes-only", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
)
ADMIN_ROUTES = [
    rule for rule in _ROUTES_APP.url_map.iter_rules() if rule.rule.startswith("/district/admin")
]


def _url(rule, **ids) -> str:
    url = rule.rule
    for name in rule.arguments:
        url = url.replace(f"<int:{name}>", str(ids[name]))
    return url


def _counts(query) -> tuple[int, int]:
    return query("select count(*) from school")[0][0], query("select count(*) from account")[0][0]


@pytest.fixture
def admin(app, make):
    make.account(None, "district", roles=["district_admin"], full_name="Администратор Района")
    client = app.test_client()
    assert (
        client.post(
            "/district/login", data={"login": "district", "password": make.PASSWORD}
        ).status_code
        == 302
    )
    return client


@pytest.fixture
def methodist(app, make):
    make.account(None, "methodist", roles=["methodologist"], full_name="Методист Района")
    client = app.test_client()
    client.post("/district/login", data={"login": "methodist", "password": make.PASSWORD})
    return client


def _slip(page: str) -> Document:
    """The slip as the administrator's browser would save it from the page's link."""
    href = unescape(re.search(r'href="(data:[^"]+)"[^>]*data-testid="slip"', page).group(1))
    kind, _, data = href.partition(";base64,")
    assert kind == "data:application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return Document(io.BytesIO(base64.b64decode(data)))


def _slip_fields(document) -> dict[str, str]:
    return {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}


def _error_beside(page: str, field: str) -> str:
    """The message shown under the field (Bootstrap's invalid-feedback after its input)."""
    found = re.search(rf'id="{field}"[^>]*>.*?<div class="invalid-feedback[^"]*"[^>]*>(.*?)</div>',
                      page, re.S)  # fmt: skip
    return unescape(found.group(1)).strip() if found else ""


# --- registering a school -------------------------------------------------------------------


def test_the_district_registers_a_school_and_its_director_logs_in_with_the_slip(app, admin):
    form = admin.get("/district/admin/schools/new").get_data(as_text=True)
    assert 'value="director"' in form  # the director's login, as the demo names it
    response = admin.post("/district/admin/schools/new", data=NEW_SCHOOL)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    shown = re.search(r'data-testid="one-time-password">([^<]+)<', page).group(1)

    slip = _slip(page)
    fields = _slip_fields(slip)
    saved_as = unescape(re.search(r'download="([^"]+)"[^>]*data-testid="slip"', page).group(1))
    assert saved_as.startswith("Памятка для входа руководителя — ") and saved_as.endswith(".docx")
    text = "\n".join(p.text for p in slip.paragraphs)
    assert fields["Адрес для входа"] == "http://localhost/s/enikali/login"
    assert fields["Логин"] == "director"
    assert fields["Одноразовый пароль"] == shown
    assert NEW_SCHOOL["name_ru"] in text and "Абдулаева Хава Ильясовна" in text
    assert "задать свой пароль" in text

    director = app.test_client()
    login = {"login": fields["Логин"], "password": fields["Одноразовый пароль"]}
    assert director.post("/s/enikali/login", data=login).status_code == 302
    # The one-time password opens nothing but the page that replaces it.
    assert director.get("/s/enikali/").headers["Location"] == "/s/enikali/password"
    changed = director.post(
        "/s/enikali/password",
        data={"current": login["password"], "new": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert changed.status_code == 302
    director.post("/s/enikali/logout")
    assert director.post("/s/enikali/login", data=login).status_code == 200  # not any more
    again = director.post("/s/enikali/login", data={"login": "director", "password": NEW_PASSWORD})
    assert again.status_code == 302
    home = director.get("/s/enikali/")
    assert home.status_code == 200
    assert "Абдулаева Хава Ильясовна" in home.get_data(as_text=True)
    assert "Руководитель ОО" in home.get_data(as_text=True)


def test_the_new_school_is_on_the_portal_the_overview_and_the_list(admin, client, query):
    admin.post("/district/admin/schools/new", data=NEW_SCHOOL)
    assert query("select kind, director_name, active from school where slug = 'enikali'") == [
        ("secondary", "Абдулаева Хава Ильясовна", True)
    ]
    assert "МБОУ «Эникалинская СШ»" in admin.get("/district/").get_data(as_text=True)
    assert "/s/enikali/login" in admin.get("/district/admin/schools/").get_data(as_text=True)
    assert "Эникалинская" in client.get("/").get_data(as_text=True)


def test_the_one_time_password_is_stored_only_as_a_hash(app, admin, query):
    response = admin.post("/district/admin/schools/new", data=NEW_SCHOOL)
    assert response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    password = re.search(r'data-testid="one-time-password">([^<]+)<', page).group(1)
    assert re.fullmatch(r"[a-km-np-z2-9]{5}-[a-km-np-z2-9]{5}-[a-km-np-z2-9]{5}", password)
    rows = query("select password_hash, must_change_password from account where login='director'")
    assert len(rows) == 1 and bool(rows[0][1])
    assert password not in rows[0][0]
    # Nothing else keeps it: the session cookie neither, and the page is not cached.
    cookie = admin.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    assert password not in repr(app.session_interface.get_signing_serializer(app).loads(cookie))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("slug", "taken", "Школа с адресом «taken» уже есть."),
        ("slug", "Mairtup-2", "Только строчные латинские буквы"),
        ("slug", "майртуп", "Только строчные латинские буквы"),
        ("slug", "mairtup 2", "Только строчные латинские буквы"),
        ("slug", "-mairtup", "Только строчные латинские буквы"),
        ("slug", "mairtup--2", "Только строчные латинские буквы"),
        ("slug", "m" * 41, "не длиннее 40 символов"),
        ("slug", "", "Укажите адрес школы."),
        ("name_ru", "Ш" * 5000, "Не длиннее 300 символов."),
        ("name_ce", "Ш" * 5000, "Не длиннее 300 символов."),
        ("short_name", "Ш" * 5000, "Не длиннее 120 символов."),
        ("settlement", "", "Заполните это поле."),
        ("name_ce", "   ", "Заполните это поле."),
        ("short_name", "МБОУ\x00СШ", "недопустимые (управляющие) символы"),
        ("settlement", "с.\x1bЭникали", "недопустимые (управляющие) символы"),
        ("kind", "university", "Выберите значение из списка."),
        ("director_name", "", "Заполните это поле."),
        ("director_login", "руководитель", "Логин: латинские буквы"),
        ("postal_address", "А" * 301, "Почтовый адрес — не длиннее 300 символов."),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_nothing_is_saved(
    make, admin, query, snapshot, field, value, message
):
    make.school("taken")
    before, counts = snapshot(), _counts(query)
    response = admin.post("/district/admin/schools/new", data={**NEW_SCHOOL, field: value})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in _error_beside(page, field), field
    assert "one-time-password" not in page
    assert _counts(query) == counts
    assert snapshot() == before


def test_a_taken_address_is_refused_by_the_service_too(app, make):
    # The command line registers through the same service.
    make.school("taken")
    result = app.test_cli_runner().invoke(
        args=["create-school", "--slug", "Taken", "--name", "Н", "--name-ce", "Н"]
        + ["--short", "Н", "--settlement", "с. Н"]
    )
    assert result.exit_code != 0 and "--slug: Только строчные латинские буквы" in result.output


def test_a_lost_slip_is_replaced_by_a_new_password_and_slip(app, admin, query):
    first = admin.post("/district/admin/schools/new", data=NEW_SCHOOL).get_data(as_text=True)
    old = _slip_fields(_slip(first))["Одноразовый пароль"]
    school_id = query("select id from school where slug = 'enikali'")[0][0]
    confirm = admin.get(f"/district/admin/schools/{school_id}/director-password")
    assert "Прежний пароль перестанет действовать" in confirm.get_data(as_text=True)
    page = admin.post(f"/district/admin/schools/{school_id}/director-password")
    fields = _slip_fields(_slip(page.get_data(as_text=True)))
    assert fields["Логин"] == "director" and fields["Одноразовый пароль"] != old
    director = app.test_client()
    refused = director.post("/s/enikali/login", data={"login": "director", "password": old})
    assert "Неверный логин или пароль." in refused.get_data(as_text=True)
    login = {"login": "director", "password": fields["Одноразовый пароль"]}
    assert director.post("/s/enikali/login", data=login).status_code == 302
    assert director.get("/s/enikali/").headers["Location"] == "/s/enikali/password"


def test_no_new_password_for_a_school_without_a_director_or_deactivated(make, admin, snapshot):
    school = make.school("no-director")
    make.account(school, "curator", roles=["curator"])
    before = snapshot()
    response = admin.post(f"/district/admin/schools/{school.id}/director-password")
    page = admin.get(response.headers["Location"]).get_data(as_text=True)
    assert "В школе нет действующей учётной записи руководителя." in page
    assert snapshot() == before
    make.account(school, "director", roles=["director"])
    admin.post(f"/district/admin/schools/{school.id}/deactivate")
    response = admin.post(f"/district/admin/schools/{school.id}/director-password")
    assert "Школа отключена: сначала включите её." in admin.get(
        response.headers["Location"]
    ).get_data(as_text=True)


# --- the postal address (the operator's, on a written consent) -------------------------------

ADDRESS = "366411, Чеченская Республика, Курчалоевский район, с. Цоци-Юрт, ул. А.-Х. Кадырова, 12"


def test_the_administrator_gives_a_school_its_postal_address(make, admin, query):
    school = make.school("tsotsi-yurt", short_name="МБОУ «Цоци-Юртовская СШ»")
    listed = admin.get("/district/admin/schools/").get_data(as_text=True)
    assert "Почтовый адрес: не указан" in listed
    form = admin.get(f"/district/admin/schools/{school.id}/address").get_data(as_text=True)
    assert "Почтовый адрес школы" in form and "бланке согласия" in form
    response = admin.post(
        f"/district/admin/schools/{school.id}/address", data={"postal_address": f"  {ADDRESS} "}
    )
    assert response.status_code == 303
    page = admin.get(response.headers["Location"]).get_data(as_text=True)
    # The short name brings its own quotes: not «МБОУ «Цоци-Юртовская СШ»».
    assert "Почтовый адрес школы МБОУ «Цоци-Юртовская СШ» сохранён." in unescape(page)
    assert f"Почтовый адрес: {ADDRESS}" in unescape(page)
    assert query("select postal_address from school where slug = 'tsotsi-yurt'") == [(ADDRESS,)]
    again = admin.get(f"/district/admin/schools/{school.id}/address").get_data(as_text=True)
    assert f'value="{ADDRESS}"' in unescape(again)  # the form shows what is kept
    # Emptied, the consent forms go back to the settlement.
    admin.post(f"/district/admin/schools/{school.id}/address", data={"postal_address": ""})
    assert query("select postal_address from school where slug = 'tsotsi-yurt'") == [("",)]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("А" * 301, "Почтовый адрес — не длиннее 300 символов."),
        ("366411, с.\x00Цоци-Юрт", "недопустимые (управляющие) символы"),
    ],
)
def test_a_bad_postal_address_is_refused_beside_it_and_nothing_changes(
    make, admin, snapshot, value, message
):
    school = make.school("tsotsi-yurt")
    admin.post(f"/district/admin/schools/{school.id}/address", data={"postal_address": ADDRESS})
    before = snapshot()
    response = admin.post(
        f"/district/admin/schools/{school.id}/address", data={"postal_address": value}
    )
    assert response.status_code == 200
    assert message in _error_beside(response.get_data(as_text=True), "postal_address")
    assert snapshot() == before


def test_the_service_refuses_a_long_postal_address_too(app, make, query):
    from nastavnik.extensions import db
    from nastavnik.models import School
    from nastavnik.refusals import Refusal
    from nastavnik.schools import set_postal_address

    school = make.school("tsotsi-yurt")
    with app.app_context():
        with pytest.raises(Refusal) as refused:
            set_postal_address(db.session.get(School, school.id), "А" * 301)
        assert refused.value.field == "postal_address"
        db.session.rollback()
    assert query("select postal_address from school where slug = 'tsotsi-yurt'") == [("",)]


def test_a_school_registered_with_its_postal_address_keeps_it(admin, query):
    admin.post("/district/admin/schools/new", data={**NEW_SCHOOL, "postal_address": ADDRESS})
    assert query("select postal_address from school where slug = 'enikali'") == [(ADDRESS,)]


# --- deactivation -----------------------------------------------------------------------------


def test_a_deactivated_school_cannot_log_in_and_reactivation_restores_it(app, make, admin, query):
    school = make.school("geldagan", short_name="МБОУ «Гельдаганская СШ»")
    make.account(school, "director", roles=["director"])
    staff = make.staff(school)  # the school's data, which must stay
    director = app.test_client()
    credentials = {"login": "director", "password": make.PASSWORD}
    assert director.post("/s/geldagan/login", data=credentials).status_code == 302

    confirm = admin.get(f"/district/admin/schools/{school.id}/deactivate")
    assert "Данные школы сохранятся" in confirm.get_data(as_text=True)
    done = admin.post(f"/district/admin/schools/{school.id}/deactivate")
    assert done.status_code == 303
    shown = unescape(admin.get(done.headers["Location"]).get_data(as_text=True))
    assert "Школа МБОУ «Гельдаганская СШ» отключена: её сотрудники не войдут." in shown

    # The open session ends; the login page says why, and no password opens it.
    assert director.get("/s/geldagan/").headers["Location"] == "/s/geldagan/login"
    refused = director.post("/s/geldagan/login", data=credentials)
    assert refused.status_code == 200
    text = refused.get_data(as_text=True)
    assert "Школа отключена Управлением образования" in text
    assert 'id="password"' not in text
    assert director.get("/s/geldagan/staff/").headers["Location"] == "/s/geldagan/login"
    # Its data stays, and the district still sees it, marked.
    assert query(f"select count(*) from staff where id = {staff.id}") == [(1,)]
    overview = admin.get("/district/").get_data(as_text=True)
    assert "МБОУ «Гельдаганская СШ»" in overview and "не активна" in overview

    again = admin.post(f"/district/admin/schools/{school.id}/reactivate")
    assert again.status_code == 303
    shown = unescape(admin.get(again.headers["Location"]).get_data(as_text=True))
    assert "Школа МБОУ «Гельдаганская СШ» снова действует: вход открыт." in shown
    assert director.post("/s/geldagan/login", data=credentials).status_code == 302
    assert director.get("/s/geldagan/").status_code == 200


def test_deactivating_twice_is_refused_and_changes_nothing(make, admin, snapshot):
    school = make.school("twice")
    admin.post(f"/district/admin/schools/{school.id}/deactivate")
    before = snapshot()
    response = admin.post(f"/district/admin/schools/{school.id}/deactivate")
    assert "Школа уже отключена." in admin.get(response.headers["Location"]).get_data(as_text=True)
    assert snapshot() == before


def test_an_unknown_school_is_not_found(admin):
    assert admin.get("/district/admin/schools/999999/deactivate").status_code == 404
    assert admin.post("/district/admin/schools/999999/reactivate").status_code == 404


# --- the district's accounts ----------------------------------------------------------------


def test_the_administrator_creates_a_methodologist_who_must_change_the_password(app, admin):
    page = admin.get("/district/admin/accounts/").get_data(as_text=True)
    assert "Администратор Района" in page
    response = admin.post(
        "/district/admin/accounts/new",
        data={
            "login": "metodist2",
            "full_name": "Исаева Зарема Руслановна",
            "roles": "methodologist",
        },
    )
    password = re.search(
        r'data-testid="one-time-password">([^<]+)<', response.get_data(as_text=True)
    ).group(1)
    newcomer = app.test_client()
    login = {"login": "metodist2", "password": password}
    assert newcomer.post("/district/login", data=login).status_code == 302
    assert newcomer.get("/district/").headers["Location"] == "/district/password"
    # The same rules as a school's: a common password is refused.
    weak = newcomer.post(
        "/district/password", data={"current": password, "new": "12345678", "confirm": "12345678"}
    )
    assert "легко подобрать" in weak.get_data(as_text=True)
    newcomer.post(
        "/district/password",
        data={"current": password, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert newcomer.get("/district/").status_code == 200
    # A methodologist administers nothing.
    assert newcomer.get("/district/admin/accounts/").status_code == 403


def test_a_taken_login_or_no_role_is_refused_and_nothing_saved(admin, query):
    counts = _counts(query)
    taken = admin.post(
        "/district/admin/accounts/new",
        data={"login": "district", "full_name": "Другой", "roles": "methodologist"},
    ).get_data(as_text=True)
    assert "Такой логин в районе уже есть." in _error_beside(taken, "login")
    none = admin.post(
        "/district/admin/accounts/new", data={"login": "new", "full_name": "Новый"}
    ).get_data(as_text=True)
    assert "Выберите хотя бы одну роль." in none
    school_role = admin.post(
        "/district/admin/accounts/new",
        data={"login": "new", "full_name": "Новый", "roles": "director"},
    ).get_data(as_text=True)
    assert "Выберите значение из списка." in school_role
    assert _counts(query) == counts


def test_a_reset_password_replaces_the_old_one_once(app, make, admin):
    account = make.account(None, "metodist3", roles=["methodologist"])
    page = admin.post(f"/district/admin/accounts/{account.id}/reset-password")
    password = re.search(
        r'data-testid="one-time-password">([^<]+)<', page.get_data(as_text=True)
    ).group(1)
    # Not «готова», as for a new account: the account was there, its password is new.
    shown = " ".join(re.sub(r"<[^>]+>", "", page.get_data(as_text=True)).split())
    assert "metodist3 (Тестовый Пользователь metodist3) выдан новый пароль; прежний" in shown
    assert "готова" not in shown
    other = app.test_client()
    old = {"login": "metodist3", "password": make.PASSWORD}
    assert other.post("/district/login", data=old).status_code == 200
    assert other.post("/district/login", data={**old, "password": password}).status_code == 302
    assert other.get("/district/").headers["Location"] == "/district/password"


def test_a_deactivated_district_account_cannot_log_in(app, make, admin):
    account = make.account(None, "metodist4", roles=["methodologist"], full_name="Бывший Методист")
    admin.post(
        f"/district/admin/accounts/{account.id}/edit",
        data={"full_name": "Бывший Методист", "roles": "methodologist"},  # «действует» unticked
    )
    page = admin.get("/district/admin/accounts/").get_data(as_text=True)
    assert "отключена" in page
    response = app.test_client().post(
        "/district/login", data={"login": "metodist4", "password": make.PASSWORD}
    )
    assert "Неверный логин или пароль." in response.get_data(as_text=True)


def test_the_administrator_cannot_switch_off_themselves(make, admin, snapshot, query):
    me = query("select id from account where login = 'district'")[0][0]
    before = snapshot()
    page = admin.post(
        f"/district/admin/accounts/{me}/edit",
        data={"full_name": "Администратор Района", "roles": "district_admin"},
    ).get_data(as_text=True)
    assert "Нельзя отключить себя" in page
    assert snapshot() == before


def test_school_accounts_are_not_among_the_districts(make, admin):
    school = make.school("other")
    account = make.account(school, "school-director", roles=["director"])
    assert "school-director" not in admin.get("/district/admin/accounts/").get_data(as_text=True)
    assert admin.get(f"/district/admin/accounts/{account.id}/edit").status_code == 404
    assert admin.post(f"/district/admin/accounts/{account.id}/reset-password").status_code == 404


# --- who may ----------------------------------------------------------------------------------


def test_the_administration_is_in_the_administrators_menu_only(admin, methodist):
    assert "Управление школами" in admin.get("/district/").get_data(as_text=True)
    assert "Учётные записи района" in admin.get("/district/").get_data(as_text=True)
    menu = methodist.get("/district/").get_data(as_text=True)
    assert "Управление школами" not in menu and "Учётные записи района" not in menu


@pytest.mark.parametrize("rule", ADMIN_ROUTES, ids=lambda r: f"{sorted(r.methods)[0]} {r.rule}")
def test_the_methodologist_and_school_accounts_are_refused_every_route(
    app, make, methodist, snapshot, rule
):
    school = make.school("refused")
    make.account(school, "director", roles=["director", "sysadmin"])
    schools_director = app.test_client()
    schools_director.post("/s/refused/login", data={"login": "director", "password": make.PASSWORD})
    target = make.account(None, "target", roles=["methodologist"])
    url = _url(rule, school_id=school.id, account_id=target.id)
    data = {**NEW_SCHOOL, "login": "x-new", "full_name": "Х", "roles": "district_admin"}
    before = snapshot()
    for method in {"GET", "POST"} & rule.methods:
        assert methodist.open(url, method=method, data=data).status_code == 403, method
        refused = schools_director.open(url, method=method, data=data)
        # A school's account is nobody in the district: asked to log in there.
        assert refused.status_code == 302, method
        assert refused.headers["Location"].startswith("/district/login"), method
    assert snapshot() == before


# --- hostile input, as the school's forms get it (tests/platform/test_hostile_forms.py) ------


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("rule", [r for r in ADMIN_ROUTES if "GET" in r.methods], ids=str)
def test_every_form_sent_with_hostile_input_is_answered_in_russian(
    make, admin, query, rule, flavour
):
    school = make.school("hostile-target")
    other = make.account(None, "other", roles=["methodologist"])
    page = admin.get(_url(rule, school_id=school.id, account_id=other.id))
    assert page.status_code == 200, rule.rule
    parser = FormFields()
    parser.feed(page.get_data(as_text=True))
    forms = [f for f in parser.forms if not f["action"].endswith(("/logout", "/password"))]
    assert forms or rule.rule == "/district/admin/schools/", rule.rule  # a list of links only
    for form in forms:
        action = form["action"] or _url(rule, school_id=school.id, account_id=other.id)
        data = {name: hostile_value(kind, flavour) for name, kind in form["fields"].items()}
        counts = _counts(query)
        response = admin.post(action, data=data)
        assert response.status_code < 500, (action, response.status_code)
        body = response.get_data(as_text=True)
        assert SCRIPT not in body, action
        assert not re.search(r"\b(Not a valid|This field|Invalid)\b", body), action
        if "/new" in action:  # a school or an account with such names is never made
            assert _counts(query) == counts, action
