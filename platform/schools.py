"""The district's schools: registration (from the command line and from the district's
administration alike), with the school's first director account, and deactivation."""

import re
from dataclasses import dataclass

from sqlalchemy import select

from .accounts.services import create_account, one_time_password, reset_password
from .extensions import db
from .models import SCHOOL_KINDS, Account, District, RoleGrant, School
from .permissions import Role
from .refusals import Refusal
from .tenancy import Scope, scoped

DISTRICT_NAME = "МУ «Управление образования Курчалоевского муниципального района»"

# The school's address, /s/<slug>/: lowercase latin letters and digits, words joined by hyphens.
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_MAX = 40
SLUG_RULE = "Только строчные латинские буквы, цифры и дефис между ними, например mairtup-2."
# The lengths the columns hold (models.School); the forms ask for the same.
LIMITS = {"name_ru": 300, "name_ce": 300, "short_name": 120, "settlement": 120}
POSTAL_ADDRESS_MAX = 300  # models.School.postal_address
_CONTROL = re.compile("[\x00-\x1f\x7f]")


def ensure_district() -> District:
    district = db.session.execute(select(District)).scalars().first()
    if district is None:
        district = District(name=DISTRICT_NAME, short_name="Управление образования")
        db.session.add(district)
        db.session.flush()
    return district


def slug_problem(slug: str) -> str | None:
    """Why `slug` cannot be a school's address, in Russian; None if it can."""
    if not slug:
        return "Укажите адрес школы."
    if len(slug) > SLUG_MAX:
        return f"Адрес — не длиннее {SLUG_MAX} символов."
    if not SLUG_PATTERN.fullmatch(slug):
        return SLUG_RULE
    taken = db.session.execute(select(School.id).where(School.slug == slug)).first()
    if taken is not None:
        return f"Школа с адресом «{slug}» уже есть."
    return None


def create_school(**fields) -> School:
    """A school of the district, its address checked; without accounts (see register_school)."""
    slug = fields.get("slug", "")
    if problem := slug_problem(slug):
        raise Refusal(problem, "slug")
    for name, limit in LIMITS.items():
        value = fields.get(name, "")
        if not value.strip():
            raise Refusal("Заполните это поле.", name)
        if len(value) > limit or _CONTROL.search(value):
            raise Refusal(f"Не длиннее {limit} символов, без управляющих символов.", name)
        fields[name] = value.strip()
    if fields.get("kind", "secondary") not in SCHOOL_KINDS:
        raise Refusal("Выберите вид школы из списка.", "kind")
    fields["postal_address"] = _checked_postal_address(fields.get("postal_address") or "")
    school = School(district=ensure_district(), **fields)
    db.session.add(school)
    db.session.flush()
    return school


def _checked_postal_address(value: str) -> str:
    value = " ".join(value.split())  # one line on the paper, however it was typed
    if len(value) > POSTAL_ADDRESS_MAX:
        message = f"Почтовый адрес — не длиннее {POSTAL_ADDRESS_MAX} символов."
        raise Refusal(message, "postal_address")
    if _CONTROL.search(value):
        raise Refusal("В почтовом адресе недопустимые (управляющие) символы.", "postal_address")
    return value


def set_postal_address(school: School, value: str) -> None:
    """The address printed for the operator on a written consent (152-ФЗ, ст. 9 ч. 4); empty,
    the consent shows the settlement and a line to write the rest by hand."""
    school.postal_address = _checked_postal_address(value)
    db.session.flush()


@dataclass(frozen=True)
class Registered:
    """A new school, its director's account and the one-time password, known only now."""

    school: School
    director: Account
    password: str


def register_school(director_login: str, director_name: str, **fields) -> Registered:
    """The school and its first account: the director, with a one-time password that must be
    changed at the first login."""
    school = create_school(director_name=director_name.strip(), **fields)
    password = one_time_password()
    with scoped(Scope.school(school.id)):
        director = create_account(
            school.id, director_login, director_name, [Role.DIRECTOR], password
        )
    return Registered(school, director, password)


def reissue_director_password(school: School) -> Registered:
    """A lost slip: the school's first active director gets a new one-time password (the old
    one stops working, their open sessions end)."""
    if not school.active:
        raise Refusal("Школа отключена: сначала включите её.")
    with scoped(Scope.school(school.id)):
        director = db.session.execute(
            select(Account)
            .join(RoleGrant, RoleGrant.account_id == Account.id)
            .where(RoleGrant.role == Role.DIRECTOR.value, Account.active.is_(True))
            .order_by(Account.created_at, Account.id)
            .limit(1)
        ).scalar_one_or_none()
        if director is None:
            raise Refusal("В школе нет действующей учётной записи руководителя.")
        password = reset_password(director)
        db.session.flush()
    return Registered(school, director, password)


def set_school_active(school: School, active: bool) -> None:
    """Deactivated, a school's users can no longer log in and their open sessions end; its
    data stays, and the district still sees its figures. Reactivated, they log in again."""
    if school.active == active:
        raise Refusal("Школа уже отключена." if not active else "Школа уже действует.")
    school.active = active
    db.session.flush()
    if not active:
        with scoped(Scope.school(school.id)):
            for account in db.session.execute(select(Account)).scalars():
                account.end_other_sessions()
            db.session.flush()  # in the school's scope: the district changes no school's rows
