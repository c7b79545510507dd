"""The whole staff list from a spreadsheet: check, preview, then save all or nothing."""

import re
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import Workbook

from nastavnik.tenants.staff.xlsx import COLUMNS

HEADER = [column.header for column in COLUMNS]


def teacher(n=0, **changes) -> list:
    values = {
        "last_name": f"Мадаев-{n}",
        "first_name": "Ибрагим",
        "middle_name": "Асланович",
        "position": "учитель математики",
        "subjects": "математика, информатика",
        "total_years": 12,
        "teaching_years": 10,
        "category": "первая",
        "hired_on": date(2014, 9, 1),
        "phone": "+7 928 123-45-67",
        "email": f"t{n}@example.ru",
    }
    values.update(changes)
    return [values[column.field] for column in COLUMNS]


def xlsx(*rows, header=HEADER) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Педагоги")
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, data: bytes, name="педагоги.xlsx"):
    return client.post(
        "/s/s1/staff/import",
        data={"file": (BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def token_of(page: str) -> str:
    return re.search(r'name="token" type="hidden" value="([0-9a-f]+)"', page).group(1)


def confirmation(page: str) -> dict:
    """What the preview's «Сохранить» sends: the kept file's token and the preview's digest."""
    digest = re.search(r'name="digest" type="hidden" value="([0-9a-f]+)"', page).group(1)
    return {"token": token_of(page), "digest": digest}


def confirm(client, page: str):
    return client.post("/s/s1/staff/import/confirm", data=confirmation(page))


def staff_count(query) -> int:
    return query("SELECT count(*) FROM staff")[0][0]


def kept_files(app, school) -> list[Path]:
    folder = Path(app.config["UPLOAD_FOLDER"]) / str(school.id) / "imports"
    return sorted(folder.glob("*")) if folder.exists() else []


def test_forty_teachers_are_previewed_then_saved(app, client, school, curator, query):
    kept = kept_files(app, school)
    rows = [teacher(n) for n in range(40)]
    page = upload(client, xlsx(*rows)).get_data(as_text=True)
    assert "Сохранить 40 педагогов" in page
    assert "Мадаев-0" in page and "Мадаев-39" in page
    assert staff_count(query) == 0  # a preview saves nothing

    response = confirm(client, page)
    assert response.status_code == 302
    assert staff_count(query) == 40
    assert query("SELECT subjects, category FROM staff WHERE last_name = 'Мадаев-7'") == [
        ("математика, информатика", "first")
    ]
    assert "В реестр добавлено педагогов: 40." in client.get("/s/s1/staff/").get_data(as_text=True)
    assert kept_files(app, school) == kept


def test_one_teacher_is_named_in_the_singular(client, curator):
    page = upload(client, xlsx(teacher())).get_data(as_text=True)
    assert "Сохранить 1 педагога" in page


def test_an_error_in_row_5_is_shown_by_row_and_column_and_nothing_is_saved(
    app, client, school, curator, query
):
    kept = kept_files(app, school)
    rows = [teacher(n) for n in range(6)]
    rows[3] = teacher(3, total_years=75)  # the header is row 1: this is row 5
    page = upload(client, xlsx(*rows)).get_data(as_text=True)
    assert "ничего не сохранено" in page
    assert re.search(
        r"<td[^>]*>Строка 5</td>\s*<td>Общий стаж, лет</td>\s*<td>Укажите целое число лет", page
    )
    assert "Сохранить" not in page
    assert staff_count(query) == 0
    assert kept_files(app, school) == kept


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"MZ\x90\x00 not a workbook", "педагоги.xlsx", "не является таблицей"),
        (b"MZ\x90\x00", "setup.exe", "Загрузите таблицу с расширением .xlsx, .ods или .xls"),
        (b"a;b;c\n", "педагоги.csv", "Загрузите таблицу с расширением .xlsx, .ods или .xls"),
        (b"", "педагоги.xlsx", "не является таблицей"),
        (b"MZ\x90\x00 not a workbook", "педагоги.ods", "не является таблицей"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused(client, curator, query, data, name, message):
    response = upload(client, data, name)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert staff_count(query) == 0


def test_no_file_chosen_is_refused(client, curator):
    page = client.post("/s/s1/staff/import", data={}).get_data(as_text=True)
    assert "Выберите файл." in page


def test_missing_columns_are_named(client, curator, query):
    page = upload(client, xlsx(["Мадаев", "Ибрагим"], header=["Фамилия", "Имя"])).get_data(
        as_text=True
    )
    assert "Нет обязательных столбцов: «Должность»." in page
    assert staff_count(query) == 0


def test_five_thousand_rows_are_refused(client, curator, query):
    page = upload(client, xlsx(*(teacher(n) for n in range(5000)))).get_data(as_text=True)
    assert "не более 1000" in page
    assert staff_count(query) == 0


def test_formulas_and_dates_as_text_are_refused(client, curator, query):
    rows = [teacher(0, total_years="=5+7"), teacher(1, hired_on="1 сентября 2014")]
    page = upload(client, xlsx(*rows)).get_data(as_text=True)
    assert "Формулы не допускаются" in page
    assert "Укажите дату в формате ДД.ММ.ГГГГ" in page
    assert staff_count(query) == 0


def test_the_same_person_twice_in_the_file_is_refused(client, curator, query):
    page = upload(client, xlsx(teacher(0), teacher(1), teacher(1))).get_data(as_text=True)
    assert "Этот человек уже есть в строке 3" in page
    assert staff_count(query) == 0


def test_a_name_longer_than_the_register_takes_is_refused_by_row(client, curator, query):
    page = upload(client, xlsx(teacher(0), teacher(1, last_name="М" * 150))).get_data(as_text=True)
    assert re.search(r"Строка 3</td>\s*<td>Фамилия</td>\s*<td>Не более 100 символов", page)
    assert staff_count(query) == 0


def test_html_in_the_file_is_shown_as_text(client, curator):
    page = upload(client, xlsx(teacher(0, last_name="<script>alert(1)</script>"))).get_data(
        as_text=True
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize("token", ["0" * 32, "../../../etc/passwd", "ABCDEF" * 6, ""])
def test_a_forged_token_saves_nothing(app, client, school, curator, query, token):
    real = token_of(upload(client, xlsx(teacher(0))).get_data(as_text=True))
    response = client.post("/s/s1/staff/import/confirm", data={"token": token, "digest": "0" * 64})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Файл для сохранения не найден" in page
    assert staff_count(query) == 0
    assert any(path.name == f"{real}.sheet" for path in kept_files(app, school))


def test_a_token_of_another_school_saves_nothing(client, make, auth, school, curator, query):
    sent = confirmation(upload(client, xlsx(teacher(0))).get_data(as_text=True))
    other = make.school("s2")
    make.account(other, "curator2", roles=["curator"])
    auth.login(other, "curator2")
    response = client.post("/s/s2/staff/import/confirm", data=sent)
    assert response.status_code == 302
    assert staff_count(query) == 0


def test_a_register_changed_after_the_preview_saves_nothing_and_shows_the_new_preview(
    client, make, school, curator, query
):
    page = upload(client, xlsx(teacher(0), teacher(1))).get_data(as_text=True)
    # meanwhile someone adds one of these teachers by hand
    make.staff(
        school,
        last_name="Мадаев-1",
        first_name="Ибрагим",
        middle_name="Асланович",
        hired_on=date(2014, 9, 1),
        position="учитель",
    )
    before = query("SELECT * FROM staff ORDER BY id")

    again = confirm(client, page).get_data(as_text=True)

    assert "Реестр изменился после проверки файла — ничего не сохранено" in again
    assert query("SELECT * FROM staff ORDER BY id") == before
    # what saving would do now: Мадаев-1 is in the register, his position changes
    assert "Сохранить: добавить 1, изменить 1" in again
    assert "должность: учитель → <strong>учитель математики</strong>" in again
    confirm(client, again)
    assert query("SELECT last_name, position FROM staff ORDER BY last_name") == [
        ("Мадаев-0", "учитель математики"),
        ("Мадаев-1", "учитель математики"),
    ]


def test_confirming_twice_saves_once(client, curator, query):
    page = upload(client, xlsx(teacher(0), teacher(1))).get_data(as_text=True)
    confirm(client, page)
    response = confirm(client, page)
    assert response.status_code == 302
    assert staff_count(query) == 2


def test_an_export_imports_back_into_another_school(client, make, auth, school, curator, query):
    for n in range(3):
        client.post(
            "/s/s1/staff/new",
            data={
                "last_name": f"Хасанова-{n}",
                "first_name": "Петимат",
                "middle_name": "" if n else "Ёсиповна",
                "position": "учитель русского языка",
                "subjects": "русский язык; литература",
                "total_years": str(10 + n),
                "teaching_years": str(n),
                "category": ("none", "conformity", "highest")[n],
                "hired_on": f"20{10 + n}-09-01",
                "phone": "89281234567",
                "email": f"h{n}@example.ru",
            },
        )
    exported = client.get("/s/s1/staff/export.xlsx").data
    columns = "last_name, middle_name, subjects, total_years, teaching_years, category, phone"
    before = query(f"SELECT {columns} FROM staff ORDER BY last_name")

    # the same school already has them all: nothing to save
    page = upload(client, exported).get_data(as_text=True)
    assert page.count(">без изменений<") == 3
    assert "Сохранять нечего" in page

    other = make.school("s2")
    make.account(other, "curator2", roles=["curator"])
    auth.login(other, "curator2")
    page = client.post(
        "/s/s2/staff/import",
        data={"file": (BytesIO(exported), "выгрузка.xlsx")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert "Сохранить 3 педагогов" in page
    client.post("/s/s2/staff/import/confirm", data=confirmation(page))
    after = query(f"SELECT {columns} FROM staff WHERE school_id = {other.id} ORDER BY last_name")
    assert after == before
    assert before[0][2] == "русский язык, литература"


# --- the register imported again ------------------------------------------------------------

COLUMNS_READ = (
    "last_name, first_name, middle_name, position, subjects, total_years, teaching_years, "
    "category, hired_on, phone, email"
)


def register(query) -> list[tuple]:
    return query(f"SELECT id, {COLUMNS_READ} FROM staff ORDER BY id")


def statuses(page: str) -> list[str]:
    return re.findall(r'<tr data-status="(\w+)">', page)


def imported(client, *rows) -> None:
    page = upload(client, xlsx(*rows)).get_data(as_text=True)
    assert confirm(client, page).status_code == 302


def test_a_register_imported_again_adds_two_people_and_changes_exactly_one(client, curator, query):
    imported(client, teacher(0), teacher(1), teacher(2))
    before = register(query)

    updated = [
        teacher(0),
        teacher(1, phone="+7 999 000-00-01", teaching_years=11),
        teacher(2),
        teacher(3),
        teacher(4),
    ]
    page = upload(client, xlsx(*updated)).get_data(as_text=True)

    assert statuses(page) == ["same", "changed", "same", "new", "new"]
    assert "Новых педагогов: 2, изменится: 1, без изменений: 2." in page
    assert "телефон: +7 928 123-45-67 → <strong>+7 999 000-00-01</strong>" in page
    assert "педагогический стаж: 10 → <strong>11</strong>" in page
    assert page.count("→") == 2
    assert register(query) == before  # a preview saves nothing

    response = confirm(client, page)

    assert response.status_code == 302
    after = register(query)
    changed = list(before[1])
    changed[COLUMNS_READ.split(", ").index("teaching_years") + 1] = 11
    changed[COLUMNS_READ.split(", ").index("phone") + 1] = "+7 999 000-00-01"
    assert after[:3] == [before[0], tuple(changed), before[2]]
    assert [row[1] for row in after[3:]] == ["Мадаев-3", "Мадаев-4"]
    flashed = client.get("/s/s1/staff/").get_data(as_text=True)
    assert "Реестр обновлён: добавлено педагогов — 2, изменено — 1." in flashed


def test_a_refused_file_leaves_the_register_unchanged(client, curator, query, snapshot):
    imported(client, teacher(0), teacher(1))
    before = snapshot()

    page = upload(
        client, xlsx(teacher(0, position="завуч"), teacher(1), teacher(2), teacher(3, email="x"))
    ).get_data(as_text=True)

    assert "ничего не сохранено" in page
    assert "Укажите адрес электронной почты" in page
    assert snapshot() == before


def test_columns_the_file_does_not_have_are_left_as_they_are(client, curator, query):
    imported(client, teacher(0))
    before = register(query)
    header = ["Фамилия", "Имя", "Отчество", "Должность", "Дата приёма на работу"]
    row = ["Мадаев-0", "Ибрагим", "Асланович", "учитель математики", date(2014, 9, 1)]

    page = upload(client, xlsx(row, header=header)).get_data(as_text=True)

    assert statuses(page) == ["same"]
    assert "Сохранять нечего" in page
    assert "Сохранить" not in page.replace("Сохранять", "")
    assert register(query) == before


def test_a_corrected_hire_date_is_matched_by_the_birth_date(client, make, school, curator, query):
    person = make.staff(
        school,
        last_name="Хасанова",
        first_name="Петимат",
        middle_name="Ёсиповна",
        hired_on=date(2010, 9, 1),
        born_on=date(1980, 5, 17),
    )
    header = ["ФИО", "Должность", "Дата рождения", "Дата приёма на работу"]
    row = ["Хасанова Петимат Есиповна", "учитель математики", "17.05.1980", "01.09.2011"]

    page = upload(client, xlsx(row, header=header)).get_data(as_text=True)

    assert statuses(page) == ["changed"]
    assert "дата приёма: 1 сентября 2010 г. → <strong>1 сентября 2011 г.</strong>" in page
    assert page.count("→") == 1  # «Есиповна» is «Ёсиповна»: the name is kept as written
    confirm(client, page)
    [(hired_on, middle_name)] = query(
        f"SELECT hired_on, middle_name FROM staff WHERE id = {person.id}"
    )
    assert (str(hired_on), middle_name) == ("2011-09-01", "Ёсиповна")


def test_a_person_whose_data_is_hidden_is_not_changed(client, make, school, curator, query):
    make.staff(
        school,
        data_hidden=True,
        last_name="Мадаев-0",
        first_name="Ибрагим",
        middle_name="Асланович",
        hired_on=date(2014, 9, 1),
    )
    before = register(query)

    page = upload(client, xlsx(teacher(0))).get_data(as_text=True)

    assert statuses(page) == ["hidden"]
    assert "не изменяется: данные скрыты" in page
    assert register(query) == before


def test_the_file_is_read_before_anything_is_written(app, client, curator, monkeypatch):
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from nastavnik.tenants.staff import views

    happened: list[str] = []
    real = views.parse_staff_file

    def parse(data):
        happened.append("parse")
        return real(data)

    def flushed(session, context, instances):
        if session.new or session.dirty:
            happened.append("write")

    monkeypatch.setattr(views, "parse_staff_file", parse)
    event.listen(Session, "before_flush", flushed)
    try:
        page = upload(client, xlsx(teacher(0))).get_data(as_text=True)
        happened.clear()
        confirm(client, page)
    finally:
        event.remove(Session, "before_flush", flushed)

    assert happened[:2] == ["parse", "write"], happened
