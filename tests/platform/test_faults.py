"""Faults the platform survives (issue 13): a worker killed in the middle of a write, the
PostgreSQL server restarted under load, the disk full for uploads. (The database locked longer
than the busy timeout: test_transactions.py.)

The killed worker runs on a database of its own of the suite's kind (a SQLite file, or a
PostgreSQL database beside the test database); the restart on a private PostgreSQL cluster the
test starts with Debian's own binaries, never the shared server, on whichever database the
suite runs (the restart is PostgreSQL's; the cluster is the test's own).
"""

import errno
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager, suppress
from io import BytesIO
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from nastavnik.extensions import db
from nastavnik.tenancy import unscoped
from nastavnik.uploads import NO_SPACE
from tests.platform.test_migrations import empty_database
from tests.tenants.notifications.conftest import free_port

from ..conftest import PASSWORD, TEST_CONFIG, Factory

SERVER = Path(__file__).with_name("serve_until_killed.py")


def _app_on(url: str):
    """The platform on a database of the test's own, its tables made."""
    from nastavnik.app import create_app

    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context(), unscoped("тесты: схема отдельной базы"):
        db.create_all()
        db.session.remove()
    return app


def _rows(url: str, statement: str) -> list[tuple]:
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as connection, unscoped("тесты: проверка записанного"):
            return [tuple(r) for r in connection.execute(sa.text(statement))]
    finally:
        engine.dispose()


# --- a worker killed in the middle of a write ------------------------------------------------


@contextmanager
def served(url: str, instance: Path, **env):
    """The platform in a process of its own (waitress); killed at the end if still alive."""
    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "NASTAVNIK_INSTANCE": str(instance),
        **env,
    }
    environment.pop("PYTEST_XDIST_WORKER", None)
    log = open(instance / f"server-{port}.log", "w")  # noqa: SIM115  (closed below)
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, str(SERVER), str(port)],
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                requests.get(base + "/district/login", timeout=5)
                break
            except requests.ConnectionError:
                assert process.poll() is None, (instance / f"server-{port}.log").read_text()
                time.sleep(0.1)
        yield process, base
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(30)
        log.close()


def _logged_in(base: str, slug: str, login: str) -> requests.Session:
    http = requests.Session()
    answer = http.post(
        f"{base}/s/{slug}/login",
        data={"login": login, "password": PASSWORD},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 302, answer.text
    return http


def test_a_worker_killed_in_the_middle_of_a_write_leaves_nothing_half_saved(tmp_path):
    with empty_database(tmp_path, "faults_kill") as url:
        app = _app_on(url)
        make = Factory(app)
        school = make.school("kill")
        account = make.account(school, "mentee", roles=["mentee"])
        staff = make.link(make.staff(school, last_name="Прерванная"), account)
        questionnaire = make.questionnaire(
            school,
            anonymous=False,
            questions=[
                {"text": "Что получилось?", "kind": "text"},
                {"text": "Что не получилось?", "kind": "text"},
            ],
        )
        first, second = (q.id for q in questionnaire.questions)
        assignment = make.assignment(school, questionnaire, staff, on=date_today())
        with app.app_context():
            db.engine.dispose()
        answers = {f"q{first}": "Открытый урок", f"q{second}": "Время", "action": "submit"}
        sent = f"/s/kill/questionnaires/fill/{assignment.id}"
        marker = tmp_path / "stopped"

        # Sending the questionnaire writes several rows in one transaction: the assignment
        # marked sent, the response, one answer per question. The worker is killed after the
        # first answer is written, before the commit.
        with served(
            url, tmp_path, STOP_AT="INSERT INTO questionnaire_answer", STOP_MARKER=str(marker)
        ) as (process, base):
            http = _logged_in(base, "kill", "mentee")
            thread = threading.Thread(
                target=lambda: _ignore_errors(http.post, base + sent, data=answers, timeout=60)
            )
            thread.start()
            for _ in range(600):
                if marker.exists() or process.poll() is not None:
                    break
                time.sleep(0.05)
            assert marker.exists(), "the write never reached its answers"
            process.send_signal(signal.SIGKILL)
            process.wait(30)
            thread.join(60)

        # All or nothing: nothing.
        assert _rows(url, "SELECT status FROM questionnaire_assignment") == [("pending",)]
        assert _rows(url, "SELECT count(*) FROM questionnaire_response") == [(0,)]
        assert _rows(url, "SELECT count(*) FROM questionnaire_answer") == [(0,)]

        # A new worker on the same database (its lock released, its journal recovered) saves
        # the same questionnaire whole.
        with served(url, tmp_path) as (process, base):
            http = _logged_in(base, "kill", "mentee")
            saved = http.post(base + sent, data=answers, allow_redirects=False, timeout=60)
            assert saved.status_code == 302, saved.text
        assert _rows(url, "SELECT status FROM questionnaire_assignment") == [("submitted",)]
        assert _rows(url, "SELECT count(*) FROM questionnaire_response") == [(1,)]
        assert sorted(_rows(url, "SELECT text FROM questionnaire_answer")) == [
            ("Время",),
            ("Открытый урок",),
        ]


def date_today():
    from nastavnik.dates import today

    return today()


def _ignore_errors(call, *args, **kw):
    # the server dies under the request: no answer is the expected one
    with suppress(requests.RequestException):
        call(*args, **kw)


# --- the PostgreSQL server restarted under load ---------------------------------------------

POSTGRES_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))


@contextmanager
def private_cluster():
    """A PostgreSQL cluster of the test's own (initdb, pg_ctl) on a free port, run as the
    `postgres` user when the tests run as root (initdb refuses root); removed at the end."""
    if not POSTGRES_BIN:
        message = "нет PostgreSQL (/usr/lib/postgresql/*/bin)"
        if os.environ.get("CI") == "true":  # .ci/run installs it: under CI the part must run
            pytest.fail(message)
        pytest.skip(message)
    binaries = Path(POSTGRES_BIN[-1])
    as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    folder = Path(tempfile.mkdtemp(prefix="nastavnik-pg-"))
    data = folder / "data"
    if as_owner:
        shutil.chown(folder, "postgres", "postgres")
    port = free_port()

    def pg_ctl(*args):
        # Its log to a file: a server started with its output on our pipe would hold the pipe.
        log = ["-l", str(folder / "server.log")]
        subprocess.run(  # noqa: S603
            [*as_owner, str(binaries / "pg_ctl"), "-D", str(data), "-w", "-t", "60", *log, *args],
            check=True,
            capture_output=True,
            timeout=120,
        )

    try:
        subprocess.run(  # noqa: S603
            [
                *as_owner,
                str(binaries / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
        )
        options = f"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -c fsync=off"
        pg_ctl("-o", options, "start")
        try:
            yield f"postgresql://postgres@127.0.0.1:{port}/postgres", pg_ctl
        finally:
            pg_ctl("-m", "immediate", "stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_the_platform_recovers_from_a_postgresql_restart_under_load_by_itself():
    with private_cluster() as (url, pg_ctl):
        app = _app_on(url.replace("postgresql://", "postgresql+psycopg://", 1))
        assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True
        make = Factory(app)
        school = make.school("restart")
        make.account(school, "curator", roles=["curator"])
        statuses, saved, stop = [], [], threading.Event()

        def client():
            web = app.test_client()
            assert (
                web.post(
                    "/s/restart/login", data={"login": "curator", "password": PASSWORD}
                ).status_code
                == 302
            )
            return web

        def load():
            web, n = client(), 0
            while not stop.is_set():
                n += 1
                name = f"Нагрузкина-{n}"
                answer = web.post(
                    "/s/restart/staff/new",
                    data={"last_name": name, "first_name": "Зарема", "position": "учитель"},
                )
                statuses.append(answer.status_code)
                if answer.status_code == 302:
                    saved.append(name)
                    statuses.append(web.get("/s/restart/staff/").status_code)

        worker = threading.Thread(target=load)
        worker.start()
        try:
            for _ in range(1200):
                if len(saved) >= 3 or not worker.is_alive():
                    break
                time.sleep(0.05)
            assert len(saved) >= 3, statuses
            pg_ctl("-m", "fast", "restart")
            during = len(statuses)
            for _ in range(1200):  # the load goes on after the restart
                if len(statuses) >= during + 4 or not worker.is_alive():
                    break
                time.sleep(0.05)
        finally:
            stop.set()
            worker.join(60)

        # While the server went down a request may have answered 503 (nothing saved); none
        # answered 500. After it, the same worker's pool serves again, its first request too.
        assert set(statuses) <= {200, 302, 503}, statuses
        assert len(statuses) >= during + 4, statuses  # the load went on after the restart
        web = client()
        for _ in range(3):
            assert web.get("/s/restart/staff/").status_code == 200
        answer = web.post(
            "/s/restart/staff/new",
            data={"last_name": "Послерестартова", "first_name": "Зарема", "position": "учитель"},
        )
        assert answer.status_code == 302
        names = {name for (name,) in _rows(url, "SELECT last_name FROM staff")}
        assert set(saved) | {"Послерестартова"} <= names
        with app.app_context():
            db.engine.dispose()


# --- the disk full for uploads --------------------------------------------------------------


@pytest.fixture
def disk(monkeypatch):
    """The uploads' disk with `free` bytes left: past them a file's write fails as a full disk
    fails, with ENOSPC at the system call that puts its data on the disk (os.fsync)."""

    class Disk:
        free = 0
        used = 0

    space = Disk()
    real_fsync = os.fsync

    def fsync(fd):
        size = os.fstat(fd).st_size
        if space.used + size > space.free:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        space.used += size
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return space


def test_a_full_disk_refuses_the_upload_clearly_and_keeps_nothing_of_it(
    client, school, curator, snapshot, disk
):
    # Two materials of an event: the first fits on the disk, the second no longer does.
    disk.free = 100
    form = {
        "kind": "conference",
        "title": "Семинар о наставничестве",
        "held_on": date_today().isoformat(),
        "activity_id": "0",
        "results": "",
        "materials": [
            (BytesIO(b"%PDF-1.4 small"), "программа.pdf"),
            (BytesIO(b"%PDF-1.4 " + b"x" * 500), "презентация.pdf"),
        ],
    }
    before = snapshot()
    response = client.post("/s/s1/events/new", data=form, content_type="multipart/form-data")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert NO_SPACE.split(":")[0] in page and "закончилось место" in page
    # Neither the event nor the file that did fit, nor a part of the one that did not.
    assert snapshot() == before

    disk.free = 10_000  # space freed: the same form saves, with both files
    form["materials"] = [
        (BytesIO(b"%PDF-1.4 small"), "программа.pdf"),
        (BytesIO(b"%PDF-1.4 " + b"x" * 500), "презентация.pdf"),
    ]
    saved = client.post("/s/s1/events/new", data=form, content_type="multipart/form-data")
    assert saved.status_code == 302
    rows, files = snapshot()
    assert len(files) == len(before[1]) + 2


def test_a_disk_that_fails_otherwise_is_told_too_and_nothing_is_kept(
    client, school, curator, snapshot, monkeypatch
):
    def broken(fd):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "fsync", broken)
    before = snapshot()
    response = client.post(
        "/s/s1/events/new",
        data={
            "kind": "conference",
            "title": "Семинар",
            "held_on": date_today().isoformat(),
            "activity_id": "0",
            "materials": [(BytesIO(b"%PDF-1.4 small"), "программа.pdf")],
        },
        content_type="multipart/form-data",
    )
    assert "Файл не удалось записать на сервере" in response.get_data(as_text=True)
    assert snapshot() == before
