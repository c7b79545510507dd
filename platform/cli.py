"""Command-line operations on schools and accounts: `flask --app nastavnik.app …`."""

import click
from flask import Flask
from sqlalchemy import select

from .accounts.services import create_account, one_time_password
from .extensions import db
from .models import Account, District, School
from .permissions import Role
from .tenancy import Scope, scoped

DISTRICT_NAME = "МУ «Управление образования Курчалоевского муниципального района»"


def ensure_district() -> District:
    district = db.session.execute(select(District)).scalars().first()
    if district is None:
        district = District(name=DISTRICT_NAME, short_name="Управление образования")
        db.session.add(district)
        db.session.flush()
    return district


def create_school(**fields) -> School:
    school = School(district=ensure_district(), **fields)
    db.session.add(school)
    db.session.flush()
    return school


def register(app: Flask) -> None:
    @app.cli.command("create-school")
    @click.option("--slug", required=True, help="Адрес школы: /s/<slug>/")
    @click.option("--name", "name_ru", required=True, help="Полное название на русском")
    @click.option("--name-ce", required=True, help="Полное название на чеченском")
    @click.option("--short", "short_name", required=True, help="Краткое название")
    @click.option("--settlement", required=True, help="Населённый пункт, например «с. Майртуп»")
    def create_school_command(slug, name_ru, name_ce, short_name, settlement):
        """Зарегистрировать школу."""
        if db.session.execute(select(School).where(School.slug == slug)).scalar_one_or_none():
            raise click.ClickException(f"Школа с адресом «{slug}» уже есть.")
        create_school(
            slug=slug,
            name_ru=name_ru,
            name_ce=name_ce,
            short_name=short_name,
            settlement=settlement,
        )
        db.session.commit()
        click.echo(f"Школа зарегистрирована: /s/{slug}/login")

    @app.cli.command("create-account")
    @click.option(
        "--school", "slug", default=None, help="Адрес школы; без него — учётная запись района"
    )
    @click.option("--login", required=True)
    @click.option("--name", "full_name", required=True, help="ФИО")
    @click.option(
        "--role", "roles", multiple=True, required=True, type=click.Choice([r.value for r in Role])
    )
    def create_account_command(slug, login, full_name, roles):
        """Создать учётную запись с одноразовым паролем."""
        school = None
        if slug:
            school = db.session.execute(
                select(School).where(School.slug == slug)
            ).scalar_one_or_none()
            if school is None:
                raise click.ClickException(f"Школы с адресом «{slug}» нет.")
        password = one_time_password()
        scope = Scope.district() if school is None else Scope.school(school.id)
        with scoped(scope):
            exists = db.session.execute(
                select(Account).where(Account.login == login)
            ).scalar_one_or_none()
        if exists:
            raise click.ClickException(f"Логин «{login}» уже занят.")
        with scoped(scope):
            create_account(school.id if school else None, login, full_name, roles, password)
        db.session.commit()
        click.echo(f"Учётная запись «{login}» создана. Одноразовый пароль: {password}")
        click.echo("При первом входе пароль нужно будет сменить.")
