"""Приложение 2: the approved roadmap of the year, as the seed's table (tenants/roadmap)."""

from nastavnik.refusals import Refusal
from nastavnik.tenants.roadmap.annex import ANNEX_COLUMNS, annex_rows, is_approved, roadmap_of_year

COLUMNS = ANNEX_COLUMNS


def check(year: int) -> None:
    """The order puts the roadmap into force (1.2): only an approved one (3.3)."""
    roadmap = roadmap_of_year(year)
    if roadmap is None:
        raise Refusal(
            f"Дорожной карты на {year}/{year + 1} учебный год ещё нет: создайте её "
            "и утвердите у директора, чтобы приложить к приказу."
        )
    if not is_approved(roadmap):
        raise Refusal(
            f"Дорожная карта на {year}/{year + 1} учебный год не утверждена директором: "
            "утвердите её, чтобы приложить к приказу."
        )


def rows(year: int) -> list[list[str]]:
    check(year)
    return [list(row) for row in annex_rows(roadmap_of_year(year))]
