"""The template is the seed's Appendix 2; a timing as the seed writes it gives a due date."""

from datetime import date

import pytest

from nastavnik.tenants.roadmap.annex import ANNEX_COLUMNS, annex_rows
from nastavnik.tenants.roadmap.models import Stage
from nastavnik.tenants.roadmap.template import TEMPLATE
from nastavnik.tenants.roadmap.timing import academic_year, due_date, span, year_label


@pytest.mark.parametrize(
    ("timing", "due"),
    [
        ("Сентябрь", date(2026, 9, 30)),
        ("Декабрь", date(2026, 12, 31)),
        ("Май", date(2027, 5, 31)),
        ("Февраль", date(2027, 2, 28)),
        ("Август", date(2026, 9, 1)),  # the preparation before the year: its first day
        ("В течение года", date(2027, 8, 31)),
        ("в течение года", date(2027, 8, 31)),
        ("Сентябрь – октябрь", date(2026, 10, 31)),
        ("до 15.10.2026", date(2026, 10, 15)),
        ("как получится", None),
        ("", None),
    ],
)
def test_a_timing_as_the_seed_writes_it_gives_the_due_date(timing, due):
    assert due_date(timing, 2026) == due


def test_the_academic_year_runs_from_september_to_august():
    assert academic_year(date(2026, 11, 30)) == 2026
    assert academic_year(date(2027, 8, 31)) == 2026
    assert academic_year(date(2027, 9, 1)) == 2027
    assert span(2026) == (date(2026, 9, 1), date(2027, 8, 31))
    assert year_label(2026) == "2026/2027"


def test_the_template_has_the_seven_stages_of_the_seed_with_its_timing_and_responsible():
    assert [t.stage for t in TEMPLATE] == list(Stage)
    assert Stage.CONDITIONS.label == "Подготовка условий для реализации системы наставничества"
    assert Stage.COMPLETION.number == 6
    first = TEMPLATE[0]
    assert len(first.activities) == 4
    assert {a.timing for a in first.activities} == {"Август"}
    assert all("Директор" in a.responsible for a in first.activities)
    assert [a.timing for a in TEMPLATE[3].activities] == [
        "Сентябрь",
        "В течение года",
        "В течение года",
    ]
    assert TEMPLATE[4].activities[2].responsible == "Педагог-психолог"
    checks = {a.check for t in TEMPLATE for a in t.activities} - {None}
    assert checks == {
        "mentee_bank",
        "mentor_bank",
        "pairs_ordered",
        "programs",
        "completion",
        "roadmap_approved",
    }


def test_the_annex_is_the_seeds_table_one_row_per_stage(make, app):
    school = make.school("annex")
    roadmap = make.roadmap(school, 2026)
    make.roadmap_activity(school, roadmap, stage="4", content="Методический день.")
    with make.in_school(school):
        from nastavnik.tenants.roadmap.annex import roadmap_of_year

        rows = annex_rows(roadmap_of_year(2026))
    assert ANNEX_COLUMNS[0] == "№" and len(ANNEX_COLUMNS) == 5
    assert len(rows) == 7 and all(len(r) == 5 for r in rows)
    number, name, content, timing, responsible = rows[0]
    assert (number, name) == ("1.", Stage.CONDITIONS.label)
    assert content.startswith(
        "Подготовка и принятие локальных нормативных правовых актов образовательной организации:"
    )
    assert "\n– приказ «Об утверждении положения о системе наставничества" in content
    assert timing == "Август"
    assert responsible == "Директор, заместитель директора по УВР"
    assert rows[1][2] == (
        "Сбор информации о профессиональных запросах педагогов. Формирование банка данных "
        "наставляемых, обеспечение согласий на сбор и обработку персональных данных."
    )
    assert rows[3][3] == "Сентябрь\nВ течение года\nОктябрь"
    assert rows[3][2].endswith("Методический день.")
    assert rows[4][4] == "Все участники программы\nПедагог-психолог"
