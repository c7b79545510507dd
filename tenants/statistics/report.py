"""The year's tables, each with a sentence written from its numbers, and the annual analytical
report (3.4) built of them: the page «Статистика», the .docx and the .xlsx show the same tables.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from nastavnik.dates import AcademicYear, format_date
from nastavnik.declension import plural
from nastavnik.documents import SchoolLetterhead
from nastavnik.extensions import db
from nastavnik.reports import Chart, Part, ReportDocument, Table, ru_number
from nastavnik.tenants.banks.models import TrainingKind
from nastavnik.tenants.events.models import EventKind
from nastavnik.tenants.pairings.models import PairingStatus
from nastavnik.tenants.pairings.stats import CUSTOM
from nastavnik.tenants.practices.models import PracticeStatus
from nastavnik.tenants.programs.models import ChangeKind, EndReason, Program
from nastavnik.tenants.programs.stats import AHEAD, LATE, ON_TIME, OVERDUE, TIMELINESS
from nastavnik.tenants.questionnaires.models import Question, Questionnaire
from nastavnik.tenants.roadmap.models import Stage
from nastavnik.tenants.vocabulary import Area, MenteeCategory, MentoringForm

from .models import AnnualReport
from .services import YearFigures, percent

CUSTOM_FORMS_LABEL = "Формы, добавленные школой"


def report_title(year: AcademicYear) -> str:
    return (
        "Итоговый аналитический отчёт о реализации системы наставничества "
        f"педагогических работников за {year.label} учебный год"
    )


# --- words for numbers -----------------------------------------------------------------------


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


# --- monitoring, the roadmap, events and practices ------------------------------------------------


decimal = ru_number


NOT_ENOUGH = "недостаточно ответов"


def questionnaire_table(y: Years) -> Table | None:
    """Averages per scale question of the questionnaires answered in the year (stage 6)."""
    rows = tuple(
        # the average as a number: a figure in the workbook, «4,25» in the report and on the page
        (title, text, NOT_ENOUGH if average is None else round(average, 2), n)
        for title, text, average, n in y.now.questions
    )
    if not rows:
        return None
    shown = [(text, average) for _, text, average, _ in y.now.questions if average is not None]
    note = f"Ответов на вопросы со шкалой — {sum(r[3] for r in rows)}. "
    if shown:
        best, worst = max(shown, key=lambda x: x[1]), min(shown, key=lambda x: x[1])
        note += (
            f"Выше всего оценён вопрос «{best[0]}» ({decimal(best[1])}), "
            f"ниже всего — «{worst[0]}» ({decimal(worst[1])})."
        )
    else:
        note += "Средние не показываются, пока на вопрос не ответили хотя бы трое."
    columns = ("Анкета", "Вопрос", "Средняя оценка", "Ответов")
    return Table(
        "Результаты анкетирования: средние оценки",
        columns,
        rows,
        None,
        note,
        "Анкеты",
        (3, 4.6, 1.5, 1.4),
    )


def questionnaire_charts(y: Years) -> list[Chart]:
    """A bar chart of the averages for each questionnaire (where there are enough answers)."""
    scales = dict(
        db.session.execute(
            select(Questionnaire.title + "\n" + Question.text, Question.scale_max).join(
                Questionnaire,
                (Questionnaire.id == Question.questionnaire_id)
                & (Questionnaire.school_id == Question.school_id),
            )
        ).all()
    )
    charts: dict[str, list] = {}
    for title, text, average, _ in y.now.questions:
        if average is not None:
            charts.setdefault(title, []).append((text, average, scales.get(f"{title}\n{text}")))
    return [
        Chart(
            title,
            tuple(t for t, _, _ in bars),
            tuple(a for _, a, _ in bars),
            max((s or 5) for _, _, s in bars),
        )
        for title, bars in charts.items()
    ]


def roadmap_table(y: Years) -> Table | None:
    if not y.now.roadmap:
        return None
    rows = []
    for stage in Stage:
        done, total, overdue = y.now.roadmap.get(stage, (0, 0, 0))
        rows.append((f"{stage.value}. {stage.label}", done, total, overdue, share(done, total)))
    done = sum(r[1] for r in rows)
    total = sum(r[2] for r in rows)
    overdue = sum(r[3] for r in rows)
    note = (
        f"Дорожная карта {y.now.year.label} учебного года выполнена на "
        f"{percent(done, total) or 0} %: {done} из {total} мероприятий; просрочено — {overdue}."
    )
    columns = ("Этап дорожной карты", "Выполнено", "Всего", "Просрочено", "Выполнение")
    totals = ("Итого", done, total, overdue, share(done, total))
    return Table(
        "Выполнение дорожной карты",
        columns,
        tuple(rows),
        totals,
        note,
        "Дорожная карта",
        (4.2, 1.7, 1.1, 1.6, 1.8),
    )


def school_events_table(y: Years) -> Table:
    total = sum(y.now.events.values())
    note = (
        f"Проведено мероприятий по наставничеству — {total} "
        f"({change(total, sum(y.before.events.values()))})."
        if total
        else "Мероприятий по наставничеству в этом учебном году не проводилось."
    )
    columns = ("Мероприятие", *y.columns[1:])
    return _by_list(
        "Мероприятия школы",
        "Мероприятия школы",
        columns,
        EventKind.labels(),
        y.now.events,
        y.before.events,
        note,
    )


def practices_table(y: Years) -> Table:
    labels = {k: v for k, v in PracticeStatus.labels().items() if k != PracticeStatus.DRAFT}
    total = sum(y.now.practices.values())
    shared = y.now.practices.get(PracticeStatus.SHARED, 0)
    note = (
        f"Описано лучших практик — {total}, из них район открыл для всех школ — {shared}."
        if total
        else "Лучших практик за этот учебный год в банке школы нет."
    )
    columns = ("Лучшие практики года", *y.columns[1:])
    return _by_list(
        "Банк лучших практик",
        "Практики",
        columns,
        labels,
        y.now.practices,
        y.before.practices,
        note,
    )


def named_tables(y: Years, today: date) -> dict[str, Table | None]:
    """Every table of the year by name, in the order of the page and the report; None where
    the school has nothing of that kind in the year (no questionnaires, no roadmap)."""
    return {
        "staff": staff_table(y),
        "banks": banks_table(y),
        "categories": categories_table(y),
        "areas": areas_table(y),
        "forms": forms_table(y),
        "statuses": statuses_table(y, today),
        "programs": programs_table(y, today),
        "endings": endings_table(y),
        "changes": changes_table(y),
        "activities": activities_table(y),
        "results": programs_results_table(y.now.year),
        "questionnaires": questionnaire_table(y),
        "roadmap": roadmap_table(y),
        "events": school_events_table(y),
        "trainings": events_table(y),
        "practices": practices_table(y),
    }


def tables(y: Years, today: date) -> list[Table]:
    return [t for t in named_tables(y, today).values() if t is not None]


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


def programs_results_table(year: AcademicYear) -> Table | None:
    rows = tuple(
        (
            p.title,
            f"{format_date(p.starts_on)} – {format_date(p.ended_on)}",
            p.end_reason_label,
            p.results if p.results_published and p.results else "Результаты не опубликованы",
        )
        for p in programs_of_the_year(year)
    )
    if not rows:
        return None
    published = sum(1 for p in programs_of_the_year(year) if p.results_published)
    note = f"Результаты опубликованы по {published} из {len(rows)} завершённых программ (п. 8.2)."
    columns = ("Программа", "Сроки", "Как завершена", "Результаты (п. 8.2)")
    return Table(
        "Программы, завершённые в учебном году",
        columns,
        rows,
        None,
        note,
        "Результаты",
        (3, 2, 2.2, 4),
    )


def text_parts(year: AcademicYear) -> AnnualReport | None:
    return db.session.execute(
        select(AnnualReport).where(AnnualReport.year_start == year.start_year)
    ).scalar_one_or_none()


FILL_IN = "(раздел заполняет куратор)"
NO_ROADMAP = "Дорожной карты на этот учебный год в платформе нет."
NO_RESULTS = "Программ, завершённых в этом учебном году, нет."


def document(
    y: Years, today: date, school, texts: AnnualReport | None, signer: str
) -> ReportDocument:
    """The annual report of the school (bound in the scope) for `y.now.year`."""
    year = y.now.year
    t = named_tables(y, today)
    intro = (
        f"Отчёт составлен по данным платформы «Наставник» на {format_date(year.as_of(today))} "
        f"в соответствии с Положением о системе наставничества педагогических работников "
        f"{school.short_name} (п. 3.4). "
        f"Показатели сравниваются с {y.before.year.label} учебным годом."
    )
    parts = [
        Part("Цели и задачи учебного года", (intro, (texts.aims if texts else "") or FILL_IN)),
        Part(
            "Участники системы наставничества",
            (t["staff"], t["banks"], t["categories"], t["areas"]),
        ),
        Part("Наставнические пары и группы", (t["forms"], t["statuses"])),
        Part(
            "Реализация персонализированных программ наставничества",
            (
                t["programs"],
                t["endings"],
                t["changes"],
                t["activities"],
                t["results"] or NO_RESULTS,
            ),
        ),
        Part(
            "Мониторинг: результаты анкетирования",
            (t["questionnaires"], *questionnaire_charts(y))
            if t["questionnaires"]
            else ("Анкет, заполненных в этом учебном году, нет.",),
        ),
        Part(
            "Выполнение дорожной карты",
            (t["roadmap"],) if t["roadmap"] else (NO_ROADMAP,),
        ),
        Part("Мероприятия и лучшие практики", (t["events"], t["trainings"], t["practices"])),
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
