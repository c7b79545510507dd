"""Names in the case a document needs, on the demo's people, and the refusal to guess."""

import pytest

from nastavnik.declension import Case, decline, gender_of, short_name


@pytest.mark.parametrize(
    ("name", "case", "full", "short"),
    [
        # Women: the coordinator is appointed (accusative), the curator is charged (dative).
        ("Кадиева Марьям Султановна", Case.ACCUSATIVE, "Кадиеву Марьям Султановну", "Кадиеву М.С."),
        ("Батаева Асет Хасановна", Case.DATIVE, "Батаевой Асет Хасановне", "Батаевой А.Х."),
        ("Мусаева Хава Алиевна", Case.GENITIVE, "Мусаевой Хавы Алиевны", "Мусаевой Х.А."),
        (
            "Исраилова Луиза Хамзатовна",
            Case.DATIVE,
            "Исраиловой Луизе Хамзатовне",
            "Исраиловой Л.Х.",
        ),
        # Men.
        ("Дадаев Ислам Русланович", Case.ACCUSATIVE, "Дадаева Ислама Руслановича", "Дадаева И.Р."),
        (
            "Абдулаев Магомед Саидович",
            Case.DATIVE,
            "Абдулаеву Магомеду Саидовичу",
            "Абдулаеву М.С.",
        ),
        (
            "Шамсудинов Рамзан Вахаевич",
            Case.INSTRUMENTAL,
            "Шамсудиновым Рамзаном Вахаевичем",
            "Шамсудиновым Р.В.",
        ),
    ],
)
def test_names_of_the_demo_are_declined(name, case, full, short):
    declined = decline(name, case)

    assert (declined.full, declined.short, declined.confident) == (full, short, True)


@pytest.mark.parametrize(
    "name",
    [
        "Ким Елена Викторовна",  # a surname the rules cannot be sure of
        "Садулла Ахмед",  # no patronymic: the gender is not known
        "Батаева",  # a surname alone
        "",
    ],
)
def test_a_name_that_cannot_be_declined_with_confidence_stays_in_the_nominative(name):
    declined = decline(name, Case.DATIVE)

    assert declined.confident is False
    assert declined.full == " ".join(name.split())
    assert declined.short == short_name(name)


def test_the_nominative_is_the_name_itself():
    declined = decline("  Кадиева   Марьям Султановна ", Case.NOMINATIVE)

    assert (declined.full, declined.short, declined.confident) == (
        "Кадиева Марьям Султановна",
        "Кадиева М.С.",
        True,
    )


def test_gender_comes_from_the_patronymic():
    assert gender_of("Батаева Асет Хасановна") == "female"
    assert gender_of("Дадаев Ислам Русланович") == "male"
    assert gender_of("Дадаев Ислам") is None


def test_double_surnames_decline_each_part():
    assert decline("Петрова-Водкина Анна Ивановна", Case.DATIVE).short == "Петровой-Водкиной А.И."
