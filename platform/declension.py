"""Russian personal names in the grammatical case a document needs («назначить Кадиеву М.С.»).

The inflection is Petrovich's (a maintained rule set for Russian surnames, first names and
patronymics). A name is declined with confidence only when its gender is known from the
patronymic and its surname follows a pattern the rules decline reliably; otherwise the caller
shows the nominative and asks a person for the right form — a document never guesses silently.
"""

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from petrovich.enums import Case as _PetrovichCase
from petrovich.enums import Gender as _Gender
from petrovich.main import Petrovich


class Case(StrEnum):
    NOMINATIVE = "nomn"
    GENITIVE = "gent"  # (кого) приказ в отношении Кадиевой М.С.
    DATIVE = "datv"  # (кому) куратору Батаевой А.Х.
    ACCUSATIVE = "accs"  # (кого) назначить Кадиеву М.С.
    INSTRUMENTAL = "ablt"  # (кем) назначить координатором
    PREPOSITIONAL = "loct"  # (о ком)


_TO_PETROVICH = {
    Case.GENITIVE: _PetrovichCase.GENITIVE,
    Case.DATIVE: _PetrovichCase.DATIVE,
    Case.ACCUSATIVE: _PetrovichCase.ACCUSATIVE,
    Case.INSTRUMENTAL: _PetrovichCase.INSTRUMENTAL,
    Case.PREPOSITIONAL: _PetrovichCase.PREPOSITIONAL,
}

# Surnames the rules decline reliably: -ов/-ев/-ин and -ский/-цкий, and their feminine forms.
_MALE_SURNAME = re.compile(r"(?:[оеё]в|[иы]н|[сц]кий)$")
_FEMALE_SURNAME = re.compile(r"(?:[оеё]ва|[иы]на|[сц]кая)$")
_FEMALE_PATRONYMIC = re.compile(r"(?:вна|чна|кызы)$")
_MALE_PATRONYMIC = re.compile(r"(?:вич|ьич|ич|оглы|улы)$")


@dataclass(frozen=True)
class Declined:
    full: str  # «Кадиеву Марьям Султановну»
    short: str  # «Кадиеву М.С.»
    confident: bool  # False: `full` and `short` are the nominative; ask a person


@cache
def _petrovich() -> Petrovich:
    return Petrovich()


def _parts(full_name: str) -> list[str]:
    return " ".join((full_name or "").split()).split(" ") if (full_name or "").strip() else []


def short_name(full_name: str) -> str:
    """«Умарова Зарема Исаевна» → «Умарова З.И.», as orders sign and list people."""
    last, *rest = _parts(full_name) or [""]
    return f"{last} {''.join(f'{p[0]}.' for p in rest if p)}".strip()


def is_patronymic(word: str) -> bool:
    """«Асланович», «Исаевна», «оглы»: a word that reads as a patronymic."""
    word = (word or "").strip().casefold()
    return bool(_FEMALE_PATRONYMIC.search(word) or _MALE_PATRONYMIC.search(word))


def gender_of(full_name: str) -> str | None:
    """«female», «male», or None when the patronymic does not tell."""
    parts = _parts(full_name)
    if len(parts) < 3:
        return None
    patronymic = parts[-1].casefold()
    if _FEMALE_PATRONYMIC.search(patronymic):
        return "female"
    if _MALE_PATRONYMIC.search(patronymic):
        return "male"
    return None


def _confident(parts: list[str], gender: str | None) -> bool:
    if gender is None or len(parts) != 3:
        return False
    surname = parts[0].casefold()
    pattern = _FEMALE_SURNAME if gender == "female" else _MALE_SURNAME
    return bool(pattern.search(surname))


def decline(full_name: str, case: Case) -> Declined:
    """The full name and its short form («Фамилия И.О.») in `case`."""
    parts = _parts(full_name)
    gender = gender_of(full_name)
    nominative = Declined(" ".join(parts), short_name(full_name), case == Case.NOMINATIVE)
    if case == Case.NOMINATIVE:
        return nominative
    if not _confident(parts, gender):
        return Declined(nominative.full, nominative.short, False)
    engine = _petrovich()
    to = _TO_PETROVICH[case]
    sex = _Gender.FEMALE if gender == "female" else _Gender.MALE
    last, first, middle = parts
    surname = _inflect_hyphenated(engine.lastname, last, to, sex)
    declined = [surname, engine.firstname(first, to, sex), engine.middlename(middle, to, sex)]
    return Declined(" ".join(declined), f"{surname} {first[0]}.{middle[0]}.", True)


def _inflect_hyphenated(inflect, value: str, case, gender) -> str:
    # «Петрова-Водкина»: each part of a double surname is declined on its own.
    return "-".join(inflect(piece, case, gender) for piece in value.split("-"))


def plural(n: int, one: str, few: str, many: str) -> str:
    """The noun agreeing with the number: 1 минута, 3 минуты, 11 минут (the noun alone)."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many
