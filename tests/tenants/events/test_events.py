"""The school's events: participants from its own staff register, materials, results; a held
event with results marks its roadmap activity done and shows as its evidence."""

from datetime import timedelta
from io import BytesIO

from nastavnik.dates import format_date, today
from nastavnik.tenants.roadmap.timing import academic_year, span

YEAR = academic_year()


def _held_day():
    """A day of this academic year already past (or today, on its first day)."""
    return max(span(YEAR)[0], today() - timedelta(days=1))


def test_a_held_setup_session_with_results_marks_its_activity_done(
    client, school, curator, make, query
):
    roadmap = make.roadmap(school, YEAR)
    (activity_id,) = query(
        "SELECT id FROM roadmap_activity WHERE content LIKE 'проведение консультаций%'"
    )[0]
    mentor = make.staff(school, last_name="Сессионова")
    response = client.post(
        "/s/s1/events/new",
        data={
            "kind": "setup_session",
            "title": "Установочная сессия «Роль наставника»",
            "held_on": _held_day().isoformat(),
            "place": "Учительская",
            "activity_id": str(activity_id),
            "participants": [str(mentor.id)],
            "results": "Наставники получили памятки.",
            "materials": (BytesIO(b"%PDF-1.4 programme"), "программа.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    event_id = int(response.location.rsplit("/", 1)[1])
    page = client.get(f"/s/s1/events/{event_id}").get_data(as_text=True)
    assert "Сессионова" in page and "программа.pdf" in page
    assert "Наставники получили памятки." in page
    (material_id,) = query("SELECT id FROM event_material")[0]
    download = client.get(f"/s/s1/events/materials/{material_id}")
    assert download.data == b"%PDF-1.4 programme"
    assert query(f"SELECT status FROM roadmap_activity WHERE id = {activity_id}") == [("done",)]
    roadmap_page = client.get(f"/s/s1/roadmap/{roadmap.id}").get_data(as_text=True)
    card = roadmap_page[roadmap_page.index(f'data-testid="activity-{activity_id}"') :]
    card = card[: card.index("</article>")]
    assert "Установочная сессия «Роль наставника»" in card and "Выполнено" in card
    assert f"/s/s1/events/{event_id}" in card


def test_a_planned_event_does_not_mark_its_activity_until_it_has_results(
    client, school, curator, make, query
):
    roadmap = make.roadmap(school, YEAR)
    activity = roadmap_activity = make.roadmap_activity(school, roadmap, timing="Май")
    event = make.event(
        school,
        kind="conference",
        title="Школьный семинар",
        held_on=_held_day(),
        activity_id=activity.id,
    )
    assert query(f"SELECT status FROM roadmap_activity WHERE id = {activity.id}") == [("planned",)]
    response = client.post(
        f"/s/s1/events/{event.id}/edit",
        data={
            "kind": "conference",
            "title": "Школьный семинар",
            "held_on": _held_day().isoformat(),
            "activity_id": str(activity.id),
            "results": "Обсуждены первые итоги.",
        },
    )
    assert response.status_code == 302
    assert query(f"SELECT status FROM roadmap_activity WHERE id = {roadmap_activity.id}") == [
        ("done",)
    ]


def test_the_contest_is_listed_with_its_kind(client, school, curator, make):
    make.event(
        school,
        kind="contest",
        title="Конкурс наставнических пар «Педагогический дуэт»",
        held_on=_held_day(),
    )
    page = client.get("/s/s1/events/").get_data(as_text=True)
    assert "«Педагогический дуэт»" in page and "Профессиональный конкурс" in page


def test_a_participant_of_another_school_is_not_offered_and_not_taken(
    client, school, curator, make, query
):
    other = make.school("other-events")
    stranger = make.staff(other, last_name="Чужая")
    page = client.get("/s/s1/events/new").get_data(as_text=True)
    assert "Чужая" not in page
    response = client.post(
        "/s/s1/events/new",
        data={
            "kind": "other",
            "title": "Встреча",
            "held_on": _held_day().isoformat(),
            "activity_id": "0",
            "participants": [str(stranger.id)],
        },
    )
    assert response.status_code == 200
    assert not query("SELECT id FROM school_event")


def test_the_working_group_sees_events_but_does_not_add_them(client, auth, make, school):
    make.account(school, "group", roles=["working_group"])
    auth.login(school, "group")
    page = client.get("/s/s1/events/").get_data(as_text=True)
    assert "Мероприятия школы" in page and "Добавить мероприятие" not in page
    assert client.get("/s/s1/events/new").status_code == 403


def test_a_participant_whose_data_were_hidden_since_stays_on_the_event(
    client, school, curator, make, query
):
    teacher = make.staff(school, last_name="Скрытая")
    event = make.event(
        school,
        title="Круглый стол",
        held_on=_held_day(),
        kind="round_table",
        participant_ids=[teacher.id],
    )
    make.consent(school, teacher, revoked_on=today())
    assert query(f"SELECT data_hidden FROM staff WHERE id = {teacher.id}")[0][0]
    page = client.get(f"/s/s1/events/{event.id}/edit").get_data(as_text=True)
    assert "Скрытая" not in page and "Данные скрыты" in page
    response = client.post(
        f"/s/s1/events/{event.id}/edit",
        data={
            "kind": "round_table",
            "title": "Круглый стол по лучшим практикам",
            "held_on": _held_day().isoformat(),
            "activity_id": "0",
            "participants": [str(teacher.id)],
        },
    )
    assert response.status_code == 302
    assert query("SELECT staff_id FROM event_participant") == [(teacher.id,)]


def test_a_date_outside_the_platforms_years_is_refused_beside_the_field_and_nothing_saved(
    client, school, curator, query
):
    latest = span(YEAR + 1)[1]
    for day in ("1990-01-01", "2015-08-31", (latest + timedelta(days=1)).isoformat()):
        response = client.post(
            "/s/s1/events/new",
            data={"kind": "other", "title": "Встреча", "held_on": day, "activity_id": "0"},
        )
        assert response.status_code == 200, day
        page = response.get_data(as_text=True)
        assert f"Дата проведения — с 1 сентября 2015 г. по {format_date(latest)}" in page, day
        assert 'class="form-control is-invalid" id="held_on"' in page, day  # beside the field
        assert not query("SELECT id FROM school_event")
    for day in ("2015-09-01", latest.isoformat()):  # the first and last days are allowed
        response = client.post(
            "/s/s1/events/new",
            data={"kind": "other", "title": "Встреча", "held_on": day, "activity_id": "0"},
        )
        assert response.status_code == 302, day
