"""A school with the seed's names, a director and a curator, and pairs ready for an order."""

from types import SimpleNamespace

import pytest

from nastavnik.dates import today as local_today

TODAY = local_today()


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
    # The demo's fictional curator of this school: the drafts name her in the dative.
    names = {"director": "Умарова Зарема Исаевна", "curator": "Батаева Айна Хасановна"}

    def run(name):
        make.account(school, name, roles=roles[name], full_name=names.get(name, "Член Группы"))
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


def end_program(make, school, program, reason, comment="", on=TODAY):
    """Ends a program through the programs' service, as its curator would (7.1)."""
    from nastavnik.extensions import db
    from nastavnik.models import Account
    from nastavnik.tenancy import get_or_404
    from nastavnik.tenants.programs.access import part_in
    from nastavnik.tenants.programs.ending import end_program as end
    from nastavnik.tenants.programs.models import Program

    closer = make.account(school, roles=("curator",))
    with make.in_school(school):
        program = get_or_404(Program, program.id)
        account = db.session.get(Account, closer.id)
        end(program, reason, comment, part_in(program, account), on)


@pytest.fixture
def ended(make, school):
    """Two programs ended on different grounds of 7.1 (a pair and a group), one still running."""

    def pairing(mentor_name, mentee_names):
        mentor = make.consenting_staff(school, mentor=True, last_name=mentor_name)
        make.mentor_entry(school, mentor, capacity=3)
        mentees = []
        for name in mentee_names:
            staff = make.consenting_staff(
                school, last_name=name, first_name="Ислам", middle_name="Русланович"
            )
            make.mentee_entry(school, staff)
            mentees.append(staff)
        return make.pairing(school, mentor, mentees, status="active")

    completed = make.program(
        school, pairing("Батаева", ["Дудаев"]), title="Адаптация молодого учителя математики"
    )
    mutual = make.program(
        school,
        pairing("Косумова", ["Хаджиев", "Эльдаров"]),
        title="Цифровая образовательная среда",
    )
    running = make.program(school, pairing("Висаитова", ["Межидов"]), title="Классное руководство")
    end_program(make, school, completed, "completed")
    end_program(make, school, mutual, "mutual", "Наставник переведён в другую школу")
    return SimpleNamespace(completed=completed, mutual=mutual, running=running)
