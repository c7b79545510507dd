"""A date written out ends with «г.»: a sentence ending on it takes no second full stop
(«Дорожная карта уже утверждена 30 августа 2026 г..» was read in four refusals)."""

import re
from datetime import date
from types import SimpleNamespace

import pytest

from nastavnik.refusals import Refusal, attempt
from nastavnik.tenancy import Scope, scoped
from nastavnik.tenants.programs.plan import why_not_done_on


def test_a_done_date_outside_the_term_is_refused_in_one_sentence():
    program = SimpleNamespace(starts_on=date(2026, 9, 15), ends_on=date(2026, 12, 20))
    message = why_not_done_on(program, date(2026, 9, 1), date(2026, 12, 1))
    assert message.endswith("по 20 декабря 2026 г."), message


def test_approving_an_approved_roadmap_is_refused_in_one_sentence(app, make, school):
    from nastavnik.extensions import db
    from nastavnik.models import School
    from nastavnik.tenants.roadmap import services
    from nastavnik.tenants.roadmap.models import Roadmap
    from nastavnik.tenants.roadmap.timing import academic_year

    director = make.account(school, "director", roles=("director",))
    made = make.roadmap(school, academic_year())
    with app.test_request_context("/s/s1/"), scoped(Scope.school(school.id)):
        db.session.get(School, school.id).director_name = "Тасуева Хеда Ахмедовна"
        roadmap = db.session.get(Roadmap, made.id)
        services.approve(roadmap, director, date(2026, 8, 30))
        with pytest.raises(Refusal) as refused:
            services.approve(roadmap, director)
        db.session.rollback()
    assert str(refused.value) == "Дорожная карта уже утверждена 30 августа 2026 г."


def test_a_roadmap_activity_outside_its_year_is_refused_in_one_sentence(
    client, make, school, curator
):
    from nastavnik.tenants.roadmap.timing import academic_year

    year = academic_year()
    roadmap = make.roadmap(school, year)
    page = client.post(
        f"/s/s1/roadmap/{roadmap.id}/activities/new",
        data={
            "stage": "4",
            "content": "Методический день",
            "timing": f"15.10.{year + 3}",
            "responsible": "Куратор",
            "responsible_staff_id": "0",
        },
    ).get_data(as_text=True)
    assert f"по 31 августа {year + 1} г.<" in page, re.findall(r"Срок вне[^<]*", page)
    assert "г.." not in page


def test_an_event_outside_its_roadmap_year_is_refused_in_one_sentence(app, make, school):
    from nastavnik.extensions import db
    from nastavnik.tenants.events.services import EventFields, create_event
    from nastavnik.tenants.roadmap.models import Roadmap
    from nastavnik.tenants.roadmap.timing import academic_year

    year = academic_year()
    made = make.roadmap(school, year)
    with app.test_request_context("/s/s1/"), scoped(Scope.school(school.id)):
        activity = db.session.get(Roadmap, made.id).activities[0]
        with attempt() as outcome:
            create_event(
                EventFields(
                    kind="conference",
                    title="Семинар",
                    held_on=date(year - 1, 10, 1),
                    activity_id=activity.id,
                )
            )
    assert outcome.refused
    assert outcome.message.endswith(f"по 31 августа {year + 1} г."), outcome.message
