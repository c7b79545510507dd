"""Extension points: an earlier part of the platform asks, a later one answers.

Imports go one way only: the district area → a school's area → the core, and among a school's
features in the order of the year (the import-linter contracts in pyproject.toml). Where an
earlier feature has to show or check what a later one keeps — the bank entries on a teacher's
card, the pair that holds a mentee of the bank — it declares a Hook, and the later feature answers
it from its blueprint when the app registers that (`answer_from`). The answers are kept on the app
in the order of registration; an app without the later feature gets none.

A Hook is a question with answers. Something that happened, told to whoever listens, is a blinker
signal instead (a consent withdrawn: nastavnik.tenants.consents.signals).
"""

from flask import Blueprint, Flask, current_app


class Hook:
    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return f"Hook({self.name!r})"

    def answer(self, app: Flask, answer) -> None:
        answers = app.extensions.setdefault("hooks", {}).setdefault(self.name, [])
        if answer not in answers:
            answers.append(answer)

    def answer_from(self, bp: Blueprint, answer) -> None:
        """`answer` is given to each app that registers the blueprint."""
        bp.record_once(lambda state: self.answer(state.app, answer))

    def answers(self) -> list:
        """The answers given to the current app."""
        return current_app.extensions.get("hooks", {}).get(self.name, [])
