"""Fixtures for the whole suite: the app on a real database, a client, factories, login.

The database is SQLite in a temporary folder, or PostgreSQL when TEST_DATABASE_URL (or
DATABASE_URL) names one: `.ci/run` runs the suite once on each.
"""

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

# The instance folder of the tests is their own, never the checkout's.
_INSTANCE = Path(tempfile.mkdtemp(prefix="nastavnik-test-"))
os.environ["NASTAVNIK_INSTANCE"] = str(_INSTANCE)

from nastavnik.app import create_app  # noqa: E402
from nastavnik.config import database_url  # noqa: E402
from nastavnik.extensions import db  # noqa: E402
from nastavnik.models import Account, School  # noqa: E402
from nastavnik.permissions import SCHOOL_ROLES  # noqa: E402
from nastavnik.tenancy import Scope, scoped  # noqa: E402

PASSWORD = "верный-пароль-42"


def test_database_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{_INSTANCE / 'test.db'}"
    os.environ["DATABASE_URL"] = url
    return database_url(_INSTANCE)


test_database_url.__test__ = False

TEST_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test-secret-key-only-for-tests",
    "WTF_CSRF_ENABLED": False,
    # Fast hashing in tests only; the defaults are checked against OWASP in test_security.
    "ARGON2_TIME_COST": 1,
    "ARGON2_MEMORY_COST": 1024,
}


def make_app(**overrides):
    return create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": test_database_url(), **overrides})


@pytest.fixture(scope="session")
def app():
    app = make_app()
    with app.app_context():
        db.drop_all()
        db.create_all()
        db.session.remove()
    yield app
    with app.app_context():
        db.engine.dispose()
    shutil.rmtree(_INSTANCE, ignore_errors=True)


@pytest.fixture(autouse=True)
def _clean_database(request):
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())


@pytest.fixture
def client(app):
    return app.test_client()


class Factory:
    """Creates records the way the platform would, each in its own short transaction."""

    PASSWORD = PASSWORD

    def __init__(self, app):
        self.app = app
        self._n = 0

    def _next(self) -> int:
        self._n += 1
        return self._n

    @contextmanager
    def in_school(self, school):
        with self.app.app_context(), scoped(Scope.school(school.id)):
            yield db.session
            db.session.commit()

    def school(self, slug=None, **fields) -> School:
        from nastavnik.cli import create_school

        n = self._next()
        slug = slug or f"school-{n}"
        with self.app.app_context():
            school = create_school(
                slug=slug,
                name_ru=fields.pop("name_ru", f"Школа номер {n} ({slug})"),
                name_ce=fields.pop("name_ce", f"Ишкол {n}"),
                short_name=fields.pop("short_name", f"Школа {slug}"),
                settlement=fields.pop("settlement", "с. Майртуп"),
                **fields,
            )
            db.session.commit()
            return school

    def account(self, school, login=None, roles=("curator",), password=PASSWORD, **kw) -> Account:
        from nastavnik.accounts.services import create_account

        login = login or f"user{self._next()}"
        scope = Scope.district() if school is None else Scope.school(school.id)
        with self.app.app_context(), scoped(scope):
            account = create_account(
                school.id if school else None,
                login,
                kw.pop("full_name", f"Тестовый Пользователь {login}"),
                roles,
                password,
                kw.pop("must_change_password", False),
            )
            db.session.commit()
            return account

    def all_roles_account(self, school, login="everyone") -> Account:
        return self.account(school, login, roles=sorted(SCHOOL_ROLES))

    def staff(self, school, **fields):
        from nastavnik.tenants.staff.models import Staff

        n = self._next()
        with self.in_school(school) as session:
            staff = Staff(
                last_name=fields.pop("last_name", f"Педагогова{n}"),
                first_name=fields.pop("first_name", "Марьям"),
                middle_name=fields.pop("middle_name", "Исаевна"),
                position=fields.pop("position", "учитель математики"),
                **fields,
            )
            session.add(staff)
        return staff


@pytest.fixture
def make(app):
    return Factory(app)


class Auth:
    def __init__(self, client):
        self.client = client

    def login(self, school, login, password=PASSWORD, next_url=None):
        url = f"/s/{school.slug}/login" if school else "/district/login"
        if next_url:
            url += f"?next={next_url}"
        return self.client.post(url, data={"login": login, "password": password})

    def logout(self, school):
        url = f"/s/{school.slug}/logout" if school else "/district/logout"
        return self.client.post(url)


@pytest.fixture
def auth(client):
    return Auth(client)


@pytest.fixture
def query(app):
    """Reads the database directly, across schools, to check what was (not) saved."""

    def run(statement):
        with app.app_context(), db.engine.connect() as conn:
            return conn.execute(
                sa.text(statement) if isinstance(statement, str) else statement
            ).all()

    return run


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    # Under CI nothing may skip: a skipped test there is a part that did not run.
    skipped = terminalreporter.stats.get("skipped", [])
    if os.environ.get("CI") == "true" and skipped:
        terminalreporter.write_line(
            f"CI: пропущено тестов — {len(skipped)}; в CI пропусков быть не должно.", red=True
        )
        config._nastavnik_skipped_in_ci = True


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("CI") == "true" and session.config.pluginmanager.get_plugin(
        "terminalreporter"
    ).stats.get("skipped"):
        session.exitstatus = 1
