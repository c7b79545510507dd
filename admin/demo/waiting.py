"""Something waiting on the home page in every demo school: a change of mentee1's program that
mentor1 proposed (7.2), for mentee1 to agree to."""

from datetime import timedelta

from sqlalchemy import select

from nastavnik import dates
from nastavnik.extensions import db
from nastavnik.tenants.pairings.models import Pairing
from nastavnik.tenants.programs import access, changes
from nastavnik.tenants.programs.models import ChangeKind, Program, ProgramStatus
from nastavnik.tenants.staff.models import Staff


def seed_waiting(accounts: dict) -> None:
    today = dates.today()
    mentor1 = accounts["mentor1"]
    program = db.session.execute(
        select(Program)
        .join(Pairing, Pairing.id == Program.pairing_id)
        .join(Staff, Staff.id == Pairing.mentor_staff_id)
        .where(Staff.account_id == mentor1.id, Program.status == ProgramStatus.ACTIVE)
        .order_by(Program.id)
        .limit(1)
    ).scalar_one_or_none()
    if program is not None:
        changes.propose_change(
            program,
            ChangeKind.PLAN,
            "Добавить пробный урок в параллельном классе перед открытым уроком.",
            {
                "add": [
                    {
                        "title": "Пробный урок в параллельном классе",
                        "due_on": today + timedelta(days=5),
                        "responsible": "Наставляемый",
                    }
                ]
            },
            access.part_in(program, mentor1),
        )
