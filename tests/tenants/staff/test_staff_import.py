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

    response = client.post("/s/s1/staff/import/confirm", data={"token": token_of(page)})
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
        (b"MZ\x90\x00 not a workbook", "педагоги.xlsx", "не является таблицей Excel"),
        (b"MZ\x90\x00", "setup.exe", "Загрузите файл Excel с расширением .xlsx"),
        (b"a;b;c\n", "педагоги.csv", "Загрузите файл Excel с расширением .xlsx"),
        (b"", "педагоги.xlsx", "не является таблицей Excel"),
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


def test_wrong_columns_are_named(client, curator, query):
    page = upload(client, xlsx(["Мадаев", "Ибрагим"], header=["ФИО", "Имя"])).get_data(as_text=True)
    assert "Нет столбцов" in page and "Лишние столбцы: «ФИО»" in page
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


def test_people_already_in_the_register_or_twice_in_the_file_are_refused(
    client, make, school, curator, query
):
    make.staff(
        school,
        last_name="Мадаев-0",
        first_name="Ибрагим",
        middle_name="Асланович",
        hired_on=date(2014, 9, 1),
    )
    page = upload(client, xlsx(teacher(0), teacher(1), teacher(1))).get_data(as_text=True)
    assert "Этот педагог уже есть в реестре школы" in page
    assert "Этот человек уже есть в строке 3" in page
    assert staff_count(query) == 1


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
    response = client.post("/s/s1/staff/import/confirm", data={"token": token})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Файл для сохранения не найден" in page
    assert staff_count(query) == 0
    assert any(path.name == f"{real}.xlsx" for path in kept_files(app, school))


def test_a_token_of_another_school_saves_nothing(client, make, auth, school, curator, query):
    token = token_of(upload(client, xlsx(teacher(0))).get_data(as_text=True))
    other = make.school("s2")
    make.account(other, "curator2", roles=["curator"])
    auth.login(other, "curator2")
    response = client.post("/s/s2/staff/import/confirm", data={"token": token})
    assert response.status_code == 302
    assert staff_count(query) == 0


def test_the_file_is_checked_again_against_the_register_when_saved(
    client, make, school, curator, query
):
    token = token_of(upload(client, xlsx(teacher(0), teacher(1))).get_data(as_text=True))
    # meanwhile someone adds one of these teachers by hand
    make.staff(
        school,
        last_name="Мадаев-1",
        first_name="Ибрагим",
        middle_name="Асланович",
        hired_on=date(2014, 9, 1),
    )
    page = client.post("/s/s1/staff/import/confirm", data={"token": token}).get_data(as_text=True)
    assert "Этот педагог уже есть в реестре школы" in page
    assert staff_count(query) == 1


def test_confirming_twice_saves_once(client, curator, query):
    token = token_of(upload(client, xlsx(teacher(0), teacher(1))).get_data(as_text=True))
    client.post("/s/s1/staff/import/confirm", data={"token": token})
    response = client.post("/s/s1/staff/import/confirm", data={"token": token})
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

    # the same school already has them all
    page = upload(client, exported).get_data(as_text=True)
    assert page.count("Этот педагог уже есть в реестре школы") == 3

    other = make.school("s2")
    make.account(other, "curator2", roles=["curator"])
    auth.login(other, "curator2")
    page = client.post(
        "/s/s2/staff/import",
        data={"file": (BytesIO(exported), "выгрузка.xlsx")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert "Сохранить 3 педагогов" in page
    client.post("/s/s2/staff/import/confirm", data={"token": token_of(page)})
    after = query(f"SELECT {columns} FROM staff WHERE school_id = {other.id} ORDER BY last_name")
    assert after == before
    assert before[0][2] == "русский язык, литература"
