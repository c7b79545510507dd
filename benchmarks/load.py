"""Load: 60 school users and 5 district users against the platform under a multi-worker server.

    .venv/bin/python benchmarks/load.py                        # SQLite, 2 minutes
    .venv/bin/python benchmarks/load.py --seconds 30           # a short trial
    .venv/bin/python benchmarks/load.py --database-url postgresql://…/db   # tables REBUILT
    make load LOAD_ARGS="--seconds 30"

1. Generates a small region with the platform's own models (admin/demo/region.py): --schools
   schools (10) of about 64 teachers each, and in every school two curators, two mentors (each
   tied to the mentor of a pair at work, with a long plan of activities still to do) and two
   mentees (each asked to fill a questionnaire many times over); five district methodists.
2. Starts the real server on loopback in processes of its own: gunicorn, --workers processes
   of --threads threads (or waitress with --server waitress, one process).
3. 65 users, each a thread with its own session (a bounded loop of requests, not locust:
   README, «Нагрузка»), for --seconds: they log in through the form, then, with a pause of
   --think seconds between pages as a person has, read their pages and write through the real
   forms with their CSRF tokens — curators add teachers, mentors mark activities done, mentees
   send questionnaires; the district users read the overview, the roadmaps and schools' pages.
4. Prints requests per second, the median and p95 of every kind of request, the errors by
   status, then looks in the database for every write the server acknowledged (a redirect to
   where a saved form leads): lost writes must be 0.

Measured here, not asserted: the targets are in issue 13 and the README.
"""

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import requests
from serve import CSRF, add_server_options, settle_threads, start_server, stop

PASSWORD = "nastavnik-load-1"  # noqa: S105  (accounts of a throwaway load database)
CURATOR_READS = ["/", "/staff/", "/banks/mentees/", "/pairings/", "/programs/", "/requests/"]
MENTOR_READS = ["/", "/programs/my", "/programs/{program_id}", "/requests/"]
MENTEE_READS = ["/", "/questionnaires/mine", "/programs/my"]
DISTRICT_READS = ["/district/", "/district/roadmaps", "/district/schools/{slug}"]
ACTIVITIES_PER_MENTOR = 300  # more than one mentor can mark in 2 minutes
ASSIGNMENTS_PER_MENTEE = 300
ANSWER_FIELD = re.compile(r'<textarea[^>]*name="(q\d+)"')


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120, help="length of the load (120)")
    parser.add_argument(
        "--database-url",
        default=None,
        help="SQLAlchemy URL; its tables are dropped and rebuilt (default: a new SQLite file)",
    )
    parser.add_argument("--schools", type=int, default=10, help="schools, 6 users each (10)")
    parser.add_argument("--district-users", type=int, default=5, help="district users (5)")
    add_server_options(parser)
    parser.add_argument(
        "--think",
        default="0.5-2",
        help="a user's pause between two pages, seconds, drawn from the range (0.5-2)",
    )
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args()


def main():
    args = parse_args()
    instance = Path(tempfile.mkdtemp(prefix="nastavnik-load-"))
    os.environ["NASTAVNIK_INSTANCE"] = str(instance)
    url = args.database_url or f"sqlite:///{instance / 'load.db'}"
    os.environ["DATABASE_URL"] = url
    engine_name = url.split(":", 1)[0].split("+")[0]
    settle_threads(args)
    print(f"База: {engine_name}; школ: {args.schools}; папка: {instance}")
    people = generate(args.schools, args.district_users)
    server, base, log = start_server(args, instance)
    try:
        results = run(base, people, args)
    finally:
        stop(server)
        log.close()
    report(results, args, engine_name, base)
    lost = lost_writes(results.acked)
    total = sum(len(v) for v in results.acked.values())
    print(f"\nПодтверждённых сервером записей: {total}; потеряно: {len(lost)}")
    for item in lost[:10]:
        print("  потеряна:", item)
    fivexx = sum(n for status, n in results.errors.items() if str(status).startswith("5"))
    return 1 if lost or fivexx else 0


# --- 1. The region ------------------------------------------------------------------------


def generate(schools: int, district_users: int) -> dict:
    """The schools and their users; what each user will write (activities, questionnaires)."""
    from sqlalchemy import select

    from nastavnik.accounts.services import create_account
    from nastavnik.admin.demo.region import populate_school
    from nastavnik.app import create_app
    from nastavnik.cli import create_school
    from nastavnik.extensions import db
    from nastavnik.tenancy import Scope, scoped, unscoped
    from nastavnik.tenants.pairings.models import Pairing, PairingMember
    from nastavnik.tenants.programs.models import Activity, Program
    from nastavnik.tenants.questionnaires.models import Assignment, Question, Questionnaire
    from nastavnik.tenants.staff.models import Staff

    app = create_app()
    with app.app_context(), unscoped("нагрузка: схема базы"):
        db.drop_all()
        db.create_all()
        db.session.commit()
    people = {"school": [], "district": []}
    started = time.perf_counter()
    today = date.today()
    # this school year's programs, so that an activity can be marked done today
    year_start = date(today.year if today.month >= 9 else today.year - 1, 9, 1)
    with app.app_context():
        for k in range(1, schools + 1):
            with unscoped("нагрузка: новая школа"):
                school = create_school(
                    slug=f"s{k}",
                    name_ru=f"Школа № {k}",
                    name_ce=f"Ишкол {k}",
                    short_name=f"Школа {k}",
                    settlement="с. Курчалой",
                )
                db.session.commit()
            with scoped(Scope.school(school.id)):
                made = populate_school(school, n=12, seed=k, year_start=year_start)
                sid = school.id
                for j in range(2):
                    login = f"curator{j}"
                    create_account(sid, login, f"Куратор {j}", ["curator"], PASSWORD, False)
                    people["school"].append(
                        {"role": "curator", "slug": school.slug, "login": login}
                    )
                questionnaire = Questionnaire(
                    school_id=sid, title="Анкета нагрузки", anonymous=False
                )
                db.session.add(questionnaire)
                db.session.flush()
                db.session.add(
                    Question(
                        school_id=sid,
                        questionnaire_id=questionnaire.id,
                        text="Что получилось на этой неделе?",
                        kind="text",
                    )
                )
                for j, program_id in enumerate(made.program_ids[:2]):
                    program = db.session.get(Program, program_id)
                    pairing_id = program.pairing_id
                    mentor_staff = db.session.get(
                        Staff,
                        db.session.execute(
                            select(Pairing.mentor_staff_id).where(Pairing.id == pairing_id)
                        ).scalar_one(),
                    )
                    mentee_staff_id = db.session.execute(
                        select(PairingMember.mentee_staff_id).where(
                            PairingMember.pairing_id == pairing_id
                        )
                    ).scalar_one()
                    login = f"mentor{j}"
                    account = create_account(
                        sid, login, f"Наставник {j}", ["mentor"], PASSWORD, False
                    )
                    mentor_staff.account_id = account.id
                    activities = [
                        Activity(
                            school_id=sid,
                            program_id=program_id,
                            title=f"Нагрузка: мероприятие {i + 1}",
                            due_on=program.starts_on + timedelta(days=30),
                            responsible="Наставник",
                            status="planned",
                        )
                        for i in range(ACTIVITIES_PER_MENTOR)
                    ]
                    db.session.add_all(activities)
                    login = f"mentee{j}"
                    account = create_account(
                        sid, login, f"Наставляемый {j}", ["mentee"], PASSWORD, False
                    )
                    db.session.get(Staff, mentee_staff_id).account_id = account.id
                    assignments = [
                        Assignment(
                            school_id=sid,
                            questionnaire_id=questionnaire.id,
                            staff_id=mentee_staff_id,
                            due_on=today + timedelta(days=30),
                            assigned_on=today,
                        )
                        for _ in range(ASSIGNMENTS_PER_MENTEE)
                    ]
                    db.session.add_all(assignments)
                    db.session.flush()
                    people["school"].append(
                        {
                            "role": "mentor",
                            "slug": school.slug,
                            "login": f"mentor{j}",
                            "program_id": program_id,
                            "todo": [a.id for a in activities],
                        }
                    )
                    people["school"].append(
                        {
                            "role": "mentee",
                            "slug": school.slug,
                            "login": f"mentee{j}",
                            "todo": [a.id for a in assignments],
                        }
                    )
                db.session.commit()
        with scoped(Scope.district()):
            for j in range(district_users):
                login = f"district{j}"
                create_account(None, login, f"Методист {j}", ["district_admin"], PASSWORD, False)
                people["district"].append({"role": "district", "slug": None, "login": login})
            db.session.commit()
        db.engine.dispose()
    print(
        f"Район создан за {time.perf_counter() - started:.0f} с: "
        f"{len(people['school'])} пользователей школ, {len(people['district'])} района"
    )
    return people


# --- 3. The users ---------------------------------------------------------------------------


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)  # kind → seconds
        self.errors = Counter()  # status (or «нет ответа») → count
        self.examples = {}
        self.refused = Counter()  # kind → forms shown again instead of saved
        self.acked = defaultdict(list)  # what → the writes acknowledged
        self.started = self.ended = 0.0


class User:
    """One person: a session of their own, their pages, their writes, their pauses."""

    def __init__(self, person, base, results, rng, think, deadline):
        self.person = person
        self.base = base
        self.results = results
        self.rng = rng
        self.think = think
        self.deadline = deadline
        self.http = requests.Session()
        self.http.headers["Accept-Encoding"] = "br, gzip"
        self.prefix = f"/s/{person['slug']}" if person["slug"] else "/district"
        self.todo = list(person.get("todo", ()))
        self.n = 0

    def request(self, kind, method, path, **kw):
        started = time.perf_counter()
        try:
            response = self.http.request(
                method, self.base + path, timeout=60, allow_redirects=False, **kw
            )
        except requests.RequestException as error:
            with self.results.lock:
                self.results.errors["нет ответа"] += 1
                self.results.examples.setdefault("нет ответа", f"{method} {path}: {error}")
            return None
        elapsed = time.perf_counter() - started
        with self.results.lock:
            self.results.times[kind].append(elapsed)
            if response.status_code >= 400:
                self.results.errors[response.status_code] += 1
                self.results.examples.setdefault(response.status_code, f"{method} {path}")
        return response

    def pause(self):
        low, high = self.think
        time.sleep(self.rng.uniform(low, high))

    def log_in(self) -> bool:
        while time.monotonic() < self.deadline:
            page = self.request("вход", "GET", f"{self.prefix}/login")
            if page is not None and page.status_code == 200:
                data = {
                    "csrf_token": CSRF.search(page.text).group(1),
                    "login": self.person["login"],
                    "password": PASSWORD,
                }
                answer = self.request("вход", "POST", f"{self.prefix}/login", data=data)
                if answer is not None and answer.status_code == 302:
                    return True
            time.sleep(float(page.headers.get("Retry-After", 1)) if page is not None else 1)
        return False

    def live(self, ramp: float):
        time.sleep(self.rng.uniform(0, ramp))  # people arrive over the first seconds
        if not self.log_in():
            return
        while time.monotonic() < self.deadline:
            self.pause()
            if time.monotonic() >= self.deadline:
                break
            role = self.person["role"]
            if role != "district" and self.rng.random() < 0.3:
                getattr(self, f"write_as_{role}")()
            else:
                self.read()

    def read(self):
        role = self.person["role"]
        pages = {
            "curator": CURATOR_READS,
            "mentor": MENTOR_READS,
            "mentee": MENTEE_READS,
            "district": DISTRICT_READS,
        }[role]
        path = self.rng.choice(pages).format(
            program_id=self.person.get("program_id"), slug=f"s{self.rng.randint(1, 3)}"
        )
        kind = "район: чтение" if role == "district" else "школа: чтение"
        self.request(kind, "GET", path if role == "district" else self.prefix + path)

    def form(self, path):
        page = self.request("школа: форма", "GET", self.prefix + path)
        if page is None or page.status_code != 200:
            return None
        self.pause()  # the person fills the form in
        return page

    def post(self, kind, path, data, page, acknowledged):
        data["csrf_token"] = CSRF.search(page.text).group(1)
        saved = self.request(kind, "POST", self.prefix + path, data=data)
        if saved is None:
            return False
        where = saved.headers.get("Location", "") if saved.status_code in (302, 303) else ""
        if where and re.search(acknowledged, where):
            return True
        if saved.status_code < 400:
            with self.results.lock:
                self.results.refused[kind] += 1
        return False

    def write_as_curator(self):
        page = self.form("/staff/new")
        if page is None:
            return
        self.n += 1
        name = f"Нагрузка-{self.person['slug']}-{self.person['login']}-{self.n}"
        data = {"last_name": name, "first_name": "Зарема", "position": "учитель музыки"}
        if self.post("куратор: новый педагог", "/staff/new", data, page, r"/staff/\d+$"):
            with self.results.lock:
                self.results.acked["staff"].append((self.person["slug"], name))

    def write_as_mentor(self):
        if not self.todo:
            return self.read()
        activity_id = self.todo[0]
        path = f"/programs/activities/{activity_id}/done"
        page = self.form(path)
        if page is None:
            return
        result = f"Проведено (нагрузка {activity_id})"
        data = {"done_on": "", "result": result}
        if self.post("наставник: мероприятие", path, data, page, r"/programs/"):
            self.todo.pop(0)
            with self.results.lock:
                self.results.acked["activity"].append((activity_id, result))

    def write_as_mentee(self):
        if not self.todo:
            return self.read()
        assignment_id = self.todo[0]
        path = f"/questionnaires/fill/{assignment_id}"
        page = self.form(path)
        if page is None:
            return
        field = ANSWER_FIELD.search(page.text)
        text = f"Ответ нагрузки {assignment_id}"
        data = {field.group(1) if field else "q": text, "action": "submit"}
        if self.post("наставляемый: анкета", path, data, page, r"/questionnaires/mine"):
            self.todo.pop(0)
            with self.results.lock:
                self.results.acked["answer"].append((assignment_id, text))


def run(base: str, people: dict, args) -> Results:
    results = Results()
    low, high = (float(x) for x in args.think.split("-"))
    everyone = people["school"] + people["district"]
    deadline = time.monotonic() + args.seconds
    ramp = min(10.0, args.seconds / 6)
    users = [
        User(person, base, results, random.Random(args.seed * 1000 + k), (low, high), deadline)
        for k, person in enumerate(everyone)
    ]
    threads = [threading.Thread(target=u.live, args=(ramp,), daemon=True) for u in users]
    print(
        f"Нагрузка: {len(people['school'])} пользователей школ и {len(people['district'])} "
        f"района, {args.seconds:.0f} с, пауза между страницами {args.think} с…",
        flush=True,
    )
    results.started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(args.seconds + 120)
    results.ended = time.monotonic()
    return results


# --- 4. The report --------------------------------------------------------------------------


def _percentiles(times):
    ordered = sorted(times)
    if len(ordered) < 2:
        return ordered[0], ordered[0]
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return statistics.median(ordered), cuts[94]


def report(results: Results, args, engine_name: str, base: str) -> None:
    seconds = results.ended - results.started
    everything = [t for times in results.times.values() for t in times]
    print()
    print(f"Нагрузка ({engine_name}; сервер {args.server}; {seconds:.0f} с)")
    head = f"{'вид запроса':<26}{'запросов':>9}{'в с':>7}{'медиана':>10}{'p95':>9}{'отказ':>7}"
    print(head)
    print("-" * len(head))
    rows = sorted(results.times.items()) + [("всего", everything)]
    for kind, times in rows:
        if not times:
            continue
        median, p95 = _percentiles(times)
        refused = (
            results.refused.get(kind, "") if kind != "всего" else sum(results.refused.values())
        )
        print(
            f"{kind:<26}{len(times):>9}{len(times) / seconds:>7.1f}{median * 1000:>8.0f}мс"
            f"{p95 * 1000:>7.0f}мс{refused!s:>7}"
        )
    print("(отказ — форма показана снова вместо сохранения; в с — запросов в секунду)")
    errors = ", ".join(f"{status}: {n}" for status, n in sorted(results.errors.items(), key=str))
    print(f"Ошибки по статусу: {errors or 'нет'}")
    for status, example in results.examples.items():
        print(f"  например {status}: {example}")


def lost_writes(acked) -> list:
    """Every acknowledged write, looked for in the database through a connection of its own."""
    from sqlalchemy import select

    from nastavnik.app import create_app
    from nastavnik.extensions import db
    from nastavnik.models import School
    from nastavnik.tenancy import unscoped
    from nastavnik.tenants.programs.models import Activity
    from nastavnik.tenants.questionnaires.models import Answer, Assignment
    from nastavnik.tenants.staff.models import Staff

    app = create_app()
    with app.app_context(), db.engine.connect() as connection:
        with unscoped("нагрузка: проверка подтверждённых записей"):
            staff = set(
                connection.execute(
                    select(School.slug, Staff.last_name)
                    .join(School, School.id == Staff.school_id)
                    .where(Staff.last_name.like("Нагрузка-%"))
                ).tuples()
            )
            done = set(
                connection.execute(
                    select(Activity.id, Activity.result).where(Activity.status == "done")
                ).tuples()
            )
            sent = {
                i
                for (i,) in connection.execute(
                    select(Assignment.id).where(Assignment.status == "submitted")
                )
            }
            texts = {
                t
                for (t,) in connection.execute(
                    select(Answer.text).where(Answer.text.like("Ответ нагрузки %"))
                )
            }
        db.engine.dispose()
    lost = [("педагог",) + w for w in acked["staff"] if w not in staff]
    lost += [("мероприятие",) + w for w in acked["activity"] if w not in done]
    lost += [("анкета",) + w for w in acked["answer"] if w[0] not in sent or w[1] not in texts]
    return lost


if __name__ == "__main__":
    sys.exit(main())
