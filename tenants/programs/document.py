"""The program as a .docx «Персонализированная программа наставничества»: its participants,
term, forms, goals, difficulties, the plan with what was done, and its results (1.2, 5.2, 8.2)."""

from nastavnik.dates import format_date
from nastavnik.documents import SchoolLetterhead
from nastavnik.reports import Part, ReportDocument, Table, render_report

from . import lookups, plan
from .models import ActivityStatus, Program, ProgramStatus

TITLE = "Персонализированная программа наставничества"


def _mark(activity) -> str:
    """What the plan's «Отметка о выполнении» column says of one activity."""
    if activity.status == ActivityStatus.DONE:
        done = f"Выполнено {format_date(activity.done_on)}" if activity.done_on else "Выполнено"
        return f"{done}\n{activity.result}" if activity.result else done
    return activity.status_label


def program_document(program: Program, school, today) -> ReportDocument:
    pairing = program.pairing
    mentees = [m.mentee for m in pairing.members]
    forms = lookups.form_labels()
    areas = lookups.area_labels()
    difficulties = [areas.get(code, code) for code in program.difficulties]
    activities = plan.plan_of(program)
    people = "Наставляемые" if pairing.is_group else "Наставляемый"
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
        ending = f"Программа завершена {ended}; основание: {program.end_reason_label}."
        if program.end_comment:
            ending += f" Причина: {program.end_comment}"
        results = (ending, program.results if program.results_published else "")
    else:
        results = ("Программа выполняется: результаты подводятся по её завершении (п. 8.2).",)
    signatures = (
        f"Наставник ____________ {pairing.mentor.short_name}",
        *(f"Наставляемый ____________ {m.short_name}" for m in mentees),
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
        signer_name="",
    )


def program_docx(program: Program, school, today) -> bytes:
    return render_report(program_document(program, school, today))


def document_filename(program: Program) -> str:
    return f"Программа_наставничества_{program.id}.docx"
