"""Selection of mentoring pairs (section 6.1): who can mentor whom, how well, and the best plan.

Pure functions over plain profiles: no Flask, no database. The curator sees every score with its
reasons in Russian; the proposal is only a proposal — pairs are formed voluntarily and approved by
the director's order (6.2).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from nastavnik.tenants.vocabulary import Area, MenteeCategory

# The areas in the order of the list, as a tuple: scoring runs over it for every pair, and a
# tuple is several times quicker to run over than the enumeration itself.
AREAS = tuple(Area)
AREA_LABELS = Area.labels()

# 6.1: the mentor's competences must answer the mentee's requests, so they weigh the most.
REQUEST_WEIGHT = 10  # per request answered by a competence
SUBJECT_WEIGHT = 6  # at least one subject in common
EXPERIENCE_YEARS_PER_POINT = 2  # a point per two years (or part) the mentor has more...
EXPERIENCE_CAP = 5  # ...up to this many points
REVERSE_DIGITAL_WEIGHT = 3  # reverse mentoring (2.3): the mentor is stronger in the digital domain
REVERSE_YOUNG_WEIGHT = 2  # reverse mentoring: the mentor is a young teacher
CAPACITY_WEIGHT = 1  # per free place, a tie-breaker spreading the load...
CAPACITY_CAP = 3  # ...up to this many places

MENTOR_NOT_ELIGIBLE = (
    "Нет действующего согласия наставника на обработку персональных данных "
    "или на исполнение обязанностей наставника"
)
MENTEE_NOT_ELIGIBLE = "Нет действующего согласия наставляемого на обработку персональных данных"
NO_PLACES = "Все места наставника заняты"
SELF_MENTORING = "Нельзя быть наставником самому себе"


@dataclass(frozen=True)
class MentorProfile:
    staff_id: int
    name: str
    competences: frozenset[str]  # codes of Area
    subjects: frozenset[str]  # lower-cased subject names
    teaching_years: int
    capacity_left: int  # how many more mentees now
    eligible: bool  # a valid consent to data processing AND to the mentor's duties
    young: bool = False  # a young teacher (for reverse mentoring)
    digital_strong: bool = False  # can lead in the digital environment (reverse mentoring)

    def __post_init__(self):
        _check_areas(self.competences, self.name)


@dataclass(frozen=True)
class MenteeProfile:
    staff_id: int
    name: str
    category: str  # a code of MenteeCategory
    requests: frozenset[str]  # codes of Area
    subjects: frozenset[str]  # lower-cased subject names
    teaching_years: int
    eligible: bool  # a valid consent to data processing

    def __post_init__(self):
        if MenteeCategory.parse(self.category) is None:
            raise ValueError(f"Unknown mentee category {self.category!r} for {self.name}")
        _check_areas(self.requests, self.name)


@dataclass(frozen=True)
class Fit:
    mentor_id: int
    mentee_id: int
    score: int  # higher is better
    reasons: tuple[str, ...]  # what the score is made of, for the curator
    blockers: tuple[str, ...]  # why the pair is impossible; empty if allowed

    @property
    def allowed(self) -> bool:
        return not self.blockers


@dataclass
class Assignment:
    pairs: list[Fit]  # the chosen pairs, by the mentee's name
    unmatched: list[MenteeProfile]  # nobody allowed or no place left: stage 5 of the roadmap
    total_score: int


def blockers_of(mentor: MentorProfile, mentee: MenteeProfile) -> tuple[str, ...]:
    """Why the pair is impossible (6.1); empty if it is allowed."""
    blockers = []
    if mentor.staff_id == mentee.staff_id:
        blockers.append(SELF_MENTORING)
    if not mentor.eligible:
        blockers.append(MENTOR_NOT_ELIGIBLE)
    if not mentee.eligible:
        blockers.append(MENTEE_NOT_ELIGIBLE)
    if mentor.capacity_left <= 0:
        blockers.append(NO_PLACES)
    return tuple(blockers)


def evaluate(mentor: MentorProfile, mentee: MenteeProfile) -> Fit:
    """How well the mentor answers the mentee (6.1), with the reasons, or why they cannot pair."""
    blockers = blockers_of(mentor, mentee)
    if mentor.staff_id == mentee.staff_id:
        # Nothing to weigh: the person's competences "answering" their own requests means nothing.
        return Fit(mentor.staff_id, mentee.staff_id, 0, (), blockers)

    score = 0
    reasons = []

    answered = [area for area in AREAS if area in mentee.requests and area in mentor.competences]
    unanswered = [area for area in AREAS if area in mentee.requests and area not in answered]
    if answered:
        score += REQUEST_WEIGHT * len(answered)
        reasons.append(f"Компетенции отвечают запросам: {_labels(answered)}")
    if unanswered:
        reasons.append(f"Запросы без ответа: {_labels(unanswered)}")

    shared = sorted(mentor.subjects & mentee.subjects)
    if shared:
        score += SUBJECT_WEIGHT
        if len(shared) == 1:
            reasons.append(f"Преподаёт тот же предмет: {shared[0]}")
        else:
            reasons.append(f"Преподаёт те же предметы: {', '.join(shared)}")

    gap = mentor.teaching_years - mentee.teaching_years
    if mentee.category == MenteeCategory.REVERSE:
        # 2.3: in reverse mentoring the younger one leads in new technologies.
        if mentor.digital_strong:
            score += REVERSE_DIGITAL_WEIGHT
        if mentor.young:
            score += REVERSE_YOUNG_WEIGHT
        if mentor.digital_strong and mentor.young:
            reasons.append("Обратное наставничество: молодой педагог сильнее в цифровой среде")
        elif mentor.digital_strong:
            reasons.append("Обратное наставничество: наставник сильнее в цифровой среде")
        elif mentor.young:
            reasons.append("Обратное наставничество: наставник — молодой педагог")
    elif gap > 0:
        score += min(-(-gap // EXPERIENCE_YEARS_PER_POINT), EXPERIENCE_CAP)
        reasons.append(f"Стаж больше на {_years(gap)}")
    elif gap < 0:
        reasons.append(f"Стаж наставника меньше на {_years(-gap)}")

    if mentor.capacity_left > 0:
        score += CAPACITY_WEIGHT * min(mentor.capacity_left, CAPACITY_CAP)
        reasons.append(f"Свободных мест: {mentor.capacity_left}")

    return Fit(mentor.staff_id, mentee.staff_id, score, tuple(reasons), blockers)


@dataclass(frozen=True)
class Table:
    """evaluate()'s score and whether the pair is allowed, for every pair at once.

    Rows are the mentees, columns the mentors, in the order given. The same numbers as
    evaluate() (a test compares them pair by pair), computed with whole-array operations: the
    proposal weighs 200 mentees by 150 mentors, and the reasons in Russian are only written for
    the pairs a page shows (`evaluate`).
    """

    score: np.ndarray  # int64, mentees × mentors
    allowed: np.ndarray  # bool, mentees × mentors

    def best(self, i: int, mentors: Sequence[MentorProfile], order: np.ndarray) -> np.ndarray:
        """The allowed mentors of mentee i, best first (ties by name, then id, as rank_mentors);
        `order` is `by_name(mentors)`."""
        columns = np.flatnonzero(self.allowed[i])
        return columns[np.lexsort((order[columns], -self.score[i, columns]))]


def by_name(mentors: Sequence[MentorProfile]) -> np.ndarray:
    """Each mentor's place in the order by (name, staff id): the tie-break of a ranking."""
    places = np.empty(len(mentors), dtype=np.int64)
    ranked = sorted(range(len(mentors)), key=lambda j: (mentors[j].name, mentors[j].staff_id))
    places[ranked] = np.arange(len(mentors))
    return places


def score_table(mentees: Sequence[MenteeProfile], mentors: Sequence[MentorProfile]) -> Table:
    n, m = len(mentees), len(mentors)
    requests = _flags([p.requests for p in mentees], AREAS)
    competences = _flags([p.competences for p in mentors], AREAS)
    subjects = sorted({s for p in (*mentees, *mentors) for s in p.subjects})
    shared = (
        _flags([p.subjects for p in mentees], subjects)
        @ _flags([p.subjects for p in mentors], subjects).T
    )
    score = REQUEST_WEIGHT * (requests @ competences.T) + SUBJECT_WEIGHT * (shared > 0)

    def column(values):
        return np.array(values, dtype=np.int64).reshape(-1)

    mentor_years = column([p.teaching_years for p in mentors])
    mentee_years = column([p.teaching_years for p in mentees])
    gap = mentor_years[None, :] - mentee_years[:, None]
    experience = np.where(
        gap > 0, np.minimum(-(-gap // EXPERIENCE_YEARS_PER_POINT), EXPERIENCE_CAP), 0
    )
    digital = column([p.digital_strong for p in mentors])
    young = column([p.young for p in mentors])
    reverse_bonus = REVERSE_DIGITAL_WEIGHT * digital + REVERSE_YOUNG_WEIGHT * young
    reverse = column([p.category == MenteeCategory.REVERSE for p in mentees]).astype(bool)
    score = score + np.where(reverse[:, None], reverse_bonus[None, :], experience)
    places = column([p.capacity_left for p in mentors])
    score = score + np.where(places > 0, CAPACITY_WEIGHT * np.minimum(places, CAPACITY_CAP), 0)
    oneself = (
        column([p.staff_id for p in mentees])[:, None]
        == column([p.staff_id for p in mentors])[None, :]
    )
    score = np.where(oneself, 0, score).reshape(n, m)
    allowed = (
        column([p.eligible for p in mentees]).astype(bool)[:, None]
        & column([p.eligible for p in mentors]).astype(bool)[None, :]
        & (places > 0)[None, :]
        & ~oneself
    )
    return Table(score.astype(np.int64), allowed.reshape(n, m))


def _flags(sets: list[frozenset[str]], names: Sequence[str]) -> np.ndarray:
    """A 0/1 matrix: a row per set, a column per name."""
    flags = np.zeros((len(sets), len(names)), dtype=np.int64)
    index = {name: k for k, name in enumerate(names)}
    for i, values in enumerate(sets):
        flags[i, [index[v] for v in values if v in index]] = 1
    return flags


def rank_mentors(mentee: MenteeProfile, mentors: Iterable[MentorProfile]) -> list[Fit]:
    """Every mentor for one mentee: the allowed ones best first, then the blocked ones with why."""
    scored = [(evaluate(mentor, mentee), mentor) for mentor in mentors]
    scored.sort(
        key=lambda pair: (not pair[0].allowed, -pair[0].score, pair[1].name, pair[1].staff_id)
    )
    return [fit for fit, _ in scored]


def propose_assignment(
    mentees: Sequence[MenteeProfile],
    mentors: Sequence[MentorProfile],
    table: Table | None = None,
) -> Assignment:
    """The plan with the greatest total score, then the most mentees matched.

    Each mentee gets at most one mentor, each mentor at most `capacity_left` mentees, and only
    allowed pairs. The result does not depend on the order of the input. `table` is
    score_table(mentees, mentors) when the caller has it already (the proposal shows its rows
    too); the mentees and the mentors are then given in the order of their staff ids.
    """
    _check_unique(mentees, "mentee")
    _check_unique(mentors, "mentor")
    if table is None:
        mentees = in_id_order(mentees)
        mentors = in_id_order(mentors)
    elif in_id_order(mentees) != list(mentees) or in_id_order(mentors) != list(mentors):
        raise ValueError("A score table given to propose_assignment must be in staff id order")
    n = len(mentees)
    if n == 0:
        return Assignment([], [], 0)

    # Why this is exact: a mentor with capacity c becomes c identical "slot" columns, and each
    # mentee has a "no mentor" column at cost 0, so the plans of the problem are exactly the
    # complete assignments of this matrix avoiding the inf (forbidden) entries, with the same
    # objective; linear_sum_assignment solves the assignment problem to optimality. A pair weighs
    # score * (n + 1) + 1: as at most n pairs are chosen, the "+1"s never outweigh one point of
    # score, so the optimum maximises the total score first and the number matched second.
    # All weights are small integers, exact in float64.
    slot_owner = []  # column -> index of its mentor
    for j, mentor in enumerate(mentors):
        slot_owner.extend([j] * min(max(mentor.capacity_left, 0), n))
    if table is None:
        table = score_table(mentees, mentors)
    mentor_cost = np.where(table.allowed, -(table.score * (n + 1) + 1).astype(float), np.inf)
    cost = np.hstack((mentor_cost[:, slot_owner], np.full((n, n), np.inf)))
    cost[np.arange(n), len(slot_owner) + np.arange(n)] = 0.0

    rows, columns = linear_sum_assignment(cost)
    pairs = []
    unmatched = []
    for i, column in zip(rows, columns, strict=True):
        if column < len(slot_owner):
            pairs.append(evaluate(mentors[slot_owner[column]], mentees[i]))
        else:
            unmatched.append(mentees[i])
    names = {mentee.staff_id: mentee.name for mentee in mentees}
    pairs.sort(key=lambda fit: (names[fit.mentee_id], fit.mentee_id))
    unmatched.sort(key=lambda mentee: (mentee.name, mentee.staff_id))
    return Assignment(pairs, unmatched, sum(fit.score for fit in pairs))


def in_id_order(people: Iterable[MentorProfile | MenteeProfile]) -> list:
    """The order in which the plan is computed: by staff id, whatever the order of the input."""
    return sorted(people, key=lambda p: p.staff_id)


def _check_areas(areas: frozenset[str], name: str) -> None:
    unknown = set(areas) - set(AREAS)
    if unknown:
        raise ValueError(f"Unknown areas {sorted(unknown)} for {name}")


def _check_unique(people: Sequence[MentorProfile | MenteeProfile], role: str) -> None:
    ids = [person.staff_id for person in people]
    if len(ids) != len(set(ids)):
        raise ValueError(f"The same {role} is listed twice")


def _labels(areas: Iterable[str]) -> str:
    return ", ".join(AREA_LABELS[area] for area in areas)


def _years(n: int) -> str:
    """«1 год», «3 года», «12 лет»."""
    if n % 10 == 1 and n % 100 != 11:
        word = "год"
    elif 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        word = "года"
    else:
        word = "лет"
    return f"{n} {word}"
