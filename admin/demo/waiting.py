"""Something waiting on the home page in every demo school: a change of mentee1's program that
mentor1 proposed (7.2) and mentor2's consent to publication that ends within a month."""

from datetime import timedelta

from sqlalchemy import select

from nastavnik import dates
from nastavnik.extensions import db
from nastavnik.tenants.consents import services as consents
from nastavnik.tenants.consents.models import ConsentKind
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
    # mentor2 agreed to be named in the public section for a year, which ends within a month.
    mentor2 = db.session.execute(
        select(Staff).where(Staff.account_id == accounts["mentor2"].id)
    ).scalar_one_or_none()
    if mentor2 is not None:
        consents.record_consent(
            mentor2,
            ConsentKind.PUBLICATION,
            signed_on=today - timedelta(days=340),
            valid_until=today + timedelta(days=20),
            paper_number="П-14",
            by=accounts["curator"],
        )
