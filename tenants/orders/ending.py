"""7.1: the order ending personalised programs, drafted from the programs that have ended."""

from datetime import date

from sqlalchemy import select

from nastavnik.dates import format_date
from nastavnik.extensions import db
from nastavnik.refusals import Refusal
from nastavnik.tenants.programs.models import EndReason, Program, ProgramStatus

from . import wording
from .models import OrderKind, OrderStatus, SchoolOrder
from .services import account_id, bound_school, drafted_on, sign_order

TITLE_ONE = OrderKind.PROGRAM_END.label
TITLE_MANY = "О завершении персонализированных программ наставничества"
ANNEX_TITLE = "Персонализированные программы наставничества, реализация которых завершена"
COLUMNS = ("Наставник", "Наставляемые", "Программа", "Дата завершения", "Основание")

# The three cases of 7.1, each with the reasons a program records, as the order counts them.
GROUNDS: tuple[tuple[str, frozenset[EndReason]], ...] = (
    (
        "завершением плана мероприятий программы в полном объёме",
        frozenset({EndReason.COMPLETED}),
    ),
    (
        "инициативой наставника или наставляемого и (или) их обоюдным решением "
        "(по уважительным обстоятельствам)",
        frozenset({EndReason.MENTOR_INITIATIVE, EndReason.MENTEE_INITIATIVE, EndReason.MUTUAL}),
    ),
    (
        "инициативой куратора (недолжное исполнение программы, форс-мажорные обстоятельства)",
        frozenset({EndReason.IMPROPER, EndReason.FORCE_MAJEURE}),
    ),
)


def programs_by_order() -> dict[int, SchoolOrder]:
    """The draft or signed ending order each program is in."""
    orders = db.session.execute(
        select(SchoolOrder)
        .where(SchoolOrder.kind == OrderKind.PROGRAM_END)
        .order_by(SchoolOrder.id)
    ).scalars()
    return {int(i): order for order in orders for i in (order.content or {}).get("program_ids", [])}


def awaiting_order() -> list[Program]:
    """Programs that have ended and are in no ending order yet, the earliest ended first."""
    taken = programs_by_order()
    ended = db.session.execute(
        select(Program)
        .where(Program.status == ProgramStatus.ENDED)
        .order_by(Program.ended_on, Program.id)
    ).scalars()
    return [p for p in ended if p.id not in taken]


def reason_of(program: Program) -> str:
    """The ground of 7.1 as the program recorded it, with the comment that explains it."""
    reason = program.end_reason_label
    return f"{reason}: {program.end_comment}" if program.end_comment else reason


def _check(programs: list[Program], ids: list[int]) -> None:
    if len(programs) != len(ids):
        raise Refusal("Программа не найдена.", field="programs")
    taken = programs_by_order()
    for program in programs:
        if program.status != ProgramStatus.ENDED:
            raise Refusal(
                f"Программа «{program.title}» ещё не завершена: в приказ включаются только "
                "завершённые программы (п. 7.1).",
                field="programs",
            )
        if program.id in taken:
            order = taken[program.id]
            which = (
                f"№ {order.number}"
                if order.status == OrderStatus.SIGNED
                else f"проект от {format_date(drafted_on(order))}"
            )
            raise Refusal(
                f"Программа «{program.title}» уже включена в приказ о завершении ({which}).",
                field="programs",
            )


def draft_ending_order(program_ids, on: date, by, *, curator: str = "") -> SchoolOrder:
    """A draft order ending the chosen programs (7.1), each with its ground, as an annex table;
    `curator` (in the dative) is charged with publishing their results (8.2)."""
    ids = list(dict.fromkeys(int(i) for i in program_ids or ()))
    if not ids:
        raise Refusal("Выберите хотя бы одну завершённую программу.", field="programs")
    found = db.session.execute(select(Program).where(Program.id.in_(ids))).scalars().all()
    by_program = {p.id: p for p in found}
    chosen = [by_program[i] for i in ids if i in by_program]
    _check(chosen, ids)
    curator = wording.clean_curator(curator)

    school = bound_school()
    rows, people = [], []
    for program in chosen:
        pairing = program.pairing
        mentees = [m.mentee for m in pairing.members]
        people += [pairing.mentor, *mentees]
        rows.append(
            [
                pairing.mentor.full_name,
                "\n".join(m.full_name for m in mentees),
                program.title,
                format_date(program.ended_on),
                reason_of(program),
            ]
        )
    counts = [
        (ground, sum(1 for p in chosen if p.end_reason in reasons)) for ground, reasons in GROUNDS
    ]
    content = {
        "program_ids": ids,
        "drafted_on": on.isoformat(),
        "preamble": (
            f"В соответствии с пунктом 7.1 {wording.regulation(school, on, 'genitive')}, "
            "в связи с завершением персонализированных программ наставничества,"
        ),
        "items": [
            {
                "text": (
                    "Считать завершённой реализацию персонализированных программ наставничества "
                    f"педагогических работников согласно приложению (всего — {len(chosen)}), "
                    "в связи с:"
                ),
                "subitems": [f"{ground} — {n};" for ground, n in counts if n],
            },
            "Наставнические пары/группы, реализовавшие программы, указанные в приложении, "
            "считать завершившими работу.",
            wording.curator_item(
                curator,
                "обеспечить размещение результатов завершённых программ в разделе "
                f"«Наставничество» официального сайта {school.short_name} (п. 8.2 Положения).",
            ),
        ],
        "annex_title": ANNEX_TITLE,
        "annex_columns": list(COLUMNS),
        "rows": rows,
        "acquainted": wording.acquainted(people),
        "curator": curator,
    }
    order = SchoolOrder(
        kind=OrderKind.PROGRAM_END,
        title=TITLE_ONE if len(chosen) == 1 else TITLE_MANY,
        status=OrderStatus.DRAFT,
        content=content,
        created_by_id=account_id(by),
    )
    db.session.add(order)
    db.session.flush()
    return order


def sign_ending_order(order: SchoolOrder, number: str, signed_on: date, by) -> None:
    """The director signs: the programs in it must still be there, ended."""
    if order.kind != OrderKind.PROGRAM_END:
        raise Refusal("Это не приказ о завершении программ наставничества.")
    ids = [int(i) for i in (order.content or {}).get("program_ids", [])]
    found = db.session.execute(select(Program).where(Program.id.in_(ids))).scalars().all()
    if len(found) != len(ids) or any(p.status != ProgramStatus.ENDED for p in found):
        raise Refusal("Программа из проекта приказа не найдена: подготовьте приказ заново.")
    sign_order(order, number, signed_on, by)
