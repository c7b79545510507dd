"""The school's orders: the register, the drafts the platform writes, and their signing.

A drafted order keeps what its document says in `content`, frozen when drafted:
  preamble      the text before «ПРИКАЗЫВАЮ:»;
  items         the numbered items, each a string or {"text": ..., "subitems": [...]};
  annex_title, annex_columns, rows   the annex table (a «№» column is put in front);
  drafted_on    the day of the draft (the order cannot be signed before it);
  acquainted    the names under «С приказом ознакомлены:»;
  curator       the curator charged by an item, in the dative;
and pairing_ids (the approval of pairs and groups, 6.2) or program_ids (their ending, 7.1).
"""

from datetime import date, timedelta

from sqlalchemy import select

from nastavnik.dates import format_date, today
from nastavnik.declension import short_name
from nastavnik.documents import Annex, OrderDocument, OrderItem, SchoolLetterhead, render_order
from nastavnik.extensions import db
from nastavnik.models import School
from nastavnik.refusals import Refusal
from nastavnik.tenancy import current_scope
from nastavnik.tenants.consents.services import valid_kinds
from nastavnik.tenants.pairings import services as pairings
from nastavnik.tenants.pairings.models import Pairing, PairingStatus
from nastavnik.uploads import StoredFile, save_upload

from . import wording
from .models import OrderKind, OrderStatus, SchoolOrder

PAIRINGS_TITLE = OrderKind.PAIRINGS.label
PAIRINGS_ANNEX_TITLE = "Состав наставнических пар/групп"
PAIRINGS_COLUMNS = ("Наставник", "Наставляемый", "Форма наставничества")
NUMBER_MAX = 40


def bound_school() -> School:
    school_id = current_scope().school_id
    return db.session.execute(select(School).where(School.id == school_id)).scalar_one()


def account_id(account) -> int | None:
    return getattr(account, "id", None)


def drafted_on(order: SchoolOrder) -> date:
    frozen = (order.content or {}).get("drafted_on")
    return date.fromisoformat(frozen) if frozen else order.created_at.date()


def has_document(order: SchoolOrder) -> bool:
    """Drafted on the platform (a paper order only registered here has no document)."""
    return "items" in (order.content or {})


# The order approving pairs and groups (6.2).


def orders_by_pairing() -> dict[int, SchoolOrder]:
    """The draft or signed order of approval each pairing is in."""
    orders = db.session.execute(
        select(SchoolOrder)
        .where(SchoolOrder.kind == "pairings", SchoolOrder.status.in_(("draft", "signed")))
        .order_by(SchoolOrder.id)
    ).scalars()
    return {int(i): order for order in orders for i in (order.content or {}).get("pairing_ids", [])}


def ready_and_not(on: date) -> tuple[list[Pairing], list[tuple[Pairing, list[str]]]]:
    """Proposed pairings that may go into an order, and the others with why not."""
    taken = orders_by_pairing()
    proposed = (
        db.session.execute(
            select(Pairing)
            .where(Pairing.status == PairingStatus.PROPOSED)
            .order_by(Pairing.id)
            .options(*pairings.with_people())
        )
        .scalars()
        .all()
    )
    kinds = valid_kinds(pairings.people_of(proposed), on)  # all rows' consents in one query
    ready, not_ready = [], []
    for pairing in proposed:
        reasons = pairings.not_ready_reasons(pairing, on, kinds)
        if pairing.id in taken:
            drafted = format_date(drafted_on(taken[pairing.id]))
            reasons.append(f"уже включена в проект приказа от {drafted}")
        if reasons:
            not_ready.append((pairing, reasons))
        else:
            ready.append(pairing)
    return ready, not_ready


def draft_pairings_order(
    pairing_ids, on: date, by, *, programs_due: date | None = None, curator: str = ""
) -> SchoolOrder:
    """A draft order «О закреплении наставнических пар/групп» of the chosen proposed pairings,
    each with everyone's written consent recorded (6.2); `curator` is named in the item on
    control (in the dative: «Батаевой А.Х.»)."""
    ids = list(dict.fromkeys(int(i) for i in pairing_ids))
    if not ids:
        raise Refusal("Выберите хотя бы одну пару или группу.")
    found = db.session.execute(select(Pairing).where(Pairing.id.in_(ids))).scalars().all()
    if len(found) != len(ids):
        raise Refusal("Пара или группа не найдена.")
    by_id = {p.id: p for p in found}
    chosen = [by_id[i] for i in ids]
    taken = orders_by_pairing()
    for pairing in chosen:
        reasons = pairings.not_ready_reasons(pairing, on)
        if reasons:
            raise Refusal(f"{pairings.describe(pairing)}: {'; '.join(reasons)}.")
        if pairing.id in taken:
            raise Refusal(f"{pairings.describe(pairing)}: уже включена в другой приказ.")
    programs_due = programs_due or on + timedelta(days=30)
    if programs_due <= on:
        raise Refusal("Срок разработки программ должен быть позже даты проекта.")
    curator = wording.clean_curator(curator)

    school = bound_school()
    labels = pairings.form_labels()
    rows = [
        [
            p.mentor.full_name,
            "\n".join(m.mentee.full_name for m in p.members),
            labels.get(p.form) or pairings.form_label(p.form),
        ]
        for p in chosen
    ]
    content = {
        "pairing_ids": ids,
        "drafted_on": on.isoformat(),
        "preamble": (
            f"В соответствии с {wording.regulation(school, on)}, на основании письменного согласия "
            "наставников и наставляемых,"
        ),
        "items": [
            "Закрепить наставнические пары/группы согласно приложению.",
            "Наставникам совместно с наставляемыми разработать персонализированные программы "
            f"наставничества в срок до {format_date(programs_due)}",
            wording.curator_item(
                curator,
                "обеспечить контроль за разработкой и реализацией персонализированных программ "
                "наставничества.",
            ),
        ],
        "annex_title": PAIRINGS_ANNEX_TITLE,
        "annex_columns": list(PAIRINGS_COLUMNS),
        "rows": rows,
        # 6.2: everyone in the pairs and groups signs that they have read it.
        "acquainted": wording.acquainted(
            [person for p in chosen for person in (p.mentor, *(m.mentee for m in p.members))]
        ),
        "curator": curator,
    }
    order = SchoolOrder(
        kind=OrderKind.PAIRINGS,
        title=PAIRINGS_TITLE,
        status=OrderStatus.DRAFT,
        content=content,
        created_by_id=account_id(by),
    )
    db.session.add(order)
    db.session.flush()
    return order


def _check_number_and_date(number: str, signed_on: date | None, exclude_id=None) -> str:
    number = " ".join((number or "").split())
    if not number:
        raise Refusal("Укажите номер приказа.")
    if len(number) > NUMBER_MAX:
        raise Refusal(f"Номер приказа — не длиннее {NUMBER_MAX} символов.")
    if signed_on is None:
        raise Refusal("Укажите дату приказа.")
    if signed_on > today():
        raise Refusal("Дата приказа не может быть позже сегодняшнего дня.")
    same = select(SchoolOrder.id).where(
        SchoolOrder.status == OrderStatus.SIGNED, SchoolOrder.number == number
    )
    if exclude_id is not None:
        same = same.where(SchoolOrder.id != exclude_id)
    if db.session.execute(same).first():
        raise Refusal(f"Приказ № {number} в школе уже есть.")
    return number


def _check_signing(order: SchoolOrder, number: str, signed_on: date) -> str:
    number = _check_number_and_date(number, signed_on, exclude_id=order.id)
    if signed_on < drafted_on(order):
        raise Refusal("Дата приказа не может быть раньше даты его проекта.")
    return number


def sign_order(order: SchoolOrder, number: str, signed_on: date, by) -> None:
    """The director records the number and date of the signed paper: the draft is signed."""
    if order.status != OrderStatus.DRAFT:
        raise Refusal("Приказ уже подписан: его нельзя подписать ещё раз или изменить.")
    number = _check_signing(order, number, signed_on)
    order.number = number
    order.signed_on = signed_on
    order.status = OrderStatus.SIGNED
    order.signed_by_id = account_id(by)
    db.session.flush()


def sign_pairings_order(order: SchoolOrder, number: str, signed_on: date, by) -> None:
    """Signing the order approves each pair and group in it (6.2)."""
    if order.kind != OrderKind.PAIRINGS:
        raise Refusal("Это не приказ о закреплении наставнических пар/групп.")
    if order.status != OrderStatus.DRAFT:
        raise Refusal("Приказ уже подписан: его нельзя подписать ещё раз или изменить.")
    _check_signing(order, number, signed_on)  # the number and date first: what was typed
    ids = [int(i) for i in (order.content or {}).get("pairing_ids", [])]
    found = db.session.execute(select(Pairing).where(Pairing.id.in_(ids))).scalars().all()
    if len(found) != len(ids):
        raise Refusal("Пара или группа из проекта приказа не найдена: подготовьте новый.")
    for pairing in found:
        reasons = pairings.not_ready_reasons(pairing, signed_on)
        if reasons:
            raise Refusal(
                f"{pairings.describe(pairing)}: {'; '.join(reasons)}. "
                "Удалите проект и подготовьте приказ заново."
            )
    sign_order(order, number, signed_on, by)
    for pairing in found:
        pairings.approve_pairing(pairing, order, signed_on)


def delete_draft(order: SchoolOrder) -> None:
    """A draft that will not be signed; its pairings may go into another order."""
    if order.status != OrderStatus.DRAFT:
        raise Refusal("Подписанный приказ удалить нельзя.")
    db.session.delete(order)
    db.session.flush()


# What a PDF, a JPEG and a PNG begin with: a scan is what its name says, whatever it is called.
SCAN_SIGNATURES = {
    "pdf": b"%PDF-",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "png": b"\x89PNG\r\n\x1a\n",
}
NOT_A_SCAN = "Скан приказа — файл PDF или изображение (JPG, PNG)."


def _check_scan(storage) -> None:
    if storage is None or not storage.filename:
        raise Refusal("Выберите файл скана приказа.", field="scan")
    extension = storage.filename.rsplit(".", 1)[-1].lower() if "." in storage.filename else ""
    signature = SCAN_SIGNATURES.get(extension)
    head = storage.stream.read(8)
    storage.stream.seek(0)
    if signature is None or not head.startswith(signature):
        raise Refusal(NOT_A_SCAN, field="scan")


def attach_scan(order: SchoolOrder, storage) -> StoredFile:
    """The scan of the signed paper order, kept with it in the register."""
    if order.status != OrderStatus.SIGNED:
        raise Refusal("Скан прикладывается к подписанному приказу.", field="scan")
    _check_scan(storage)
    stored = save_upload(storage, order.school_id)
    order.scan_file_id = stored.id
    db.session.flush()
    return stored


def scan_of(order: SchoolOrder) -> StoredFile | None:
    if order.scan_file_id is None:
        return None
    return db.session.execute(
        select(StoredFile).where(StoredFile.id == order.scan_file_id)
    ).scalar_one_or_none()


def register_order(
    kind: str, title: str, number: str, signed_on: date, by, scan=None
) -> SchoolOrder:
    """An order already signed on paper, entered into the register, with its scan if given."""
    if OrderKind.parse(kind) is None:
        raise Refusal("Выберите вид приказа из списка.")
    title = " ".join((title or "").split())
    if not title:
        raise Refusal("Укажите название приказа.")
    if len(title) > 300:
        raise Refusal("Название приказа — не длиннее 300 символов.")
    number = _check_number_and_date(number, signed_on)
    if scan is not None and scan.filename:
        _check_scan(scan)  # before anything is written
    order = SchoolOrder(
        kind=kind,
        title=title,
        number=number,
        signed_on=signed_on,
        status=OrderStatus.SIGNED,
        content={},
        created_by_id=account_id(by),
        signed_by_id=account_id(by),
    )
    db.session.add(order)
    db.session.flush()
    if scan is not None and scan.filename:
        attach_scan(order, scan)
    return order


# The public section (8.1): the local documents the director chooses to show.


def set_public(order: SchoolOrder, public: bool) -> None:
    """The director shows (or hides) a signed order in the school's public section."""
    if public and order.status != OrderStatus.SIGNED:
        raise Refusal("Опубликовать можно только подписанный приказ.")
    order.public = bool(public)
    db.session.flush()


def public_orders() -> list[SchoolOrder]:
    """Signed orders the director made public, latest first."""
    return list(
        db.session.execute(
            select(SchoolOrder)
            .where(SchoolOrder.status == OrderStatus.SIGNED, SchoolOrder.public.is_(True))
            .order_by(SchoolOrder.signed_on.desc(), SchoolOrder.id.desc())
        ).scalars()
    )


# The document.


def initials(full_name: str) -> str:
    """«Умарова Зарема Исаевна» → «Умарова З.И.», as the seed's orders sign."""
    return short_name(full_name)


def _item(raw) -> OrderItem:
    if isinstance(raw, dict):
        return OrderItem(
            str(raw.get("text", "")),
            tuple(str(s) for s in raw.get("subitems", ())),
            tuple(str(s) for s in raw.get("lines", ())),
        )
    return OrderItem(str(raw))


def items_of(order: SchoolOrder) -> list[OrderItem]:
    """The items as the document numbers them (the screen shows the same)."""
    return [_item(i) for i in (order.content or {}).get("items", ())]


def annex_of(order: SchoolOrder) -> Annex | None:
    """The annex table, with the «№» column in front."""
    content = order.content or {}
    columns = tuple(content.get("annex_columns") or ())
    if not columns:
        return None
    rows = content.get("rows") or ()
    return Annex(
        content.get("annex_title") or "Приложение",
        ("№", *columns),
        tuple((str(n), *map(str, r)) for n, r in enumerate(rows, start=1)),
    )


def order_document(order: SchoolOrder, school: School) -> bytes:
    """The .docx of a drafted order: blanks for the number and date until it is signed."""
    content = order.content or {}
    signed = order.status == OrderStatus.SIGNED
    annex = annex_of(order)
    return render_order(
        OrderDocument(
            letterhead=SchoolLetterhead(school.name_ru, school.name_ce, school.settlement),
            number=order.number if signed else None,
            date=order.signed_on if signed else None,
            title=order.title,
            preamble=content.get("preamble", ""),
            items=tuple(items_of(order)),
            signer_position="Директор",
            signer_name=initials(school.director_name),
            acquainted=tuple(content.get("acquainted") or ()),
            annexes=(annex,) if annex else (),
        )
    )


def document_filename(order: SchoolOrder) -> str:
    """«Приказ_О_закреплении_пар_90-од.docx»; «…_проект.docx» for a draft."""
    number = order.number if order.status == OrderStatus.SIGNED else None
    tail = "".join(c if c.isalnum() or c in "-" else "_" for c in number) if number else "проект"
    stem = {
        OrderKind.PAIRINGS: "Приказ_О_закреплении_пар",
        OrderKind.PROGRAM_END: "Приказ_О_завершении_программ",
    }.get(OrderKind(order.kind), "Приказ")
    return f"{stem}_{tail}.docx"
