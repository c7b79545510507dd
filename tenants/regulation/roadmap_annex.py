"""Приложение 2: the approved roadmap of the year, as the seed's table (tenants/roadmap)."""

from nastavnik.refusals import Refusal

COLUMNS = (
    "№",
    "Наименование этапа",
    "Содержание деятельности и план мероприятий",
    "Сроки",
    "Ответственный",
)


def check(year: int) -> None:
    raise Refusal(
        f"Дорожная карта на {year}/{year + 1} учебный год не утверждена директором: "
        "утвердите её, чтобы приложить к приказу."
    )


def rows(year: int) -> list[list[str]]:
    check(year)
    return []
