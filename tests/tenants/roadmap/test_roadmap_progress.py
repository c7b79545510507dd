"""Progress from data: a stage's activity completes itself when the school's records show it,
and says which records did; it goes back when the data change."""

from datetime import timedelta

import sqlalchemy as sa

from nastavnik.dates import today
from nastavnik.extensions import db
from nastavnik.models import Account
from nastavnik.tenants.orders.services import draft_pairings_order, sign_pairings_order
from nastavnik.tenants.roadmap import services, stats
from nastavnik.tenants.roadmap.models import Roadmap, Stage, StepStatus
from nastavnik.tenants.roadmap.timing import academic_year, span
from nastavnik.tenants.statistics.services import percent as share

YEAR = academic_year()


def steps_of(make, school, roadmap) -> dict[str, services.Step]:
    """The roadmap's steps by their check key (the first activity carrying each)."""
    with make.in_school(school):
        fresh = db.session.get(Roadmap, roadmap.id)
        found = {}
        for group in services.steps(fresh).values():
            for step in group:
                if step.activity.check_key:
                    found.setdefault(step.activity.check_key, step)
        return found


def test_the_mentee_bank_completes_itself_from_mentees_with_a_valid_consent(make, school):
    roadmap = make.roadmap(school, YEAR)
    assert steps_of(make, school, roadmap)["mentee_bank"].status == StepStatus.PLANNED
    entry = make.mentee_entry(school)
    step = steps_of(make, school, roadmap)["mentee_bank"]
    assert step.status == StepStatus.DONE
    assert step.finding.summary == "В банке 1 наставляемых с действующим согласием"
    assert [r.endpoint for r in step.finding.records] == ["staff.show"]
    assert step.finding.records[0].args == {"staff_id": entry.staff_id}
    # The consent revoked: the bank has nobody who may be in it, the mark goes back.
    with make.in_school(school):
        from nastavnik.tenants.consents.models import Consent
        from nastavnik.tenants.consents.services import revoke_consent

        consent = db.session.execute(
            sa.select(Consent).where(Consent.staff_id == entry.staff_id)
        ).scalar_one()
        revoke_consent(consent, today(), "Отозвано по заявлению")
    assert steps_of(make, school, roadmap)["mentee_bank"].status == StepStatus.PLANNED


def test_the_mentor_bank_needs_both_consents_of_a_mentor(make, school):
    roadmap = make.roadmap(school, YEAR)
    no_duty = make.consenting_staff(school, mentor=False, teaching_years=20)
    make.consent(school, no_duty, kind="mentor_duty", revoked_on=today())
    assert steps_of(make, school, roadmap)["mentor_bank"].status == StepStatus.PLANNED
    make.mentor_entry(school)
    step = steps_of(make, school, roadmap)["mentor_bank"]
    assert step.status == StepStatus.DONE and "В банке 1 наставников" in step.finding.summary


def test_approving_pairs_by_a_signed_order_completes_the_stage(make, school, client, auth):
    roadmap = make.roadmap(school, YEAR)
    mentor = make.mentor_entry(school)
    mentee = make.mentee_entry(school)
    pairing = make.pairing(school, mentor.staff_id, [mentee.staff_id], status="proposed")
    director = make.account(school, "director", roles=["director"])
    step = steps_of(make, school, roadmap)["pairs_ordered"]
    assert step.status == StepStatus.IN_PROGRESS and "ожидают приказа: 1" in step.finding.summary
    with make.in_school(school):
        by = db.session.get(Account, director.id)
        order = draft_pairings_order([pairing.id], today(), by)
        sign_pairings_order(order, "12-од", today(), by)
    step = steps_of(make, school, roadmap)["pairs_ordered"]
    assert step.status == StepStatus.DONE
    assert step.finding.records[0].text.startswith("Приказ № 12-од от ")
    assert step.finding.records[0].endpoint == "orders.show"

    # The stage of the pairs shows it on the page, with the order's link.
    make.account(school, "curator", roles=["curator"])
    auth.login(school, "curator")
    page = client.get(f"/s/s1/roadmap/{roadmap.id}").get_data(as_text=True)
    stage5 = page[page.index('data-testid="stage-5"') :]
    assert "Закреплено подписанным приказом пар/групп: 1" in stage5
    assert f"/s/s1/orders/{order.id}" in stage5

    # Every pair in force with a program: the programs are developed.
    assert steps_of(make, school, roadmap)["programs"].status == StepStatus.PLANNED
    program = make.program(school, pairing, starts_on=today(), ends_on=today() + timedelta(100))
    step = steps_of(make, school, roadmap)["programs"]
    assert step.status == StepStatus.DONE
    assert step.finding.summary == "Программы разработаны для 1 из 1 утверждённых пар/групп"
    assert step.finding.records[0].args == {"program_id": program.id}


def test_the_roadmap_approved_marks_its_own_activity(make):
    school = make.school("approved", director_name="Исаева Малика Руслановна")
    director = make.account(school, "director", roles=["director"])
    roadmap = make.roadmap(school, YEAR, approve_by=director)
    step = steps_of(make, school, roadmap)["roadmap_approved"]
    assert step.status == StepStatus.DONE and step.activity.stage == Stage.CONDITIONS


def test_a_hand_mark_and_the_data_both_count_the_better_one_wins(make, school):
    roadmap = make.roadmap(school, YEAR)
    step = steps_of(make, school, roadmap)["completion"]
    with make.in_school(school):
        from nastavnik.tenants.roadmap.models import RoadmapActivity

        services.mark(db.session.get(RoadmapActivity, step.activity.id), "in_progress")
    assert steps_of(make, school, roadmap)["completion"].status == StepStatus.IN_PROGRESS


def test_stage_progress_is_one_definition_grouped_by_school(make, app):
    a, b = make.school("prog-a"), make.school("prog-b")
    ra, rb = make.roadmap(a, YEAR), make.roadmap(b, YEAR)
    make.mentee_entry(a)  # stage 2: one of two activities done from data
    with make.in_school(b):
        fresh = db.session.get(Roadmap, rb.id)
        for activity in fresh.activities:
            if activity.stage == Stage.MENTEE_BANK:
                services.mark(activity, "done")
    from nastavnik.tenancy import Scope, all_schools, scoped

    with app.app_context(), all_schools():
        everyone = stats.stage_progress(YEAR)
    assert everyone[a.id][Stage.MENTEE_BANK][:2] == (1, 2)
    assert everyone[b.id][Stage.MENTEE_BANK][:2] == (2, 2)
    assert everyone[a.id][Stage.INFORMATION][:2] == (0, 1)
    assert stats.percent(1, 2) == 50 and stats.percent(0, 0) == 0
    with app.app_context(), scoped(Scope.school(a.id)):
        assert set(stats.stage_progress(YEAR)) == {a.id}
    del ra


def test_completion_follows_the_programs_ending_within_the_year(make, school):
    roadmap = make.roadmap(school, YEAR)
    first, last = span(YEAR)
    ending = make.program(school, starts_on=first, ends_on=last - timedelta(days=60))
    step = steps_of(make, school, roadmap)["completion"]
    assert step.status == StepStatus.PLANNED
    assert step.finding.summary.endswith(": 0 из 1")
    with make.in_school(school):
        from nastavnik.tenants.programs.models import Program

        program = db.session.get(Program, ending.id)
        program.status, program.ended_on = "ended", first + timedelta(days=100)
    step = steps_of(make, school, roadmap)["completion"]
    assert step.status == StepStatus.DONE and step.finding.summary.endswith(": 1 из 1")
    assert step.finding.records[0].args == {"program_id": ending.id}


def test_overdue_counts_per_school(make, app):
    school = make.school("overdue-count")
    roadmap = make.roadmap(school, YEAR)
    past = today() - timedelta(days=1)
    if past < span(YEAR)[0]:
        return  # the first day of a year: nothing of it can be overdue yet
    make.roadmap_activity(school, roadmap, timing=past.strftime("%d.%m.%Y"))
    from nastavnik.tenancy import Scope, scoped

    with app.app_context(), scoped(Scope.school(school.id)):
        before_today = sum(
            1
            for group in services.steps(db.session.get(Roadmap, roadmap.id)).values()
            for s in group
            if s.overdue
        )
        assert stats.overdue_counts(YEAR) == {school.id: before_today}
        assert before_today >= 1


def test_a_stage_of_two_done_out_of_three_reads_67_percent_as_on_the_statistics_page():
    # The school's «Статистика» and the district's roadmap matrix say 67 %; the roadmap's own
    # page and the district's page of the school said 66 % for the same stage.
    assert stats.percent(2, 3) == share(2, 3) == 67
    assert stats.percent(1, 3) == share(1, 3) == 33
    assert stats.percent(3, 3) == 100
