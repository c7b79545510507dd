"""The demo's names, male and female, in the accusative the order № 90-од writes («назначить …»)."""

import pytest

from nastavnik.admin.demo import data
from nastavnik.declension import Case, decline


@pytest.mark.parametrize(
    ("full_name", "short"),
    [
        ("Тагирова Хеда Руслановна", "Тагирову Х.Р."),
        ("Джамалдаева Айна Хасановна", "Джамалдаеву А.Х."),
        ("Хасанова Малика Саидовна", "Хасанову М.С."),
        ("Эльдаров Тимур Бесланович", "Эльдарова Т.Б."),
        ("Дадаев Ислам Русланович", "Дадаева И.Р."),
        ("Джабраилов Мансур Вахидович", "Джабраилова М.В."),
    ],
)
def test_demo_names_in_the_accusative(full_name, short):
    declined = decline(full_name, Case.ACCUSATIVE)
    assert declined.confident
    assert declined.short == short


def test_every_demo_name_is_declined_with_confidence_or_asked():
    names = [" ".join(n) for n in data.NAMES] + [row[-1] for row in data.SCHOOLS]
    for name in names:
        declined = decline(name, Case.ACCUSATIVE)
        # Either sure and different from the nominative (all the demo's surnames decline), or
        # shown in the nominative for a person to confirm.
        assert declined.confident, name
        assert declined.full != name, name
