"""Consents of many people at once from the staff register, and the paper they sign (152-ФЗ)."""

import re
from datetime import timedelta
from io import BytesIO
from urllib.parse import quote

import pytest
from docx import Document

from nastavnik.dates import today


def rows_of(page: str) -> dict[str, str]:
    """The form as the browser would send it back: every input and chosen option."""
    data = {}
    for tag in re.findall(r"<input [^>]*>", page):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name and 'type="submit"' not in tag:
            data[name.group(1)] = value.group(1) if value else ""
    kind = re.search(r'<option selected value="([^"]+)"', page)
    data["kind"] = kind.group(1)
    return data


def choose(client, people, **args) -> str:
    query = "&".join(
        [*(f"staff_id={s.id}" for s in people), *(f"{k}={v}" for k, v in args.items())]
    )
    response = client.get(f"/s/s1/consents/many?{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def numbered(data: dict, start: int = 100) -> dict:
    rows = sorted(k for k in data if k.endswith("-paper_number"))
    return data | {k: f"С-{start + i}" for i, k in enumerate(rows)}


@pytest.fixture
def five(make, school):
    return [make.staff(school, last_name=f"Согласная{n}") for n in range(5)]


def test_five_people_get_one_consent_each(client, school, curator, five, query):
    data = numbered(rows_of(choose(client, five)))
    assert data["kind"] == "personal_data" and data["signed_on"] == today().isoformat()
    response = client.post("/s/s1/consents/many", data=data)
    assert response.headers["Location"] == "/s/s1/consents/"
    assert "Записано согласий: 5." in client.get("/s/s1/consents/").get_data(as_text=True)
    rows = query("SELECT staff_id, kind, paper_number, recorded_by_id FROM consent ORDER BY id")
    assert sorted((s, k, r) for s, k, _, r in rows) == sorted(
        (s.id, "personal_data", curator.id) for s in five
    )
    assert sorted(n for _, _, n, _ in rows) == [f"С-{100 + i}" for i in range(5)]
    register = client.get("/s/s1/staff/").get_data(as_text=True)
    assert register.count("ПДн: действует") == 5


def test_the_kind_chosen_in_the_register_is_the_one_recorded(client, school, curator, five, query):
    data = numbered(rows_of(choose(client, five[:2], kind="mentor_duty")))
    assert data["kind"] == "mentor_duty"
    client.post("/s/s1/consents/many", data=data)
    assert query("SELECT DISTINCT kind FROM consent") == [("mentor_duty",)]


def test_a_consent_recorded_again_brings_a_hidden_person_back(client, make, school, curator, query):
    hidden = make.staff(school, last_name="Вернувшаяся", data_hidden=True)
    client.post("/s/s1/consents/many", data=numbered(rows_of(choose(client, [hidden]))))
    assert query(f"SELECT data_hidden FROM staff WHERE id = {hidden.id}") == [(False,)]


def test_a_missing_paper_number_refuses_them_all_beside_that_row(
    client, school, curator, five, snapshot
):
    data = numbered(rows_of(choose(client, five))) | {"rows-2-paper_number": ""}
    before = snapshot()
    page = client.post("/s/s1/consents/many", data=data).get_data(as_text=True)
    assert snapshot() == before
    row = page.split('name="rows-2-paper_number"')[1].split("</li>")[0]
    assert "Укажите номер бумажного согласия." in row


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            {"signed_on": (today() + timedelta(days=1)).isoformat()},
            "signed_on",
            "Дата подписания не может быть позже сегодняшнего дня.",
        ),
        (
            {"valid_until": (today() - timedelta(days=400)).isoformat()},
            "valid_until",
            "Срок действия не может закончиться раньше даты подписания.",
        ),
        ({"kind": "nonsense"}, "kind", "Выберите значение из списка."),
    ],
)
def test_a_wrong_date_or_kind_refuses_them_all_beside_its_field(
    client, school, curator, five, snapshot, change, field, message
):
    data = numbered(rows_of(choose(client, five))) | change
    before = snapshot()
    page = client.post("/s/s1/consents/many", data=data).get_data(as_text=True)
    assert snapshot() == before
    assert page.count(message) == 1
    beside = page.split(f'id="{field}"')[1].split("<label")[0]  # up to the next field
    assert message in beside


def test_a_person_listed_twice_refuses_the_whole_list(client, school, curator, five, snapshot):
    data = numbered(rows_of(choose(client, five)))
    data["rows-4-staff_id"] = data["rows-0-staff_id"]
    before = snapshot()
    page = client.post("/s/s1/consents/many", data=data).get_data(as_text=True)
    assert snapshot() == before
    assert "Педагог указан в списке дважды." in page
    assert "Согласия не записаны: исправьте отмеченные строки (2 из 5)." in page


def test_another_schools_person_cannot_be_chosen(client, make, school, curator, snapshot):
    stranger = make.staff(make.school("s2"), last_name="Чужая")
    assert client.get(f"/s/s1/consents/many?staff_id={stranger.id}").status_code == 404
    assert client.get(f"/s/s1/consents/blanks?staff_id={stranger.id}").status_code == 404
    before = snapshot()
    data = {"kind": "personal_data", "signed_on": today().isoformat()}
    data |= {"rows-0-staff_id": stranger.id, "rows-0-paper_number": "1"}
    assert client.post("/s/s1/consents/many", data=data).status_code == 404
    assert snapshot() == before


def test_nobody_chosen_sends_back_to_the_register(client, school, curator):
    assert client.get("/s/s1/consents/many").headers["Location"] == "/s/s1/staff/"
    assert client.get("/s/s1/consents/blanks").headers["Location"] == "/s/s1/staff/"


@pytest.mark.parametrize(
    ("roles", "allowed"),
    [(["curator"], True), (["director"], True), (["working_group"], False), (["sysadmin"], False)],
)
def test_who_records_consents_of_many(client, make, auth, school, snapshot, roles, allowed):
    person = make.staff(school)
    make.account(school, "someone", roles=roles)
    auth.login(school, "someone")
    before = snapshot()
    data = {"kind": "personal_data", "signed_on": today().isoformat()}
    response = client.post(
        "/s/s1/consents/many",
        data=data | {"rows-0-staff_id": person.id, "rows-0-paper_number": "1"},
    )
    assert (response.status_code == 303) is allowed
    assert (snapshot() == before) is not allowed
    assert (client.get(f"/s/s1/consents/blank/{person.id}").status_code == 200) is allowed


# --- the paper to sign --------------------------------------------------------------------


def paragraphs(response) -> list[str]:
    assert response.mimetype.endswith("wordprocessingml.document")
    assert "attachment" in response.headers["Content-Disposition"]
    return [p.text for p in Document(BytesIO(response.data)).paragraphs]


def test_the_blank_has_what_article_9_asks_for(client, make, school, curator):
    person = make.staff(
        school, last_name="Магомадова", first_name="Марьям", middle_name="Хасановна"
    )
    text = "\n".join(paragraphs(client.get(f"/s/s1/consents/blank/{person.id}")))
    assert "СОГЛАСИЕ" in text and "на обработку персональных данных" in text
    assert "Я, Магомадова Марьям Хасановна, учитель математики," in text  # the subject
    assert "паспорт: серия ________ №" in text and "адрес регистрации: ___" in text
    assert f"оператору — {school.name_ru}, адрес: Чеченская Республика" in text  # operator
    assert "с. Майртуп" in text
    assert "Цель обработки: Организация и сопровождение наставничества" in text
    assert "Положения о системе наставничества" in text
    assert "Перечень персональных данных: Фамилия, имя, отчество; должность" in text
    assert "Перечень действий и способы обработки: сбор, запись" in text
    assert "Срок действия согласия: Согласие действует со дня его подписания" in text
    assert "Порядок отзыва: Согласие может быть отозвано" in text
    assert "«___» ____________ 20___ г." in text  # the date, by hand
    assert "________________ / Магомадова М.Х." in text  # the signature


ADDRESS = "366313, Чеченская Республика, Курчалоевский район, с. Майртуп, ул. Школьная, 12"


def give_address(app, school, address: str) -> None:
    """What the district administrator does on «Почтовый адрес» (tests/admin/administration)."""
    from nastavnik.extensions import db
    from nastavnik.models import School
    from nastavnik.schools import set_postal_address

    with app.app_context():
        set_postal_address(db.session.get(School, school.id), address)
        db.session.commit()


def operator_lines(text: str) -> list[str]:
    return re.findall(r"даю согласие оператору — .*? — на обработку", text)


def test_the_blank_names_the_operator_at_its_postal_address(app, client, make, school, curator):
    give_address(app, school, ADDRESS)
    person = make.staff(school)
    text = "\n".join(paragraphs(client.get(f"/s/s1/consents/blank/{person.id}")))
    assert operator_lines(text) == [
        f"даю согласие оператору — {school.name_ru}, адрес: {ADDRESS}, — на обработку"
    ]
    assert "Курчалоевский район, с. Майртуп, ___" not in text  # no line to fill by hand


def test_without_a_postal_address_the_blank_gives_the_settlement_and_a_line(
    client, make, school, curator
):
    person = make.staff(school)
    text = "\n".join(paragraphs(client.get(f"/s/s1/consents/blank/{person.id}")))
    assert operator_lines(text) == [
        f"даю согласие оператору — {school.name_ru}, адрес: Чеченская Республика, "
        f"Курчалоевский район, с. Майртуп, {'_' * 30}, — на обработку"
    ]


def test_every_page_of_the_blanks_of_many_has_the_postal_address(
    app, client, make, school, curator, five
):
    give_address(app, school, ADDRESS)
    response = client.get("/s/s1/consents/blanks?" + "&".join(f"staff_id={s.id}" for s in five))
    lines = operator_lines("\n".join(paragraphs(response)))
    assert (
        lines
        == [f"даю согласие оператору — {school.name_ru}, адрес: {ADDRESS}, — на обработку"] * 5
    )


def test_blanks_of_the_chosen_are_one_file_a_page_each(client, make, school, curator, five):
    response = client.get("/s/s1/consents/blanks?" + "&".join(f"staff_id={s.id}" for s in five))
    document = Document(BytesIO(response.data))
    names = [p.text for p in document.paragraphs if p.text.startswith("Я, ")]
    assert names == [f"Я, {s.full_name}, учитель математики," for s in five]
    breaks = document.element.body.xpath(".//w:br[@w:type='page']")
    assert len(breaks) == 4


def test_a_blank_is_journalled_as_an_export(client, make, school, curator, query):
    person = make.staff(school)
    client.get(f"/s/s1/consents/blank/{person.id}")
    assert query("SELECT record_kind, record_id FROM journal_entry WHERE action = 'exported'") == [
        ("Бланк согласия", person.id)
    ]


def test_the_card_offers_the_blank_of_its_person(client, make, school, curator):
    person = make.staff(school, last_name="Карточкина")
    card = client.get(f"/s/s1/staff/{person.id}").get_data(as_text=True)
    href = re.search(r'href="([^"]+)">Бланк согласия \(\.docx\)', card).group(1)
    assert "Я, Карточкина Марьям Исаевна, учитель математики," in paragraphs(client.get(href))


def test_the_service_records_all_or_none(app, make, school):
    from nastavnik.extensions import db
    from nastavnik.refusals import RowsRefused
    from nastavnik.tenancy import Scope, scoped
    from nastavnik.tenants.consents.services import record_consents
    from nastavnik.tenants.staff.models import Staff

    ids = [make.staff(school).id for _ in range(3)]
    with app.app_context(), scoped(Scope.school(school.id)):
        people = [db.session.get(Staff, i) for i in ids]
        with pytest.raises(RowsRefused) as refused:
            record_consents(
                [(people[0], "1"), (people[1], " "), (people[2], "3")],
                "personal_data",
                signed_on=today(),
            )
        assert refused.value.rows == {
            people[1].id: "Укажите номер бумажного согласия или приложите его скан."
        }
        db.session.rollback()


def test_the_blanks_file_is_named_in_russian_after_whom_it_is_for(client, make, school, curator):
    person = make.staff(
        school, last_name="Магомадова", first_name="Марьям", middle_name="Хасановна"
    )
    day = f"{today():%d.%m.%Y}"
    one = client.get(f"/s/s1/consents/blank/{person.id}").headers["Content-Disposition"]
    assert quote(f"Согласие на обработку ПДн — Магомадова М.Х. — {day}.docx") in one
    other = make.staff(school)
    many = client.get(f"/s/s1/consents/blanks?staff_id={person.id}&staff_id={other.id}")
    name = quote(f"Согласия на обработку ПДн — 2 чел. — {day}.docx")
    assert name in many.headers["Content-Disposition"]
    assert "soglasie" not in one + many.headers["Content-Disposition"]


def test_a_position_written_with_a_capital_reads_in_lower_case_inside_the_sentence(
    client, make, school, curator
):
    """The register gives «Учитель истории…» (as the demo's): the blank read «Я, Алиева Раиса
    Магомедовна, Учитель истории и обществознания,». An abbreviation stays as it is."""
    teacher = make.staff(school, last_name="Алиева", position="Учитель истории")
    head = make.staff(school, last_name="Тагирова", position="ПДО, учитель музыки")
    text = "\n".join(paragraphs(client.get(f"/s/s1/consents/blank/{teacher.id}")))
    assert ", учитель истории," in text
    assert "Учитель истории" not in text
    text = "\n".join(paragraphs(client.get(f"/s/s1/consents/blank/{head.id}")))
    assert ", ПДО, учитель музыки," in text
