"""Приложение 3: the working program of mentoring, composed from the school's data — the
Regulation's goal and tasks (2.1, 2.2), the forms it uses (2.3), its pairs and groups and their
programs of the year, and the results expected."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from nastavnik.dates import format_date
from nastavnik.extensions import db
from nastavnik.tenants.pairings import services as pairings
from nastavnik.tenants.pairings.models import NOT_ENDED, Pairing
from nastavnik.tenants.programs.models import Program

from .text import Section

TITLE = "Рабочая программа по наставничеству"

EXPECTED_RESULTS = (
    "успешная адаптация молодых/начинающих педагогов и педагогов, впервые пришедших в "
    "образовательную организацию, к условиям педагогической деятельности;",
    "преодоление профессиональных затруднений наставляемых, выявленных при формировании "
    "банка наставляемых;",
    "рост числа педагогов, закрепившихся в профессии;",
    "развитие профессиональных компетенций наставников и наставляемых, в том числе в условиях "
    "цифровой образовательной среды;",
    "участие наставников и наставляемых в конкурсах профессионального мастерства, "
    "конференциях и семинарах;",
    "пополнение банка лучших практик наставничества педагогических работников.",
)


def _clause(sections: list[Section], number: int, start: str, stop: str | None) -> list[str]:
    """The paragraphs of a clause of the Regulation in force: from «2.1.» up to «2.3.»."""
    paragraphs = next(s.paragraphs for s in sections if s.number == number)
    out, inside = [], False
    for p in paragraphs:
        if p.startswith(start):
            inside = True
            rest = p[len(start) :].strip()
            if rest:
                out.append(rest)
            continue
        if stop and p.startswith(stop):
            break
        if inside:
            out.append(p)
    return out


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 9, 1), date(year + 1, 8, 31)


def sections(regulation: list[Section], year: int, school_name: str) -> list[dict]:
    """The program's sections, each {"heading", "paragraphs"}; nothing typed by hand."""
    starts, ends = _year_bounds(year)
    goal = _clause(regulation, 2, "2.1.", "2.2.")
    tasks = _clause(regulation, 2, "2.2.", "2.3.")
    tasks = [t for t in tasks if not t.endswith(":")]
    found = (
        db.session.execute(
            select(Pairing)
            .options(selectinload(Pairing.mentor), selectinload(Pairing.members))
            .where(Pairing.status.in_(NOT_ENDED))
            .order_by(Pairing.id)
        )
        .scalars()
        .all()
    )
    labels = pairings.form_labels()
    forms = list(dict.fromkeys(labels.get(p.form) or pairings.form_label(p.form) for p in found))
    programs = (
        db.session.execute(
            select(Program)
            .where(Program.starts_on <= ends, Program.ends_on >= starts)
            .order_by(Program.starts_on, Program.id)
        )
        .scalars()
        .all()
    )
    by_pairing = {p.id: p for p in found}
    out = [
        {
            "heading": "1. Цель программы",
            "paragraphs": goal[:1] or ["—"],
        },
        {"heading": "2. Задачи программы", "paragraphs": tasks or ["—"]},
        {
            "heading": f"3. Формы наставничества, применяемые в {school_name}",
            "paragraphs": [f"{f};" for f in forms]
            or ["Формы наставничества определяются при формировании пар и групп (2.3)."],
        },
        {
            "heading": f"4. Наставнические пары и группы {year}/{year + 1} учебного года",
            "paragraphs": [
                f"{n}. Наставник {p.mentor.short_name}; "
                f"{'наставляемые' if len(p.members) > 1 else 'наставляемый'}: "
                f"{', '.join(m.mentee.short_name for m in p.members)}; "
                f"форма: {labels.get(p.form) or pairings.form_label(p.form)}; "
                f"{p.status_label.lower()}."
                for n, p in enumerate(found, start=1)
            ]
            or ["Пары и группы формируются в сентябре (этап 5 дорожной карты)."],
        },
        {
            "heading": "5. Персонализированные программы наставничества",
            "paragraphs": [
                f"{n}. «{pr.title}» — с {format_date(pr.starts_on)} по {format_date(pr.ends_on)}"
                + (
                    f" (наставник {by_pairing[pr.pairing_id].mentor.short_name})."
                    if pr.pairing_id in by_pairing
                    else "."
                )
                for n, pr in enumerate(programs, start=1)
            ]
            or [
                "Программы разрабатываются наставниками совместно с наставляемыми для каждой "
                "пары/группы на срок от 3 месяцев до 1 года (1.2)."
            ],
        },
        {"heading": "6. Ожидаемые результаты", "paragraphs": list(EXPECTED_RESULTS)},
    ]
    return out


def figures(year: int) -> dict[str, int]:
    """The numbers the annex states, for the tests to hold against the database."""
    starts, ends = _year_bounds(year)
    pairs = db.session.execute(select(Pairing.id).where(Pairing.status.in_(NOT_ENDED))).all()
    progs = db.session.execute(
        select(Program.id).where(Program.starts_on <= ends, Program.ends_on >= starts)
    ).all()
    return {"pairings": len(pairs), "programs": len(progs)}
