"""The year's tables, each with a sentence written from its numbers, and the annual analytical
report (3.4) built of them: the page «Статистика», the .docx and the .xlsx show the same tables.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from nastavnik.dates import AcademicYear, format_date
from nastavnik.documents import SchoolLetterhead
from nastavnik.extensions import db
from nastavnik.reports import Chart, Part, ReportDocument, Table
from nastavnik.tenants.banks.models import TrainingKind
from nastavnik.tenants.pairings.models import PairingStatus
from nastavnik.tenants.pairings.stats import CUSTOM
from nastavnik.tenants.programs.models import ChangeKind, EndReason, Program
from nastavnik.tenants.programs.stats import AHEAD, LATE, ON_TIME, OVERDUE, TIMELINESS
from nastavnik.tenants.vocabulary import Area, MenteeCategory, MentoringForm

from .models import AnnualReport
from .services import YearFigures, percent

CUSTOM_FORMS_LABEL = "Формы, добавленные школой"
# Sections whose data other features bring; said plainly until those features are there.
COMING = {
    "questionnaires": "Результаты анкетирования появятся, когда в платформе заработают анкеты.",
    "roadmap": "Выполнение дорожной карты появится, когда заработает дорожная карта.",
    "practices": "Лучшие практики появятся здесь, когда в платформе заработает их банк.",
}


def report_title(year: AcademicYear) -> str:
    return (
        "Итоговый аналитический отчёт о реализации системы наставничества "
        f"педагогических работников за {year.label} учебный год"
    )


# --- words for numbers -----------------------------------------------------------------------


def plural(n: int, one: str, few: str, many: str) -> str:
    """The noun agreeing with the number: 1 программа, 2 программы, 5 программ."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def of_total(n: int) -> str:
    """After «из»: «из 1 …» takes the genitive singular, every other number the plural."""
    return "one" if n % 10 == 1 and n % 100 != 11 else "many"


def share(part: int, whole: int) -> str:
    """«4 из 5 (80 %)»; «—» when there is no whole."""
    p = percent(part, whole)
    return "—" if p is None else f"{part} из {whole} ({p} %)"


def change(now: int, before: int, unit: str = "") -> str:
    """«на 2 больше, чем в прошлом году»; `unit` after the number («п. п.»)."""
    diff = now - before
    if diff == 0:
        return "столько же, сколько в прошлом году"
    word = "больше" if diff > 0 else "меньше"
    unit = f" {unit}" if unit else ""
    return f"на {abs(diff)}{unit} {word}, чем в прошлом году"


# --- the tables -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Years:
    now: YearFigures
    before: YearFigures

    @property
    def columns(self) -> tuple[str, str, str]:
        return ("Показатель", self.now.year.label, self.before.year.label)


def _by_list(
    title, sheet, first, labels: dict, now: dict, before: dict, note="", totals=True
) -> Table:
    rows = tuple((label, now.get(code, 0), before.get(code, 0)) for code, label in labels.items())
    total = ("Итого", sum(r[1] for r in rows), sum(r[2] for r in rows)) if totals else None
    return Table(title, first, rows, total, note, sheet)


def _largest(labels: dict, counts: dict) -> tuple[str, int] | None:
    found = [(n, labels[code]) for code, n in counts.items() if n and code in labels]
    if not found:
        return None
    n, label = max(found, key=lambda x: x[0])
    return label, n


def staff_table(y: Years) -> Table:
    now, before = y.now, y.before
    covered = (
        f"Охвачено наставничеством {now.young_covered} из {now.young} "
        f"{'молодого педагога' if of_total(now.young) == 'one' else 'молодых педагогов'} "
        f"({now.covered_percent} %)"
        if now.young
        else "Молодых педагогов (педагогический стаж менее трёх лет) в этом учебном году нет"
    )
    if now.young and before.young:
        covered += ", " + change(now.covered_percent, before.covered_percent, "п. п.")
    rows = (
        ("Педагогических работников", now.staff, before.staff),
        ("из них молодых (педагогический стаж менее 3 лет)", now.young, before.young),
        ("Педагогов, чей возраст известен", now.age_known, before.age_known),
        ("из них моложе 35 лет", now.under_35, before.under_35),
        (
            "Молодых педагогов с наставником",
            share(now.young_covered, now.young),
            share(before.young_covered, before.young),
        ),
    )
    return Table(
        "Педагогические кадры и охват наставничеством",
        y.columns,
        rows,
        None,
        covered + ".",
        "Кадры",
    )


def banks_table(y: Years) -> Table:
    now, before = y.now, y.before
    note = (
        f"В банке наставников за год — {now.mentors} "
        f"{plural(now.mentors, 'педагог', 'педагога', 'педагогов')} "
        f"({change(now.mentors, before.mentors)}), в банке наставляемых — {now.mentees} "
        f"({change(now.mentees, before.mentees)}); "
        f"ожидают подбора наставника: {now.mentees_waiting}."
    )
    rows = (
        ("Наставников в банке", now.mentors, before.mentors),
        ("Наставляемых в банке", now.mentees, before.mentees),
        ("из них ожидают наставника", now.mentees_waiting, before.mentees_waiting),
    )
    return Table("Банки наставников и наставляемых", y.columns, rows, None, note, "Банки")


def categories_table(y: Years) -> Table:
    labels = MenteeCategory.labels()
    top = _largest(labels, y.now.mentees_by_category)
    note = (
        f"Больше всего наставляемых в категории «{top[0]}» — {top[1]}."
        if top
        else "Наставляемых в банке в этом учебном году не было."
    )
    columns = ("Категория наставляемых", *y.columns[1:])
    return _by_list(
        "Наставляемые по категориям",
        "Категории",
        columns,
        labels,
        y.now.mentees_by_category,
        y.before.mentees_by_category,
        note,
    )


def areas_table(y: Years) -> Table:
    labels = Area.labels()
    now = y.now
    rows = tuple(
        (label, now.mentees_by_area.get(code, 0), now.mentors_by_area.get(code, 0))
        for code, label in labels.items()
    )
    short = [
        label
        for code, label in labels.items()
        if now.mentees_by_area.get(code, 0) > now.mentors_by_area.get(code, 0)
    ]
    top = _largest(labels, now.mentees_by_area)
    note = (
        f"Чаще всего наставляемые называют затруднения в области «{top[0]}» — {top[1]}. "
        if top
        else ""
    )
    note += (
        "Наставников с нужной компетенцией меньше, чем запросов, в областях: "
        + ", ".join(f"«{s}»" for s in short)
        + "."
        if short
        else "По каждой области запросов в банке наставников есть педагоги с такой компетенцией."
    )
    columns = ("Область затруднений", "Запросов наставляемых", "Наставников с компетенцией")
    # No totals row: one person names several areas.
    return Table(
        f"Затруднения и компетенции по областям ({now.year.label})",
        columns,
        rows,
        None,
        note,
        "Области",
    )


def _form_labels(y: Years) -> dict:
    labels = {**MentoringForm.labels(), CUSTOM: CUSTOM_FORMS_LABEL}
    used = set(y.now.pairings_by_form) | set(y.before.pairings_by_form)
    return {code: label for code, label in labels.items() if code in used}


def forms_table(y: Years) -> Table:
    labels = _form_labels(y)
    top = _largest(labels, y.now.pairings_by_form)
    total = sum(y.now.pairings_by_form.values())
    note = (
        f"Пар и групп, действовавших в учебном году, — {total} "
        f"({change(total, sum(y.before.pairings_by_form.values()))}); "
        f"чаще всего применялась форма «{top[0]}» — {top[1]}."
        if top
        else "Пар и групп, утверждённых приказом, в этом учебном году не было."
    )
    columns = ("Форма наставничества (п. 2.3)", *y.columns[1:])
    return _by_list(
        "Пары и группы по формам наставничества",
        "Формы",
        columns,
        labels,
        y.now.pairings_by_form,
        y.before.pairings_by_form,
        note,
    )


def statuses_table(y: Years, today: date) -> Table:
    day = y.now.year.as_of(today)
    columns = (f"Статус на {format_date(day)}", *y.columns[1:])
    return _by_list(
        "Пары и группы по статусу",
        "Статусы пар",
        columns,
        PairingStatus.labels(),
        y.now.pairings_by_status,
        y.before.pairings_by_status,
    )


def programs_table(y: Years, today: date) -> Table:
    now, before = y.now, y.before
    note = (
        f"Программ начато — {now.programs_started} "
        f"({change(now.programs_started, before.programs_started)}), "
        f"завершено — {now.programs_ended}; на {format_date(now.year.as_of(today))} выполняется "
        f"{now.programs_running}, из них после планового срока — {now.programs_overdue}."
    )
    rows = (
        ("Начато программ", now.programs_started, before.programs_started),
        ("Выполняется (на конец года или сегодня)", now.programs_running, before.programs_running),
        ("Завершено программ", now.programs_ended, before.programs_ended),
        ("Выполняется после планового срока", now.programs_overdue, before.programs_overdue),
    )
    return Table(
        "Персонализированные программы наставничества", y.columns, rows, None, note, "Программы"
    )


def endings_table(y: Years) -> Table:
    ended = sum(y.now.ended_by_reason.values())
    done = y.now.ended_by_reason.get(EndReason.COMPLETED, 0)
    note = (
        f"План выполнен в полном объёме в {done} из {ended} "
        f"{'завершённой программы' if of_total(ended) == 'one' else 'завершённых программ'} "
        f"({percent(done, ended)} %)."
        if ended
        else "Завершённых программ в этом учебном году нет."
    )
    columns = ("Основание завершения (п. 7.1)", *y.columns[1:])
    return _by_list(
        "Как завершены программы",
        "Завершение",
        columns,
        EndReason.labels(),
        y.now.ended_by_reason,
        y.before.ended_by_reason,
        note,
    )


def changes_table(y: Years) -> Table:
    total = sum(y.now.changed_by_kind.values())
    note = (
        "Изменения по взаимному согласию наставника и наставляемого (п. 7.2): "
        + ", ".join(
            f"{label.lower()} — {y.now.changed_by_kind.get(code, 0)}"
            for code, label in ChangeKind.labels().items()
        )
        + "."
        if total
        else "Сроки и содержание программ в этом учебном году не менялись."
    )
    columns = ("Изменение программы (п. 7.2), программ", *y.columns[1:])
    return _by_list(
        "Продление и изменение программ",
        "Изменения",
        columns,
        ChangeKind.labels(),
        y.now.changed_by_kind,
        y.before.changed_by_kind,
        note,
    )


def activities_table(y: Years) -> Table:
    now = y.now.activities
    total = sum(now.values())
    due = total - now.get(AHEAD, 0)
    note = (
        f"Из {total} {'мероприятия' if of_total(total) == 'one' else 'мероприятий'} планов "
        f"выполнено в срок {now.get(ON_TIME, 0)}"
        + (f" ({percent(now.get(ON_TIME, 0), due)} % наступивших сроков)" if due else "")
        + f", с опозданием — {now.get(LATE, 0)}, просрочено — {now.get(OVERDUE, 0)}."
        if total
        else "Мероприятий планов со сроком в этом учебном году нет."
    )
    columns = ("Мероприятия планов со сроком в году", *y.columns[1:])
    return _by_list(
        "Выполнение планов программ",
        "Мероприятия",
        columns,
        TIMELINESS,
        now,
        y.before.activities,
        note,
    )


def events_table(y: Years) -> Table:
    total = sum(y.now.trainings.values())
    note = (
        f"Для наставников проведено {total} "
        f"{plural(total, 'мероприятие', 'мероприятия', 'мероприятий')} обучения "
        f"({change(total, sum(y.before.trainings.values()))})."
        if total
        else "Мероприятий обучения наставников в этом учебном году не было."
    )
    columns = ("Обучение наставников", *y.columns[1:])
    return _by_list(
        "Мероприятия: обучение наставников",
        "Обучение",
        columns,
        TrainingKind.labels(),
        y.now.trainings,
        y.before.trainings,
        note,
    )


def tables(y: Years, today: date) -> list[Table]:
    """Every table of the year, in the order of the page and the report."""
    return [
        staff_table(y),
        banks_table(y),
        categories_table(y),
        areas_table(y),
        forms_table(y),
        statuses_table(y, today),
        programs_table(y, today),
        endings_table(y),
        changes_table(y),
        activities_table(y),
        events_table(y),
    ]


# --- the sources that other features bring -----------------------------------------------------


def questionnaire_table(school_id: int, year: AcademicYear) -> Table | None:
    """Questionnaire averages per question (stage 6 of the roadmap); None until they exist."""
    return None


def questionnaire_charts(school_id: int, year: AcademicYear) -> list[Chart]:
    return []


def roadmap_table(school_id: int, year: AcademicYear) -> Table | None:
    return None


def practices_table(school_id: int, year: AcademicYear) -> Table | None:
    return None


# --- the programs of the year and the report ----------------------------------------------------


def programs_of_the_year(year: AcademicYear) -> list[Program]:
    """Programs ended in the year, with their results where published (8.2)."""
    return list(
        db.session.execute(
            select(Program)
            .where(Program.ended_on.between(year.start, year.end))
            .order_by(Program.ended_on, Program.id)
        ).scalars()
    )


def programs_results_table(year: AcademicYear) -> Table:
    rows = tuple(
        (
            p.title,
            f"{format_date(p.starts_on)} – {format_date(p.ended_on)}",
            p.end_reason_label,
            p.results if p.results_published and p.results else "Результаты не опубликованы",
        )
        for p in programs_of_the_year(year)
    )
    published = sum(1 for p in programs_of_the_year(year) if p.results_published)
    note = (
        f"Результаты опубликованы по {published} из {len(rows)} завершённых программ (п. 8.2)."
        if rows
        else "Программ, завершённых в этом учебном году, нет."
    )
    columns = ("Программа", "Сроки", "Как завершена", "Результаты (п. 8.2)")
    return Table("Программы, завершённые в учебном году", columns, rows, None, note, "Результаты")


def text_parts(year: AcademicYear) -> AnnualReport | None:
    return db.session.execute(
        select(AnnualReport).where(AnnualReport.year_start == year.start_year)
    ).scalar_one_or_none()


FILL_IN = "(раздел заполняет куратор)"


def document(
    y: Years, today: date, school, texts: AnnualReport | None, signer: str
) -> ReportDocument:
    """The annual report of the school (bound in the scope) for `y.now.year`."""
    year = y.now.year
    t = tables(y, today)
    staff, banks, categories, areas, forms, statuses, programs, endings, changes, acts, events = t
    questionnaire = questionnaire_table(school.id, year)
    roadmap = roadmap_table(school.id, year)
    practices = practices_table(school.id, year)
    intro = (
        f"Отчёт составлен по данным платформы «Наставник» на {format_date(year.as_of(today))} "
        f"в соответствии с Положением о системе наставничества педагогических работников "
        f"{school.short_name} (п. 3.4). "
        f"Показатели сравниваются с {y.before.year.label} учебным годом."
    )
    parts = [
        Part("Цели и задачи учебного года", (intro, (texts.aims if texts else "") or FILL_IN)),
        Part("Участники системы наставничества", (staff, banks, categories, areas)),
        Part("Наставнические пары и группы", (forms, statuses)),
        Part(
            "Реализация персонализированных программ наставничества",
            (programs, endings, changes, acts, programs_results_table(year)),
        ),
        Part(
            "Мониторинг: результаты анкетирования",
            (questionnaire, *questionnaire_charts(school.id, year))
            if questionnaire
            else (COMING["questionnaires"],),
        ),
        Part(
            "Выполнение дорожной карты",
            (roadmap,) if roadmap else (COMING["roadmap"],),
        ),
        Part(
            "Мероприятия и лучшие практики",
            (events, practices) if practices else (events, COMING["practices"]),
        ),
        Part("Выводы", ((texts.conclusions if texts else "") or FILL_IN,)),
        Part("Задачи на следующий учебный год", ((texts.tasks if texts else "") or FILL_IN,)),
    ]
    return ReportDocument(
        letterhead=SchoolLetterhead(school.name_ru, school.name_ce, school.settlement),
        title=report_title(year),
        dated=year.as_of(today),
        parts=tuple(parts),
        signer_position="Куратор системы наставничества",
        signer_name=signer,
    )
