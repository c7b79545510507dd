"""A school with the seed's structure and fictional people, ready for order № 90-од."""

from datetime import date
from types import SimpleNamespace

import pytest

YEAR = 2026  # the academic year 2026/2027 the order puts the roadmap of into force
EFFECTIVE = date(YEAR, 9, 1)

# Fictional people in the seed's posts; male and female names to decline.
PEOPLE = {
    "coordinator": ("Хасанова", "Малика", "Саидовна", "заместитель директора по УВР"),
    "curator": ("Алиева", "Айна", "Хамидовна", "руководитель МО учителей гуманитарного цикла"),
    "ict": ("Магомадов", "Ислам", "Русланович", "заместитель директора по ИКТ"),
    "primary": ("Сулейманова", "Зарина", "Адамовна", "руководитель МО учителей начальных классов"),
    "science": ("Дадаев", "Хамзат", "Увайсович", "руководитель МО естественно-научного цикла"),
}


@pytest.fixture
def school(make):
    return make.school(
        "ilskhan",
        name_ru="Муниципальное бюджетное общеобразовательное учреждение "
        "«Илсхан-Юртовская основная школа»",
        name_ce="Муниципальни бюджетан йукъардешаран хъукмат «Илсхан-Юъртара коърта ишкол»",
        short_name="МБОУ «Илсхан-Юртовская ОШ»",
        settlement="с. Илсхан-Юрт",
        director_name="Тасуева Хеда Ахмедовна",
    )


@pytest.fixture
def seed(app, make, school):
    """The staff, their pending appointments, the legal basis and the approved roadmap."""
    director = make.account(
        school, "director", roles=["director"], full_name="Тасуева Хеда Ахмедовна"
    )
    staff = {
        key: make.staff(school, last_name=last, first_name=f, middle_name=m, position=p)
        for key, (last, f, m, p) in PEOPLE.items()
    }
    posts = [
        ("coordinator", "coordinator"),
        ("curator", "curator"),
        ("coordinator", "group_head"),
        ("ict", "group_member"),
        ("curator", "group_member"),
        ("primary", "group_member"),
        ("science", "group_member"),
    ]
    appointments = [
        make.appointment(school, staff[who], post, PEOPLE[who][3]) for who, post in posts
    ]
    with make.in_school(school):
        from nastavnik.tenants.regulation import basis

        basis.save(
            **basis.defaults(),
            council_date=date(YEAR, 8, 30),
            council_protocol="1",
            union_date=date(YEAR, 8, 25),
            union_protocol="1",
            mo_date=date(YEAR, 8, 30),
            mo_protocol="1",
        )
    roadmap = make.roadmap(school, YEAR, approve_by=director, on=date(YEAR, 8, 28))
    return SimpleNamespace(
        director=director, staff=staff, appointments=appointments, roadmap=roadmap
    )
