import random

import pytest

from nastavnik.tenants.matching.algorithm import (
    CAPACITY_WEIGHT,
    EXPERIENCE_CAP,
    MENTEE_NOT_ELIGIBLE,
    MENTOR_NOT_ELIGIBLE,
    NO_PLACES,
    REQUEST_WEIGHT,
    SELF_MENTORING,
    SUBJECT_WEIGHT,
    MenteeProfile,
    MentorProfile,
    by_name,
    evaluate,
    in_id_order,
    propose_assignment,
    rank_mentors,
    score_table,
)
from nastavnik.tenants.vocabulary import Area, MenteeCategory


def make_mentor(staff_id=1, **overrides):
    fields = {
        "name": f"Наставник {staff_id}",
        "competences": frozenset({"methods"}),
        "subjects": frozenset({"математика"}),
        "teaching_years": 20,
        "capacity_left": 1,
        "eligible": True,
    }
    fields.update(overrides)
    return MentorProfile(staff_id=staff_id, **fields)


def make_mentee(staff_id=100, **overrides):
    fields = {
        "name": f"Наставляемый {staff_id}",
        "category": "young",
        "requests": frozenset({"methods"}),
        "subjects": frozenset({"математика"}),
        "teaching_years": 1,
        "eligible": True,
    }
    fields.update(overrides)
    return MenteeProfile(staff_id=staff_id, **fields)


# Blockers


def test_suitable_pair_is_allowed():
    fit = evaluate(make_mentor(), make_mentee())
    assert fit.allowed
    assert fit.blockers == ()
    assert (fit.mentor_id, fit.mentee_id) == (1, 100)


def test_mentor_without_consent_is_blocked():
    fit = evaluate(make_mentor(eligible=False), make_mentee())
    assert fit.blockers == (MENTOR_NOT_ELIGIBLE,)


def test_mentee_without_consent_is_blocked():
    fit = evaluate(make_mentor(), make_mentee(eligible=False))
    assert fit.blockers == (MENTEE_NOT_ELIGIBLE,)


@pytest.mark.parametrize("capacity_left", [0, -1])
def test_mentor_without_free_places_is_blocked(capacity_left):
    fit = evaluate(make_mentor(capacity_left=capacity_left), make_mentee())
    assert fit.blockers == (NO_PLACES,)


def test_nobody_mentors_themselves():
    fit = evaluate(make_mentor(staff_id=7), make_mentee(staff_id=7))
    assert fit.blockers == (SELF_MENTORING,)
    assert fit.score == 0
    assert fit.reasons == ()


def test_every_blocker_is_listed():
    fit = evaluate(make_mentor(eligible=False, capacity_left=0), make_mentee(eligible=False))
    assert set(fit.blockers) == {MENTOR_NOT_ELIGIBLE, MENTEE_NOT_ELIGIBLE, NO_PLACES}


def test_blocked_pair_still_shows_how_well_it_would_fit():
    fit = evaluate(make_mentor(eligible=False), make_mentee())
    assert fit.score == evaluate(make_mentor(), make_mentee()).score


# Score and reasons


def test_reasons_name_the_answered_areas_in_russian():
    fit = evaluate(
        make_mentor(competences=frozenset({"digital", "methods", "psychology"})),
        make_mentee(requests=frozenset({"digital", "methods", "upbringing"})),
    )
    assert (
        "Компетенции отвечают запросам: Методика преподавания, Цифровая образовательная среда"
        in fit.reasons
    )
    assert "Запросы без ответа: Воспитательная работа" in fit.reasons


def test_each_answered_request_counts_most():
    one = evaluate(make_mentor(competences=frozenset({"methods"})), make_mentee())
    requests = frozenset({"methods", "digital"})
    two = evaluate(
        make_mentor(competences=frozenset({"methods", "digital"})), make_mentee(requests=requests)
    )
    assert two.score - one.score == REQUEST_WEIGHT
    assert REQUEST_WEIGHT > SUBJECT_WEIGHT > EXPERIENCE_CAP


def test_shared_subject_is_named_and_counts():
    same = evaluate(make_mentor(), make_mentee())
    other = evaluate(make_mentor(subjects=frozenset({"физика"})), make_mentee())
    assert "Преподаёт тот же предмет: математика" in same.reasons
    assert same.score - other.score == SUBJECT_WEIGHT


def test_several_shared_subjects_are_named():
    subjects = frozenset({"физика", "математика", "информатика"})
    fit = evaluate(
        make_mentor(subjects=subjects), make_mentee(subjects=frozenset({"физика", "математика"}))
    )
    assert "Преподаёт те же предметы: математика, физика" in fit.reasons


@pytest.mark.parametrize(
    ("gap", "phrase"),
    [(1, "1 год"), (3, "3 года"), (5, "5 лет"), (12, "12 лет"), (21, "21 год"), (22, "22 года")],
)
def test_experience_gap_is_told_in_russian(gap, phrase):
    fit = evaluate(make_mentor(teaching_years=1 + gap), make_mentee(teaching_years=1))
    assert f"Стаж больше на {phrase}" in fit.reasons


def test_more_experience_scores_more_up_to_a_cap():
    def score(mentor_years):
        return evaluate(make_mentor(teaching_years=mentor_years), make_mentee()).score

    assert score(1) < score(3) < score(7)
    assert score(11) == score(40)
    assert score(40) - score(1) == EXPERIENCE_CAP


def test_less_experienced_mentor_gets_no_experience_points():
    younger = evaluate(make_mentor(teaching_years=2), make_mentee(teaching_years=10))
    equal = evaluate(make_mentor(teaching_years=10), make_mentee(teaching_years=10))
    assert younger.score == equal.score
    assert "Стаж наставника меньше на 8 лет" in younger.reasons


def test_reverse_mentoring_prefers_a_young_digital_mentor():
    senior = make_mentee(
        category="reverse", requests=frozenset({"digital"}), teaching_years=30, subjects=frozenset()
    )
    young = make_mentor(
        competences=frozenset({"digital"}), teaching_years=2, young=True, digital_strong=True
    )
    veteran = make_mentor(staff_id=2, competences=frozenset({"digital"}), teaching_years=35)
    young_fit = evaluate(young, senior)
    assert young_fit.score > evaluate(veteran, senior).score
    assert "Обратное наставничество: молодой педагог сильнее в цифровой среде" in young_fit.reasons
    assert not any(reason.startswith("Стаж") for reason in young_fit.reasons)


def test_spare_capacity_is_a_small_bonus():
    one = evaluate(make_mentor(capacity_left=1), make_mentee())
    two = evaluate(make_mentor(capacity_left=2), make_mentee())
    assert two.score - one.score == CAPACITY_WEIGHT
    assert "Свободных мест: 2" in two.reasons


def test_pair_answering_nothing_is_allowed_but_scores_low():
    fit = evaluate(
        make_mentor(competences=frozenset({"upbringing"}), subjects=frozenset({"химия"})),
        make_mentee(),
    )
    assert fit.allowed
    assert 0 < fit.score < REQUEST_WEIGHT


def test_unknown_area_or_category_is_refused():
    with pytest.raises(ValueError):
        make_mentor(competences=frozenset({"cooking"}))
    with pytest.raises(ValueError):
        make_mentee(requests=frozenset({"cooking"}))
    with pytest.raises(ValueError):
        make_mentee(category="student")


# Ranking


def test_ranking_puts_allowed_best_first_then_the_blocked():
    mentee = make_mentee()
    weak = make_mentor(1, name="Абдулаев", competences=frozenset())
    strong = make_mentor(2, name="Ясаев", competences=frozenset({"methods"}))
    full = make_mentor(3, name="Бачаев", competences=frozenset({"methods"}), capacity_left=0)
    ranked = rank_mentors(mentee, [weak, full, strong])
    assert [fit.mentor_id for fit in ranked] == [2, 1, 3]
    assert ranked[-1].blockers == (NO_PLACES,)


def test_ranking_breaks_ties_by_name():
    mentee = make_mentee()
    mentors = [
        make_mentor(1, name="Юсупов"),
        make_mentor(2, name="Алиев"),
        make_mentor(3, name="Исаев"),
    ]
    assert [fit.mentor_id for fit in rank_mentors(mentee, mentors)] == [2, 3, 1]


# Assignment


def first_come_greedy_total(mentees, mentors):
    """What a curator going down the list would get: each mentee takes the best free mentor."""
    places = {mentor.staff_id: mentor.capacity_left for mentor in mentors}
    total = 0
    for mentee in mentees:
        for fit in rank_mentors(mentee, mentors):
            if fit.allowed and places[fit.mentor_id] > 0:
                places[fit.mentor_id] -= 1
                total += fit.score
                break
    return total


def test_assignment_beats_first_come_greedy():
    both = make_mentor(1, competences=frozenset({"methods", "digital"}), teaching_years=5)
    methods_only = make_mentor(
        2, competences=frozenset({"methods"}), subjects=frozenset(), teaching_years=5
    )
    first = make_mentee(100, requests=frozenset({"methods"}), teaching_years=5)
    second = make_mentee(
        101, requests=frozenset({"methods", "digital"}), subjects=frozenset(), teaching_years=5
    )
    mentees, mentors = [first, second], [both, methods_only]

    # Greedy gives `first` its favourite (methods + mathematics) and leaves `second` half served.
    greedy = (REQUEST_WEIGHT + SUBJECT_WEIGHT + CAPACITY_WEIGHT) + (
        REQUEST_WEIGHT + CAPACITY_WEIGHT
    )
    optimal = (REQUEST_WEIGHT + CAPACITY_WEIGHT) + (2 * REQUEST_WEIGHT + CAPACITY_WEIGHT)
    assert first_come_greedy_total(mentees, mentors) == greedy
    assignment = propose_assignment(mentees, mentors)
    assert assignment.total_score == optimal > greedy
    assert {(fit.mentor_id, fit.mentee_id) for fit in assignment.pairs} == {(2, 100), (1, 101)}


def test_assignment_respects_capacity_and_lists_the_unmatched():
    mentors = [make_mentor(1, capacity_left=2), make_mentor(2, capacity_left=1, eligible=False)]
    mentees = [make_mentee(100 + i, name=f"Наставляемый {i}") for i in range(4)]
    assignment = propose_assignment(mentees, mentors)
    assert [fit.mentor_id for fit in assignment.pairs] == [1, 1]
    assert len(assignment.unmatched) == 2
    matched = {fit.mentee_id for fit in assignment.pairs}
    assert matched.isdisjoint(mentee.staff_id for mentee in assignment.unmatched)
    assert assignment.total_score == sum(fit.score for fit in assignment.pairs)


def test_mentee_without_consent_is_left_unmatched():
    refused = make_mentee(100, eligible=False)
    assignment = propose_assignment([refused], [make_mentor(capacity_left=3)])
    assert assignment.pairs == []
    assert assignment.unmatched == [refused]
    assert assignment.total_score == 0


def test_assignment_of_nobody_is_empty():
    assert propose_assignment([], [make_mentor()]).pairs == []
    assignment = propose_assignment([make_mentee()], [])
    assert (assignment.pairs, assignment.total_score) == ([], 0)
    assert len(assignment.unmatched) == 1


def test_the_same_person_listed_twice_is_refused():
    with pytest.raises(ValueError):
        propose_assignment([make_mentee(100), make_mentee(100)], [make_mentor()])
    with pytest.raises(ValueError):
        propose_assignment([make_mentee()], [make_mentor(1), make_mentor(1)])


def random_school(rng):
    """Up to 4 mentors and 5 mentees from few areas and subjects, so ties are common; staff ids
    overlap so that some pairs are a person with themselves."""
    pool = list(Area)[:4]
    subjects = ("математика", "физика", "история")

    def some(items):
        return frozenset(item for item in items if rng.random() < 0.4)

    mentors = [
        MentorProfile(
            staff_id=staff_id,
            name=rng.choice(("Алиев", "Бисаев", "Вахаев")),
            competences=some(pool),
            subjects=some(subjects),
            teaching_years=rng.randint(0, 30),
            capacity_left=rng.randint(0, 3),
            eligible=rng.random() < 0.85,
            young=rng.random() < 0.3,
            digital_strong=rng.random() < 0.3,
        )
        for staff_id in rng.sample(range(1, 9), rng.randint(0, 4))
    ]
    mentees = [
        MenteeProfile(
            staff_id=staff_id,
            name=rng.choice(("Гериев", "Дадаев", "Эдилов")),
            category=rng.choice(list(MenteeCategory)),
            requests=some(pool),
            subjects=some(subjects),
            teaching_years=rng.randint(0, 30),
            eligible=rng.random() < 0.9,
        )
        for staff_id in rng.sample(range(5, 13), rng.randint(1, 5))
    ]
    return mentees, mentors


def brute_force_best(mentees, mentors):
    """(total score, number matched) of the best plan, by trying every plan."""
    places = [mentor.capacity_left for mentor in mentors]
    fits = [[evaluate(mentor, mentee) for mentor in mentors] for mentee in mentees]
    best = (0, 0)

    def search(i, total, matched):
        nonlocal best
        if i == len(mentees):
            best = max(best, (total, matched))
            return
        search(i + 1, total, matched)
        for j, fit in enumerate(fits[i]):
            if fit.allowed and places[j] > 0:
                places[j] -= 1
                search(i + 1, total + fit.score, matched + 1)
                places[j] += 1

    search(0, 0, 0)
    return best


def assert_feasible(assignment, mentees, mentors):
    capacity = {mentor.staff_id: mentor.capacity_left for mentor in mentors}
    by_id = {mentor.staff_id: mentor for mentor in mentors}
    mentee_by_id = {mentee.staff_id: mentee for mentee in mentees}
    for fit in assignment.pairs:
        assert fit == evaluate(by_id[fit.mentor_id], mentee_by_id[fit.mentee_id])
        assert fit.allowed
        capacity[fit.mentor_id] -= 1
    assert all(left >= 0 for left in capacity.values())
    placed = [fit.mentee_id for fit in assignment.pairs]
    placed += [mentee.staff_id for mentee in assignment.unmatched]
    assert sorted(placed) == sorted(mentee_by_id)
    assert assignment.total_score == sum(fit.score for fit in assignment.pairs)


def test_assignment_is_the_exact_optimum_on_random_small_schools():
    rng = random.Random(20230830)
    for _ in range(200):
        mentees, mentors = random_school(rng)
        assignment = propose_assignment(mentees, mentors)
        assert_feasible(assignment, mentees, mentors)
        found = (assignment.total_score, len(assignment.pairs))
        assert found == brute_force_best(mentees, mentors), (mentees, mentors)


def test_assignment_does_not_depend_on_input_order():
    rng = random.Random(131)
    for _ in range(50):
        mentees, mentors = random_school(rng)
        expected = propose_assignment(mentees, mentors)
        assert propose_assignment(mentees, mentors) == expected
        rng.shuffle(mentees)
        rng.shuffle(mentors)
        assert propose_assignment(mentees, mentors) == expected


def test_a_table_scored_once_gives_the_same_plan():
    # The proposal page scores the banks once and gives the table to the plan too.
    rng = random.Random(77)
    for _ in range(50):
        mentees, mentors = random_school(rng)
        expected = propose_assignment(mentees, mentors)
        mentees, mentors = in_id_order(mentees), in_id_order(mentors)
        table = score_table(mentees, mentors)
        assert propose_assignment(mentees, mentors, table) == expected


def test_a_table_in_another_order_is_refused():
    mentees = [make_mentee(2), make_mentee(1)]
    mentors = [make_mentor(10)]
    with pytest.raises(ValueError, match="staff id order"):
        propose_assignment(mentees, mentors, score_table(mentees, mentors))


def test_score_table_is_evaluate_for_every_pair():
    # The proposal scores every pair at once; each number must be evaluate()'s, and each
    # mentee's best allowed mentors in rank_mentors' order.
    rng = random.Random(8)
    for _ in range(300):
        mentees, mentors = random_school(rng)
        table = score_table(mentees, mentors)
        assert table.score.shape == table.allowed.shape == (len(mentees), len(mentors))
        for i, mentee in enumerate(mentees):
            for j, mentor in enumerate(mentors):
                fit = evaluate(mentor, mentee)
                assert (table.score[i, j], table.allowed[i, j]) == (fit.score, fit.allowed)
            best = [mentors[j].staff_id for j in table.best(i, mentors, by_name(mentors))]
            ranked = [fit.mentor_id for fit in rank_mentors(mentee, mentors) if fit.allowed]
            assert best == ranked
