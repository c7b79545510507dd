"""Time of the selection of pairs for a large school: `.venv/bin/python benchmarks/matching.py`."""

import random
import statistics
import time

from nastavnik.tenants.matching.algorithm import (
    MenteeProfile,
    MentorProfile,
    propose_assignment,
)
from nastavnik.tenants.vocabulary import Area, MenteeCategory

AREA_LIST = list(Area)
CATEGORY_LIST = list(MenteeCategory)

MENTORS = 50
MENTEES = 100
RUNS = 20
SUBJECTS = (
    "математика",
    "русский язык",
    "чеченский язык",
    "английский язык",
    "физика",
    "химия",
    "биология",
    "история",
    "география",
    "информатика",
    "начальные классы",
    "физическая культура",
)


def random_school(rng: random.Random) -> tuple[list[MenteeProfile], list[MentorProfile]]:
    """A seeded school of MENTORS + MENTEES teachers, some without consent or free places."""
    mentors = [
        MentorProfile(
            staff_id=staff_id,
            name=f"Наставник {staff_id}",
            competences=frozenset(rng.sample(AREA_LIST, rng.randint(1, 4))),
            subjects=frozenset(rng.sample(SUBJECTS, rng.randint(1, 2))),
            teaching_years=rng.randint(3, 40),
            capacity_left=rng.randint(0, 3),
            eligible=rng.random() < 0.9,
            young=rng.random() < 0.15,
            digital_strong=rng.random() < 0.3,
        )
        for staff_id in range(1, MENTORS + 1)
    ]
    mentees = [
        MenteeProfile(
            staff_id=staff_id,
            name=f"Наставляемый {staff_id}",
            category=rng.choice(CATEGORY_LIST),
            requests=frozenset(rng.sample(AREA_LIST, rng.randint(1, 3))),
            subjects=frozenset(rng.sample(SUBJECTS, rng.randint(1, 2))),
            teaching_years=rng.randint(0, 35),
            eligible=rng.random() < 0.95,
        )
        for staff_id in range(MENTORS + 1, MENTORS + MENTEES + 1)
    ]
    return mentees, mentors


def main() -> None:
    mentees, mentors = random_school(random.Random(131))
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        assignment = propose_assignment(mentees, mentors)
        timings.append(time.perf_counter() - started)
    places = sum(max(mentor.capacity_left, 0) for mentor in mentors if mentor.eligible)
    print(
        f"Подбор для школы из {MENTORS + MENTEES} педагогов "
        f"({MENTORS} наставников, {MENTEES} наставляемых, {places} свободных мест): "
        f"медиана {statistics.median(timings):.3f} с, лучшее {min(timings):.3f} с "
        f"({RUNS} запусков)"
    )
    print(
        f"Пар: {len(assignment.pairs)}, без наставника: {len(assignment.unmatched)}, "
        f"сумма баллов: {assignment.total_score}"
    )


if __name__ == "__main__":
    main()
