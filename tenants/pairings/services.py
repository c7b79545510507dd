"""Pairs and groups: their creation and the steps of their status (section 6)."""

from datetime import date

from nastavnik.extensions import db

from .models import Pairing, PairingMember


class PairingError(ValueError):
    """A rule of section 6 refused the change; the message is for the user."""


def create_pairing(mentor_staff_id: int, mentee_staff_ids, form: str, on: date) -> Pairing:
    """A proposed pair (one mentee) or group (two or more) with one mentor."""
    mentee_ids = list(dict.fromkeys(mentee_staff_ids))
    if not mentee_ids:
        raise PairingError("Выберите хотя бы одного наставляемого.")
    if mentor_staff_id in mentee_ids:
        raise PairingError("Нельзя быть наставником самому себе.")
    pairing = Pairing(mentor_staff_id=mentor_staff_id, form=form, status="proposed", created_on=on)
    pairing.members = [PairingMember(mentee_staff_id=i) for i in mentee_ids]
    db.session.add(pairing)
    db.session.flush()
    return pairing
