"""What later features show about a person: a column of the register and a section of the card.

The register of staff is the first feature of the year and imports no other. Consents, the banks
and whatever comes later answer `PARTS` from their blueprints (nastavnik.hooks); the register's
pages show the parts in the order the app registered them, which is the order of the year.
"""

from collections.abc import Callable
from dataclasses import dataclass

from nastavnik.hooks import Hook

from .models import Staff


@dataclass(frozen=True)
class Part:
    # A template of macros: heading() and cell(v) for the register's column, section(staff, v)
    # for the card, and optionally actions(staff): the part's buttons at the top of the card.
    template: str
    of_people: Callable[[list[int]], dict[int, dict]]  # by staff id, the `v` of each cell
    of_person: Callable[[Staff], dict]  # the `v` of the card's section


PARTS = Hook("staff.parts")

# The roles a teacher's new account starts with, by what later features know of them (the banks:
# a mentor, a mentee): each answer maps staff ids to a set of `Role`s.
ROLES = Hook("staff.roles")


def columns(staff_ids) -> list[tuple[Part, dict[int, dict]]]:
    ids = list(staff_ids)
    return [(part, part.of_people(ids)) for part in PARTS.answers()]


def sections(staff: Staff) -> list[tuple[Part, dict]]:
    return [(part, part.of_person(staff)) for part in PARTS.answers()]
