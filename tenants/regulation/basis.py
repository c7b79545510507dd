"""The legal basis the order cites: filled once by the school, remembered for the next order."""

from datetime import date

from sqlalchemy import select

from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.refusals import Refusal

from .models import LegalBasis

# The district order on the model Regulation (DOMAIN.md; the seed's preamble).
DISTRICT_BODY = "МУ «Управление образования Курчалоевского муниципального района»"
DISTRICT_ORDER_DATE = date(2022, 8, 17)
DISTRICT_ORDER_NUMBER = "131-од"
DISTRICT_ORDER_TITLE = (
    "Об утверждении положения о системе наставничества педагогических работников "
    "в образовательных организациях Курчалоевского муниципального района"
)

FIELDS = (
    "district_body",
    "district_order_date",
    "district_order_number",
    "district_order_title",
    "council_date",
    "council_protocol",
    "union_date",
    "union_protocol",
    "mo_date",
    "mo_protocol",
)
_LIMITS = {
    "district_body": 300,
    "district_order_number": 40,
    "district_order_title": 300,
    "council_protocol": 40,
    "union_protocol": 40,
    "mo_protocol": 40,
}


def current() -> LegalBasis | None:
    return db.session.execute(select(LegalBasis)).scalar_one_or_none()


def defaults() -> dict:
    return {
        "district_body": DISTRICT_BODY,
        "district_order_date": DISTRICT_ORDER_DATE,
        "district_order_number": DISTRICT_ORDER_NUMBER,
        "district_order_title": DISTRICT_ORDER_TITLE,
    }


def values() -> dict:
    basis = current()
    if basis is None:
        return defaults()
    return {name: getattr(basis, name) for name in FIELDS}


def save(**fields) -> LegalBasis:
    """The school's legal basis, kept for every later order."""
    clean = {}
    for name in FIELDS:
        value = fields.get(name)
        if isinstance(value, str) or name in _LIMITS:
            value = " ".join((value or "").split())
            if len(value) > _LIMITS[name]:
                raise Refusal(f"Не длиннее {_LIMITS[name]} символов.", field=name)
        clean[name] = value
    for name, message in (
        ("district_body", "Укажите орган, издавший приказ района."),
        ("district_order_date", "Укажите дату приказа района."),
        ("district_order_number", "Укажите номер приказа района."),
        ("district_order_title", "Укажите название приказа района."),
    ):
        if not clean[name]:
            raise Refusal(message, field=name)
    for day, protocol, what in (
        ("council_date", "council_protocol", "решения педагогического совета"),
        ("union_date", "union_protocol", "мнения профсоюзной организации"),
        ("mo_date", "mo_protocol", "согласования на заседании МО"),
    ):
        if bool(clean[day]) != bool(clean[protocol]):
            raise Refusal(f"Для {what} укажите и номер протокола, и дату.", field=protocol)
    basis = current()
    if basis is None:
        basis = LegalBasis(**clean)
        db.session.add(basis)
    else:
        for name, value in clean.items():
            setattr(basis, name, value)
        basis.updated_at = utcnow()
    db.session.flush()
    return basis


def missing_for_order(basis: LegalBasis | None) -> list[str]:
    """What the order cannot be drafted without (the seed's preamble and approval blocks)."""
    if basis is None:
        return ["правовые основания не заполнены"]
    out = []
    if not basis.council_date:
        out.append("решение педагогического совета (протокол и дата)")
    if not basis.union_date:
        out.append("мнение первичной профсоюзной организации (протокол и дата)")
    return out
