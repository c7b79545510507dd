"""«Начало работы»: the steps of a school's year in order, each marked done from its data.

A new school's home page shows where to start: accounts → staff register → consents → banks →
pairs → order → programs. A step is done when the data it leaves exist; the first step not done
is the next one, linked for those whose role may take it. One query, whatever the school's size.
"""

from dataclasses import dataclass

from sqlalchemy import select

from nastavnik.extensions import db
from nastavnik.models import Account, RoleGrant
from nastavnik.permissions import Role, can
from nastavnik.tenants.banks.models import MenteeEntry, MentorEntry
from nastavnik.tenants.consents.models import Consent, ConsentKind
from nastavnik.tenants.orders.models import OrderKind, OrderStatus, SchoolOrder
from nastavnik.tenants.pairings.models import Pairing
from nastavnik.tenants.programs.models import Program
from nastavnik.tenants.staff.models import Staff


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    done_when: str  # what the data must show, as the person reads it
    action: str  # the link's words
    endpoint: str  # where the step is done
    permission: str  # who may go there
    who: str  # who does it, said to those who may not


@dataclass(frozen=True)
class StepState:
    step: Step
    done: bool
    is_next: bool
    may_follow: bool  # the person's role may open the step's page


# In the order of the year (the roadmap's stages 1–5): each needs the ones before it.
STEPS = (
    Step(
        "accounts",
        "Учётные записи",
        "У куратора или координатора есть учётная запись.",
        "Создать учётную запись",
        "accounts.create",
        "accounts.manage",
        "руководитель или системный администратор",
    ),
    Step(
        "staff",
        "Реестр педагогов",
        "В реестр внесены педагогические работники (вручную или из таблицы).",
        "Загрузить реестр",
        "staff.import_staff",
        "staff.manage",
        "куратор, координатор или руководитель",
    ),
    Step(
        "consents",
        "Согласия",
        "Записаны согласия на обработку персональных данных.",
        "Записать согласие",
        "consents.create",
        "consents.manage",
        "куратор, координатор или руководитель",
    ),
    Step(
        "banks",
        "Банки наставников и наставляемых",
        "В обоих банках есть хотя бы по одному педагогу.",
        "Открыть банки",
        "banks.mentees",
        "banks.manage",
        "куратор, координатор или рабочая группа",
    ),
    Step(
        "pairs",
        "Пары и группы",
        "Предложена хотя бы одна наставническая пара или группа.",
        "Подобрать пары",
        "matching.proposal",
        "matching.run",
        "куратор, координатор или рабочая группа",
    ),
    Step(
        "order",
        "Приказ о закреплении пар",
        "Приказ о закреплении наставнических пар/групп подписан.",
        "Подготовить приказ",
        "orders.draft_pairings",
        "pairings.manage",
        "куратор или координатор готовит проект, руководитель подписывает",
    ),
    Step(
        "programs",
        "Программы наставничества",
        "Составлена хотя бы одна персонализированная программа.",
        "Составить программу",
        "programs.create",
        "programs.manage",
        "куратор, координатор или руководитель",
    ),
)

# Those who run the system's year see the block; a mentor or a mentee has nothing to set up.
SEES_START = "school.start"


def _any(statement) -> object:
    return statement.limit(1).exists()


def done_steps() -> dict[str, bool]:
    """Which steps the school's data show as done: one query of a few EXISTS."""
    curator = (
        select(Account.id)
        .join(RoleGrant, RoleGrant.account_id == Account.id)
        .where(Account.active, RoleGrant.role.in_((Role.CURATOR, Role.COORDINATOR)))
    )
    consent = select(Consent.id).where(
        Consent.kind == ConsentKind.PERSONAL_DATA, Consent.revoked_on.is_(None)
    )
    order = select(SchoolOrder.id).where(
        SchoolOrder.kind == OrderKind.PAIRINGS, SchoolOrder.status == OrderStatus.SIGNED
    )
    row = db.session.execute(
        select(
            _any(curator),
            _any(select(Staff.id)),
            _any(consent),
            _any(select(MentorEntry.id)) & _any(select(MenteeEntry.id)),
            _any(select(Pairing.id)),
            _any(order),
            _any(select(Program.id)),
        )
    ).one()
    return {step.key: bool(done) for step, done in zip(STEPS, row, strict=True)}


def start_steps(account) -> list[StepState] | None:
    """The steps for the person's home page, or None when they are all done (or not theirs)."""
    if not can(account, SEES_START):
        return None
    done = done_steps()
    if all(done.values()):
        return None
    next_key = next(step.key for step in STEPS if not done[step.key])
    return [
        StepState(
            step,
            done[step.key],
            step.key == next_key,
            can(account, step.permission),
        )
        for step in STEPS
    ]
