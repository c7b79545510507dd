"""Accounts: creation with a one-time password, roles, reset, deactivation."""

import secrets

from ..extensions import db
from ..models import Account
from ..permissions import DISTRICT_ROLES, SCHOOL_ROLES, Role
from ..refusals import Refusal
from ..security import hash_password

# Printed on a slip and typed by hand: lowercase only, without l, o, 0 and 1, which read alike.
_SLIP_LETTERS = "abcdefghijkmnpqrstuvwxyz23456789"


def one_time_password() -> str:
    """75 random bits as three groups of five characters: «k7m2p-x9q4r-b3n8t»."""
    groups = ("".join(secrets.choice(_SLIP_LETTERS) for _ in range(5)) for _ in range(3))
    return "-".join(groups)


def create_account(
    school_id: int | None,
    login: str,
    full_name: str,
    roles,
    password: str,
    must_change_password: bool = True,
) -> Account:
    """A new account of a school (or of the district when school_id is None)."""
    allowed = DISTRICT_ROLES if school_id is None else SCHOOL_ROLES
    roles = [Role(r) for r in roles]
    if not roles:
        raise Refusal("Выберите хотя бы одну роль.")
    if any(r not in allowed for r in roles):
        raise Refusal("Эти роли не подходят для учётной записи.")
    account = Account(
        school_id=school_id,
        login=login.strip(),
        full_name=full_name.strip(),
        password_hash=hash_password(password),
        must_change_password=must_change_password,
    )
    account.set_roles(roles)
    db.session.add(account)
    db.session.flush()
    return account


def login_taken(login: str) -> bool:
    """Within the bound school (or the district): the scope filters the query."""
    return (
        db.session.execute(db.select(Account.id).where(Account.login == login.strip())).first()
        is not None
    )


def reset_password(account: Account) -> str:
    password = one_time_password()
    account.take_password(hash_password(password), one_time=True)
    account.end_other_sessions()
    return password


def update_account(account: Account, full_name: str, roles, active: bool, by: Account) -> None:
    roles = [Role(r) for r in roles]
    if not roles:
        raise Refusal("Выберите хотя бы одну роль.")
    # Whoever keeps the accounts (a school's director or administrator, the district's
    # administrator) cannot lock themselves out.
    keepers = {Role.DISTRICT_ADMIN} if account.is_district else {Role.DIRECTOR, Role.SYSADMIN}
    if account.id == by.id and (not active or not (keepers & set(roles))):
        raise Refusal("Нельзя отключить себя или снять с себя право управлять учётными записями.")
    account.full_name = full_name.strip()
    account.set_roles(roles)
    if account.active and not active:
        account.end_other_sessions()
    account.active = active
