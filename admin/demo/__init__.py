"""`flask --app nastavnik.app seed-demo`: the demo district, idempotent."""

import click
from sqlalchemy import select

from nastavnik.accounts.services import create_account
from nastavnik.cli import create_school, ensure_district
from nastavnik.extensions import db
from nastavnik.models import Account, School
from nastavnik.tenancy import Scope, scoped

from . import data


def person(index: int, school_index: int) -> str:
    names = data.FEMALE + data.MALE
    last, first, middle = names[(index * 5 + school_index * 3) % len(names)]
    return f"{last} {first} {middle}"


def seed_school(position: int, row) -> tuple[School, bool]:
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
        )
    with scoped(Scope.school(school.id)):
        have = set(db.session.execute(select(Account.login)).scalars())
        for index, (login, roles) in enumerate(data.SCHOOL_ACCOUNTS):
            if login in have:
                continue
            name = director if login == "director" else person(index, position)
            create_account(school.id, login, name, roles, data.DEMO_PASSWORD, False)
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
    for position, row in enumerate(data.SCHOOLS):
        school, created = seed_school(position, row)
        if created:
            done.append(school.short_name)
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
