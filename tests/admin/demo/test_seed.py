"""The demo district: schools of real villages, the same demo accounts in each."""

import re

import pytest
from openpyxl import load_workbook

from nastavnik.admin.demo import data
from nastavnik.admin.demo.practices import _xlsx
from nastavnik.tenants.roadmap.timing import academic_year


@pytest.fixture(scope="module")
def seeded(app, shared):
    """The demo district, loaded once for the module; each test reads it in its own savepoint."""
    with shared.kept():
        result = app.test_cli_runner().invoke(args=["seed-demo"])
        assert result.exit_code == 0, result.output
        yield result


def test_demo_has_at_least_eight_schools_each_with_the_demo_accounts(seeded, query):
    schools = query("SELECT id, slug FROM school")
    assert len(schools) >= 8
    for school_id, _ in schools:
        logins = {
            row[0] for row in query(f"SELECT login FROM account WHERE school_id = {school_id}")
        }
        assert {"director", "curator", "mentor1", "mentor2", "mentee1", "mentee2"} <= logins
    district = {row[0] for row in query("SELECT login FROM account WHERE school_id IS NULL")}
    assert district == {"district", "methodist"}


def test_a_second_run_changes_nothing(app, seeded, query):
    before = query("SELECT id, login, password_hash FROM account ORDER BY id")
    again = app.test_cli_runner().invoke(args=["seed-demo"])
    assert "ничего не изменено" in again.output
    assert query("SELECT id, login, password_hash FROM account ORDER BY id") == before


def test_demo_accounts_log_in_with_the_demo_password(seeded, client):
    slug = data.SCHOOLS[0][0]
    response = client.post(
        f"/s/{slug}/login", data={"login": "curator", "password": data.DEMO_PASSWORD}
    )
    assert response.status_code == 302
    response = client.post(
        "/district/login", data={"login": "methodist", "password": data.DEMO_PASSWORD}
    )
    assert response.headers["Location"] == "/district/"


def test_curator_of_one_demo_school_cannot_reach_another(seeded, client):
    first, second = data.SCHOOLS[0][0], data.SCHOOLS[1][0]
    client.post(f"/s/{first}/login", data={"login": "curator", "password": data.DEMO_PASSWORD})
    assert client.get(f"/s/{first}/").status_code == 200
    response = client.get(f"/s/{second}/")
    assert response.headers["Location"].startswith(f"/s/{second}/login")


def _per_school(query, sql):
    """{school_id: value} for a query grouped by school."""
    return dict(query(sql))


def test_every_demo_school_shows_the_mentoring_year(seeded, query):
    """The named core of every school, as its profile shapes it: the smallest school does
    without the optional people, the one whose order is not signed has no programs this year,
    the one on time has nothing overdue."""
    schools = dict(query("SELECT id, slug FROM school"))

    def each(sql, check):
        found = _per_school(query, sql)
        for school_id, slug in schools.items():
            value = found.get(school_id, 0)
            assert check(value, data.PROFILES[slug]), (sql, slug, value)

    each("SELECT school_id, count(*) FROM staff GROUP BY school_id", lambda n, p: n == p["size"])
    each(
        "SELECT school_id, count(*) FROM consent WHERE revoked_on IS NOT NULL GROUP BY school_id",
        lambda n, p: n == (0 if p["small"] else 1),
    )
    each(
        "SELECT school_id, count(*) FROM staff WHERE data_hidden GROUP BY school_id",
        lambda n, p: n == (0 if p["small"] else 1),
    )
    each(
        "SELECT school_id, count(*) FROM mentee_entry WHERE status = 'waiting' GROUP BY school_id",
        lambda n, p: n >= 1,
    )
    each("SELECT school_id, count(*) FROM mentor_entry GROUP BY school_id", lambda n, p: n >= 3)
    each(
        "SELECT school_id, count(DISTINCT form) FROM pairing GROUP BY school_id",
        lambda n, p: n >= 3,
    )
    each(
        "SELECT p.school_id, count(*) FROM pairing p JOIN pairing_member m ON m.pairing_id = p.id "
        "GROUP BY p.school_id, p.id HAVING count(*) > 1",
        lambda n, p: n >= 2,
    )
    each(
        "SELECT school_id, count(*) FROM school_order WHERE status = 'signed' GROUP BY school_id",
        lambda n, p: n >= 1,
    )
    each(
        "SELECT school_id, count(*) FROM program WHERE status = 'active' GROUP BY school_id",
        lambda n, p: n >= 2 if p["orders"] else n == 0,
    )
    each(
        "SELECT school_id, count(*) FROM program WHERE status = 'ended' GROUP BY school_id",
        lambda n, p: n >= 3,
    )
    # Stage 6: both questionnaires of each ended program answered, and each mentor's survey.
    each(
        "SELECT q.school_id, count(*) FROM questionnaire_response r "
        "JOIN questionnaire q ON q.id = r.questionnaire_id "
        "WHERE q.purpose IN ('mentor_end', 'mentee_end') GROUP BY q.school_id",
        lambda n, p: n >= 6,
    )
    each(
        "SELECT q.school_id, count(*) FROM questionnaire_response r "
        "JOIN questionnaire q ON q.id = r.questionnaire_id "
        "WHERE q.purpose = 'potential_mentor' AND r.staff_id IS NOT NULL GROUP BY q.school_id",
        lambda n, p: n == (3 if p["small"] else 4),
    )
    each(
        "SELECT school_id, count(*) FROM program_change "
        "WHERE status = 'applied' GROUP BY school_id",
        lambda n, p: n == (1 if p["orders"] else 0),
    )
    each(
        "SELECT school_id, count(*) FROM activity WHERE status = 'done' GROUP BY school_id",
        lambda n, p: n >= 3,
    )
    each(
        "SELECT a.school_id, count(*) FROM activity a JOIN program p ON p.id = a.program_id "
        "WHERE a.status = 'planned' AND p.status = 'active' AND a.due_on < CURRENT_DATE "
        "GROUP BY a.school_id",
        lambda n, p: n == 0 if p.get("on_time") or not p["orders"] else n >= 1,
    )


def test_demo_mentors_and_mentees_are_in_different_pairs(seeded, query):
    rows = query(
        "SELECT s.school_id, a.login, p.id FROM pairing p "
        "JOIN staff s ON s.id = p.mentor_staff_id JOIN account a ON a.id = s.account_id "
        "WHERE p.status = 'active' "
        "UNION ALL "
        "SELECT s.school_id, a.login, m.pairing_id FROM pairing_member m "
        "JOIN pairing p ON p.id = m.pairing_id AND p.status = 'active' "
        "JOIN staff s ON s.id = m.mentee_staff_id JOIN account a ON a.id = s.account_id"
    )
    by_school = {}
    for school_id, login, pairing_id in rows:
        by_school.setdefault(school_id, {})[login] = pairing_id
    assert len(by_school) >= 8
    for logins in by_school.values():
        assert logins["mentor1"] == logins["mentee1"]
        assert logins["mentor2"] == logins["mentee2"]
        assert logins["mentor1"] != logins["mentor2"]


def test_demo_order_downloads_again_from_the_list_of_orders(seeded, client):
    from io import BytesIO

    from docx import Document

    slug = data.SCHOOLS[1][0]
    client.post(f"/s/{slug}/login", data={"login": "director", "password": data.DEMO_PASSWORD})
    page = client.get(f"/s/{slug}/orders/").get_data(as_text=True)
    assert "Подписан" in page
    link = re.search(r'href="(/s/[^"]+/orders/\d+/document\.docx)"', page).group(1)
    document = Document(BytesIO(client.get(link).data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "ПРИКАЗЫВАЮ" in text and "-од" in text


def test_the_demo_consent_form_gives_the_schools_full_postal_address(seeded, client, query):
    from io import BytesIO

    from docx import Document

    addresses = dict(query("SELECT slug, postal_address FROM school"))
    assert addresses == data.POSTAL_ADDRESSES
    assert all(f"{settlement}, ул. " in addresses[slug] for slug, _, settlement, *_ in data.SCHOOLS)
    slug = data.SCHOOLS[0][0]
    client.post(f"/s/{slug}/login", data={"login": "curator", "password": data.DEMO_PASSWORD})
    person = query(
        "SELECT staff.id FROM staff JOIN school ON school.id = staff.school_id"
        f" WHERE school.slug = '{slug}' AND staff.erased_on IS NULL ORDER BY staff.id LIMIT 1"
    )[0][0]
    document = Document(BytesIO(client.get(f"/s/{slug}/consents/blank/{person}").data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"адрес: {data.POSTAL_ADDRESSES[slug]}, — на обработку" in text


def test_every_demo_school_has_its_working_group_and_order_90_od(seeded, query):
    """The seed's structure in every school; order «О реализации целевой модели наставничества»
    signed on 30 August where the roadmap is approved, the appointments pending elsewhere."""
    groups = _per_school(query, "SELECT school_id, count(*) FROM appointment GROUP BY school_id")
    for school_id, slug in query("SELECT id, slug FROM school"):
        optional = data.OPTIONAL if data.PROFILES[slug]["small"] else ()
        expected = [row for row in data.WORKING_GROUP if row[0] not in optional]
        assert groups.get(school_id) == len(expected), slug
    signed = _per_school(
        query,
        "SELECT school_id, count(*) FROM school_order "
        "WHERE kind = 'target_model' AND status = 'signed' GROUP BY school_id",
    )
    approved = _per_school(
        query,
        "SELECT school_id, count(*) FROM roadmap WHERE status = 'approved' "
        f"AND year = {academic_year()} GROUP BY school_id",
    )
    assert set(signed) == set(approved) and signed
    in_force = _per_school(
        query,
        "SELECT school_id, count(*) FROM appointment WHERE status = 'in_force' GROUP BY school_id",
    )
    assert set(in_force) == set(signed)


def test_the_demo_names_no_real_person_of_the_seed(seeded, query):
    # The seed's people by surname and initials (order № 90-од); the demo must not name them.
    seed_people = {
        "Умарова З.И.",
        "Кадиева М.С.",
        "Батаева А.Х.",
        "Косумова Л.У.",
        "Сулейманова З.А.",
        "Батаева Х.У.",
    }
    names = [r[0] for r in query("SELECT director_name FROM school")]
    names += [" ".join(r) for r in query("SELECT last_name, first_name, middle_name FROM staff")]
    from nastavnik.declension import short_name

    assert not {short_name(n) for n in names} & seed_people


def test_demo_ended_program_is_recorded_by_a_signed_ending_order(seeded, client, query):
    rows = query(
        "SELECT school_id, count(*) FROM school_order "
        "WHERE kind = 'program_end' AND status = 'signed' GROUP BY school_id"
    )
    assert len(rows) == len(data.SCHOOLS) and all(n >= 1 for _, n in rows)
    slug = data.SCHOOLS[0][0]
    client.post(f"/s/{slug}/login", data={"login": "curator", "password": data.DEMO_PASSWORD})
    page = client.get(f"/s/{slug}/orders/").get_data(as_text=True)
    # Last year's three programs ended in one order: its title is in the plural.
    assert "О завершении персонализированных программ наставничества" in page
    # Nothing ended is left without its order.
    assert "Нет завершённых программ" in client.get(f"/s/{slug}/orders/draft-ending").get_data(
        as_text=True
    )


def test_demo_best_practices_are_at_every_step_of_their_path_with_files(seeded, query, client):
    rows = query("SELECT school_id, status, return_comment FROM practice")
    assert len(rows) >= 12
    assert len({r[0] for r in rows}) >= 4
    statuses = [r[1] for r in rows]
    for status in ("draft", "published", "submitted", "shared", "returned", "withdrawn"):
        assert status in statuses, status
    assert statuses.count("shared") >= 4
    assert all(r[2] for r in rows if r[1] == "returned")  # returned with the comment
    assert query("SELECT count(*) FROM practice_file")[0][0] >= 12
    page = client.get("/practices/").get_data(as_text=True)
    assert page.count('data-testid="practice-card"') == statuses.count("shared")


def test_a_demo_practices_plan_has_a_bold_header_and_columns_its_texts_fit():
    """The methodist opened «План мероприятий.xlsx» to «Мероприя», «Посещени», «Разбор ур»."""
    sheet = load_workbook(_xlsx("Наставник на уроке").stream).active
    assert "Наставник на уроке" in sheet["A1"].value and sheet["A1"].font.b
    assert [c.value for c in sheet[2]] == ["Мероприятие", "Срок", "Ответственный"]
    assert all(c.font.b for c in sheet[2])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert sheet.column_dimensions[cell.column_letter].width >= len(cell.value) + 1
