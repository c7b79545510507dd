"""A mentee's request for another mentor (5.1) and a mentor's request to step down (4.1).

Both are addressed to the curator and the director, who answer in the platform. A granted
request does not itself change the pair: the curator then ends the program (7.1) and forms
a new pair (section 6).
"""

from sqlalchemy import case, func, select, update

from nastavnik.extensions import db
from nastavnik.models import Account, utcnow
from nastavnik.refusals import Refusal
from nastavnik.tenants.home.services import takes_part
from nastavnik.tenants.pairings.models import IN_FORCE, Pairing
from nastavnik.tenants.pairings.services import with_people
from nastavnik.tenants.staff.models import Staff

from .models import ParticipantRequest, RequestKind, RequestStatus

MAX_TEXT = 2000


def kind_for(pairing: Pairing, staff: Staff | None) -> RequestKind | None:
    """What this person may ask about this pairing: step down (its mentor), another mentor
    (one of its mentees), or nothing (not theirs)."""
    if staff is None:
        return None
    if pairing.mentor_staff_id == staff.id:
        return RequestKind.STEP_DOWN  # 4.1
    if any(m.mentee_staff_id == staff.id for m in pairing.members):
        return RequestKind.ANOTHER_MENTOR  # 5.1
    return None


def open_request_of(pairing: Pairing, staff: Staff) -> ParticipantRequest | None:
    return db.session.execute(
        select(ParticipantRequest).where(
            ParticipantRequest.pairing_id == pairing.id,
            ParticipantRequest.staff_id == staff.id,
            ParticipantRequest.status == RequestStatus.OPEN,
        )
    ).scalar_one_or_none()


def why_cannot_file(pairing: Pairing, staff: Staff) -> str | None:
    """The reason this person cannot file a request about this pairing now, or None."""
    if kind_for(pairing, staff) is None:
        return "Просьбу может подать только наставник или наставляемый этой пары/группы."
    # Only a pair or group that the director's order approved has a mentor to replace (6.2).
    if pairing.status not in IN_FORCE:
        return "Просьбу можно подать только по утверждённой или действующей паре/группе."
    if open_request_of(pairing, staff) is not None:
        return "По этой паре/группе у вас уже есть просьба, ожидающая ответа."
    return None


def file_request(pairing: Pairing, staff: Staff, reason: str, by: Account) -> ParticipantRequest:
    """The participant's own request, addressed to the curator and the director."""
    if staff.account_id != by.id:
        raise Refusal("Подать просьбу может только сам участник пары/группы.")
    problem = why_cannot_file(pairing, staff)
    if problem:
        raise Refusal(problem)
    reason = (reason or "").strip()
    if not reason:
        raise Refusal("Укажите причину просьбы.")
    if len(reason) > MAX_TEXT:
        raise Refusal(f"Причина — не длиннее {MAX_TEXT} символов.")
    request = ParticipantRequest(
        kind=kind_for(pairing, staff), pairing_id=pairing.id, staff_id=staff.id, reason=reason
    )
    db.session.add(request)
    db.session.flush()
    return request


def answer_request(
    req: ParticipantRequest, granted: bool, answer: str, by: Account
) -> ParticipantRequest:
    """The curator's or director's answer, recorded with who and when; given once."""
    if req.status != RequestStatus.OPEN:
        raise Refusal("На эту просьбу уже дан ответ.")
    answer = (answer or "").strip()
    if not answer:
        raise Refusal("Напишите ответ участнику.")
    if len(answer) > MAX_TEXT:
        raise Refusal(f"Ответ — не длиннее {MAX_TEXT} символов.")
    # Conditional on still being open, so that two people answering at once cannot both win.
    answered = db.session.execute(
        update(ParticipantRequest)
        .where(ParticipantRequest.id == req.id, ParticipantRequest.status == RequestStatus.OPEN)
        .values(
            status=RequestStatus.GRANTED if granted else RequestStatus.REFUSED,
            answer=answer,
            answered_by_id=by.id,
            answered_at=utcnow(),
        )
    )
    if answered.rowcount != 1:
        raise Refusal("На эту просьбу уже дан ответ.")
    db.session.refresh(req)
    return req


def requests_for(staff_id: int | None = None) -> list[tuple[ParticipantRequest, Staff, Pairing]]:
    """All requests of the school (or one person's), those awaiting an answer first."""
    statement = (
        select(ParticipantRequest, Staff, Pairing)
        .join(Staff, Staff.id == ParticipantRequest.staff_id)
        .join(Pairing, Pairing.id == ParticipantRequest.pairing_id)
        .order_by(
            case((ParticipantRequest.status == RequestStatus.OPEN, 0), else_=1),
            ParticipantRequest.created_at.desc(),
            ParticipantRequest.id.desc(),
        )
        .options(*with_people())
    )
    if staff_id is not None:
        statement = statement.where(ParticipantRequest.staff_id == staff_id)
    return list(db.session.execute(statement).tuples())


def open_count() -> int:
    return db.session.execute(
        select(func.count(ParticipantRequest.id)).where(
            ParticipantRequest.status == RequestStatus.OPEN
        )
    ).scalar_one()


def pairings_of(staff: Staff) -> list[Pairing]:
    """The approved or active pairs and groups the person is in, as mentor or mentee."""
    return list(
        db.session.execute(
            select(Pairing)
            .where(Pairing.status.in_(IN_FORCE), takes_part(staff.id))
            .order_by(Pairing.id)
            .options(*with_people())
        ).scalars()
    )


def answered_by(req: ParticipantRequest) -> Account | None:
    if req.answered_by_id is None:
        return None
    return db.session.execute(
        select(Account).where(Account.id == req.answered_by_id)
    ).scalar_one_or_none()
