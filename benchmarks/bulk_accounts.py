"""Time of giving accounts to many teachers at once: `.venv/bin/python benchmarks/bulk_accounts.py`.

Builds a school of 40 teachers in a temporary SQLite database, then times, at the production
password-hashing cost, what POST /staff/accounts computes for 20 of them: the suggested logins,
the 20 accounts (each password hashed with argon2) and the sheet of slips (.docx); and counts the
SQL statements of the whole request.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import event

_INSTANCE = Path(tempfile.mkdtemp(prefix="nastavnik-bench-"))
os.environ["NASTAVNIK_INSTANCE"] = str(_INSTANCE)
sys.path.insert(0, str(Path(__file__).parent))

from nastavnik.accounts.services import create_account  # noqa: E402
from nastavnik.app import create_app  # noqa: E402
from nastavnik.cli import create_school  # noqa: E402
from nastavnik.extensions import db  # noqa: E402
from nastavnik.tenancy import Scope, scoped, unscoped  # noqa: E402
from nastavnik.tenants.staff.services import create_staff  # noqa: E402

TEACHERS, CHOSEN, RUNS = 40, 20, 5
SURNAMES = ("Магомадова", "Джамалдинова", "Денилханов", "Шахбиев", "Юсупова", "Цуев", "Хасанова")


def main() -> None:
    app = create_app(
        {
            "SECRET_KEY": "benchmark-only",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{_INSTANCE / 'bench.db'}",
            "WTF_CSRF_ENABLED": False,
        }
    )
    with app.app_context():
        with unscoped("замер: схема временной базы"):
            db.create_all()
        school = create_school(
            slug="bench", name_ru="Школа для замера", name_ce="Ишкол", short_name="Замер",
            settlement="с. Курчалой",
        )  # fmt: skip
        db.session.commit()
        with scoped(Scope.school(school.id)):
            create_account(school.id, "curator", "Куратор", ["curator"], "пароль-замера-42", False)
            ids = [
                create_staff(
                    last_name=f"{SURNAMES[n % len(SURNAMES)]}{'а' * (n // len(SURNAMES))}",
                    first_name="Марьям",
                    position="учитель",
                ).id
                for n in range(TEACHERS)
            ]
            db.session.commit()

    statements = []
    event.listen(_engine(app), "before_cursor_execute", lambda *a: statements.append(a[2]))
    client = app.test_client()
    client.post("/s/bench/login", data={"login": "curator", "password": "пароль-замера-42"})
    timings, counts = [], []
    for run in range(RUNS):
        chosen = ids[:CHOSEN] if run == 0 else _new_teachers(app, school.id, run)
        data = _rows(chosen, run)
        statements.clear()
        started = time.perf_counter()
        response = client.post("/s/bench/staff/accounts", data=data)
        timings.append(time.perf_counter() - started)
        counts.append(len(statements))
        assert "Новых учётных записей: 20" in response.get_data(as_text=True), run
    print(f"Учётные записи {CHOSEN} педагогам сразу (SQLite, argon2 с рабочими параметрами):")
    print(
        f"  весь запрос POST /staff/accounts с листом памяток: медиана "
        f"{statistics.median(timings):.2f} с, худшее {max(timings):.2f} с ({RUNS} запусков)"
    )
    print(f"  SQL-запросов за запрос: {sorted(set(counts))}")


def _new_teachers(app, school_id: int, run: int) -> list[int]:
    """Every run gives accounts to 20 teachers who have none yet."""
    with app.app_context(), scoped(Scope.school(school_id)):
        fresh = [
            create_staff(last_name=f"Новая{run}{'а' * n}", first_name="Седа", position="учитель")
            for n in range(CHOSEN)
        ]
        db.session.commit()
        return [staff.id for staff in fresh]


def _engine(app):
    with app.app_context():
        return db.engine


def _rows(chosen: list[int], run: int) -> dict:
    """The form as the curator sends it: a login and a role for each teacher."""
    data: dict = {}
    for n, staff_id in enumerate(chosen):
        data |= {f"rows-{n}-staff_id": staff_id, f"rows-{n}-login": f"r{run}.t{n}"}
        data[f"rows-{n}-roles"] = ["mentee"]
    return data


if __name__ == "__main__":
    main()
