"""Backups taken while the platform runs, and their restoration into an empty instance.

One archive (`nastavnik-YYYYMMDD-HHMMSS.tar.gz`) holds:

- the database, consistent as of one moment: on SQLite a copy made by SQLite's online backup
  API (readers and writers go on meanwhile); on PostgreSQL a `pg_dump` in its custom format
  (one snapshot transaction);
- the uploaded files (scans, materials), copied *after* the database: every file a row of the
  copy names already existed when the copy was made, and files are never changed in place;
- `manifest.json`: when, which engine and schema revision, and every member's size and SHA-256.

`restore` checks every checksum before it touches anything, and refuses an instance that
already holds data (a restore never merges two histories).
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import sqlalchemy as sa
from flask import current_app

from .extensions import db
from .models import utcnow
from .rls import as_owner, protect
from .tenancy import unscoped

MANIFEST = "manifest.json"
FORMAT = 1
SQLITE_MEMBER = "database.sqlite"
POSTGRES_MEMBER = "database.pgdump"
UPLOADS = "uploads"


class BackupError(Exception):
    """A backup or restore that could not be done; the message is Russian and says why."""


@dataclass(frozen=True)
class Made:
    path: Path
    files: int
    size: int


def make_backup(folder: Path) -> Made:
    """Writes an archive of this instance into `folder` and returns where."""
    folder.mkdir(parents=True, exist_ok=True)
    created = utcnow()
    target = folder / f"nastavnik-{created:%Y%m%d-%H%M%S}.tar.gz"
    with tempfile.TemporaryDirectory(prefix="nastavnik-backup-") as work:
        work = Path(work)
        if _is_sqlite():
            database = work / SQLITE_MEMBER
            _sqlite_copy(_sqlite_path(), database)
        else:
            database = work / POSTGRES_MEMBER
            _pg_dump(database)
        revision = _revision()
        uploads = Path(current_app.config["UPLOAD_FOLDER"])
        copied = work / UPLOADS
        copied.mkdir()
        if uploads.is_dir():
            shutil.copytree(uploads, copied, dirs_exist_ok=True)
        members = {
            path.relative_to(work).as_posix(): _describe(path)
            for path in sorted(work.rglob("*"))
            if path.is_file()
        }
        manifest = {
            "format": FORMAT,
            "created_at": created.isoformat(timespec="seconds") + "Z",
            "engine": "sqlite" if _is_sqlite() else "postgresql",
            "revision": revision,
            "members": members,
        }
        (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
        partial = target.with_suffix(".part")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work / MANIFEST, MANIFEST)
            for name in members:
                archive.add(work / name, name)
        partial.rename(target)  # a backup that was cut short never looks like a whole one
    files = sum(1 for name in members if name.startswith(UPLOADS + "/"))
    return Made(target, files, target.stat().st_size)


def restore_backup(archive_path: Path) -> dict:
    """Restores an archive into this (empty) instance; returns its manifest."""
    with tempfile.TemporaryDirectory(prefix="nastavnik-restore-") as work:
        work = Path(work)
        manifest = _unpack_checked(archive_path, work)
        engine = "sqlite" if _is_sqlite() else "postgresql"
        if manifest.get("engine") != engine:
            raise BackupError(
                f"Копия сделана с базы {manifest.get('engine')}, а платформа работает с {engine}: "
                "восстановите её на платформу с той же базой данных."
            )
        _refuse_unless_empty()
        if engine == "sqlite":
            _sqlite_replace(work / SQLITE_MEMBER)
        else:
            _pg_restore(work / POSTGRES_MEMBER)
        uploads = Path(current_app.config["UPLOAD_FOLDER"])
        uploads.mkdir(parents=True, exist_ok=True)
        shutil.copytree(work / UPLOADS, uploads, dirs_exist_ok=True)
    return manifest


# ---- the archive


def _describe(path: Path) -> dict:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return {"size": path.stat().st_size, "sha256": digest.hexdigest()}


def _unpack_checked(archive_path: Path, work: Path) -> dict:
    damaged = f"Архив «{archive_path.name}» повреждён или это не резервная копия Наставника"
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            entries = {entry.name: entry for entry in archive.getmembers()}
            if MANIFEST not in entries:
                raise BackupError(f"{damaged}: в нём нет {MANIFEST}.")
            manifest = json.loads(archive.extractfile(entries[MANIFEST]).read().decode("utf-8"))
            if manifest.get("format") != FORMAT:
                raise BackupError(f"{damaged}: неизвестный формат копии.")
            expected = manifest.get("members") or {}
            if set(entries) - {MANIFEST} != set(expected):
                raise BackupError(f"{damaged}: состав архива не совпадает с описью.")
            for name, entry in entries.items():
                if name == MANIFEST:
                    continue
                relative = PurePosixPath(name)
                if not entry.isfile() or relative.is_absolute() or ".." in relative.parts:
                    raise BackupError(f"{damaged}: недопустимый путь «{name}».")
                destination = work / relative
                destination.parent.mkdir(parents=True, exist_ok=True)
                with archive.extractfile(entry) as source, destination.open("wb") as out:
                    shutil.copyfileobj(source, out)
                if _describe(destination) != expected[name]:
                    raise BackupError(f"{damaged}: не сходится контрольная сумма «{name}».")
    except (tarfile.TarError, EOFError, OSError, ValueError, KeyError) as error:
        raise BackupError(f"{damaged} ({type(error).__name__}).") from error
    (work / UPLOADS).mkdir(exist_ok=True)
    return manifest


def _refuse_unless_empty() -> None:
    with (
        unscoped("резервная копия: проверка, что платформа пуста"),
        as_owner(db.session.connection()),  # every school's rows, past row-level security
    ):
        filled = [
            table.name
            for table in db.metadata.sorted_tables
            if _has_table(table.name)
            and db.session.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first()
        ]
    db.session.rollback()
    uploads = Path(current_app.config["UPLOAD_FOLDER"])
    has_files = uploads.is_dir() and any(path.is_file() for path in uploads.rglob("*"))
    if filled or has_files:
        what = (
            f"в базе есть данные ({', '.join(filled[:5])})" if filled else "есть загруженные файлы"
        )
        raise BackupError(
            f"Восстановление возможно только на пустую платформу, а здесь {what}. "
            "Создайте новую базу данных и папку instance и повторите."
        )


def _has_table(name: str) -> bool:
    return sa.inspect(db.session.connection()).has_table(name)


def _revision() -> str | None:
    with unscoped("резервная копия: версия схемы"):
        try:
            return db.session.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        except sa.exc.DBAPIError:
            return None
        finally:
            db.session.rollback()


# ---- SQLite


def _is_sqlite() -> bool:
    return db.engine.dialect.name == "sqlite"


def _sqlite_path() -> Path:
    return Path(db.engine.url.database).resolve()


def _sqlite_copy(source: Path, target: Path) -> None:
    # The online backup API: one consistent copy while other connections read and write.
    with sqlite3.connect(source, timeout=30) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    sqlite3.connect(target).close()


def _sqlite_replace(copy: Path) -> None:
    path = _sqlite_path()
    db.session.remove()
    db.engine.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    staged = path.with_suffix(".restoring")
    shutil.copyfile(copy, staged)
    os.replace(staged, path)


# ---- PostgreSQL


def _libpq_url() -> tuple[str, str | None]:
    """The database's address for pg_dump/pg_restore, and the schema the platform uses when it
    is not `public` (set through `options=-csearch_path=…`, as the tests' workers do)."""
    url = db.engine.url.set(drivername="postgresql")
    options = url.query.get("options", "")
    schema = None
    if "search_path=" in options:
        schema = options.split("search_path=", 1)[1].split()[0].split(",")[0]
    return url.render_as_string(hide_password=False), schema


def _run(command: list[str], what: str) -> None:
    try:
        # The command is ours; the address comes from the configuration, passed as one argument.
        done = subprocess.run(command, capture_output=True, text=True, timeout=3600)  # noqa: S603
    except FileNotFoundError as error:
        raise BackupError(
            f"{what}: не найдена программа {command[0]} (пакет postgresql-client)."
        ) from error
    if done.returncode != 0:
        raise BackupError(f"{what}: {done.stderr.strip()[:500]}")


def _pg_dump(target: Path) -> None:
    url, schema = _libpq_url()
    command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"]
    if schema:
        command.append(f"--schema={schema}")
    _run([*command, url], "Не удалось выгрузить базу PostgreSQL")


def _pg_restore(dump: Path) -> None:
    url, _ = _libpq_url()
    db.session.remove()
    db.engine.dispose()
    command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges"]
    command += ["--exit-on-error", "--single-transaction", f"--dbname={url}", str(dump)]
    _run(command, "Не удалось восстановить базу PostgreSQL")
    # The archive keeps the policies but no grants (--no-privileges): the app's role gets its
    # rights on the restored tables again, as the migrations gave them (nastavnik.rls).
    with (
        unscoped("резервная копия: защита строк"),
        db.engine.begin() as connection,
        as_owner(connection),
    ):
        protect(connection)
