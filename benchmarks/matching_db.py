"""Time of the proposal page's service on a database: `.venv/bin/python benchmarks/matching_db.py`.

Builds a school of 150 teachers in a temporary SQLite database through the banks' services, then
times what GET /matching/proposal computes: the profiles read from the database plus the exact
assignment, and the whole `proposal()` with every mentee's list of allowed mentors.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

_INSTANCE = Path(tempfile.mkdtemp(prefix="nastavnik-bench-"))
os.environ["NASTAVNIK_INSTANCE"] = str(_INSTANCE)
sys.path.insert(0, str(Path(__file__).parent))

from matching import SUBJECTS  # noqa: E402  (the sibling benchmark's list)

from nastavnik.app import create_app  # noqa: E402
from nastavnik.cli import create_school  # noqa: E402
from nastavnik.extensions import db  # noqa: E402
from nastavnik.tenancy import Scope, scoped, unscoped  # noqa: E402
from nastavnik.tenants.banks.services import add_mentee, add_mentor  # noqa: E402
from nastavnik.tenants.consents.models import Consent  # noqa: E402
from nastavnik.tenants.matching.algorithm import propose_assignment  # noqa: E402
from nastavnik.tenants.matching.services import profiles, proposal  # noqa: E402
from nastavnik.tenants.pairings.services import create_pairing  # noqa: E402
from nastavnik.tenants.staff.models import Staff  # noqa: E402
from nastavnik.tenants.vocabulary import Area, MenteeCategory  # noqa: E402

MENTORS = 50
MENTEES = 100
ALREADY_PAIRED = 10  # mentees already in a pair: their mentors have fewer places left
RUNS = 10
ON = date(2024, 9, 20)
LIMIT_SECONDS = 1.0


def build_school(rng: random.Random) -> None:
    """MENTORS + MENTEES teachers with consents, in the banks, some already paired."""
    signed = date(2024, 9, 1)
    free = {}  # mentors who may be assigned (3.2) -> places left
    for n in range(MENTORS + MENTEES):
        is_mentor = n < MENTORS
        staff = Staff(
            last_name=f"Педагогов{n}",
            first_name="Ахмед",
            middle_name="Исаевич",
            position="учитель",
            subjects=", ".join(rng.sample(SUBJECTS, rng.randint(1, 2))).capitalize(),
            teaching_years=rng.randint(3, 40) if is_mentor else rng.randint(0, 35),
        )
        db.session.add(staff)
        db.session.flush()
        db.session.add(Consent(staff_id=staff.id, kind="personal_data", signed_on=signed))
        duty = is_mentor and rng.random() < 0.9  # a tenth have not yet signed the duties (3.2)
        if duty:
            db.session.add(Consent(staff_id=staff.id, kind="mentor_duty", signed_on=signed))
        db.session.flush()
        if is_mentor:
            capacity = rng.randint(1, 3)
            add_mentor(
                staff.id,
                competences=rng.sample(list(Area), rng.randint(1, 4)),
                capacity=capacity,
                preferred_forms=["traditional"],
                digital_strong=rng.random() < 0.3,
                on=signed,
            )
            if duty:
                free[staff.id] = capacity
        else:
            add_mentee(
                staff.id,
                category=rng.choice(list(MenteeCategory)),
                requests=rng.sample(list(Area), rng.randint(1, 3)),
                difficulties="",
                on=signed,
            )
            if n - MENTORS < ALREADY_PAIRED:
                mentor_id = rng.choice([i for i, left in free.items() if left])
                create_pairing(mentor_id, [staff.id], "traditional", signed)
                free[mentor_id] -= 1
    db.session.commit()


def timed(run) -> tuple[list[float], object]:
    timings = []
    result = None
    for _ in range(RUNS):
        db.session.expunge_all()  # read everything from the database each time, as a request
        started = time.perf_counter()
        result = run()
        timings.append(time.perf_counter() - started)
    return timings, result


def main() -> None:
    app = create_app(
        {
            "SECRET_KEY": "benchmark-only",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{_INSTANCE / 'bench.db'}",
        }
    )
    with app.app_context():
        with unscoped("замер: схема временной базы"):
            db.create_all()
        school = create_school(
            slug="bench",
            name_ru="Школа для замера",
            name_ce="Ишкол",
            short_name="Замер",
            settlement="с. Курчалой",
        )
        db.session.commit()
        with scoped(Scope.school(school.id)):
            build_school(random.Random(131))
            core, assignment = timed(lambda: propose_assignment(*profiles(ON)))
            page, plan = timed(lambda: proposal(ON))
        db.engine.dispose()

    waiting = len(plan.rows)
    print(
        f"Школа из {MENTORS + MENTEES} педагогов в базе SQLite: {MENTORS} наставников, "
        f"{MENTEES} наставляемых, из них {ALREADY_PAIRED} уже в парах, ожидают — {waiting}."
    )
    print(
        f"Профили из базы и точный подбор: медиана {statistics.median(core):.3f} с, "
        f"худшее {max(core):.3f} с ({RUNS} запусков)."
    )
    print(
        f"Вся служба страницы «Подбор пар» (с допустимыми наставниками каждой строки): "
        f"медиана {statistics.median(page):.3f} с, худшее {max(page):.3f} с."
    )
    print(
        f"Пар: {len(assignment.pairs)}, без наставника: {len(assignment.unmatched)}, "
        f"сумма баллов: {assignment.total_score}."
    )
    verdict = "выполнено" if max(page) < LIMIT_SECONDS else "НЕ выполнено"
    print(f"Требование «меньше {LIMIT_SECONDS:.0f} с на школу из 150 педагогов»: {verdict}.")


if __name__ == "__main__":
    main()
