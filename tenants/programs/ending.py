"""7.1: a program ends, recorded with who and why, and its pairing with it; 8.2: its results
are published only after that."""

from datetime import date

from flask import current_app, has_app_context
from sqlalchemy import select

from nastavnik.extensions import db
from nastavnik.hooks import Hook
from nastavnik.refusals import Refusal
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.pairings.models import IN_FORCE, Pairing
from nastavnik.tenants.pairings.services import end_pairing

from .access import Part, why_not_end
from .models import (
    Activity,
    ActivityStatus,
    ChangeStatus,
    EndReason,
    Program,
    ProgramChange,
    ProgramStatus,
)
from .plan import clean, plan_of
from .signals import program_ended

# 7.1: the director's order that records the ending of each program, answered by the orders
# (a later feature): {program_id: order}.
ENDING_ORDERS = Hook("programs.ending_orders")


def ending_order_of(program: Program):
    """The draft or signed order that records this program's ending, if any."""
    for answer in ENDING_ORDERS.answers():
        if order := answer().get(program.id):
            return order
    return None


def unfinished(program: Program) -> list[Activity]:
    """The activities still planned: on ending they become «не выполнено»."""
    return [a for a in plan_of(program) if a.status == ActivityStatus.PLANNED]


def check_ending(program: Program, part: Part, reason: str, comment: str) -> EndReason:
    """7.1: refuses an ending that may not be made (asked before the confirmation too)."""
    if why := why_not_end(program, part, reason):
        raise Refusal(why)
    reason = EndReason(reason)
    if reason == EndReason.COMPLETED and unfinished(program):
        raise Refusal(
            "План выполнен не полностью: отметьте выполненными или отмените (через изменение "
            "плана) оставшиеся мероприятия."
        )
    if reason != EndReason.COMPLETED and not clean(comment):
        raise Refusal("Укажите причину завершения программы.", field="comment")
    return reason


def end_program(program: Program, reason: str, comment: str, part: Part, today: date) -> Program:
    """7.1: the program ends, recorded with who and why; the pairing ends with it."""
    reason = check_ending(program, part, reason, comment)
    program.status = ProgramStatus.ENDED
    program.ended_on = today
    program.ended_by_id = part.account.id
    program.end_reason = reason
    program.end_comment = clean(comment)
    pending = select(ProgramChange).where(
        ProgramChange.program_id == program.id, ProgramChange.status == ChangeStatus.PROPOSED
    )
    for change in db.session.execute(pending).scalars():
        change.status = ChangeStatus.WITHDRAWN
    for activity in unfinished(program):  # 7.1: what was not done by the end stays not done
        activity.status = ActivityStatus.NOT_DONE
    why = reason.label + (f": {clean(comment)}" if clean(comment) else "")
    pairing = get_or_404(Pairing, program.pairing_id)
    if pairing.status in IN_FORCE:  # its mentees have finished (7.1)
        end_pairing(pairing, today, why)
    db.session.flush()
    if has_app_context():  # stage 6: the questionnaires at the end of a program
        program_ended.send(current_app._get_current_object(), program=program, on=today)
    return program


def why_not_publish(program: Program) -> str | None:
    """8.2: the results of a program are published only after it has ended."""
    if program.status != ProgramStatus.ENDED:
        return "Результаты программы публикуются только после её завершения (п. 8.2)."
    return None


def publish_results(program: Program, results: str) -> Program:
    """8.2: the results in words, shown to the participants once the program has ended."""
    if why := why_not_publish(program):
        raise Refusal(why)
    if not clean(results):
        raise Refusal("Опишите результаты программы.")
    program.results = clean(results)
    program.results_published = True
    db.session.flush()
    return program
