"""The program as a .docx «Персонализированная программа наставничества»: its participants,
term, forms, goals, difficulties, the plan with what was done, and its results (1.2, 5.2, 8.2)."""

from sqlalchemy import select

from nastavnik.dates import format_date
from nastavnik.declension import gender_of, short_name
from nastavnik.documents import SchoolLetterhead
from nastavnik.extensions import db
from nastavnik.models import Account, RoleGrant
from nastavnik.permissions import Role
from nastavnik.reports import Part, ReportDocument, Table, render_report
from nastavnik.tenants.appointments.models import Post
from nastavnik.tenants.appointments.services import holder

from . import lookups, plan
from .models import ActivityStatus, Program, ProgramStatus

TITLE = "Персонализированная программа наставничества"


def _mark(activity) -> str:
    """What the plan's «Отметка о выполнении» column says of one activity."""
    if activity.status == ActivityStatus.DONE:
        done = f"Выполнено {format_date(activity.done_on)}" if activity.done_on else "Выполнено"
        return f"{done}\n{activity.result}" if activity.result else done
    return activity.status_label


def curator_name(school) -> str:
    """«Джамалдаева А.Х.»: the curator appointed by order, else the school's curator account."""
    appointed = holder(Post.CURATOR)
    if appointed is not None:
        return appointed.staff.short_name
    name = db.session.execute(
        select(Account.full_name)
        .join(RoleGrant, RoleGrant.account_id == Account.id)
        .where(
            Account.school_id == school.id,
            RoleGrant.role == Role.CURATOR.value,
            Account.active.is_(True),
        )
        .order_by(Account.id)
        .limit(1)
    ).scalar_one_or_none()
    return short_name(name) if name else ""


def mentee_word(name: str) -> str:
    """«Наставляемая» of a woman (by the patronymic), «Наставляемый» otherwise."""
    return "Наставляемая" if gender_of(name) == "female" else "Наставляемый"


def program_document(program: Program, school, today) -> ReportDocument:
    pairing = program.pairing
    mentees = [m.mentee for m in pairing.members]
    forms = lookups.form_labels()
    areas = lookups.area_labels()
    difficulties = [areas.get(code, code) for code in program.difficulties]
    activities = plan.plan_of(program)
    people = "Наставляемые" if pairing.is_group else mentee_word(mentees[0].full_name)
    term = f"с {format_date(program.starts_on)} по {format_date(program.ends_on)}"
    participants = "\n".join(
        (
            f"Наставник: {pairing.mentor.display_name}",
            f"{people}: {', '.join(m.display_name for m in mentees)}",
            f"Срок реализации: {term}",
            f"Формы наставничества: {'; '.join(forms.get(c, c) for c in program.forms)}",
            f"Состояние: {program.status_label.lower()}",
        )
    )
    plan_table = Table(
        "",
        ("№", "Мероприятие", "Срок", "Ответственный", "Отметка о выполнении"),
        tuple(
            (str(n), a.title, format_date(a.due_on), a.responsible, _mark(a))
            for n, a in enumerate(activities, start=1)
        ),
        weights=(0.35, 2.2, 1.1, 1.3, 1.8),
    )
    if program.status == ProgramStatus.ENDED:
        ended = format_date(program.ended_on)
        reason = program.end_reason_label
        ending = f"Программа завершена {ended}; основание: {reason[:1].lower()}{reason[1:]}."
        if program.end_comment:
            ending += f" Причина: {program.end_comment}"
        results = (ending, program.results if program.results_published else "")
    else:
        results = ("Программа выполняется: результаты подводятся по её завершении (п. 8.2).",)
    signatures = (
        f"Наставник ____________ {pairing.mentor.short_name}",
        *(f"{mentee_word(m.full_name)} ____________ {m.short_name}" for m in mentees),
    )
    parts = (
        Part("Участники, срок и формы", (participants,)),
        Part("Цели программы", (program.goals,)),
        Part(
            "Затруднения наставляемого",
            ("; ".join(difficulties) or "", program.difficulties_text)
            if difficulties or program.difficulties_text
            else ("Не указаны.",),
        ),
        Part("Ожидаемые результаты", (program.expected_results or "Не указаны.",)),
        Part("План мероприятий", (plan_table,)),
        Part("Результаты", tuple(r for r in results if r)),
        Part("С программой ознакомлены", ("\n".join(signatures),)),
    )
    return ReportDocument(
        letterhead=SchoolLetterhead(school.name_ru, school.name_ce, school.settlement),
        title=f"{TITLE}\n«{program.title}»",
        dated=today,
        parts=parts,
        signer_position="Куратор",
        signer_name=curator_name(school),
    )


def program_docx(program: Program, school, today) -> bytes:
    return render_report(program_document(program, school, today))


def document_filename(program: Program) -> str:
    """«Программа_наставничества_Хамзатова_М.И._2025-2026.docx»: whose program and which years."""
    mentees = [m.mentee for m in program.pairing.members]
    who = (
        mentees[0].short_name
        if len(mentees) == 1
        else f"группа_{program.pairing.mentor.short_name}"
    )
    years = f"{program.starts_on.year}-{program.ends_on.year}"
    if program.starts_on.year == program.ends_on.year:
        years = str(program.starts_on.year)
    stem = f"Программа_наставничества_{who}_{years}"
    return "".join(c if c.isalnum() or c in ".-" else "_" for c in stem) + ".docx"
