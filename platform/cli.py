"""Command-line operations on schools and accounts: `flask --app nastavnik.app …`."""

from pathlib import Path

import click
from flask import Flask
from sqlalchemy import select

from .accounts.services import create_account, one_time_password
from .backup import BackupError, make_backup, restore_backup
from .extensions import db
from .models import Account, School
from .permissions import Role
from .refusals import Refusal
from .schools import create_school, ensure_district  # noqa: F401  (importable here, as before)
from .tenancy import Scope, scoped

# The option that gave each field of the school, for the refusal's message.
OPTIONS = {
    "slug": "--slug:",
    "name_ru": "--name:",
    "name_ce": "--name-ce:",
    "short_name": "--short:",
    "settlement": "--settlement:",
}


def register(app: Flask) -> None:
    @app.cli.command("backup")
    @click.option(
        "--to",
        "folder",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Папка для копий; по умолчанию instance/backups",
    )
    def backup_command(folder):
        """Сделать резервную копию базы данных и загруженных файлов, не останавливая платформу."""
        try:
            made = make_backup(folder or Path(app.instance_path) / "backups")
        except BackupError as error:
            raise click.ClickException(str(error)) from error
        size = f"{made.size / 1024 / 1024:.1f}".replace(".", ",")
        click.echo(f"Резервная копия: {made.path} (файлов: {made.files}, {size} МБ)")

    @app.cli.command("restore")
    @click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    def restore_command(archive):
        """Восстановить резервную копию на пустую платформу (новая база и папка instance)."""
        try:
            manifest = restore_backup(archive)
        except BackupError as error:
            raise click.ClickException(str(error)) from error
        click.echo(
            f"Восстановлено из копии от {manifest['created_at']} "
            f"(версия схемы {manifest['revision']}). Затем выполните: flask db upgrade"
        )

    @app.cli.command("create-school")
    @click.option("--slug", required=True, help="Адрес школы: /s/<slug>/")
    @click.option("--name", "name_ru", required=True, help="Полное название на русском")
    @click.option("--name-ce", required=True, help="Полное название на чеченском")
    @click.option("--short", "short_name", required=True, help="Краткое название")
    @click.option("--settlement", required=True, help="Населённый пункт, например «с. Майртуп»")
    def create_school_command(slug, name_ru, name_ce, short_name, settlement):
        """Зарегистрировать школу."""
        try:
            create_school(
                slug=slug,
                name_ru=name_ru,
                name_ce=name_ce,
                short_name=short_name,
                settlement=settlement,
            )
        except Refusal as refusal:
            db.session.rollback()
            option = OPTIONS.get(refusal.field or "", "")
            raise click.ClickException(f"{option} {refusal}".strip()) from None
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
