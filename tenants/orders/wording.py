"""What every order the platform drafts says the same way: its legal basis, the curator it
charges (in the dative, «Куратору Батаевой А.Х.»), and who is to be acquainted with it."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from nastavnik.declension import Case, decline
from nastavnik.extensions import db
from nastavnik.models import Account, RoleGrant, School
from nastavnik.permissions import Role
from nastavnik.refusals import Refusal

from .models import OrderKind, OrderStatus, SchoolOrder

# The district order the schools' Regulations are issued under (the seed's preamble).
DISTRICT_BASIS = (
    "приказом МУ «Управление образования Курчалоевского муниципального района» "
    "от 17.08.2022 № 131-од «Об утверждении положения о системе наставничества педагогических "
    "работников в образовательных организациях Курчалоевского муниципального района»"
)
# Signed orders of these kinds put the school's Regulation into force: the founding order
# «О реализации целевой модели наставничества» (the seed's № 90-од), or a paper one registered.
APPROVE_REGULATION = frozenset(
    kind for kind in OrderKind if kind.value in ("target_model", "regulation")
)


def numbered(order: SchoolOrder) -> str:
    """«от 30.08.2026 № 90-од», as an order is cited in another."""
    return f"от {order.signed_on:%d.%m.%Y} № {order.number}"


def regulation_order(on: date) -> SchoolOrder | None:
    """The latest order of the register signed by `on` that approved the school's Regulation."""
    return db.session.execute(
        select(SchoolOrder)
        .where(
            SchoolOrder.status == OrderStatus.SIGNED,
            SchoolOrder.kind.in_(sorted(APPROVE_REGULATION)),
            SchoolOrder.signed_on <= on,
        )
        .order_by(SchoolOrder.signed_on.desc(), SchoolOrder.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def regulation(school: School, on: date, case: str = "instrumental") -> str:
    """The school's Regulation with what put it in force: «Положением о системе наставничества
    … МБОУ «…», утверждённым приказом от 30.08.2026 № 90-од»; without such an order in the
    register, the district order it is issued under."""
    head = {"instrumental": "Положением", "genitive": "Положения"}[case]
    name = f"{head} о системе наставничества педагогических работников {school.short_name}"
    order = regulation_order(on)
    approved = {"instrumental": "утверждённым", "genitive": "утверждённого"}[case]
    if order is not None:
        return f"{name}, {approved} приказом {numbered(order)}"
    issued = {"instrumental": "принятым", "genitive": "принятого"}[case]
    return f"{name}, {issued} в соответствии с {DISTRICT_BASIS}"


@dataclass(frozen=True)
class CuratorName:
    """The curator in the dative for the draft; `confident` False: the nominative, to check."""

    text: str
    confident: bool


def curator_account() -> Account | None:
    """The school's curator (the first active account with the role)."""
    return db.session.execute(
        select(Account)
        .join(RoleGrant, RoleGrant.account_id == Account.id)
        .where(RoleGrant.role == Role.CURATOR.value, Account.active.is_(True))
        .order_by(Account.id)
        .limit(1)
    ).scalar_one_or_none()


def curator_in_dative(account: Account | None = None) -> CuratorName:
    """«Батаева Аминат Хасановна» → «Батаевой А.Х.»; the nominative when not sure."""
    account = account or curator_account()
    if account is None or not account.full_name.strip():
        return CuratorName("", True)
    declined = decline(account.full_name, Case.DATIVE)  # the nominative when not confident
    return CuratorName(declined.short, declined.confident)


def clean_curator(text: str) -> str:
    text = " ".join((text or "").split())
    if len(text) > 200:
        raise Refusal("ФИО куратора — не длиннее 200 символов.", field="curator")
    return text


def curator_item(curator: str, duty: str) -> str:
    """«Куратору Батаевой А.Х. обеспечить …»."""
    return f"Куратору {curator or 'реализации целевой модели наставничества'} {duty}"


def acquainted(staff_members) -> list[str]:
    """«Батаева А.Х.», each once, in the order they come."""
    return list(dict.fromkeys(s.short_name for s in staff_members))
