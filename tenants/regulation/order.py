"""The order «О реализации целевой модели наставничества» (the seed's № 90-од), drafted from data:
it puts the Regulation, the Roadmap and the working program into force (3.1, 3.3), appoints the
coordinator and the curator, and names the working group.

What the document says is frozen in the order's `content` when drafted (tenants/orders):
  heading, preamble, items (each {"text", "subitems", "lines"}), acquainted, approval,
  annexes (each {"title", "columns", "rows", "sections", "approval"}), effective_from, year,
  appointment_ids; the number and date fill it when signed.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from nastavnik.dates import format_date
from nastavnik.declension import Case, decline, short_name
from nastavnik.documents import (
    CONTROL_ITEM,
    Annex,
    Approval,
    OrderDocument,
    OrderItem,
    SchoolLetterhead,
    Section,
    render_order,
)
from nastavnik.extensions import db
from nastavnik.models import School
from nastavnik.refusals import Refusal
from nastavnik.tenancy import current_scope
from nastavnik.tenants.appointments import services as appointments
from nastavnik.tenants.appointments.models import Post
from nastavnik.tenants.orders import services as orders
from nastavnik.tenants.orders.models import OrderKind, OrderStatus, SchoolOrder

from . import basis as legal_basis
from . import program, roadmap_annex
from . import text as regulation

TITLE = OrderKind.TARGET_MODEL.label
HEADINGS = {"order": "ПРИКАЗ", "extract": "ВЫПИСКА ИЗ ПРИКАЗА"}
ROADMAP_TITLE = (
    "Дорожная карта (план мероприятий) по реализации Положения о системе наставничества "
    "педагогических работников {school}"
)
CONTROL_LINE = f"5. {CONTROL_ITEM}"
GROUP_ITEM = (
    "Утвердить состав рабочей группы, осуществляющей организационную, методическую и "
    "аналитическую деятельность по реализации целевой модели наставничества:"
)


def school() -> School:
    school_id = current_scope().school_id
    return db.session.execute(select(School).where(School.id == school_id)).scalar_one()


def academic_year(on: date) -> int:
    """The academic year (1 September – 31 August) a day belongs to, by its first year."""
    return on.year if on.month >= 9 else on.year - 1


def dotted(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else "__.__.____"


def quoted(day: date) -> str:
    """«01» сентября 2023 г., as orders date an entry into force."""
    return f"«{day.day:02d}» {format_date(day).split(' ', 1)[1]}"


@dataclass(frozen=True)
class Name:
    """A name the order writes in a case: the platform's form, and whether it is sure."""

    key: str
    nominative: str
    case_label: str
    form: str
    confident: bool


def _accusative(key: str, full_name: str) -> Name:
    declined = decline(full_name, Case.ACCUSATIVE)
    if declined.confident:
        return Name(key, short_name(full_name), "винительный", declined.short, True)
    # Not sure: the draft shows the nominative and asks (never a silent guess).
    return Name(key, short_name(full_name), "винительный", short_name(full_name), False)


def _refusals(sch: School, posts, effective_from: date) -> None:
    if not (sch.director_name or "").strip():
        raise Refusal("В карточке школы не указан директор: приказ некому подписать.")
    for post, what in ((Post.COORDINATOR, "координатор"), (Post.CURATOR, "куратор")):
        if not posts[post]:
            raise Refusal(f"Не назначен {what}: назначьте его в разделе «Рабочая группа».")
    if not posts[Post.GROUP_HEAD]:
        raise Refusal("Не назначен руководитель рабочей группы.")
    missing = legal_basis.missing_for_order(legal_basis.current())
    if missing:
        raise Refusal("Заполните правовые основания приказа: " + "; ".join(missing) + ".")
    roadmap_annex.check(academic_year(effective_from))


def names_to_confirm(effective_from: date) -> list[Name]:
    """The names the order declines, with the platform's forms (the screen asks about the
    unsure ones)."""
    posts = appointments.composition()
    out = []
    for post, key in ((Post.COORDINATOR, "coordinator"), (Post.CURATOR, "curator")):
        if posts[post]:
            out.append(_accusative(key, posts[post][0].staff.full_name))
    return out


def compose(effective_from: date, *, extract: bool = False, forms: dict | None = None) -> dict:
    """The content of the order from the school's data; `forms`: the names as confirmed."""
    sch = school()
    posts = appointments.composition()
    _refusals(sch, posts, effective_from)
    year = academic_year(effective_from)
    name = sch.short_name
    base = legal_basis.current()
    forms = forms or {}
    named = {n.key: n for n in names_to_confirm(effective_from)}
    for key, typed in forms.items():
        typed = " ".join((typed or "").split())
        if key in named and typed:
            if len(typed) > 120:
                raise Refusal("Форма имени — не длиннее 120 символов.", field=key)
            named[key] = Name(key, named[key].nominative, named[key].case_label, typed, True)
    unsure = [n for n in named.values() if not n.confident]
    if unsure:
        raise Refusal(
            "Подтвердите форму имени: "
            + ", ".join(f"{n.nominative} ({n.case_label} падеж)" for n in unsure)
            + ".",
            field=unsure[0].key,
        )

    coordinator = posts[Post.COORDINATOR][0]
    curator = posts[Post.CURATOR][0]
    head = posts[Post.GROUP_HEAD][0]
    members = posts[Post.GROUP_MEMBER]
    preamble = (
        "В целях внедрения системы наставничества педагогических работников и на основании "
        f"приказа {base.district_body} от {dotted(base.district_order_date)} "
        f"№ {base.district_order_number} «{base.district_order_title}», в соответствии с решением "
        f"педагогического совета {name} от {dotted(base.council_date)} "
        f"(протокол № {base.council_protocol}), с учетом мнения первичной профсоюзной "
        f"организации от {dotted(base.union_date)} (протокол № {base.union_protocol}),"
    )
    lines = [
        "руководитель рабочей группы:",
        f"{short_name(head.staff.full_name)} – {head.position};",
    ]
    if members:
        lines.append("члены рабочей группы:")
        lines += [f"{short_name(m.staff.full_name)} – {m.position};" for m in members]
    items = [
        {
            "text": f"Утвердить и ввести с {quoted(effective_from)} в действие прилагаемые:",
            "subitems": [
                f"Положение о системе наставничества педагогических работников {name} "
                "(Приложение 1);",
                "Дорожную карту (план мероприятий) по реализации Положения о системе "
                f"наставничества педагогических работников в {name} (Приложение 2);",
                "Рабочую программу по наставничеству (Приложение 3).",
            ],
        },
        {
            "text": f"{named['coordinator'].form} назначить координатором внедрения целевой "
            f"модели наставничества в {name}."
        },
        {
            "text": f"{named['curator'].form} назначить куратором реализации целевой модели "
            f"наставничества в {name}."
        },
        {"text": GROUP_ITEM, "lines": lines},
        {"text": CONTROL_ITEM},
    ]
    people = [coordinator, curator, head, *members]
    acquainted = list(dict.fromkeys(short_name(a.staff.full_name) for a in people))
    sections = regulation.in_force(name)
    annexes = [
        {
            "title": regulation.title(name),
            "sections": [
                {"heading": s.heading, "paragraphs": list(s.paragraphs)} for s in sections
            ],
            "approval": True,
        },
        {
            "title": ROADMAP_TITLE.format(school=name),
            "columns": list(roadmap_annex.COLUMNS),
            "rows": roadmap_annex.rows(year),
            "approval": True,
        },
        {
            "title": program.TITLE,
            "sections": program.sections(sections, year, name),
            "approval": False,
        },
    ]
    return {
        "heading": "extract" if extract else "order",
        "preamble": preamble,
        "items": items,
        "acquainted": acquainted,
        "annexes": annexes,
        "effective_from": effective_from.isoformat(),
        "year": year,
        "versions": {str(s.number): s.version for s in sections},
        "figures": program.figures(year),
    }


def draft(on: date, effective_from: date, by, *, extract=False, forms=None) -> SchoolOrder:
    """A draft of the order; it carries the pending appointments (and the members leaving)."""
    content = compose(effective_from, extract=extract, forms=forms)
    content["drafted_on"] = on.isoformat()
    changes = appointments.changes()
    content["appointment_ids"] = [a.id for a in changes]
    order = SchoolOrder(
        kind=OrderKind.TARGET_MODEL,
        title=TITLE,
        status=OrderStatus.DRAFT,
        content=content,
        created_by_id=getattr(by, "id", None),
    )
    db.session.add(order)
    db.session.flush()
    appointments.carry(changes, order.id)
    return order


def sign(order: SchoolOrder, number: str, signed_on: date, by) -> None:
    """The director signs: the number and date fill the document, the appointments it carries
    come into force (their predecessors' end) — see signing.py."""
    if order.kind != OrderKind.TARGET_MODEL:
        raise Refusal("Это не приказ о реализации целевой модели наставничества.")
    if not (school().director_name or "").strip():
        raise Refusal("В карточке школы не указан директор: приказ некому подписать.")
    orders.sign_order(order, number, signed_on, by)


def draft_exists(order_id: int) -> bool:
    found = db.session.execute(
        select(SchoolOrder.id).where(
            SchoolOrder.id == order_id, SchoolOrder.status == OrderStatus.DRAFT
        )
    ).first()
    return found is not None


def signed_orders() -> list[SchoolOrder]:
    return list(
        db.session.execute(
            select(SchoolOrder)
            .where(
                SchoolOrder.kind == OrderKind.TARGET_MODEL,
                SchoolOrder.status == OrderStatus.SIGNED,
            )
            .order_by(SchoolOrder.signed_on.desc(), SchoolOrder.id.desc())
        ).scalars()
    )


# The document.


def approval(order: SchoolOrder, base) -> Approval:
    signed = order.status == OrderStatus.SIGNED
    number = order.number if signed else "____"
    day = dotted(order.signed_on) if signed else "__.__.____"
    considered = "на педагогическом совете\n(протокол № {} от {})".format(
        base.council_protocol if base else "__", dotted(base.council_date) if base else ""
    )
    agreed = (
        f"на заседании МО\nПротокол № {base.mo_protocol}\nот {dotted(base.mo_date)}"
        if base and base.mo_date
        else "на заседании МО\nПротокол № ____\nот __.__.____"
    )
    return Approval(
        considered=considered,
        approved=f"приказом директора\n№ {number} от {day}",
        agreed=agreed,
    )


def document(order: SchoolOrder, sch: School) -> OrderDocument:
    content = order.content or {}
    signed = order.status == OrderStatus.SIGNED
    base = legal_basis.current()
    blocks = approval(order, base)
    return OrderDocument(
        letterhead=SchoolLetterhead(sch.name_ru, sch.name_ce, sch.settlement),
        heading=HEADINGS.get(content.get("heading"), "ПРИКАЗ"),
        number=order.number if signed else None,
        date=order.signed_on if signed else None,
        title=order.title,
        preamble=content.get("preamble", ""),
        items=tuple(
            OrderItem(i["text"], tuple(i.get("subitems", ())), tuple(i.get("lines", ())))
            for i in content.get("items", ())
        ),
        signer_position="Директор",
        signer_name=short_name(sch.director_name),
        approval=blocks,
        acquainted=tuple(content.get("acquainted", ())),
        annexes=tuple(
            Annex(
                title=a["title"],
                columns=tuple(a.get("columns", ())),
                rows=tuple(tuple(r) for r in a.get("rows", ())),
                sections=tuple(
                    Section(s["heading"], tuple(s["paragraphs"])) for s in a.get("sections", ())
                ),
                approval=blocks if a.get("approval") else None,
            )
            for a in content.get("annexes", ())
        ),
    )


def render(order: SchoolOrder, sch: School) -> bytes:
    return render_order(document(order, sch))


def filename(order: SchoolOrder) -> str:
    number = order.number if order.status == OrderStatus.SIGNED else None
    tail = "".join(c if c.isalnum() or c == "-" else "_" for c in number) if number else "проект"
    return f"Приказ_О_реализации_целевой_модели_наставничества_{tail}.docx"
