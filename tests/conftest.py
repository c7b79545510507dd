"""Fixtures for the whole suite: the app on a real database, a client, factories, login.

The database is SQLite in a temporary folder, or PostgreSQL when TEST_DATABASE_URL (or
DATABASE_URL) names one: `.ci/run` runs the suite once on each.

Each test runs inside one transaction that is rolled back at its end ("Joining a Session into
an External Transaction", SQLAlchemy 2.0): every `db.session` of the test app is bound to that
connection and turns its own commits into savepoints (join_transaction_mode="create_savepoint"),
so the app, the services and the factories commit as they always do, and nothing outlives the
test. Data that many tests only read (a module's world, the demo district) is made once in a
`shared.kept()` block: the tests of that module then run in savepoints inside it.
"""

import atexit
import hashlib
import io
import itertools
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask, before_render_template, current_app, request_started, template_rendered
from sqlalchemy import orm

# The instance folder of the tests is their own, never the checkout's: under pytest-xdist each
# worker process has its own (its SQLite file and uploads), and on PostgreSQL its own schema.
_INSTANCE = Path(tempfile.mkdtemp(prefix="nastavnik-test-"))
# Removed when the process ends, whether or not it ran a test that used the app (pytest-xdist's
# controller and a browser-only run import this file too, and left their folders behind).
atexit.register(shutil.rmtree, _INSTANCE, ignore_errors=True)
_WORKER = os.environ.get("PYTEST_XDIST_WORKER")  # gw0, gw1, …; None in a plain run
os.environ["NASTAVNIK_INSTANCE"] = str(_INSTANCE)

from nastavnik.app import create_app  # noqa: E402
from nastavnik.config import database_url  # noqa: E402
from nastavnik.extensions import db  # noqa: E402
from nastavnik.models import Account, School  # noqa: E402
from nastavnik.permissions import SCHOOL_ROLES  # noqa: E402
from nastavnik.rls import APP_ROLE, as_owner, protect  # noqa: E402
from nastavnik.tenancy import Scope, TenantSession, scoped, unscoped  # noqa: E402
from nastavnik.uploads import StoredFile  # noqa: E402

PASSWORD = "верный-пароль-42"
# Tables that record an attempt rather than what it changed (see `snapshot`).
BOOKKEEPING_TABLES = frozenset({"journal_entry", "throttle_count"})


def test_database_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{_INSTANCE / 'test.db'}"
    os.environ["DATABASE_URL"] = url
    url = database_url(_INSTANCE)
    if _WORKER:
        schema = f"test_{_WORKER}"
        engine = sa.create_engine(url)
        with engine.begin() as connection:
            connection.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
        engine.dispose()
        worker_url = sa.make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
        url = worker_url.render_as_string(hide_password=False)
    return url


def _on_postgresql() -> bool:
    return bool(os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL"))


test_database_url.__test__ = False


test_database_url.__test__ = False

TEST_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test-secret-key-only-for-tests",
    "WTF_CSRF_ENABLED": False,
    # Fast hashing in tests only; the defaults are checked against OWASP in test_security.
    "ARGON2_TIME_COST": 1,
    "ARGON2_MEMORY_COST": 1024,
    # Never a figure from an earlier request (one test turns the cache on to prove it works).
    "CACHE_TYPE": "NullCache",
    "CACHE_NO_NULL_WARNING": True,
}


# On PostgreSQL the whole suite runs behind row-level security (nastavnik.rls): the app's
# connections switch to its role, which the `app` fixture's schema grants and binds; the
# harness reads past the wall as the owner that logged in (`as_owner`), and only the harness.
RLS_CONFIG = {"DB_ROLE": APP_ROLE} if _on_postgresql() else {}


def make_app(**overrides):
    return create_app(
        {
            **TEST_CONFIG,
            **RLS_CONFIG,
            "SQLALCHEMY_DATABASE_URI": test_database_url(),
            **overrides,
        }
    )


# The connection each app's sessions are bound to now: the innermost of the open ones.
_CONNECTIONS: dict[Flask, list[sa.Connection]] = {}


class BoundSession(TenantSession):
    """`db.session` in tests: on the current test's connection, when the app has one open."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        held = _CONNECTIONS.get(current_app._get_current_object())
        if bind is None and held:
            return held[-1]
        return super().get_bind(mapper, clause, bind, **kwargs)


def _bind_sessions_to_the_test_connection() -> None:
    # The app's own options (expire_on_commit) are kept; only the class and the joining mode
    # change. Apps without an open test connection (the browser tests' server) are unaffected.
    factory = db.session.session_factory
    db.session = orm.scoped_session(
        orm.sessionmaker(
            class_=BoundSession, **{**factory.kw, "join_transaction_mode": "create_savepoint"}
        ),
        scopefunc=db.session.registry.scopefunc,
    )


_bind_sessions_to_the_test_connection()


# No lazy load from a template (issue 8): a relationship a template reads must have been loaded
# by the view's query (selectinload/joinedload, or a grouped query in the service). A lazy load
# while a template renders is one query per row of a list; under the fixture `no_lazy_loads`
# it raises, naming the template. tests/test_query_counts.py walks every list and form page
# with it; the rest of the suite does not use it yet (single records' pages still load lazily).
_RENDERING: ContextVar[str | None] = ContextVar("rendering", default=None)
_FORBIDDEN: ContextVar[bool] = ContextVar(
    "lazy loads forbidden", default=os.environ.get("NO_LAZY_LOADS") == "1"
)


@pytest.fixture
def no_lazy_loads():
    token = _FORBIDDEN.set(True)
    yield
    _FORBIDDEN.reset(token)


class LazyLoadInTemplate(AssertionError):
    pass


def _rendering(sender, template, **extra):
    _RENDERING.set(template.name or "<строка шаблона>")


def _rendered(sender, **extra):
    _RENDERING.set(None)


before_render_template.connect(_rendering)
template_rendered.connect(_rendered)
request_started.connect(_rendered)  # a template that raised left the mark behind


@sa.event.listens_for(BoundSession, "do_orm_execute")
def _no_lazy_load_while_rendering(state: orm.ORMExecuteState) -> None:
    template = _RENDERING.get()
    if template is None or not state.is_select or not _FORBIDDEN.get():
        return
    loading = state.lazy_loaded_from  # set only on a lazy load
    if loading is not None:
        raise LazyLoadInTemplate(
            f"{template}: a lazy load of {loading.class_.__name__} while rendering; load it "
            "with the view's query (selectinload/joinedload) or a grouped query"
        )


@contextmanager
def rolled_back(app: Flask) -> Iterator[sa.Connection]:
    """A transaction on one connection that every session of `app` joins, undone at the end;
    inside another one, a savepoint of it."""
    held = _CONNECTIONS.setdefault(app, [])
    if held:
        connection = held[-1]
        transaction = connection.begin_nested()
    else:
        with app.app_context():
            connection = db.engine.connect()
        transaction = connection.begin()
    held.append(connection)
    try:
        yield connection
    finally:
        held.pop()
        if transaction.is_active:
            transaction.rollback()
        if not held:
            connection.close()


@pytest.fixture(scope="session")
def app():
    app = make_app()  # every feature's models, before its first connection
    # The schema is made by the owner and protected as migration 0014 protects it, before the
    # app's first connection switches to its role.
    owner = sa.create_engine(test_database_url())
    with unscoped("тесты: схема тестовой базы"), owner.begin() as connection:
        db.metadata.drop_all(connection)
        db.metadata.create_all(connection)
        protect(connection)
    owner.dispose()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _rolled_back_database(request):
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")
    if request.node.get_closest_marker("committed"):
        # Tests of connections of their own (raw SQL on the engine): real commits, then a reset.
        yield
        with app.app_context():
            db.session.remove()
            with (
                unscoped("тесты: очистка базы после теста"),
                db.engine.begin() as conn,
                as_owner(conn),
            ):
                for table in reversed(db.metadata.sorted_tables):
                    conn.execute(table.delete())
        return
    with rolled_back(app):
        yield


@contextmanager
def _reading(app: Flask) -> Iterator[sa.Connection]:
    """The test's own connection (what its sessions wrote is not committed), or a new one."""
    held = _CONNECTIONS.get(app)
    if held:
        yield held[-1]
        return
    with app.app_context(), db.engine.connect() as connection:
        yield connection


@contextmanager
def _reading_everything(app: Flask) -> Iterator[sa.Connection]:
    """`_reading`, past row-level security: as the owner that logged in."""
    with _reading(app) as connection, as_owner(connection):
        yield connection


class Shared:
    """Data that many tests only read, made once: `with shared.kept(): ...make...; yield`
    in a module-scoped fixture. Each test then sees it, and changes it only in its own savepoint.
    """

    def __init__(self, app):
        self.app = app
        self.make = Factory(app)

    def kept(self):
        return rolled_back(self.app)


@pytest.fixture(scope="session")
def shared(app):
    return Shared(app)


@pytest.fixture
def client(app):
    return app.test_client()


class Factory:
    """Creates records the way the platform would, each in its own short transaction."""

    PASSWORD = PASSWORD
    # One count for the whole run: names stay unique between a module's shared data and a test's.
    _numbers = itertools.count(1)

    def __init__(self, app):
        self.app = app

    def _next(self) -> int:
        return next(self._numbers)

    @contextmanager
    def in_school(self, school):
        with self.app.app_context(), scoped(Scope.school(school.id)):
            yield db.session
            db.session.commit()

    def school(self, slug=None, **fields) -> School:
        from nastavnik.schools import create_school

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

    def _get(self, model, ident: int):
        """A record of the bound school, in this session (services change what they are given)."""
        return db.session.execute(sa.select(model).where(model.id == ident)).scalar_one()

    def staff(self, school, data_hidden=False, **fields):
        """Through the register's service; `data_hidden`: the person revoked the data consent."""
        from nastavnik.tenants.staff.services import create_staff

        n = self._next()
        fields.setdefault("last_name", f"Педагогова{n}")
        fields.setdefault("first_name", "Марьям")
        fields.setdefault("middle_name", "Исаевна")
        fields.setdefault("position", "учитель математики")
        with self.in_school(school):
            staff = create_staff(**fields)
        if data_hidden:
            self.consent(school, staff, revoked_on=date(2024, 10, 1))
            staff.data_hidden = True
        return staff

    def add_directly(self, school, obj):
        """A row written past the services: only for a state the platform cannot make, which a
        test of a defensive rule needs (say so where it is used)."""
        return self._add(school, obj)

    def _add(self, school, obj):
        with self.in_school(school) as session:
            session.add(obj)
            session.flush()
        return obj

    def consent(
        self, school, staff, kind="personal_data", revoked_on=None, revoke_reason=None, **fields
    ):
        """Recorded (and, with `revoked_on`, revoked) through the consent service."""
        from nastavnik.tenants.consents.services import record_consent, revoke_consent
        from nastavnik.tenants.staff.models import Staff

        fields.setdefault("signed_on", date(2024, 9, 1))
        fields.setdefault("purpose", "Организация наставничества")
        fields.setdefault("data_list", "ФИО, должность, стаж, контакты")
        fields.setdefault("paper_number", f"С-{self._next()}")
        with self.in_school(school):
            consent = record_consent(self._get(Staff, staff.id), kind, **fields)
            if revoked_on is not None:
                revoke_consent(consent, revoked_on, revoke_reason or "Отозвано по заявлению")
        return consent

    def revoke(self, school, consent, on=date(2024, 10, 1)):
        """Revokes a recorded consent through the consent service."""
        from nastavnik.tenants.consents.models import Consent
        from nastavnik.tenants.consents.services import revoke_consent

        with self.in_school(school):
            revoke_consent(self._get(Consent, consent.id), on, "Отозвано по заявлению")

    def consenting_staff(self, school, mentor=False, **fields):
        """A staff member with a valid data consent (and the mentor-duty one if mentor)."""
        staff = self.staff(school, **fields)
        self.consent(school, staff)
        if mentor:
            self.consent(school, staff, kind="mentor_duty")
        return staff

    def mentee_entry(self, school, staff=None, status="waiting", left_on=None, **fields):
        """Added through the banks' service; `status` as the later step leaves it."""
        from nastavnik.tenants.banks.services import add_mentee, remove_mentee

        staff = staff or self.consenting_staff(school)
        with self.in_school(school):
            entry = add_mentee(
                staff.id,
                fields.pop("category", "young"),
                fields.pop("requests", ("methods", "digital")),
                fields.pop("difficulties", ""),
                fields.pop("added_on", date(2024, 9, 2)),
            )
            assert not fields, f"mentee_entry: неизвестные поля {sorted(fields)}"
            if status == "left":
                remove_mentee(entry, left_on or date(2024, 12, 1))
            elif status != "waiting":
                # in_program and finished come with a pairing's approval and end (section 6)
                entry.status = status
        return entry

    def mentor_entry(self, school, staff=None, status="active", left_on=None, **fields):
        """Added (and, when `status` is "left", removed) through the banks' service."""
        from nastavnik.tenants.banks.services import add_mentor, remove_mentor

        staff = staff or self.consenting_staff(school, mentor=True, teaching_years=20)
        with self.in_school(school):
            entry = add_mentor(
                staff.id,
                fields.pop("competences", ("methods", "digital", "subject")),
                fields.pop("capacity", 2),
                fields.pop("preferred_forms", ()),
                fields.pop("digital_strong", False),
                fields.pop("added_on", date(2024, 9, 2)),
            )
            assert not fields, f"mentor_entry: неизвестные поля {sorted(fields)}"
            if status == "left":
                remove_mentor(entry, left_on or date(2024, 12, 1))
            else:
                assert status == "active", status
        return entry

    def training(self, school, mentor_entry, **fields):
        from nastavnik.tenants.banks.models import MentorEntry
        from nastavnik.tenants.banks.services import add_training

        with self.in_school(school):
            return add_training(
                self._get(MentorEntry, mentor_entry.id),
                fields.pop("kind", "session"),
                fields.pop("title", "Установочная сессия для наставников"),
                fields.pop("held_on", date(2024, 9, 10)),
                fields.pop("hours", None),
            )

    def pairing(self, school, mentor=None, mentees=None, status="active", **fields):
        from nastavnik.tenants.pairings.models import Pairing, PairingMember

        mentor = mentor or self.mentor_entry(school).staff_id
        mentor_id = mentor if isinstance(mentor, int) else mentor.id
        if mentees is None:
            mentees = [self.mentee_entry(school).staff_id]
        fields.setdefault("form", "traditional")
        fields.setdefault("created_on", date(2024, 9, 5))
        fields.setdefault("mentor_consent_on", date(2024, 9, 5))
        # The dates its steps would have left (the statistics read a year from them).
        if status in ("approved", "active", "ended"):
            fields.setdefault("approved_on", fields["created_on"])
        if status == "ended":
            fields.setdefault("ended_on", date(2025, 6, 1))
        with self.in_school(school) as session:
            pairing = Pairing(mentor_staff_id=mentor_id, status=status, **fields)
            session.add(pairing)
            session.flush()
            for mentee in mentees:
                mentee_id = mentee if isinstance(mentee, int) else mentee.id
                session.add(
                    PairingMember(
                        pairing_id=pairing.id,
                        mentee_staff_id=mentee_id,
                        consent_on=date(2024, 9, 5),
                    )
                )
            session.flush()
            session.refresh(pairing)
            _ = [m.mentee for m in pairing.members], pairing.mentor
        return pairing

    def order(self, school, **fields):
        from nastavnik.tenants.orders.models import SchoolOrder

        fields.setdefault("kind", "pairings")
        fields.setdefault("title", "О закреплении наставнических пар/групп")
        fields.setdefault("content", {"items": []})
        return self._add(school, SchoolOrder(**fields))

    def program(self, school, pairing=None, **fields):
        from nastavnik.tenants.programs.models import Program

        pairing = pairing or self.pairing(school)
        fields.setdefault("title", "Программа адаптации молодого педагога")
        fields.setdefault("goals", "Освоить методику урока")
        fields.setdefault("starts_on", date(2024, 9, 15))
        fields.setdefault("ends_on", date(2025, 5, 31))
        fields.setdefault("forms", ("traditional",))
        if fields.get("status") == "ended":
            fields.setdefault("ended_on", fields["ends_on"])
            fields.setdefault("end_reason", "completed")
        return self._add(school, Program(pairing_id=pairing.id, **fields))

    def activity(self, school, program, **fields):
        from nastavnik.tenants.programs.models import Activity

        fields.setdefault("title", "Посещение уроков наставника")
        fields.setdefault("due_on", program.starts_on + timedelta(days=30))
        fields.setdefault("responsible", "Наставник")
        return self._add(school, Activity(program_id=program.id, **fields))

    def change(self, school, program, **fields):
        from nastavnik.tenants.programs.models import ProgramChange

        fields.setdefault("kind", "extend")
        fields.setdefault("description", "Продлить программу до конца учебного года")
        fields.setdefault(
            "payload", {"ends_on": (program.ends_on + timedelta(days=30)).isoformat()}
        )
        return self._add(school, ProgramChange(program_id=program.id, **fields))

    def participant_request(self, school, pairing, **fields):
        from nastavnik.tenants.requests.models import ParticipantRequest

        fields.setdefault("kind", "another_mentor")
        fields.setdefault("reason", "Не совпадают расписания")
        fields.setdefault("staff_id", pairing.members[0].mentee_staff_id)
        return self._add(school, ParticipantRequest(pairing_id=pairing.id, **fields))

    def stored_file(self, school, name="скан.pdf", data=b"%PDF-1.4 test"):
        from nastavnik.uploads import StoredFile

        with self.in_school(school) as session:
            stored = StoredFile(
                filename=name,
                content_type="application/pdf",
                size=len(data),
                key=uuid.uuid4().hex,
                school_id=school.id,
            )
            session.add(stored)
            session.flush()
            stored.path().parent.mkdir(parents=True, exist_ok=True)
            stored.path().write_bytes(data)
        return stored

    def questionnaire(self, school, title="Анкета об открытых уроках", questions=None, **fields):
        """A school's own questionnaire, through the editing service; one scale question unless
        `questions` (dicts of add_question's arguments) says otherwise."""
        from nastavnik.tenants.questionnaires import editing

        fields.setdefault("purpose", "other")
        fields.setdefault("anonymous", True)
        if questions is None:
            questions = [{"text": "Насколько полезен урок?", "kind": "scale", "scale_max": 5}]
        with self.in_school(school):
            made = editing.create_questionnaire(title, fields.pop("description", ""), **fields)
            for q in questions:
                q = {"required": True, "low_label": "нет", "high_label": "да", **q}
                editing.add_question(made, **q)
            assert made.questions is not None  # loaded while in the school
            return made

    def assignment(self, school, questionnaire, staff, on=date(2024, 10, 1), **fields):
        """The person asked to fill it, through the assigning service."""
        from nastavnik.tenants.questionnaires.assigning import assign

        staff_id = staff if isinstance(staff, int) else staff.id
        with self.in_school(school):
            return assign(questionnaire, [staff_id], on, **fields)[0]

    def answer(self, school, assignment, on=None, **answers):
        """The person's answers sent ({"q<id>": value}), through the filling service."""
        from werkzeug.datastructures import MultiDict

        from nastavnik.tenants.questionnaires import filling
        from nastavnik.tenants.questionnaires.models import Questionnaire

        with self.in_school(school) as session:
            assignment = session.merge(assignment)
            questionnaire = session.get(Questionnaire, assignment.questionnaire_id)
            items = filling.items_of(questionnaire, filling.program_of(assignment))
            form = MultiDict()
            for key, value in answers.items():
                for v in value if isinstance(value, list) else [value]:
                    form.add(key, str(v))
            return filling.submit(assignment, items, form, on or assignment.assigned_on)

    def custom_form(self, school, title="Наставничество в проектной деятельности"):
        from nastavnik.tenants.pairings.services import add_custom_form

        with self.in_school(school):
            return add_custom_form(title)

    def link(self, staff, account):
        """Ties a staff member to their login (Staff.account_id)."""
        from nastavnik.tenants.staff.models import Staff

        with self.app.app_context(), scoped(Scope.school(staff.school_id)):
            db.session.execute(
                sa.update(Staff).where(Staff.id == staff.id).values(account_id=account.id)
            )
            db.session.commit()
        staff.account_id = account.id
        return staff

    def calendar_feed(self, school, account=None, **fields):
        from nastavnik.tenants.calendar.models import CalendarFeed

        account = account or self.account(school, roles=("mentor",))
        fields.setdefault("token", uuid.uuid4().hex)
        return self._add(school, CalendarFeed(account_id=account.id, **fields))

    def appointment(self, school, staff, post="group_member", position="учитель"):
        """Pending, through the appointments' service."""
        from nastavnik.tenants.appointments.services import appoint

        with self.in_school(school):
            return appoint(staff.id, post, position, None)

    def roadmap(self, school, year=None, approve_by=None, on=None):
        """The school's roadmap of a year from the template, through the roadmap's services;
        approved by `approve_by` (a director's account) when given."""
        from nastavnik.tenants.roadmap.services import approve, create_roadmap
        from nastavnik.tenants.roadmap.timing import academic_year

        with self.in_school(school):
            roadmap = create_roadmap(year if year is not None else academic_year())
            if approve_by is not None:
                approve(roadmap, self._get(Account, approve_by.id), on)
        return roadmap

    def roadmap_activity(self, school, roadmap, stage="4", **fields):
        """The school's own activity in a stage, through the roadmap's services."""
        from nastavnik.tenants.roadmap.models import Roadmap
        from nastavnik.tenants.roadmap.services import ActivityFields, add_activity

        fields.setdefault("content", "Методический день наставников")
        fields.setdefault("timing", "Октябрь")
        fields.setdefault("responsible", "Куратор по наставничеству")
        with self.in_school(school):
            return add_activity(self._get(Roadmap, roadmap.id), stage, ActivityFields(**fields))

    def event(self, school, files=(), **fields):
        """An event of the school, through the events' services."""
        from nastavnik.tenants.events.services import EventFields, create_event

        fields.setdefault("kind", "setup_session")
        fields.setdefault("title", "Установочная сессия для наставников")
        fields.setdefault("held_on", date(2026, 10, 15))
        with self.in_school(school):
            stored = [self._get(StoredFile, f.id) for f in files]
            return create_event(EventFields(**fields), stored)

    def public_post(self, school, publish=True, **fields):
        """A post of the school's public section, through its service (published by default)."""
        from nastavnik.tenants.public.services import create_post, publish_post

        fields.setdefault("kind", "news")
        fields.setdefault("title", "Установочная сессия для наставников")
        fields.setdefault("body", "Прошла установочная сессия для наставников школы.")
        published_on = fields.pop("published_on", date(2024, 9, 20))
        kind, title, body = fields.pop("kind"), fields.pop("title"), fields.pop("body")
        with self.in_school(school):
            post = create_post(kind, title, body, **fields)
            if publish:
                publish_post(post, published_on)
        return post

    def public_settings(self, school, introduction="", contact=""):
        from nastavnik.tenants.public.services import save_settings

        with self.in_school(school):
            return save_settings(introduction, contact)

    def practice(self, school, status="draft", authors=(), files=(), **fields):
        """A best practice written through its service and taken along its path to `status`."""
        from nastavnik.tenants.practices.models import Practice
        from nastavnik.tenants.practices.services import save_practice, take_step

        paths = {
            "draft": [],
            "published": ["publish"],
            "submitted": ["publish", "submit"],
            "shared": ["publish", "submit", "share"],
            "returned": ["publish", "submit", "return"],
            "withdrawn": ["publish", "withdraw"],
        }
        values = {
            "title": fields.pop("title", f"Практика наставничества {self._next()}"),
            "summary": fields.pop("summary", "Как наставник помогает молодому педагогу"),
            "body": fields.pop("body", "Наставнику важно посещать уроки наставляемого."),
            "forms": fields.pop("forms", ("traditional",)),
            "areas": fields.pop("areas", ("methods",)),
            "year": fields.pop("year", 2024),
        }
        assert not fields, f"practice: неизвестные поля {sorted(fields)}"
        account = self.account(school, roles=("curator",))
        with self.in_school(school):
            practice = save_practice(None, values, [a.id for a in authors], files, account)
            for step in paths[status]:
                district = step in ("share", "return")
                comment = "Добавьте результаты" if step == "return" else ""
                take_step(practice, step, account, district=district, comment=comment)
            practice = self._get(Practice, practice.id)
            _ = practice.files, practice.authors
        return practice

    def world(self, school, marker="") -> dict[str, int | str]:
        """One of everything a school keeps, linked as in real use; ids by URL argument."""
        mentor = self.mentor_entry(
            school, self.consenting_staff(school, mentor=True, last_name=f"{marker}Наставник")
        )
        mentee = self.mentee_entry(
            school, self.consenting_staff(school, last_name=f"{marker}Наставляемый")
        )
        pairing = self.pairing(school, mentor.staff_id, [mentee.staff_id])
        program = self.program(school, pairing, title=f"{marker}Программа")
        consenting = self.staff(school, last_name=f"{marker}Согласие")
        consent = self.consent(school, consenting)
        questionnaire = self.questionnaire(school, f"{marker}Анкета")
        return {
            "account_id": self.account(school, full_name=f"{marker}Аккаунт").id,
            "staff_id": mentee.staff_id,
            "consent_id": consent.id,
            "file_id": self.stored_file(school, f"{marker}файл.pdf").id,
            "mentee_id": mentee.id,
            "mentor_id": mentor.id,
            "training_id": self.training(school, mentor, title=f"{marker}Сессия").id,
            "pairing_id": pairing.id,
            "order_id": self.order(school, title=f"{marker}Приказ").id,
            "program_id": program.id,
            "activity_id": self.activity(school, program, title=f"{marker}Мероприятие").id,
            "change_id": self.change(school, program, description=f"{marker}Изменение").id,
            "request_id": self.participant_request(school, pairing, reason=f"{marker}Просьба").id,
            "form_id": self.custom_form(school, f"{marker}Форма").id,
            "post_id": self.public_post(school, title=f"{marker}Новость").id,
            "token": self.calendar_feed(school).token,
            "appointment_id": self.appointment(school, consenting).id,
            "target_order_id": self.order(
                school, kind="target_model", title=f"{marker}О реализации целевой модели"
            ).id,
            **self._roadmap_world(school, marker, mentee.staff_id),
            **self._practice_ids(school, marker),
            "questionnaire_id": questionnaire.id,
            "question_id": questionnaire.questions[0].id,
            "assignment_id": self.assignment(school, questionnaire, mentee.staff_id).id,
            # on a request: the person stays in the register's counts, under «Педагог № N»
            "erasure_id": self.erasure(
                school, consenting, "request", request_on=date(2025, 1, 10), request_number="1"
            ).id,
        }

    def erasure(self, school, staff=None, basis="consent_revoked", on=None, by=None, **fields):
        """A teacher's details erased through the privacy service; without `staff`, a new one
        whose data consent was revoked long ago (the term of keeping has passed)."""
        from nastavnik.dates import today
        from nastavnik.tenants.privacy.erasure import erase
        from nastavnik.tenants.staff.models import Staff

        request = {k: fields.pop(k) for k in ("request_on", "request_number") if k in fields}
        staff = staff or self.staff(school, data_hidden=True, **fields)
        with self.in_school(school):
            return erase(self._get(Staff, staff.id), basis, on=on or today(), by=by, **request)

    def _roadmap_world(self, school, marker, staff_id) -> dict[str, int]:
        from nastavnik.tenants.roadmap.models import RoadmapActivity

        roadmap = self.roadmap(school, 2025)
        activity = self.roadmap_activity(
            school, roadmap, content=f"{marker}Мероприятие карты", timing="Октябрь"
        )
        evidence = self.stored_file(school, f"{marker}подтверждение.pdf")
        with self.in_school(school):
            self._get(RoadmapActivity, activity.id).evidence_file_id = evidence.id
        material = self.stored_file(school, f"{marker}материалы.pdf")
        event = self.event(
            school,
            files=[material],
            title=f"{marker}Семинар",
            held_on=date(2025, 10, 20),
            activity_id=activity.id,
            participant_ids=[staff_id],
        )
        return {
            "roadmap_id": roadmap.id,
            "roadmap_activity_id": activity.id,
            "event_id": event.id,
            "material_id": event.materials[0].id,
        }

    def _practice_ids(self, school, marker) -> dict[str, int]:
        from werkzeug.datastructures import FileStorage

        pdf = FileStorage(io.BytesIO(b"%PDF-1.4\n%" + marker.encode() + b"\n"), "practice.pdf")
        practice = self.practice(school, title=f"{marker}Практика", files=[pdf])
        return {"practice_id": practice.id, "attachment_id": practice.files[0].id}


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
def school(make):
    """The school at /s/s1 most tests work in; a folder's conftest may give its own."""
    return make.school("s1")


@pytest.fixture
def curator(make, auth, school):
    """The school's curator, logged in."""
    account = make.account(school, "curator", roles=["curator"])
    auth.login(school, "curator")
    return account


@pytest.fixture
def query(app):
    """Reads the database directly, across schools, to check what was (not) saved."""

    def run(statement):
        with _reading_everything(app) as connection, unscoped("тесты: проверка записанного"):
            return connection.execute(
                sa.text(statement) if isinstance(statement, str) else statement
            ).all()

    return run


@pytest.fixture
def snapshot(app):
    """Everything the platform keeps, of every school: each table's rows and the uploaded files.

    `snapshot()` before and after an action tells whether it changed anything at all. The rows
    are read raw, past the tenant scoping, here and nowhere else in the refusal tests. The
    journal and the login counters are left out: they record the attempt itself (a refusal is
    journalled as a denial), not a change it made; test_journal.py tests them.
    """

    def take() -> tuple[dict[str, list[tuple]], list[tuple[str, int]]]:
        with _reading_everything(app) as conn, unscoped("тесты: снимок всех таблиц"):
            rows = {
                table.name: sorted((tuple(r) for r in conn.execute(table.select())), key=repr)
                for table in db.metadata.sorted_tables
                if table.name not in BOOKKEEPING_TABLES
            }
        folder = Path(app.config["UPLOAD_FOLDER"])
        files = sorted(
            (str(path.relative_to(folder)), path.stat().st_size)
            for path in folder.rglob("*")
            if path.is_file()
        )
        return rows, files

    return take


def pytest_collection_modifyitems(config, items):
    # Row-level security is PostgreSQL's: SQLite has none, so on SQLite its tests are left out
    # (deselected, not skipped: CI allows no skip) and the summary says so. CI's PostgreSQL
    # pass runs them.
    if _on_postgresql():
        return
    left_out = [item for item in items if item.get_closest_marker("postgresql")]
    if left_out:
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]
        config.hook.pytest_deselected(items=left_out)
        config._nastavnik_postgresql_only = len(left_out)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    left_out = getattr(config, "_nastavnik_postgresql_only", 0)
    # Under pytest-xdist the workers collect: the main process does not know how many.
    xdist_main = bool(getattr(config.option, "numprocesses", None))
    if not _on_postgresql() and (left_out or xdist_main):
        how_many = f" — {left_out}" if left_out else ""
        terminalreporter.write_line(
            "Только для PostgreSQL (в SQLite нет защиты строк, RLS): тесты с меткой postgresql "
            f"не запускались{how_many}; они идут в прогоне на PostgreSQL (TEST_DATABASE_URL)."
        )
    # Under CI nothing may skip: a skipped test there is a part that did not run.
    skipped = terminalreporter.stats.get("skipped", [])
    if os.environ.get("CI") == "true" and skipped:
        terminalreporter.write_line(
            f"CI: пропущено тестов — {len(skipped)}; в CI пропусков быть не должно.", red=True
        )
        config._nastavnik_skipped_in_ci = True


def pytest_sessionfinish(session, exitstatus):
    # (An xdist worker has no terminal reporter: its skips are counted by the main process.)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if os.environ.get("CI") == "true" and reporter and reporter.stats.get("skipped"):
        session.exitstatus = 1


# --- LibreOffice, for the files schools save in its formats ------------------------------

# Spreadsheets as schools have them: .ods and .xls made from an .xlsx by LibreOffice itself.
#
# No Python library writes .xls, and a hand-written .ods would test our idea of the format rather
# than LibreOffice's; so the files are converted by `soffice --headless`, once per test session.
# Without LibreOffice the tests that need it are skipped on a developer's machine and FAIL under
# CI (CI=true), as the browser tests treat Chromium.

SOFFICE = Path(shutil.which("soffice") or "/usr/bin/soffice")


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory):
    """convert(xlsx_bytes, "ods" | "xls") → the same workbook saved by LibreOffice."""
    if not SOFFICE.exists():
        message = (
            f"LibreOffice не найден ({SOFFICE}): apt-get install libreoffice-calc / "
            f"LibreOffice not found at {SOFFICE}: apt-get install libreoffice-calc"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("libreoffice")
    # its own profile: parallel test workers never wait on each other's profile lock
    profile = (folder / "profile").as_uri()
    converted: dict[tuple[str, str], bytes] = {}

    def convert(data: bytes, to: str) -> bytes:
        name = hashlib.sha256(data).hexdigest()[:16]
        if (name, to) not in converted:
            source = folder / f"{name}.xlsx"
            source.write_bytes(data)
            subprocess.run(
                [
                    str(SOFFICE),
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    to,
                    "--outdir",
                    str(folder / to),
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=180,
            )
            converted[(name, to)] = (folder / to / f"{name}.{to}").read_bytes()
        return converted[(name, to)]

    return convert
