"""A school with the seed's names, a director and a curator, and pairs ready for an order."""

from datetime import date
from types import SimpleNamespace

import pytest

TODAY = date.today()


@pytest.fixture
def school(make):
    return make.school(
        "ilskhan-yurt",
        name_ru="Муниципальное бюджетное общеобразовательное учреждение "
        "«Илсхан-Юртовская основная школа»",
        name_ce="Муниципальни бюджетан йукъардешаран хъукмат «Илсхан-Юъртара коърта ишкол»",
        short_name="МБОУ «Илсхан-Юртовская ОШ»",
        settlement="с. Илсхан-Юрт",
        director_name="Умарова Зарема Исаевна",
    )


@pytest.fixture
def login(app, make, school):
    """A separate browser per person: login("director"), login("curator")."""
    roles = {"director": ("director",), "curator": ("curator",), "group": ("working_group",)}

    def run(name):
        make.account(school, name, roles=roles[name])
        client = app.test_client()
        client.post(f"/s/{school.slug}/login", data={"login": name, "password": make.PASSWORD})
        return client

    return run


@pytest.fixture
def url(school):
    return lambda path="": f"/s/{school.slug}/orders/{path}"


@pytest.fixture
def ready(make, school):
    """A pair and a group, proposed, with everyone's written consent recorded."""

    def mentor(last_name, capacity=2):
        staff = make.consenting_staff(school, mentor=True, last_name=last_name)
        make.mentor_entry(school, staff, capacity=capacity)
        return staff

    def mentee(last_name):
        staff = make.consenting_staff(school, last_name=last_name)
        make.mentee_entry(school, staff)
        return staff

    pair = make.pairing(
        school,
        mentor("Батаева"),
        [mentee("Сулейманова")],
        status="proposed",
        form="teacher_teacher",
    )
    group = make.pairing(
        school,
        mentor("Косумова", capacity=3),
        [mentee("Кадиева"), mentee("Исаева")],
        status="proposed",
        form="group",
    )
    return SimpleNamespace(pair=pair, group=group, mentor=mentor, mentee=mentee)
