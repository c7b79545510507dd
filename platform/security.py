"""Passwords: hashing, checking, and what makes one acceptable."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from zxcvbn import zxcvbn

MIN_PASSWORD_LENGTH = 8


def _hasher() -> PasswordHasher:
    cfg = current_app.config
    return PasswordHasher(
        time_cost=cfg["ARGON2_TIME_COST"],
        memory_cost=cfg["ARGON2_MEMORY_COST"],
        parallelism=cfg["ARGON2_PARALLELISM"],
    )


def hash_password(password: str) -> str:
    return _hasher().hash(password)


# Verified against when the login is unknown, so both cases cost the same time.
_DUMMY_HASH: dict[str, str] = {}


def verify_password(password_hash: str | None, password: str) -> bool:
    hasher = _hasher()
    if password_hash is None:
        key = f"{hasher.time_cost}:{hasher.memory_cost}:{hasher.parallelism}"
        if key not in _DUMMY_HASH:  # hashed once: an unknown login costs one verification
            _DUMMY_HASH[key] = hasher.hash("not-a-real-password")
        password_hash = _DUMMY_HASH[key]
        password = password + "-"
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# A Russian word typed with the Latin layout on (and the other way round) is as guessable as
# the word itself: both spellings are estimated.
_RUSSIAN_LAYOUT = "ёйцукенгшщзхъфывапролджэячсмитьбю"
_LATIN_LAYOUT = "`qwertyuiop[]asdfghjkl;'zxcvbnm,."
_TO_LATIN = str.maketrans(_RUSSIAN_LAYOUT, _LATIN_LAYOUT)
# zxcvbn's score: 0–1 fall to an online guesser; 2 needs about 10⁸ guesses, far beyond what
# the login throttle lets through (throttle.py).
MIN_STRENGTH = 2
PLATFORM_WORDS = ["nastavnik", "наставник", "kurchaloy", "курчалой", "school", "школа"]


def password_problem(password: str, login: str = "", personal: tuple[str, ...] = ()) -> str | None:
    """Why a password a person chose is not acceptable, in Russian; None if it is. `personal`
    holds what a guesser would try first: the person's name, the school's name."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Пароль должен содержать не менее {MIN_PASSWORD_LENGTH} символов."
    if len(password) > 128:
        return "Пароль не должен быть длиннее 128 символов."
    lowered = password.lower()
    if login and lowered == login.lower():
        return "Пароль не должен совпадать с логином."
    hints = [word for value in (login, *personal) for word in value.lower().split() if word]
    hints += PLATFORM_WORDS
    hints += [hint.translate(_TO_LATIN) for hint in hints]
    spellings = {password, lowered.translate(_TO_LATIN)}
    if min(zxcvbn(spelling, user_inputs=hints)["score"] for spelling in spellings) < MIN_STRENGTH:
        return (
            "Этот пароль легко подобрать: он распространён или составлен из слова, имени, "
            "даты или ряда клавиш. Добавьте ещё одно-два необычных слова."
        )
    return None
