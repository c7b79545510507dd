"""Alembic environment for Наставник: the schema of the app's one database."""

import logging
import re
from logging.config import fileConfig

from alembic import context
from flask import current_app
from sqlalchemy.types import TypeDecorator

from nastavnik.rls import as_owner
from nastavnik.tenancy import unscoped

config = context.config
fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

target_db = current_app.extensions["migrate"].db
engine = target_db.engine
config.set_main_option(
    "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
)

SEARCH_TABLES = re.compile(r"\w+_fts(_(data|idx|content|docsize|config))?")


def run_migrations_offline():
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_db.metadata,
        literal_binds=True,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    def process_revision_directives(context, revision, directives):
        # An autogenerate that finds nothing writes no empty revision.
        if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []
            logger.info("Изменений схемы нет.")

    def render_item(type_, obj, autogen_context):
        # The project's own column types are stored as their plain SQL type.
        if type_ == "type" and isinstance(obj, TypeDecorator):
            return f"sa.{type(obj.impl).__name__}()"
        return False

    def include_name(name, type_, parent_names):
        # SQLite's FTS5 search tables (and their shadow tables) are kept by the services that
        # search, not declared as models: autogenerate leaves them alone.
        return not (type_ == "table" and SEARCH_TABLES.fullmatch(name or ""))

    conf_args = dict(current_app.extensions["migrate"].configure_args)
    conf_args.setdefault("include_name", include_name)
    conf_args.setdefault("render_item", render_item)
    conf_args.setdefault("process_revision_directives", process_revision_directives)
    conf_args.setdefault("compare_type", True)
    # The schema changes below every school at once: the one place raw SQL on tenant tables is
    # the rule (tenancy.py).
    with unscoped("миграции схемы базы"), engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_db.metadata, **conf_args)
        with context.begin_transaction(), as_owner(connection):
            # With DB_ROLE the app's connections switch to its role: migrations run as the
            # owner that logged in (README, «PostgreSQL: защита строк»).
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
