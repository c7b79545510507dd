"""The district administrator's actions: schools (through nastavnik.schools, which the command
line uses too) and the district's own accounts (through nastavnik.accounts, as in a school)."""

from sqlalchemy import select

from nastavnik import schools as school_rules
from nastavnik.accounts import services as accounts
from nastavnik.extensions import db
from nastavnik.models import Account, School
from nastavnik.tenancy import get_or_404

from .slip import Slip, render_slip


def all_schools_listed() -> list[School]:
    """Every school of the district, the deactivated ones too (School is not a tenant table)."""
    return list(db.session.execute(select(School).order_by(School.short_name)).scalars())


def school(school_id: int) -> School:
    return get_or_404(School, school_id)


def register_school(fields: dict) -> school_rules.Registered:
    fields = dict(fields)
    login, name = fields.pop("director_login"), fields.pop("director_name")
    return school_rules.register_school(login, name, **fields)


def set_postal_address(school: School, value: str) -> None:
    school_rules.set_postal_address(school, value)


def reissue_director_password(school: School) -> school_rules.Registered:
    return school_rules.reissue_director_password(school)


def director_slip(registered: school_rules.Registered, login_url: str, issued_by: str) -> bytes:
    """The printed slip for the new school's director, made once, from what is known only now."""
    return render_slip(
        Slip(
            school_name=registered.school.name_ru,
            short_name=registered.school.short_name,
            person=registered.director.full_name,
            login_url=login_url,
            login=registered.director.login,
            password=registered.password,
            issued_by=issued_by,
        )
    )


def deactivate_school(school: School) -> None:
    school_rules.set_school_active(school, False)


def reactivate_school(school: School) -> None:
    school_rules.set_school_active(school, True)


def district_accounts() -> list[Account]:
    """The district's own accounts: the district's scope sees no school's."""
    return list(
        db.session.execute(
            select(Account).order_by(Account.active.desc(), Account.full_name)
        ).scalars()
    )


def district_account(account_id: int) -> Account:
    return get_or_404(Account, account_id)


def create_district_account(login: str, full_name: str, roles) -> tuple[Account, str]:
    password = accounts.one_time_password()
    return accounts.create_account(None, login, full_name, roles, password), password
