"""Selection of pairs from the banks (section 6.1, roadmap stages 4–5) as the curator sees it."""

import re

import pytest

from nastavnik.dates import today as local_today
from nastavnik.tenants.matching.algorithm import MENTOR_NOT_ELIGIBLE, NO_PLACES, SELF_MENTORING


def mentor(make, school, last_name, duty=True, capacity=2, **fields):
    fields.setdefault("subjects", "Математика")
    fields.setdefault("teaching_years", 20)
    competences = fields.pop("competences", ("methods", "subject"))
    staff = make.consenting_staff(school, mentor=duty, last_name=last_name, **fields)
    return make.mentor_entry(school, staff, competences=competences, capacity=capacity)


def mentee(make, school, last_name, requests=("methods",), **fields):
    fields.setdefault("subjects", "математика")
    fields.setdefault("teaching_years", 1)
    category = fields.pop("category", "young")
    staff = make.consenting_staff(school, last_name=last_name, **fields)
    return make.mentee_entry(school, staff, requests=requests, category=category)


def pairs(query):
    """(mentor's staff id, form, status, mentee's staff id) for each member of each pairing."""
    return query(
        "SELECT p.mentor_staff_id, p.form, p.status, m.mentee_staff_id "
        "FROM pairing p JOIN pairing_member m ON m.pairing_id = p.id"
    )


def selected_mentor(page, mentee_entry):
    select = re.search(rf'name="mentor-{mentee_entry.id}">(.*?)</select>', page, re.S).group(1)
    chosen = re.search(r'<option value="(\d*)" selected>', select)
    return int(chosen.group(1)) if chosen and chosen.group(1) else None


# One mentee: the ranked list


def test_the_ranked_list_shows_the_reasons_in_russian(client, make, school, curator):
    good = mentor(make, school, "Асхабов", teaching_years=21)
    mentor(make, school, "Другой", competences=("upbringing",), subjects="История")
    entry = mentee(make, school, "Молодая", requests=("methods", "digital"))
    page = client.get(f"/s/s1/matching/mentees/{entry.id}").get_data(as_text=True)
    assert page.index("Асхабов") < page.index("Другой")
    for reason in (
        "Компетенции отвечают запросам: Методика преподавания",
        "Запросы без ответа: Цифровая образовательная среда",
        "Преподаёт тот же предмет: математика",
        "Стаж больше на 20 лет",
        "Свободных мест: 2",
    ):
        assert reason in page
    assert f'name="mentor_id" value="{good.id}"' in page


def test_mentor_without_the_duty_consent_is_blocked_and_cannot_be_proposed(
    client, make, school, curator, query
):
    blocked = mentor(make, school, "Безсогласия", duty=False)
    entry = mentee(make, school, "Молодая")
    page = client.get(f"/s/s1/matching/mentees/{entry.id}").get_data(as_text=True)
    assert MENTOR_NOT_ELIGIBLE in page
    assert f'name="mentor_id" value="{blocked.id}"' not in page
    response = client.post(
        f"/s/s1/matching/mentees/{entry.id}/propose",
        data={"mentor_id": blocked.id, "form": "traditional"},
    )
    assert response.status_code == 200
    assert MENTOR_NOT_ELIGIBLE in response.get_data(as_text=True)
    assert query("SELECT count(*) FROM pairing") == [(0,)]


def test_a_mentor_with_no_free_place_is_blocked(client, make, school, curator, query):
    full = mentor(make, school, "Занятый", capacity=1)
    make.pairing(school, full.staff_id, status="approved")
    entry = mentee(make, school, "Молодая")
    assert NO_PLACES in client.get(f"/s/s1/matching/mentees/{entry.id}").get_data(as_text=True)
    page = client.post(
        f"/s/s1/matching/mentees/{entry.id}/propose",
        data={"mentor_id": full.id, "form": "traditional"},
    ).get_data(as_text=True)
    assert NO_PLACES in page
    assert query("SELECT count(*) FROM pairing") == [(1,)]


def test_nobody_mentors_themselves(client, make, school, curator, query):
    staff = make.consenting_staff(school, mentor=True, last_name="Двойная")
    own = make.mentor_entry(school, staff)
    entry = make.mentee_entry(school, staff)
    assert SELF_MENTORING in client.get(f"/s/s1/matching/mentees/{entry.id}").get_data(as_text=True)
    page = client.post(
        f"/s/s1/matching/mentees/{entry.id}/propose", data={"mentor_id": own.id, "form": "group"}
    ).get_data(as_text=True)
    assert SELF_MENTORING in page
    assert query("SELECT count(*) FROM pairing") == [(0,)]


def test_curator_proposes_a_pair_from_the_ranked_list(client, make, school, curator, query):
    chosen = mentor(make, school, "Асхабов")
    entry = mentee(make, school, "Молодая")
    response = client.post(
        f"/s/s1/matching/mentees/{entry.id}/propose",
        data={"mentor_id": chosen.id, "form": "virtual"},
        follow_redirects=True,
    )
    assert "Пара предложена: наставник Асхабов Марьям Исаевна" in response.get_data(as_text=True)
    assert pairs(query) == [(chosen.staff_id, "virtual", "proposed", entry.staff_id)]
    # The mentee is now in a pair: a second proposal is refused.
    page = client.post(
        f"/s/s1/matching/mentees/{entry.id}/propose",
        data={"mentor_id": chosen.id, "form": "virtual"},
    ).get_data(as_text=True)
    assert "уже в паре" in page
    assert query("SELECT count(*) FROM pairing") == [(1,)]


def test_a_proposal_without_a_mentor_is_refused(client, make, school, curator, query):
    entry = mentee(make, school, "Молодая")
    page = client.post(f"/s/s1/matching/mentees/{entry.id}/propose", data={}).get_data(as_text=True)
    assert "Выберите наставника." in page
    assert query("SELECT count(*) FROM pairing") == [(0,)]


# All waiting mentees at once


def send_proposal(client, *rows, create=None, **kw):
    """Posts the proposal page: a row is (mentee entry, mentor entry or None, form); the rows
    ticked to create are all of them unless `create` names some."""
    data = {}
    for entry, chosen, form in rows:
        data[f"mentor-{entry.id}"] = str(chosen.id) if chosen else ""
        data[f"form-{entry.id}"] = form
    ticked = [row[0] for row in rows] if create is None else create
    data["create"] = [str(entry.id) for entry in ticked]
    return client.post("/s/s1/matching/proposal", data=data, **kw)


@pytest.fixture
def crowd(make, school):
    """Both mentees fit the mathematician best, and Бисултанова even better (32 against 31),
    yet the optimum gives him to Ахмадова: 31 + 22 beats 32 + 15."""
    math = mentor(make, school, "Математик", capacity=1, competences=("methods", "subject"))
    coach = mentor(
        make, school, "Историк", capacity=1, competences=("methods",), subjects="История"
    )
    first = mentee(make, school, "Ахмадова", requests=("methods", "subject"), teaching_years=12)
    second = mentee(
        make, school, "Бисултанова", requests=("methods", "subject"), subjects="математика, история"
    )
    return math, coach, first, second


def test_the_proposal_preselects_the_optimum(client, make, school, curator, crowd):
    math, coach, first, second = crowd
    page = client.get("/s/s1/matching/proposal").get_data(as_text=True)
    assert selected_mentor(page, first) == math.id
    assert selected_mentor(page, second) == coach.id
    assert "— без наставника —" in page
    assert "Подобрано пар: <strong>2</strong>" in page
    assert "Сумма баллов: <strong>53</strong>" in page


def test_reverse_mentoring_is_proposed_in_its_own_form(client, make, school, curator):
    young = mentor(make, school, "Молодой", teaching_years=2, competences=("digital",))
    senior = mentee(
        make, school, "Опытная", requests=("digital",), category="reverse", teaching_years=30
    )
    page = client.get("/s/s1/matching/proposal").get_data(as_text=True)
    assert selected_mentor(page, senior) == young.id
    row = re.search(rf'name="form-{senior.id}">(.*?)</select>', page, re.S).group(1)
    assert '<option value="reverse" selected>' in row
    assert "Обратное наставничество: наставник — молодой педагог" in page


def test_creating_from_the_proposal_creates_exactly_the_chosen_rows(
    client, make, school, curator, query, crowd
):
    math, coach, first, second = crowd
    response = send_proposal(
        client,
        (first, math, "traditional"),
        (second, coach, "speed"),
        create=[second],
        follow_redirects=True,
    )
    assert "Создано пар: 1" in response.get_data(as_text=True)
    assert pairs(query) == [(coach.staff_id, "speed", "proposed", second.staff_id)]
    # The one left waiting is still proposed; the paired one is not.
    page = client.get("/s/s1/matching/proposal").get_data(as_text=True)
    assert f'name="mentor-{first.id}"' in page and f'name="mentor-{second.id}"' not in page


def test_an_edited_row_over_a_mentors_capacity_is_refused_and_nothing_is_created(
    client, make, school, curator, query, crowd
):
    math, coach, first, second = crowd
    page = send_proposal(
        client, (first, math, "traditional"), (second, math, "traditional")
    ).get_data(as_text=True)
    assert "Пары не созданы: исправьте отмеченные строки." in page
    row = re.search(rf'data-testid="row-{second.id}".*?</tr>', page, re.S).group(0)
    assert NO_PLACES in row
    assert NO_PLACES not in re.search(rf'data-testid="row-{first.id}".*?</tr>', page, re.S).group(0)
    # The curator's edits stay on the page.
    assert selected_mentor(page, second) == math.id
    assert query("SELECT count(*) FROM pairing") == [(0,)]


def test_a_row_with_a_mentor_without_duty_consent_is_refused(client, make, school, curator, query):
    blocked = mentor(make, school, "Безсогласия", duty=False)
    entry = mentee(make, school, "Молодая")
    page = send_proposal(client, (entry, blocked, "traditional")).get_data(as_text=True)
    assert MENTOR_NOT_ELIGIBLE in page
    assert query("SELECT count(*) FROM pairing") == [(0,)]


def test_a_chosen_row_without_a_mentor_is_refused(client, make, school, curator, query, crowd):
    math, coach, first, second = crowd
    page = send_proposal(client, (first, None, "traditional")).get_data(as_text=True)
    assert "Выберите наставника из банка." in page
    assert query("SELECT count(*) FROM pairing") == [(0,)]


def test_nothing_chosen_is_refused(client, school, curator, crowd, query):
    page = client.post("/s/s1/matching/proposal", data={}).get_data(as_text=True)
    assert "Отметьте хотя бы одну пару." in page
    assert query("SELECT count(*) FROM pairing") == [(0,)]


def test_a_revoked_mentor_is_not_offered_in_the_proposal(client, make, school, curator):
    from datetime import date

    staff = make.staff(school, last_name="Отозвавший", subjects="Математика", teaching_years=20)
    make.consent(school, staff)
    make.consent(school, staff, kind="mentor_duty", revoked_on=date(2024, 10, 1))
    make.mentor_entry(school, staff)
    entry = mentee(make, school, "Молодая")
    page = client.get("/s/s1/matching/proposal").get_data(as_text=True)
    assert selected_mentor(page, entry) is None
    assert "Отозвавший" not in page


# Stage 5: those without a mentor


def test_the_unmatched_list_shows_a_mentee_nobody_fits_and_why(client, make, auth, school):
    mentor(make, school, "Безсогласия", duty=False)
    entry = mentee(make, school, "Одинокая", requests=("psychology",))
    make.account(school, "psy", roles=["psychologist"])
    auth.login(school, "psy")
    page = client.get("/s/s1/matching/unmatched").get_data(as_text=True)
    row = re.search(rf'data-testid="unmatched-{entry.id}".*?</tr>', page, re.S).group(0)
    assert "Одинокая" in row
    assert "Психолого-педагогическое сопровождение" in row
    assert f"Никто не подходит: {MENTOR_NOT_ELIGIBLE} (1 наставник)." in row
    assert "Подобрать" not in row  # the psychologist does not run the matching


def test_the_unmatched_list_says_when_the_bank_of_mentors_is_empty(client, make, school, curator):
    mentee(make, school, "Одинокая")
    page = client.get("/s/s1/matching/unmatched").get_data(as_text=True)
    assert "В банке наставников никого нет." in page


def test_a_mentee_in_a_pair_is_not_in_the_unmatched_list(client, make, school, curator):
    entry = mentee(make, school, "Спаренная")
    make.pairing(school, mentees=[entry.staff_id], status="proposed")
    assert "Спаренная" not in client.get("/s/s1/matching/unmatched").get_data(as_text=True)


def test_html_in_the_difficulties_is_escaped_on_the_matching_pages(client, make, school, curator):
    staff = make.consenting_staff(school)
    entry = make.mentee_entry(school, staff, difficulties="<img src=x onerror=alert(1)>")
    for url in (
        f"/s/s1/matching/mentees/{entry.id}",
        "/s/s1/matching/proposal",
        "/s/s1/matching/unmatched",
    ):
        page = client.get(url).get_data(as_text=True)
        assert "<img src=x" not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_the_group_form_is_not_offered_for_a_pair_and_is_refused(
    client, make, school, curator, query, crowd
):
    math, coach, first, second = crowd
    page = client.get("/s/s1/matching/proposal").get_data(as_text=True)
    assert '<option value="group"' not in page
    page = send_proposal(client, (first, math, "group")).get_data(as_text=True)
    assert "Выберите форму наставничества из списка." in page
    assert query("SELECT count(*) FROM pairing") == [(0,)]


def test_when_the_pairings_feature_refuses_a_row_the_rows_before_it_are_undone(
    client, make, school, curator, query, crowd, monkeypatch
):
    from nastavnik.tenants.matching import services
    from nastavnik.tenants.pairings.services import Refusal

    math, coach, first, second = crowd
    real = services.create_pairing

    def refuse_the_second(mentor_staff_id, mentee_ids, form, on):
        if mentee_ids == [second.staff_id]:
            raise Refusal("Отказ по правилам пар.")
        return real(mentor_staff_id, mentee_ids, form, on)

    monkeypatch.setattr(services, "create_pairing", refuse_the_second)
    page = send_proposal(
        client, (first, math, "traditional"), (second, coach, "traditional")
    ).get_data(as_text=True)
    assert "Отказ по правилам пар." in page
    assert query("SELECT count(*) FROM pairing") == [(0,)]
    assert query("SELECT count(*) FROM pairing_member") == [(0,)]


def test_profiles_are_read_from_the_banks_with_consents_and_free_places(make, school):

    from nastavnik.tenants.matching.services import profiles

    young = mentor(make, school, "Молодой", teaching_years=2, subjects="Физика, Информатика")
    make.pairing(school, young.staff_id, status="active")  # its mentee no longer waits
    mentor(make, school, "Безсогласия", duty=False, capacity=1)
    waiting = mentee(make, school, "Ожидающая", subjects="Химия", teaching_years=30)
    make.mentee_entry(school, status="left")
    with make.in_school(school):
        mentees, mentors = profiles(local_today())
    by_name = {m.name.split()[0]: m for m in mentors}
    assert by_name["Молодой"].young and by_name["Молодой"].eligible
    assert by_name["Молодой"].subjects == frozenset({"физика", "информатика"})
    assert by_name["Молодой"].capacity_left == 1  # two places, one taken
    assert not by_name["Безсогласия"].eligible and not by_name["Безсогласия"].young
    [only] = mentees
    assert (only.staff_id, only.subjects, only.eligible) == (
        waiting.staff_id,
        frozenset({"химия"}),
        True,
    )


def test_the_unmatched_list_tells_who_lost_the_only_place_and_who_has_a_mentor_waiting(
    client, make, school, curator
):
    mentor(make, school, "Единственный", capacity=1)
    strong = mentee(make, school, "Сильная", requests=("methods", "subject"))
    weak = mentee(make, school, "Слабая", requests=("upbringing",), subjects="история")
    page = client.get("/s/s1/matching/unmatched").get_data(as_text=True)
    row = re.search(rf'data-testid="unmatched-{strong.id}".*?</tr>', page, re.S).group(0)
    assert "Подходящий наставник есть (Единственный Марьям Исаевна), пара ещё не создана." in row
    row = re.search(rf'data-testid="unmatched-{weak.id}".*?</tr>', page, re.S).group(0)
    assert "Подходящих наставников: 1, но их свободные места" in row
    assert page.index("Слабая") < page.index("Сильная")  # the ones left out come first


# A large school: the proposal a page at a time, each row with its few best mentors


def test_the_proposal_is_shown_a_page_at_a_time_with_the_optimum_of_all(
    client, school, curator, crowd, monkeypatch
):
    from nastavnik.tenants.matching import views

    math, coach, first, second = crowd
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    one = client.get("/s/s1/matching/proposal").get_data(as_text=True)
    two = client.get("/s/s1/matching/proposal?page=2").get_data(as_text=True)
    assert f'name="mentor-{first.id}"' in one and f'name="mentor-{second.id}"' not in one
    assert f'name="mentor-{second.id}"' in two and f'name="mentor-{first.id}"' not in two
    assert "1–1 из 2" in one and 'href="/s/s1/matching/proposal?page=2"' in one
    # The plan is the optimum for everyone waiting, whichever page shows the row.
    assert selected_mentor(two, second) == coach.id
    assert "Подобрано пар: <strong>2</strong>" in two


def test_a_row_offers_the_few_best_mentors_and_links_to_all(client, make, school, curator, query):
    from nastavnik.tenants.matching.services import FEW_BEST

    mentors = [
        mentor(make, school, f"Наставник{k}", teaching_years=1 + 2 * k) for k in range(FEW_BEST + 2)
    ]
    entry = mentee(make, school, "Ждущая")
    page = client.get("/s/s1/matching/proposal").get_data(as_text=True)
    offered = re.search(rf'name="mentor-{entry.id}">(.*?)</select>', page, re.S).group(1)
    # The most experienced first; the two least experienced only on the mentee's own page.
    assert [f'value="{m.id}"' in offered for m in mentors] == [False, False] + [True] * FEW_BEST
    assert f"все подходящие ({FEW_BEST + 2})" in page
    # A refused form shows again the mentor the curator chose, even one not among the best.
    weakest = mentors[0]
    response = send_proposal(client, (entry, weakest, "group"))
    again = response.get_data(as_text=True)
    assert selected_mentor(again, entry) == weakest.id
    assert pairs(query) == []
