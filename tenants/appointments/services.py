"""Appointments to the posts of the mentoring system (3.3: the director approves the curator;
order № 90-од, items 2–4: the coordinator, the curator, the working group).

A change is an appointment that the next order carries: pending until an order carrying it is
signed, then in force from the order's date; the previous holder of a single post ends that day.
"""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from nastavnik.extensions import db
from nastavnik.refusals import Refusal
from nastavnik.tenants.staff.models import Staff

from .models import SINGLE_POSTS, WORKING_GROUP, Appointment, AppointmentStatus, Post

POSITION_MAX = 200


def _by_id(account) -> int | None:
    return getattr(account, "id", None)


def _all(*conditions) -> list[Appointment]:
    return list(
        db.session.execute(
            select(Appointment)
            .options(selectinload(Appointment.staff))
            .where(*conditions)
            .order_by(Appointment.id)
        ).scalars()
    )


def in_force() -> list[Appointment]:
    return _all(Appointment.status == AppointmentStatus.IN_FORCE)


def pending() -> list[Appointment]:
    return _all(Appointment.status == AppointmentStatus.PENDING)


def history() -> list[Appointment]:
    return _all(Appointment.status == AppointmentStatus.ENDED)


def of_staff(staff_ids) -> dict[int, list[Appointment]]:
    found: dict[int, list[Appointment]] = {}
    ids = list(staff_ids)
    if ids:
        for a in _all(Appointment.staff_id.in_(ids)):
            found.setdefault(a.staff_id, []).append(a)
    return found


def appoint(staff_id: int, post: str, position: str, by) -> Appointment:
    """A pending appointment of a person of the school's register to a post."""
    post = Post.parse(post)
    if post is None:
        raise Refusal("Выберите, куда назначается педагог.", field="post")
    staff = db.session.execute(
        select(Staff).where(Staff.id == staff_id)
    ).scalar_one_or_none()  # scoped: a person of another school is not found
    if staff is None:
        raise Refusal("Педагог не найден в реестре школы.", field="staff_id")
    if staff.data_hidden:
        raise Refusal(
            "Педагог отозвал согласие на обработку персональных данных: назначить его нельзя.",
            field="staff_id",
        )
    position = " ".join((position or "").split())
    if not position:
        raise Refusal("Укажите должность так, как её пишет приказ.", field="position")
    if len(position) > POSITION_MAX:
        raise Refusal(f"Должность — не длиннее {POSITION_MAX} символов.", field="position")
    current = _all(
        Appointment.post == post,
        Appointment.status.in_((AppointmentStatus.PENDING, AppointmentStatus.IN_FORCE)),
    )
    for other in current:
        if other.staff_id == staff.id:
            state = "уже назначается" if other.status == AppointmentStatus.PENDING else "уже"
            raise Refusal(f"{staff.full_name} {state}: {post.label.lower()}.", field="staff_id")
        if post in SINGLE_POSTS and other.status == AppointmentStatus.PENDING:
            # One holder at a time: a second pending appointment would make two at once.
            raise Refusal(
                f"{post.label}: уже ждёт приказа назначение {other.staff.full_name}. "
                "Отмените его, чтобы назначить другого.",
                field="post",
            )
    if post in WORKING_GROUP:
        # The head is not also a member, and the reverse.
        other_post = Post.GROUP_MEMBER if post == Post.GROUP_HEAD else Post.GROUP_HEAD
        for other in _all(
            Appointment.post == other_post,
            Appointment.staff_id == staff.id,
            Appointment.status.in_((AppointmentStatus.PENDING, AppointmentStatus.IN_FORCE)),
            Appointment.leaving.is_(False),
        ):
            raise Refusal(
                f"{staff.full_name} уже в рабочей группе: {other.post_label.lower()}.",
                field="staff_id",
            )
    appointment = Appointment(
        staff_id=staff.id,
        post=post,
        position=position,
        status=AppointmentStatus.PENDING,
        created_by_id=_by_id(by),
    )
    db.session.add(appointment)
    db.session.flush()
    return appointment


def cancel(appointment: Appointment, carried_by_draft: bool) -> None:
    """A pending appointment withdrawn before any order carried it."""
    if appointment.status != AppointmentStatus.PENDING:
        raise Refusal("Отменить можно только назначение, которое ждёт приказа.")
    if carried_by_draft:
        raise Refusal("Назначение уже в проекте приказа: сначала удалите проект.")
    db.session.delete(appointment)
    db.session.flush()


def relieve(appointment: Appointment) -> None:
    """A member of the working group leaves it by the next order (the order lists the new
    composition)."""
    if appointment.status != AppointmentStatus.IN_FORCE:
        raise Refusal("Вывести из состава можно только того, чьё назначение действует.")
    if appointment.post != Post.GROUP_MEMBER:
        raise Refusal("Координатора, куратора и руководителя группы заменяет новое назначение.")
    appointment.leaving = not appointment.leaving
    db.session.flush()


def composition() -> dict[Post, list[Appointment]]:
    """The posts as the next order will state them: the pending appointments replace the
    holders of single posts; members that leave are left out."""
    posts: dict[Post, list[Appointment]] = {p: [] for p in Post}
    for a in in_force():
        if not a.leaving:
            posts[Post(a.post)].append(a)
    for a in pending():
        if Post(a.post) in SINGLE_POSTS:
            posts[Post(a.post)] = [a]
        else:
            posts[Post(a.post)].append(a)
    return posts


def changes() -> list[Appointment]:
    """What the next order carries: the pending appointments and the members leaving."""
    return pending() + [a for a in in_force() if a.leaving]


def put_in_force(order_id: int, on: date, *, flush: bool = True) -> list[Appointment]:
    """An order carrying these appointments is signed: they hold from its date; the previous
    holders of single posts and the members leaving end that day."""
    carried = _all(
        Appointment.status == AppointmentStatus.PENDING, Appointment.order_id == order_id
    )
    leaving = _all(
        Appointment.status == AppointmentStatus.IN_FORCE,
        Appointment.leaving.is_(True),
        Appointment.ended_by_order_id == order_id,
    )
    for a in carried:
        if Post(a.post) in SINGLE_POSTS:
            for previous in _all(
                Appointment.post == a.post, Appointment.status == AppointmentStatus.IN_FORCE
            ):
                _end(previous, on, order_id)
        a.status = AppointmentStatus.IN_FORCE
        a.starts_on = on
    for a in leaving:
        _end(a, on, order_id)
    if flush:  # not when the signing order is being flushed (regulation/signing.py)
        db.session.flush()
    return carried + leaving


def _end(appointment: Appointment, on: date, order_id: int) -> None:
    appointment.status = AppointmentStatus.ENDED
    appointment.ends_on = on
    appointment.ended_by_order_id = order_id
    appointment.leaving = False


def carry(appointments: list[Appointment], order_id: int) -> None:
    """The draft order `order_id` carries these changes."""
    for a in appointments:
        if a.status == AppointmentStatus.PENDING:
            a.order_id = order_id
        else:
            a.ended_by_order_id = order_id
    db.session.flush()


def holder(post: Post) -> Appointment | None:
    found = [a for a in in_force() if a.post == post]
    return found[0] if found else None
