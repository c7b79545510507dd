"""Everything the school holds about one teacher, for the teacher's request (152-ФЗ, ст. 14).

One list of sections, each a table (a title, its columns, its rows), which the .xlsx writes as
one sheet each and the .json as one key each. Only what is about this person: a pair or a program
they are in is described without the other participants' names (ст. 14 ч. 8 п. 4: the answer does
not disclose another person's data); the journal's entries name who read or changed the records.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import and_, or_, select

from nastavnik.dates import LOCAL
from nastavnik.extensions import db
from nastavnik.journal.models import JournalEntry
from nastavnik.models import Account
from nastavnik.tenants.banks.models import MenteeEntry, MentorEntry, MentorTraining
from nastavnik.tenants.consents.models import Consent
from nastavnik.tenants.orders.models import OrderStatus, SchoolOrder
from nastavnik.tenants.pairings.models import Pairing, PairingMember
from nastavnik.tenants.pairings.services import form_labels
from nastavnik.tenants.programs.models import Activity, Program
from nastavnik.tenants.questionnaires.models import Answer, Question, Questionnaire, Response
from nastavnik.tenants.requests.models import ParticipantRequest
from nastavnik.tenants.staff.models import Staff
from nastavnik.tenants.vocabulary import Area
from nastavnik.uploads import StoredFile

# The kinds of journal entries about the teacher's card (staff/views.py), its export and erasure.
CARD_VIEWED = "Карточка педагога"
PERSON_DATA = "Персональные данные педагога"

Value = str | int | date | datetime | bool | None


@dataclass(frozen=True)
class Section:
    title: str  # a sheet's name: at most 31 characters
    columns: tuple[str, ...]
    rows: list[tuple[Value, ...]]
    # One record read down a sheet (a field and its value per line) rather than across it.
    vertical: bool = False


def person_data(staff: Staff) -> list[Section]:
    """The sections, in the order of the year; each query is scoped to the bound school."""
    account = _account(staff)
    pairings = _pairings(staff)
    programs = _programs(pairings)
    consents = _consents(staff)
    mentee_entries, mentor_entries = _entries(staff)
    return [
        _card(staff),
        _consent_section(consents),
        _bank_section(mentee_entries, mentor_entries),
        _training_section(mentor_entries),
        _pairing_section(staff, pairings),
        _program_section(staff, pairings, programs),
        _activity_section(programs, account),
        _request_section(staff),
        _answer_section(staff),
        _order_section(staff, pairings, programs),
        _account_section(account),
        _journal_section(staff, account, consents, mentee_entries, mentor_entries),
    ]


def _yes(flag: bool) -> str:
    return "да" if flag else "нет"


def _local(moment: datetime | None) -> datetime | None:
    """Naive UTC → naive Moscow time, as a spreadsheet shows it."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC).astimezone(LOCAL).replace(tzinfo=None)


def _account(staff: Staff) -> Account | None:
    if staff.account_id is None:
        return None
    query = select(Account).where(Account.id == staff.account_id)
    return db.session.execute(query).scalar_one_or_none()


def _card(staff: Staff) -> Section:
    columns = (
        "ФИО",
        "Должность",
        "Преподаваемые предметы",
        "Общий стаж, лет",
        "Педагогический стаж, лет",
        "Квалификационная категория",
        "Дата приёма на работу",
        "Дата рождения",
        "Телефон",
        "Электронная почта",
        "Согласие на обработку ПДн отозвано, данные скрыты",
        "Обезличены",
    )
    row = (
        staff.full_name,
        staff.position,
        staff.subjects,
        staff.total_years,
        staff.teaching_years,
        staff.category_label,
        staff.hired_on,
        staff.born_on,
        staff.phone,
        staff.email,
        _yes(staff.data_hidden),
        staff.erased_on,
    )
    return Section("Карточка педагога", columns, [row], vertical=True)


def _consents(staff: Staff) -> list[Consent]:
    query = select(Consent).where(Consent.staff_id == staff.id).order_by(Consent.signed_on)
    return list(db.session.execute(query).scalars())


def _consent_section(consents: list[Consent]) -> Section:
    files = _file_names(c.file_id for c in consents)
    columns = (
        "Вид",
        "Цель",
        "Перечень данных",
        "Подписано",
        "Действует до",
        "Номер бумажного согласия",
        "Скан",
        "Отозвано",
        "Причина отзыва",
    )
    rows = [
        (
            c.kind_label,
            c.purpose,
            c.data_list,
            c.signed_on,
            c.valid_until,
            c.paper_number,
            files.get(c.file_id, ""),
            c.revoked_on,
            c.revoke_reason,
        )
        for c in consents
    ]
    return Section("Согласия", columns, rows)


def _entries(staff: Staff) -> tuple[list[MenteeEntry], list[MentorEntry]]:
    mentee = select(MenteeEntry).where(MenteeEntry.staff_id == staff.id).order_by(MenteeEntry.id)
    mentor = select(MentorEntry).where(MentorEntry.staff_id == staff.id).order_by(MentorEntry.id)
    return (
        list(db.session.execute(mentee).scalars()),
        list(db.session.execute(mentor).scalars()),
    )


def _areas(codes) -> str:
    labels = Area.labels()
    return ", ".join(labels.get(Area.parse(c), c) for c in codes)


def _bank_section(mentee: list[MenteeEntry], mentor: list[MentorEntry]) -> Section:
    columns = (
        "Банк",
        "Категория",
        "Запросы или компетенции",
        "Затруднения",
        "Анкета: мотивация",
        "Анкета: опыт",
        "Анкета: ожидания",
        "Статус",
        "Включён(а)",
        "Выбыл(а)",
    )
    rows = [
        (
            "Банк наставляемых",
            e.category_label,
            _areas(e.requests),
            e.difficulties,
            "",
            "",
            "",
            e.status_label,
            e.added_on,
            e.left_on,
        )
        for e in mentee
    ]
    rows += [
        (
            "Банк наставников",
            "",
            _areas(e.competences),
            "",
            e.survey_motivation,
            e.survey_experience,
            e.survey_expectations,
            e.status_label,
            e.added_on,
            e.left_on,
        )
        for e in mentor
    ]
    return Section("Записи банков", columns, rows)


def _training_section(mentor: list[MentorEntry]) -> Section:
    ids = [e.id for e in mentor]
    trainings = []
    if ids:
        query = (
            select(MentorTraining)
            .where(MentorTraining.mentor_id.in_(ids))
            .order_by(MentorTraining.held_on)
        )
        trainings = list(db.session.execute(query).scalars())
    columns = ("Вид", "Название", "Дата", "Часов")
    rows = [(t.kind_label, t.title, t.held_on, t.hours) for t in trainings]
    return Section("Обучение наставника", columns, rows)


def _pairings(staff: Staff) -> list[Pairing]:
    member_of = select(PairingMember.pairing_id).where(PairingMember.mentee_staff_id == staff.id)
    query = (
        select(Pairing)
        .where(or_(Pairing.mentor_staff_id == staff.id, Pairing.id.in_(member_of)))
        .order_by(Pairing.created_on, Pairing.id)
    )
    return list(db.session.execute(query).scalars())


def _role(staff: Staff, pairing: Pairing) -> str:
    return "наставник" if pairing.mentor_staff_id == staff.id else "наставляемый"


def _pairing_section(staff: Staff, pairings: list[Pairing]) -> Section:
    labels = form_labels()
    columns = (
        "Номер пары/группы",
        "Роль",
        "Форма наставничества",
        "Наставляемых",
        "Статус",
        "Создана",
        "Утверждена",
        "Завершена",
    )
    rows = [
        (
            p.id,
            _role(staff, p),
            labels.get(p.form, p.form),
            len(p.members),
            p.status_label,
            p.created_on,
            p.approved_on,
            p.ended_on,
        )
        for p in pairings
    ]
    return Section("Пары и группы", columns, rows)


def _programs(pairings: list[Pairing]) -> list[Program]:
    ids = [p.id for p in pairings]
    if not ids:
        return []
    query = select(Program).where(Program.pairing_id.in_(ids)).order_by(Program.starts_on)
    return list(db.session.execute(query).scalars())


def _program_section(staff: Staff, pairings: list[Pairing], programs: list[Program]) -> Section:
    by_id = {p.id: p for p in pairings}
    columns = (
        "Программа",
        "Роль",
        "Начало",
        "Окончание",
        "Статус",
        "Цели",
        "Затруднения",
        "Ожидаемые результаты",
        "Итоги",
    )
    rows = [
        (
            p.title,
            _role(staff, by_id[p.pairing_id]),
            p.starts_on,
            p.ends_on,
            p.status_label,
            p.goals,
            p.difficulties_text,
            p.expected_results,
            p.results,
        )
        for p in programs
    ]
    return Section("Программы", columns, rows)


def _activity_section(programs: list[Program], account: Account | None) -> Section:
    titles = {p.id: p.title for p in programs}
    activities = []
    if titles:
        query = (
            select(Activity)
            .where(Activity.program_id.in_(list(titles)))
            .order_by(Activity.program_id, Activity.due_on, Activity.id)
        )
        activities = list(db.session.execute(query).scalars())
    files = _file_names(a.evidence_file_id for a in activities)
    own = account.id if account is not None else None

    def who(activity: Activity) -> str:
        if activity.marked_by_id is None:
            return ""
        return "педагог" if activity.marked_by_id == own else "другой участник или куратор"

    columns = (
        "Программа",
        "Мероприятие",
        "Срок",
        "Ответственный",
        "Статус",
        "Выполнено",
        "Результат",
        "Файл",
        "Отметил(а)",
    )
    rows = [
        (
            titles[a.program_id],
            a.title,
            a.due_on,
            a.responsible,
            a.status_label,
            a.done_on,
            a.result,
            files.get(a.evidence_file_id, ""),
            who(a),
        )
        for a in activities
    ]
    return Section("Мероприятия и отметки", columns, rows)


def _request_section(staff: Staff) -> Section:
    query = (
        select(ParticipantRequest)
        .where(ParticipantRequest.staff_id == staff.id)
        .order_by(ParticipantRequest.created_at)
    )
    found = db.session.execute(query).scalars()
    columns = ("Вид", "Причина", "Статус", "Подана", "Ответ", "Дата ответа")
    rows = [
        (
            r.kind_label,
            r.reason,
            r.status_label,
            _local(r.created_at),
            r.answer,
            _local(r.answered_at),
        )
        for r in found
    ]
    return Section("Просьбы", columns, rows)


def _answer_section(staff: Staff) -> Section:
    """Answers given under the teacher's name (anonymous questionnaires keep none)."""
    query = (
        select(Questionnaire.title, Response.submitted_on, Question.text, Answer.value, Answer.text)
        .join(Answer, Answer.response_id == Response.id)
        .join(Question, Question.id == Answer.question_id)
        .join(Questionnaire, Questionnaire.id == Response.questionnaire_id)
        .where(Response.staff_id == staff.id)
        .order_by(Response.submitted_on, Response.id, Question.position)
    )
    rows = [tuple(r) for r in db.session.execute(query).all()]
    return Section("Ответы на анкеты", ("Анкета", "Дата", "Вопрос", "Оценка", "Ответ"), rows)


def _order_section(staff: Staff, pairings: list[Pairing], programs: list[Program]) -> Section:
    """Orders whose text names the teacher (a draft, a signed or a registered one)."""
    names = {staff.full_name, staff.short_name}
    pairing_ids = {p.id for p in pairings}
    program_ids = {p.id for p in programs}
    rows = []
    query = select(SchoolOrder).order_by(SchoolOrder.signed_on, SchoolOrder.id)
    for order in db.session.execute(query).scalars():
        content = order.content or {}
        named = sorted(n for n in names if n and mentions(content, n))
        if not named and not (
            pairing_ids & set(map(int, content.get("pairing_ids", ())))
            or program_ids & set(map(int, content.get("program_ids", ())))
        ):
            continue
        rows.append(
            (
                order.title,
                order.number or "",
                order.signed_on,
                OrderStatus(order.status).label,
                "; ".join(named),
            )
        )
    columns = ("Приказ", "Номер", "Дата подписания", "Статус", "Как назван(а)")
    return Section("Приказы", columns, rows)


def mentions(value, name: str) -> bool:
    """Whether a name occurs in any text of an order's content."""
    if isinstance(value, str):
        return name in value
    if isinstance(value, dict):
        return any(mentions(v, name) for v in value.values())
    if isinstance(value, list | tuple):
        return any(mentions(v, name) for v in value)
    return False


def _account_section(account: Account | None) -> Section:
    columns = ("Логин", "ФИО", "Роли", "Действует", "Создана", "Последний вход")
    rows = []
    if account is not None:
        rows.append(
            (
                account.login,
                account.full_name,
                ", ".join(account.role_labels),
                _yes(account.active),
                _local(account.created_at),
                _local(account.last_login_at),
            )
        )
    return Section("Учётная запись", columns, rows, vertical=True)


def _journal_section(staff, account, consents, mentee_entries, mentor_entries) -> Section:
    """Entries about the teacher's records, and the entries of the teacher's own account."""
    about = [
        (Staff.__journal__, [staff.id]),
        (CARD_VIEWED, [staff.id]),
        (PERSON_DATA, [staff.id]),
        (Consent.__journal__, [c.id for c in consents]),
        (MenteeEntry.__journal__, [e.id for e in mentee_entries]),
        (MentorEntry.__journal__, [e.id for e in mentor_entries]),
    ]
    conditions = [
        and_(JournalEntry.record_kind == kind, JournalEntry.record_id.in_(ids))
        for kind, ids in about
        if ids
    ]
    if account is not None:
        conditions.append(JournalEntry.account_id == account.id)
        conditions.append(
            and_(
                JournalEntry.record_kind == Account.__journal__,
                JournalEntry.record_id == account.id,
            )
        )
    query = (
        select(JournalEntry)
        .where(JournalEntry.school_id == staff.school_id, or_(*conditions))
        .order_by(JournalEntry.at, JournalEntry.id)
    )
    columns = (
        "Когда (московское время)",
        "Кто (логин)",
        "Адрес",
        "Действие",
        "Запись",
        "Подробности",
    )
    rows = [
        (
            _local(e.at),
            e.login,
            e.address,
            e.action.label,
            f"{e.record_kind} (запись {e.record_id})" if e.record_id else e.record_kind,
            e.detail,
        )
        for e in db.session.execute(query).scalars()
    ]
    return Section("Журнал", columns, rows)


def _file_names(ids) -> dict[int, str]:
    ids = {i for i in ids if i}
    if not ids:
        return {}
    query = select(StoredFile.id, StoredFile.filename).where(StoredFile.id.in_(ids))
    return dict(db.session.execute(query).all())
