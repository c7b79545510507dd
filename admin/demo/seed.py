"""`flask --app nastavnik.app seed-demo`: the demo district, idempotent."""

import click
from sqlalchemy import func, select

from nastavnik.accounts.services import create_account
from nastavnik.extensions import db
from nastavnik.models import Account, School
from nastavnik.schools import create_school, ensure_district, set_postal_address
from nastavnik.tenancy import Scope, scoped
from nastavnik.tenants.staff.models import Staff

from . import data
from .appointments import seed_working_group
from .mentoring import keep_on_time, seed_mentoring
from .practices import seed_practices
from .public import seed_public
from .publishing import seed_publishing
from .roadmap import seed_roadmap
from .variety import seed_variety
from .waiting import seed_waiting


def names_of(position: int, director: str) -> dict[str, tuple[str, str, str]]:
    """Each staff key's (last, first, middle) name in the school at `position`."""
    pool = data.NAMES[position * 3 :] + data.NAMES[: position * 3]
    names = {"director": tuple(director.split())}
    others = iter(pool)
    for key, *_ in data.STAFF:
        if key != "director":
            names[key] = next(others)
    return names


def seed_school(position: int, row, methodist: Account | None = None) -> tuple[School, bool]:
    slug, short, settlement, kind, name_ce_short, director = row
    school = db.session.execute(select(School).where(School.slug == slug)).scalar_one_or_none()
    created = school is None
    if created:
        village = short.split("«")[1].split("»")[0]
        school = create_school(
            slug=slug,
            name_ru=f"Муниципальное бюджетное общеобразовательное учреждение «{village}»",
            name_ce=f"Муниципальни бюджетан йукъардешаран хъукмат {name_ce_short}",
            short_name=short,
            settlement=settlement,
            kind=kind,
            director_name=director,
            postal_address=data.POSTAL_ADDRESSES[slug],
        )
    elif not school.postal_address:  # a demo seeded before schools had an address
        set_postal_address(school, data.POSTAL_ADDRESSES[slug])
        created = True
    names = names_of(position, director)
    profile = data.PROFILES[slug]
    with scoped(Scope.school(school.id)):
        accounts = {a.login: a for a in db.session.execute(select(Account)).scalars()}
        for key, login, roles, *_ in data.STAFF:
            if login and login not in accounts:
                accounts[login] = create_account(
                    school.id, login, " ".join(names[key]), roles, data.DEMO_PASSWORD, False
                )
        has_staff = db.session.execute(select(func.count(Staff.id))).scalar_one() > 0
        if not has_staff:
            seed_mentoring(position, names, accounts, profile)
            seed_variety(position, slug, profile, accounts)
            seed_waiting(accounts)
            if profile.get("on_time"):
                keep_on_time(accounts)
            created = True
        if seed_roadmap(position, accounts, profile):
            created = True
        if seed_working_group(position, accounts):
            created = True
        if methodist is not None and seed_practices(position, accounts, methodist):
            created = True
        created = seed_public(school) or created
    return school, created


def seed_demo() -> list[str]:
    """Creates what is missing of the demo district; a second run changes nothing."""
    done = []
    ensure_district()
    with scoped(Scope.district()):
        have = set(db.session.execute(select(Account.login)).scalars())
        for login, name, roles in data.DISTRICT_ACCOUNTS:
            if login not in have:
                create_account(None, login, name, roles, data.DEMO_PASSWORD, False)
                done.append(f"учётная запись района «{login}»")
        methodist = db.session.execute(
            select(Account).where(Account.login == "methodist")
        ).scalar_one_or_none()
    for position, row in enumerate(data.SCHOOLS):
        school, changed = seed_school(position, row, methodist)
        if changed:
            done.append(school.short_name)
    done += seed_publishing()
    db.session.commit()
    return done


def register(app) -> None:
    @app.cli.command("seed-demo")
    def seed_demo_command():
        """Загрузить демонстрационный район (повторный запуск ничего не меняет)."""
        done = seed_demo()
        if done:
            click.echo("Добавлено: " + "; ".join(done))
        else:
            click.echo("Демонстрационный район уже загружен, ничего не изменено.")
        click.echo(f"Пароль всех демонстрационных учётных записей: {data.DEMO_PASSWORD}")
