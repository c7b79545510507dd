"""`flask backup` while the platform runs, `flask restore` into an empty instance."""

import io
import json
import tarfile
import threading
import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from nastavnik.extensions import db
from nastavnik.rls import as_owner
from nastavnik.tenancy import unscoped

from ..conftest import make_app, test_database_url

pytestmark = pytest.mark.committed


def table_rows(app) -> dict[str, list[tuple]]:
    with (
        app.app_context(),
        unscoped("тесты: сравнение копии"),
        db.engine.connect() as conn,
        as_owner(conn),  # every school's rows, past row-level security
    ):
        return {
            table.name: sorted((tuple(row) for row in conn.execute(table.select())), key=repr)
            for table in db.metadata.sorted_tables
        }


def files_of(app) -> dict[str, bytes]:
    folder = Path(app.config["UPLOAD_FOLDER"])
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


@pytest.fixture
def empty_instance(tmp_path):
    """A second platform with nothing in it: a new SQLite file, or a new PostgreSQL database."""
    source = sa.make_url(test_database_url())
    created = None
    if source.get_backend_name() == "sqlite":
        url = f"sqlite:///{tmp_path / 'restored.db'}"
    else:
        created = f"nastavnik_restore_{uuid.uuid4().hex[:8]}"
        admin = sa.create_engine(source, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{created}"')
        url = source.set(database=created).render_as_string(hide_password=False)
    app = make_app(SQLALCHEMY_DATABASE_URI=url, UPLOAD_FOLDER=str(tmp_path / "uploads"))
    yield app
    with app.app_context():
        db.engine.dispose()
    if created:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{created}" WITH (FORCE)')
        admin.dispose()


def backup(app, folder) -> Path:
    result = app.test_cli_runner().invoke(args=["backup", "--to", str(folder)])
    assert result.exit_code == 0, result.output
    assert "Резервная копия:" in result.output
    [archive] = folder.glob("nastavnik-*.tar.gz")
    return archive


def restore(app, archive):
    return app.test_cli_runner().invoke(args=["restore", str(archive)])


@pytest.fixture
def school_with_files(make):
    school = make.school("maitrup", short_name="Майртупская СШ")
    make.account(school, "curator", roles=["curator"], full_name="Батаева Айна Хасановна")
    make.staff(school, last_name="Денилханов", first_name="Адам", middle_name="Русланович")
    make.stored_file(school, "согласие.pdf", b"%PDF-1.4 scan of a consent")
    make.stored_file(school, "приказ.pdf", b"%PDF-1.4 scan of an order")
    return school


def test_a_backup_restores_every_table_and_every_file(
    app, school_with_files, empty_instance, tmp_path
):
    archive = backup(app, tmp_path / "backups")
    result = restore(empty_instance, archive)
    assert result.exit_code == 0, result.output
    assert "Восстановлено из копии" in result.output
    assert table_rows(empty_instance) == table_rows(app)
    restored = files_of(empty_instance)
    assert restored == files_of(app)
    contents = set(restored.values())
    assert {b"%PDF-1.4 scan of a consent", b"%PDF-1.4 scan of an order"} <= contents
    # The restored platform serves: the curator logs in with her password.
    client = empty_instance.test_client()
    response = client.post(
        "/s/maitrup/login", data={"login": "curator", "password": "верный-пароль-42"}
    )
    assert response.status_code == 302


def rows_of(app, statement) -> list:
    with (
        app.app_context(),
        unscoped("тесты: чтение копии"),
        db.engine.connect() as conn,
        as_owner(conn),
    ):
        return conn.execute(statement).all()


def test_a_backup_taken_during_writes_is_consistent(app, make, empty_instance, tmp_path):
    from nastavnik.tenants.staff.models import Staff
    from nastavnik.uploads import StoredFile

    school = make.school("maitrup")
    stop = threading.Event()
    written: list[int] = []

    def write():
        while not stop.is_set():
            n = len(written) + 1
            make.staff(school, last_name="Педагогов", first_name=f"Номер{n}")
            make.stored_file(school, f"скан-{n}.pdf", f"%PDF-1.4 {n}".encode())
            written.append(n)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while len(written) < 5:
            time.sleep(0.02)
        archive = backup(app, tmp_path / "backups")
        at_backup = len(written)
        while len(written) < at_backup + 3:
            time.sleep(0.02)
    finally:
        stop.set()
        writer.join()
    assert restore(empty_instance, archive).exit_code == 0
    source, restored = table_rows(app), table_rows(empty_instance)
    # Every row of the copy is a row of the platform: one moment of it, not a mixture …
    for name, rows in restored.items():
        assert set(rows) <= set(source[name]), name
    numbers = sorted(
        int(name.removeprefix("Номер"))
        for (name,) in rows_of(empty_instance, sa.select(Staff.first_name))
    )
    # … holding the teachers written before it, without a gap, and not those written after.
    assert numbers == list(range(1, len(numbers) + 1))
    assert 5 <= len(numbers) < len(written)
    # Every file a row of the copy names is in the copy, byte for byte as on the platform.
    copied, kept = files_of(empty_instance), files_of(app)
    for school_id, key in rows_of(empty_instance, sa.select(StoredFile.school_id, StoredFile.key)):
        assert copied[f"{school_id}/{key}"] == kept[f"{school_id}/{key}"]


def test_a_damaged_archive_is_refused_and_nothing_is_restored(
    app, school_with_files, empty_instance, tmp_path
):
    archive = backup(app, tmp_path / "backups")
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("uploads/"):
                data = data.replace(b"consent", b"CONSENT")
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    result = restore(empty_instance, damaged)
    assert result.exit_code != 0
    assert "не сходится контрольная сумма" in result.output
    assert not any(table_rows_or_empty(empty_instance).values())
    assert files_of(empty_instance) == {}


def table_rows_or_empty(app) -> dict[str, list]:
    with app.app_context(), db.engine.connect() as conn:
        names = sa.inspect(conn).get_table_names()
    return table_rows(app) if names else {}


def test_a_file_that_is_not_a_backup_is_refused(empty_instance, tmp_path):
    bogus = tmp_path / "nastavnik-bogus.tar.gz"
    bogus.write_bytes(b"not an archive at all")
    result = restore(empty_instance, bogus)
    assert result.exit_code != 0
    assert "повреждён или это не резервная копия" in result.output


def test_an_archive_with_a_path_outside_is_refused(empty_instance, tmp_path):
    evil = tmp_path / "evil.tar.gz"
    manifest = {"format": 1, "engine": "sqlite", "members": {"../escape.txt": {}}}
    with tarfile.open(evil, "w:gz") as archive:
        for name, data in (
            ("manifest.json", json.dumps(manifest).encode()),
            ("../escape.txt", b"x"),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    result = restore(empty_instance, evil)
    assert result.exit_code != 0
    assert not (tmp_path / "escape.txt").exists()


def test_a_platform_with_data_refuses_a_restore_and_keeps_its_data(
    app, school_with_files, tmp_path
):
    archive = backup(app, tmp_path / "backups")
    before = table_rows(app), files_of(app)
    result = restore(app, archive)
    assert result.exit_code != 0
    assert "только на пустую платформу" in result.output
    assert (table_rows(app), files_of(app)) == before
