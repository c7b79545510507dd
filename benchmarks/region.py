"""A region of N schools: the time of every page, its queries, its bare SQL, and a concurrent mix.

    .venv/bin/python benchmarks/region.py                      # 500 schools, SQLite, 60 s mix
    .venv/bin/python benchmarks/region.py --schools 50 --mix-seconds 20      # a quick run
    .venv/bin/python benchmarks/region.py --database-url postgresql://…/db   # tables REBUILT
    .venv/bin/python benchmarks/region.py --only-district --instance /tmp/region   # district
        pages only (overview, roadmap matrix), no mix; the SQLite region kept and reused; last,
        the overview's recompute without the cache (median, queries, bare SQL, ratio)
    .venv/bin/python benchmarks/region.py --schools 5 --only-school --instance /tmp/region
        # the large school's pages only (add --pages matching,staff to narrow them)

1. Generates the region with the platform's own models (admin/demo/region.py): N ordinary
   schools of about 64 teachers, and one large school (600 teachers, 150 mentors, 150 pairs
   and programs, 200 mentees waiting for the matching).
2. For the district page and every page of the large school (curator, mentor, mentee), through
   the app in this process: median and p95 over --runs requests, the number of SQL queries (and
   at an ordinary school), the KB of HTML, the time of the same statements replayed on a raw
   connection of the driver (bare SQL), and the ratio page ÷ bare SQL.
3. A bounded concurrent mix against the real server on loopback, as the README recommends it
   (gunicorn, 5 processes of 1 thread; --workers, --threads, --server waitress --threads 8 to
   compare): 16 clients, each a thread with no pause, log in, read pages and add teachers
   through the real form with its CSRF token; then every write the server acknowledged (302 to
   the new teacher's card) is looked for in the database. --only-mix runs only this.

Measured here, not asserted: the targets are in issue 8 and the README.
"""

import argparse
import atexit
import os
import pickle
import random
import re
import shutil
import statistics
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import requests
import sqlalchemy as sa
from serve import CSRF, add_server_options, settle_threads, start_server, stop
from sqlalchemy import event, select
from tqdm import tqdm

PASSWORD = "nastavnik-bench-1"  # noqa: S105  (accounts of a throwaway benchmark database)
LARGE = {"n": 150, "waiting": 200, "others": 100}  # 600 teachers
ORDINARY_N = 12  # about 64 teachers, 250 rows

DISTRICT_PAGES = [
    "/district/",
    "/district/roadmaps",
    "/district/schools/large",
    "/district/schools/large/roadmap",
    "/district/schools/large/figures.xlsx",
    "/district/export.xlsx",
    "/district/export.csv",
    "/district/report.docx",
]
CURATOR_PAGES = [
    "/",
    "/staff/",
    "/consents/",
    "/banks/mentors/",
    "/banks/mentees/",
    "/banks/mentees/new",
    "/matching/proposal",
    "/matching/unmatched",
    "/pairings/",
    "/pairings/new",
    "/pairings/{pairing_id}",
    "/programs/",
    "/programs/{program_id}",
    "/orders/",
    "/orders/draft-pairings",
    "/requests/",
]
PARTICIPANT_PAGES = ["/", "/programs/my", "/requests/", "/calendar/"]
MIX_READS = ["/", "/staff/", "/banks/mentees/", "/pairings/", "/programs/", "/requests/"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=500, help="ordinary schools (500)")
    parser.add_argument(
        "--database-url",
        default=None,
        help="SQLAlchemy URL; its tables are dropped and rebuilt (default: a new SQLite file)",
    )
    parser.add_argument("--runs", type=int, default=20, help="requests per page (20)")
    parser.add_argument("--mix-seconds", type=float, default=60, help="length of the mix (60)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (16)")
    add_server_options(parser)
    parser.add_argument(
        "--only-district",
        action="store_true",
        help="only the district pages (overview, matrix, a school's page, exports); no mix",
    )
    parser.add_argument(
        "--rls",
        action="store_true",
        help="PostgreSQL: the app as its role behind row-level security (NASTAVNIK_DB_ROLE); "
        "without it the login role (the owner) reads past the policies",
    )
    parser.add_argument(
        "--only-school",
        action="store_true",
        help="only the large school's pages (curator, mentor, mentee); no district pages, no mix",
    )
    parser.add_argument(
        "--only-mix",
        action="store_true",
        help="only the concurrent mix (no page table)",
    )
    parser.add_argument(
        "--pages",
        default=None,
        help="only the pages whose path contains one of these comma-separated parts",
    )
    parser.add_argument(
        "--instance",
        default=None,
        help="a folder to keep the SQLite region in; a region already there is reused",
    )
    return parser.parse_args()


def main():
    args = parse_args()
    if args.instance:
        instance = Path(args.instance).resolve()
        instance.mkdir(parents=True, exist_ok=True)
    else:
        instance = Path(tempfile.mkdtemp(prefix="nastavnik-region-"))
        # Not kept (that is what --instance is for): the region's database goes with the run.
        atexit.register(shutil.rmtree, instance, ignore_errors=True)
    os.environ["NASTAVNIK_INSTANCE"] = str(instance)
    url = args.database_url or f"sqlite:///{instance / f'region-{args.schools}.db'}"
    os.environ["DATABASE_URL"] = url
    if args.rls:
        from nastavnik.rls import APP_ROLE

        os.environ["NASTAVNIK_DB_ROLE"] = APP_ROLE  # the server of the mix too

    from nastavnik.app import create_app
    from nastavnik.extensions import db

    # The in-process pages log in once per role; the login limiter counts in memory here.
    app = create_app({"WTF_CSRF_ENABLED": False, "THROTTLE_STORAGE_URI": "memory://"})
    engine_name = url.split(":", 1)[0]
    rls = "; защита строк (RLS)" if args.rls else ""
    print(f"База: {engine_name}{rls}; обычных школ: {args.schools}; папка: {instance}")
    kept = instance / f"region-{args.schools}.made"
    if args.instance and kept.exists():
        made = pickle.loads(kept.read_bytes())  # noqa: S301  (our own file, written below)
        print(f"Район из {kept}")
    else:
        made = generate(app, args.schools)
        if args.instance:
            kept.write_bytes(pickle.dumps(made))
    with app.app_context():
        engine = db.engine
    if args.only_mix:
        mix(url, instance, made, args)
        return
    rows = measure(
        app,
        engine,
        made,
        args.runs,
        only_district=args.only_district,
        only_school=args.only_school,
        pages=args.pages.split(",") if args.pages else None,
    )
    print_table(rows, args.schools, engine_name)
    if not (args.only_district or args.only_school):
        mix(url, instance, made, args)


# --- 1. The region ------------------------------------------------------------------------


def generate(app, schools: int) -> dict:
    from nastavnik.accounts.services import create_account
    from nastavnik.admin.demo.region import populate_school, users
    from nastavnik.cli import create_school
    from nastavnik.extensions import db
    from nastavnik.rls import protect
    from nastavnik.tenancy import Scope, scoped, unscoped

    with app.app_context(), unscoped("бенчмарк: схема базы"):
        # As the login role, the schema's owner: the app's may be one that only reads and writes.
        owner = sa.create_engine(db.engine.url)
        with owner.begin() as connection:
            db.metadata.drop_all(connection)
            db.metadata.create_all(connection)
            protect(connection)  # PostgreSQL: as migration 0014
        owner.dispose()
    made = {"ordinary": []}
    started = time.perf_counter()
    with app.app_context():
        for k in tqdm(range(schools + 1), desc="Школы района", unit="шк"):
            large = k == 0
            with unscoped("бенчмарк: новая школа"):
                school = create_school(
                    slug="large" if large else f"s{k}",
                    name_ru="Большая школа" if large else f"Школа № {k}",
                    name_ce=f"Ишкол {k}",
                    short_name="Большая" if large else f"Школа {k}",
                    settlement="с. Курчалой",
                )
                db.session.commit()
            with scoped(Scope.school(school.id)):
                size = LARGE if large else {"n": ORDINARY_N}
                built = populate_school(school, **size, seed=k)
                if large or k <= 8:
                    logins = users(school, built, PASSWORD)
                    mixers = [f"mix{j}" for j in range(8 if large else 1)]
                    for login in mixers:
                        create_account(
                            school.id, login, "Куратор смеси", ["curator"], PASSWORD, False
                        )
                    entry = {"slug": school.slug, "made": built, "logins": logins, "mix": mixers}
                    if large:
                        made["large"] = entry
                    else:
                        made["ordinary"].append(entry)
                db.session.commit()
        with scoped(Scope.district()):
            create_account(
                None, "district", "Районный методист", ["district_admin"], PASSWORD, False
            )
            db.session.commit()
    print(f"Район создан за {time.perf_counter() - started:.0f} с")
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            # In service autovacuum has long vacuumed and analysed the tables; measured at once,
            # the planner would have no statistics of a region loaded a second ago, and
            # autovacuum would set about the 225,000 new rows in the middle of the measurement.
            owner = sa.create_engine(db.engine.url, isolation_level="AUTOCOMMIT")
            with owner.connect() as connection:
                connection.exec_driver_sql("VACUUM ANALYZE")
            owner.dispose()
    return made


# --- 2. The pages ---------------------------------------------------------------------------


@contextmanager
def captured(engine):
    statements = []

    def note(conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith(("BEGIN", "SAVEPOINT", "RELEASE")):
            statements.append((statement, parameters, executemany))

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", note)


def bare_sql(engine, statements, runs: int = 5) -> float:
    """Median seconds to run the statements on a raw DB-API connection, results fetched."""
    times = []
    raw = engine.raw_connection()
    try:
        for _ in range(runs):
            cursor = raw.cursor()
            started = time.perf_counter()
            for statement, parameters, many in statements:
                if many or statement.startswith("INSERT INTO journal_entry"):
                    # (The journal's entry names the id it took from the sequence: written
                    # again, it would collide with itself.)
                    continue
                cursor.execute(statement, parameters)
                if cursor.description:
                    cursor.fetchall()
            times.append(time.perf_counter() - started)
            cursor.close()
            raw.rollback()
    finally:
        raw.close()
    return statistics.median(times)


def logged_in(app, slug: str | None, login: str):
    client = app.test_client()
    path = f"/s/{slug}/login" if slug else "/district/login"
    response = client.post(path, data={"login": login, "password": PASSWORD})
    assert response.status_code == 302, (path, login, response.status_code)
    return client


def _client(clients: dict, key: str, app, slug: str | None, login: str):
    # Logged in once per role (a login per page would meet the login limiter's 429).
    if key not in clients:
        clients[key] = logged_in(app, slug, login)
    return clients[key]


def one_page(app, engine, client, url: str, runs: int) -> dict:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    with captured(engine) as statements:
        client.get(url)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
    return {
        "median": statistics.median(times),
        "p95": statistics.quantiles(times, n=20)[18] if len(times) >= 2 else times[0],
        "queries": len(statements),
        "kb": len(response.get_data()) / 1024,
        "kb_sent": len(client.get(url, headers={"Accept-Encoding": "br, gzip"}).get_data()) / 1024,
        "bare": bare_sql(engine, statements),
    }


def measure(
    app,
    engine,
    made: dict,
    runs: int,
    only_district: bool = False,
    only_school: bool = False,
    pages: list[str] | None = None,
) -> list[dict]:
    large, ordinary = made["large"], made["ordinary"][0]
    plan = [] if only_school else [("район", None, p) for p in DISTRICT_PAGES]
    if not only_district:
        plan += [("куратор", "curator", p) for p in CURATOR_PAGES]
        plan += [("наставник", "mentor", p) for p in PARTICIPANT_PAGES]
        plan += [("наставляемый", "mentee", p) for p in PARTICIPANT_PAGES]
    if pages:
        plan = [step for step in plan if any(part in step[2] for part in pages)]
    clients = {}
    rows = []
    for label, role, path in tqdm(plan, desc="Страницы", unit="стр"):
        if role is None:
            client = _client(clients, "district", app, None, "district")
            row = one_page(app, engine, client, path, runs)
            row["queries_small"] = None
        else:
            ids = {"pairing_id": large["made"].pairing_id, "program_id": large["made"].program_id}
            client = _client(clients, role, app, large["slug"], large["logins"][role])
            row = one_page(app, engine, client, f"/s/large{path.format(**ids)}", runs)
            small_ids = {
                "pairing_id": ordinary["made"].pairing_id,
                "program_id": ordinary["made"].program_id,
            }
            small = _client(
                clients, f"small-{role}", app, ordinary["slug"], ordinary["logins"][role]
            )
            with captured(engine) as statements:
                assert (
                    small.get(f"/s/{ordinary['slug']}{path.format(**small_ids)}").status_code == 200
                )
            row["queries_small"] = len(statements)
        rows.append({"who": label, "page": path, **row})
    rows.append({"who": "район", "page": "пересчёт сводки", **recompute(app, engine, runs)})
    return rows


def recompute(app, engine, runs: int) -> dict:
    """The overview of this year computed anew, without the cache (what the page does once a
    minute): `compute_overview` in the app's process, its statements, their bare SQL."""
    from nastavnik.admin.dashboard.figures import compute_overview
    from nastavnik.dates import AcademicYear, today
    from nastavnik.tenancy import Scope, scoped

    year = AcademicYear.containing(today())
    with app.app_context(), scoped(Scope.district()):
        compute_overview(year, today())  # warm: the years known, the statements compiled
        with captured(engine) as statements:
            compute_overview(year, today())
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            compute_overview(year, today())
            times.append(time.perf_counter() - started)
    return {
        "median": statistics.median(times),
        "p95": statistics.quantiles(times, n=20)[18] if len(times) >= 2 else times[0],
        "queries": len(statements),
        "queries_small": None,
        "kb": 0,
        "kb_sent": 0,
        "bare": bare_sql(engine, statements),
    }


def print_table(rows, schools: int, engine_name: str) -> None:
    print()
    print(f"Страницы ({engine_name}; район: {schools + 1} школ; большая школа: 600 педагогов)")
    head = (
        f"{'кто':<13}{'страница':<25}{'медиана':>9}{'p95':>8}{'запросов':>10}"
        f"{'(64 пед.)':>10}{'КБ HTML':>9}{'сжато':>7}{'SQL':>8}{'×SQL':>7}"
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        small = "" if r["queries_small"] is None else str(r["queries_small"])
        ratio = r["median"] / r["bare"] if r["bare"] else float("inf")
        print(
            f"{r['who']:<13}{r['page']:<25}{r['median'] * 1000:>7.0f}мс{r['p95'] * 1000:>6.0f}мс"
            f"{r['queries']:>10}{small:>10}{r['kb']:>9.0f}{r['kb_sent']:>7.0f}"
            f"{r['bare'] * 1000:>6.1f}мс{ratio:>7.1f}"
        )
    print("(медиана и p95 — время страницы в процессе приложения, без сети; SQL — те же запросы")
    print(" на «голом» соединении драйвера; ×SQL — во сколько раз страница дольше своего SQL;")
    print(" «пересчёт сводки» — compute_overview без кэша, что страница делает раз в минуту)")


# --- 3. The concurrent mix --------------------------------------------------------------------


def mix(url: str, instance: Path, made: dict, args) -> None:
    settle_threads(args)
    server, base, log = start_server(args, instance)
    accounts = [(made["large"]["slug"], login) for login in made["large"]["mix"]]
    accounts += [(e["slug"], login) for e in made["ordinary"] for login in e["mix"]]
    results = {"times": [], "errors": [], "acked": [], "reads": 0, "writes": 0}
    lock = threading.Lock()
    deadline = time.monotonic() + args.mix_seconds
    run = int(time.time()) % 100_000  # names new in a region kept from an earlier run

    def client(k: int) -> None:
        slug, login = accounts[k % len(accounts)]
        rng = random.Random(k)
        http = requests.Session()
        http.headers["Accept-Encoding"] = "br, gzip"

        def timed(method, path, **kw):
            started = time.perf_counter()
            try:
                response = http.request(method, base + path, timeout=30, **kw)
            except requests.RequestException as error:
                with lock:
                    results["errors"].append(f"{method} {path}: {error}")
                return None
            with lock:
                results["times"].append(time.perf_counter() - started)
                if response.status_code >= 400:
                    results["errors"].append(f"{method} {path}: HTTP {response.status_code}")
            return response

        for _attempt in range(5):  # a 503 asks to come back after Retry-After (counted)
            page = timed("GET", f"/s/{slug}/login")
            token = CSRF.search(page.text).group(1)
            answer = timed(
                "POST",
                f"/s/{slug}/login",
                data={"csrf_token": token, "login": login, "password": PASSWORD},
                allow_redirects=False,
            )
            if answer is not None and answer.status_code == 302:
                break
            time.sleep(float(answer.headers.get("Retry-After", 1)) if answer is not None else 1)
        n = 0
        while time.monotonic() < deadline:
            if rng.random() < 0.2:
                form = timed("GET", f"/s/{slug}/staff/new")
                if form is None or form.status_code != 200:
                    continue
                n += 1
                name = f"Смесь{run}-{k}-{n}"
                data = {
                    "csrf_token": CSRF.search(form.text).group(1),
                    "last_name": name,
                    "first_name": "Зарема",
                    "position": "учитель музыки",
                }
                saved = timed("POST", f"/s/{slug}/staff/new", data=data, allow_redirects=False)
                with lock:
                    results["writes"] += 1
                    # Acknowledged: sent on to the new teacher's card (not to a login page).
                    where = saved.headers.get("Location", "") if saved is not None else ""
                    if (
                        saved is not None
                        and saved.status_code == 302
                        and re.search(r"/staff/\d+$", where)
                    ):
                        results["acked"].append((slug, name))
            else:
                timed("GET", f"/s/{slug}{rng.choice(MIX_READS)}")
                with lock:
                    results["reads"] += 1

    print(f"Смесь: {args.clients} клиентов, {args.mix_seconds:.0f} с")
    workers = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
    for w in workers:
        w.start()
    for w in tqdm(workers, desc="Клиенты", unit="кл"):
        w.join()
    stop(server)
    log.close()
    lost = lost_writes(results["acked"])
    times = sorted(results["times"])
    p = statistics.quantiles(times, n=100) if len(times) > 1 else times * 99
    print(
        f"запросов: {len(times)} (чтений {results['reads']}, записей {results['writes']}); "
        f"ошибок: {len(results['errors'])}; медиана {p[49] * 1000:.0f} мс, "
        f"p95 {p[94] * 1000:.0f} мс, макс. {times[-1] * 1000:.0f} мс"
    )
    print(f"подтверждённых записей: {len(results['acked'])}; потеряно: {len(lost)}")
    for error in results["errors"][:10]:
        print("  ошибка:", error)


def lost_writes(acked) -> list:
    from nastavnik.app import create_app
    from nastavnik.extensions import db
    from nastavnik.models import School
    from nastavnik.rls import as_owner
    from nastavnik.tenancy import unscoped
    from nastavnik.tenants.staff.models import Staff

    app = create_app()
    with app.app_context(), db.engine.connect() as connection, as_owner(connection):
        with unscoped("бенчмарк: проверка записанного смесью"):
            found = set(
                connection.execute(
                    select(School.slug, Staff.last_name)
                    .join(School, School.id == Staff.school_id)
                    .where(Staff.last_name.like("Смесь%"))
                ).tuples()
            )
        db.engine.dispose()
    return [w for w in acked if w not in found]


if __name__ == "__main__":
    main()
