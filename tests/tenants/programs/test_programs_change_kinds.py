"""7.2, kind by kind: what each change keeps from the proposal, how it reads it back, what it
checks against the program as it is now, what it does, and how the history tells it."""

from datetime import date, timedelta

import pytest

from nastavnik.dates import format_date
from nastavnik.dates import today as local_today
from nastavnik.refusals import Refusal
from nastavnik.tenants.programs import changes
from nastavnik.tenants.programs.changes import NewActivity, PlanCorrection
from nastavnik.tenants.programs.models import ChangeKind, Program

TODAY = local_today()
EXTEND, PLAN, FORM = (changes.KINDS[kind] for kind in ChangeKind)

# What the proposal form gives, whatever kind is chosen: each kind keeps only its own part.
VALUES = {
    "ends_on": date(2025, 6, 30),
    "forms": ["virtual", "group"],
    "add": [{"title": "Вебинар", "due_on": date(2025, 3, 1), "responsible": "Наставник"}],
    "cancel": [5],
}


def test_every_kind_on_the_form_has_its_rules():
    assert set(changes.KINDS) == set(ChangeKind)


def test_a_kind_not_on_the_list_is_refused():
    with pytest.raises(Refusal, match="Выберите, что изменить в программе."):
        changes.rules_of("rename")


def term(starts_on=date(2024, 9, 1), ends_on=date(2025, 5, 31)) -> Program:
    return Program(id=1, starts_on=starts_on, ends_on=ends_on, forms=("traditional",))


# --- Extending the term ---------------------------------------------------------------------


def test_an_extension_keeps_only_the_new_end_as_an_iso_date():
    assert EXTEND.payload(VALUES) == {"ends_on": "2025-06-30"}
    assert EXTEND.payload({"ends_on": None}) == {"ends_on": None}
    assert EXTEND.payload({"ends_on": "2025-06-30"}) == {"ends_on": "2025-06-30"}


@pytest.mark.parametrize(
    ("payload", "value"),
    [
        ({"ends_on": "2025-06-30"}, date(2025, 6, 30)),
        ({"ends_on": None}, None),
        ({"ends_on": "тридцатое"}, None),
        ({}, None),
    ],
)
def test_an_extension_reads_its_date_back(payload, value):
    assert EXTEND.parse(payload) == value


@pytest.mark.parametrize(
    ("new_end", "message"),
    [
        (None, "Укажите новую дату окончания программы."),
        (date(2025, 5, 31), "должна быть позже нынешней (31 мая 2025 г.)"),
        (date(2025, 4, 30), "должна быть позже нынешней"),
        (date(2025, 9, 1), "не больше 1 года"),
    ],
)
def test_an_extension_must_move_the_end_later_and_stay_within_a_year(new_end, message):
    with pytest.raises(Refusal, match=message.replace("(", r"\(").replace(")", r"\)")):
        EXTEND.check(term(), new_end)


def test_an_extension_to_exactly_one_year_moves_the_end_and_says_so():
    program = term()
    EXTEND.check(program, date(2025, 8, 31))
    EXTEND.apply(program, date(2025, 8, 31))
    assert program.ends_on == date(2025, 8, 31)
    assert EXTEND.describe(date(2025, 8, 31), {}) == ["Новая дата окончания: 31 августа 2025 г."]


# --- Correcting the plan --------------------------------------------------------------------


def test_a_plan_correction_keeps_the_rows_to_add_and_the_ids_to_cancel():
    assert PLAN.payload(VALUES) == {
        "add": [{"title": "Вебинар", "due_on": "2025-03-01", "responsible": "Наставник"}],
        "cancel": [5],
    }
    assert PLAN.payload({}) == {"add": [], "cancel": []}


def test_a_plan_correction_reads_its_rows_back_with_dates():
    assert PLAN.parse(PLAN.payload(VALUES)) == PlanCorrection(
        (NewActivity("Вебинар", date(2025, 3, 1), "Наставник"),), (5,)
    )
    assert PLAN.parse({}) == PlanCorrection((), ())


def test_a_plan_correction_is_checked_against_the_plan_as_it_is_now(make, people, running):
    program, activity = running
    done = make.activity(people.school, program, title="Уже сделано", status="done")
    inside = program.starts_on + timedelta(days=40)
    with make.in_school(people.school) as session:
        program = session.get(Program, program.id)
        for correction, message in (
            (PlanCorrection((), ()), "Добавьте мероприятие в план или отметьте, какое отменить."),
            (
                PlanCorrection((NewActivity("Вебинар", inside, " "),), ()),
                "Укажите ответственного за мероприятие «Вебинар».",
            ),
            (
                PlanCorrection((NewActivity("Вебинар", program.ends_on + timedelta(1), "Я"),), ()),
                "в пределах срока программы",
            ),
            (PlanCorrection((), (done.id,)), "Отменить можно только невыполненное"),
            (PlanCorrection((), (activity.id + 1000,)), "Отменить можно только невыполненное"),
        ):
            with pytest.raises(Refusal, match=message):
                PLAN.check(program, correction)
        PLAN.check(program, PlanCorrection((), (activity.id,)))


def test_a_plan_correction_adds_and_cancels_and_the_history_names_both(
    make, people, running, query
):
    program, activity = running
    due = program.starts_on + timedelta(days=40)
    correction = PlanCorrection((NewActivity(" Вебинар ", due, "Наставник"),), (activity.id,))
    with make.in_school(people.school) as session:
        PLAN.apply(session.get(Program, program.id), correction)
    assert query("SELECT title, status, responsible FROM activity ORDER BY id") == [
        ("Посещение уроков наставника", "cancelled", "Наставник"),
        ("Вебинар", "planned", "Наставник"),
    ]
    lines = PLAN.describe(correction, {activity.id: "Посещение уроков наставника"})
    assert lines == [
        f"Добавить:  Вебинар  — до {format_date(due)}, отв. Наставник",
        "Отменить: Посещение уроков наставника",
    ]
    assert PLAN.describe(PlanCorrection((), (404,)), {}) == ["Отменить: —"]


# --- Changing the form of mentoring ---------------------------------------------------------


def test_a_change_of_form_keeps_only_the_forms():
    assert FORM.payload(VALUES) == {"forms": ["virtual", "group"]}
    assert FORM.payload({}) == {"forms": []}
    assert FORM.parse({"forms": ["virtual", "group"]}) == ("virtual", "group")
    assert FORM.parse({}) == ()


def test_a_change_of_form_names_forms_from_the_schools_list(make, people):
    with make.in_school(people.school):
        with pytest.raises(Refusal, match="Выберите хотя бы одну форму наставничества."):
            FORM.check(term(), ())
        with pytest.raises(Refusal, match="Такой формы наставничества нет в перечне школы."):
            FORM.check(term(), ("virtual", "telepathy"))
        FORM.check(term(), ("virtual", "group"))


def test_a_change_of_form_replaces_the_forms_once_each_and_says_which(make, people):
    program = term()
    FORM.apply(program, ("virtual", "group", "virtual"))
    assert program.forms == ("virtual", "group")
    with make.in_school(people.school):
        assert FORM.describe(("virtual", "group"), {}) == [
            "Формы: Виртуальное (дистанционное) наставничество; Групповое наставничество"
        ]


def test_a_schools_own_form_is_named_in_the_history(make, people):
    own = make.custom_form(people.school, "Наставничество в проектной деятельности")
    with make.in_school(people.school):
        FORM.check(term(), (own.code,))
        assert FORM.describe((own.code,), {}) == ["Формы: Наставничество в проектной деятельности"]


def test_the_history_describes_a_stored_change_by_its_kind(make, people, running):
    program, _ = running
    change = make.change(people.school, program, payload={"ends_on": "2025-06-30"})
    assert changes.describe(change, {}) == ["Новая дата окончания: 30 июня 2025 г."]
