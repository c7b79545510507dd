"""Journey: a curator loads the register the school already keeps in LibreOffice (.ods, its own
column order and names), then loads it again a month later with two teachers added and one
changed — the preview says which, and saving does exactly that. The wide preview scrolls inside
a frame whose header and horizontal scrollbar stay on the screen. Another school's register in
older Excel (.xls), its columns in yet another order and the name in three columns, loads too."""

import re
from datetime import date
from io import BytesIO

from openpyxl import Workbook
from playwright.sync_api import expect

from nastavnik.tenants.staff.models import Staff

SLUG = "mairtup-1"
HEADER = [
    "№",
    "Ф.И.О.",
    "Занимаемая должность",
    "Стаж педагогический",
    "Стаж общий",
    "Категория",
    "Дата приема",
    "Телефон",
    "Эл. почта",
    "Предметы",
]
SURNAMES = ("Абдулаева", "Бисултанова", "Вахаева", "Гайрбекова", "Дашаева", "Ельмурзаева")


def person(tag: str, n: int, **changes) -> list:
    row = {
        "name": f"{SURNAMES[n % len(SURNAMES)]}-{tag}{n} Зарема Ахмедовна",
        "position": "учитель начальных классов",
        "teaching": 5 + n % 20,
        "total": 10 + n % 20,
        "category": "первая" if n % 2 else "высшая",
        "hired": date(2000 + n % 20, 9, 1),
        "phone": f"+7 928 100-{n:02d}-00",
        "email": f"teacher{n}.{tag.lower()}@example.ru",
    }
    row.update(changes)
    subjects = "русский язык, литература, окружающий мир"
    fields = ("name", "position", "teaching", "total", "category", "hired", "phone", "email")
    return [n + 1, *(row[name] for name in fields), subjects]


def saved_by_libreoffice(libreoffice, header, rows, path, kind: str):
    """The register as a workbook with a title line above its header, saved by LibreOffice."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Педагогические работники школы на 1 сентября"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    path.write_bytes(libreoffice(buffer.getvalue(), kind))
    return path


def ods(libreoffice, rows, path):
    return saved_by_libreoffice(libreoffice, HEADER, rows, path, "ods")


_FRAME = """() => {
    const frame = document.querySelector('.import-frame');
    const box = frame.getBoundingClientRect();
    frame.scrollTop = frame.scrollHeight;  // to the last row
    const head = frame.querySelector('thead th').getBoundingClientRect();
    return {
        scrollsDown: frame.scrollHeight > frame.clientHeight,
        scrollsAcross: frame.scrollWidth > frame.clientWidth,
        bottom: box.bottom, screen: window.innerHeight,
        headTop: head.top, frameTop: box.top,
    };
}"""


def check_the_frame(page, wide: bool) -> None:
    """The preview scrolls inside its frame: the frame's bottom edge (its horizontal scrollbar)
    is on the screen once the frame's top is, and the header stays at the top of it while the
    rows scroll."""
    page.locator(".import-frame").scroll_into_view_if_needed()
    page.evaluate("() => window.scrollTo(0, document.querySelector('.import-frame').offsetTop)")
    frame = page.evaluate(_FRAME)
    assert frame["scrollsDown"], frame
    assert frame["bottom"] <= frame["screen"] + 1, frame
    assert abs(frame["headTop"] - frame["frameTop"]) <= 2, frame  # the header stayed in view
    if wide:
        assert frame["scrollsAcross"], frame


def test_a_school_register_from_libreoffice_then_the_updated_one(
    page, ui, live_server, serial, tmp_path, libreoffice, viewport
):
    _, tag = serial()
    staff_before = live_server.count(SLUG, Staff)
    register = [person(tag, n) for n in range(30)]

    ui.login(SLUG, "curator")
    ui.follow("Педагоги")
    ui.follow("Загрузить из Excel")
    page.get_by_label("Файл таблицы (.xlsx, .ods или .xls)").set_input_files(
        ods(libreoffice, register, tmp_path / "кадры.ods")
    )
    ui.submit("Проверить файл")

    expect(page.get_by_test_id("import-summary")).to_contain_text(
        "Новых педагогов: 30, изменится: 0, без изменений: 0."
    )
    expect(page.get_by_test_id("import-ignored")).to_have_text("Не загружаются столбцы: «№».")
    preview = page.get_by_test_id("import-preview")
    expect(preview).to_contain_text(f"Абдулаева-{tag}0 Зарема Ахмедовна")
    expect(preview).to_contain_text(f"teacher29.{tag.lower()}@example.ru")
    check_the_frame(page, wide=True)
    page.screenshot(path=f"test-output/browser/staff-import-preview-{viewport}.png")
    ui.submit("Сохранить 30 педагогов")
    expect(page.locator(".alert").first).to_have_text("В реестр добавлено педагогов: 30.")
    assert live_server.count(SLUG, Staff) == staff_before + 30

    # A month later: two teachers came, one changed her phone and got the highest category.
    register[5] = person(tag, 5, phone="+7 999 555-44-33", category="высшая")
    updated = [*register, person(tag, 30), person(tag, 31)]
    ui.follow("Загрузить из Excel")
    page.get_by_label("Файл таблицы (.xlsx, .ods или .xls)").set_input_files(
        ods(libreoffice, updated, tmp_path / "кадры в октябре.ods")
    )
    ui.submit("Проверить файл")

    expect(page.get_by_test_id("import-summary")).to_contain_text(
        "Новых педагогов: 2, изменится: 1, без изменений: 29."
    )
    changed = page.locator("tr[data-status=changed]")
    expect(changed).to_have_count(1)
    expect(changed).to_contain_text(f"Ельмурзаева-{tag}5")
    expect(changed).to_contain_text("телефон: +7 928 100-05-00 → +7 999 555-44-33")
    expect(changed).to_contain_text("категория: первая → высшая")
    expect(page.locator("tr[data-status=new]")).to_have_count(2)
    check_the_frame(page, wide=True)
    page.screenshot(path=f"test-output/browser/staff-reimport-preview-{viewport}.png")
    changed.scroll_into_view_if_needed()
    page.screenshot(path=f"test-output/browser/staff-reimport-changed-{viewport}.png")
    ui.submit("Сохранить: добавить 2, изменить 1")
    expect(page.locator(".alert").first).to_have_text(
        "Реестр обновлён: добавлено педагогов — 2, изменено — 1."
    )
    assert live_server.count(SLUG, Staff) == staff_before + 32
    with live_server.in_school(SLUG) as session:
        from sqlalchemy import select

        phone, category = session.execute(
            select(Staff.phone, Staff.category).where(Staff.last_name == f"Ельмурзаева-{tag}5")
        ).one()
    assert (phone, category) == ("+7 999 555-44-33", "highest")
    # The register is shown 50 a page: the curator finds the updated teacher by the search.
    page.fill("#q", f"Ельмурзаева-{tag}5")
    page.get_by_role("button", name="Найти").click()
    assert re.search(f"Ельмурзаева-{tag}5", page.inner_text("body"))


# Older Excel, another order: contacts first, the name in three columns, the hire date before
# the position, and a column the register does not keep.
XLS_HEADER = [
    "Эл. почта",
    "Телефон",
    "ФАМИЛИЯ",
    "Имя",
    "Отчество",
    "Дата приёма",
    "Должность",
    "Примечание",
    "Стаж общий",
    "Стаж педагогический",
]


def test_a_register_in_older_excel_with_its_columns_in_another_order(
    page, ui, live_server, serial, tmp_path, libreoffice
):
    _, tag = serial()
    staff_before = live_server.count(SLUG, Staff)
    rows = [
        [
            f"xls{n}.{tag.lower()}@example.ru",
            f"+7 928 200-{n:02d}-00",
            f"{SURNAMES[n % len(SURNAMES)]}-{tag}{n}",
            "Петимат",
            "Лечиевна",
            date(2010 + n, 9, 1),
            "учитель химии",
            "совместитель" if n == 2 else "",
            12 + n,
            10 + n,
        ]
        for n in range(4)
    ]
    register = saved_by_libreoffice(libreoffice, XLS_HEADER, rows, tmp_path / "кадры.xls", "xls")

    ui.login(SLUG, "curator")
    ui.follow("Педагоги")
    ui.follow("Загрузить из Excel")
    page.get_by_label("Файл таблицы (.xlsx, .ods или .xls)").set_input_files(register)
    ui.submit("Проверить файл")

    expect(page.get_by_test_id("import-summary")).to_contain_text(
        "Новых педагогов: 4, изменится: 0, без изменений: 0."
    )
    expect(page.get_by_test_id("import-ignored")).to_have_text(
        "Не загружаются столбцы: «Примечание»."
    )
    preview = page.get_by_test_id("import-preview")
    expect(preview).to_contain_text(f"Гайрбекова-{tag}3 Петимат Лечиевна")
    expect(preview).to_contain_text(f"xls3.{tag.lower()}@example.ru")
    ui.submit("Сохранить 4 педагогов")
    expect(page.locator(".alert").first).to_have_text("В реестр добавлено педагогов: 4.")
    assert live_server.count(SLUG, Staff) == staff_before + 4
    with live_server.in_school(SLUG) as session:
        from sqlalchemy import select

        saved = session.execute(
            select(
                Staff.email,
                Staff.phone,
                Staff.position,
                Staff.hired_on,
                Staff.total_years,
                Staff.teaching_years,
            ).where(Staff.last_name == f"Гайрбекова-{tag}3")
        ).one()
    # Each value went to its own field, whatever the column's place.
    assert tuple(saved) == (
        f"xls3.{tag.lower()}@example.ru",
        "+7 928 200-03-00",
        "учитель химии",
        date(2013, 9, 1),
        15,
        13,
    )
