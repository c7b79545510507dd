"""The staff register: one teacher at a time, a whole list from a spreadsheet, their accounts."""

import hashlib
import json
import re
import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import iuliia
from flask import current_app
from sqlalchemy import select

from nastavnik.accounts.services import create_account, login_taken, one_time_password
from nastavnik.dates import format_date, today
from nastavnik.extensions import db
from nastavnik.models import Account
from nastavnik.permissions import Role
from nastavnik.refusals import Refusal, RowsRefused
from nastavnik.tenants.vocabulary import QualificationCategory
from nastavnik.types import parse_id

from .models import Staff
from .parts import ROLES
from .xlsx import (
    BIRTH_DATE,
    COLUMNS,
    EARLIEST_HIRE,
    MAX_YEARS,
    CellError,
    ImportResult,
    StaffRow,
    person_key,
)

FIELDS = (
    "last_name",
    "first_name",
    "middle_name",
    "position",
    "subjects",
    "total_years",
    "teaching_years",
    "category",
    "hired_on",
    "born_on",
    "phone",
    "email",
)
TEXT_FIELDS = ("last_name", "first_name", "middle_name", "position", "phone", "email")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]{2,}")
# A curator opens accounts for teachers, not for the school's managers.
ACCOUNT_ROLES = (Role.MENTOR, Role.MENTEE)
HEADERS = {column.field: column.header for column in (*COLUMNS, BIRTH_DATE)}


def register():
    """The register in its order (by name): a statement, for a page of it."""
    return select(Staff).order_by(Staff.last_name, Staff.first_name, Staff.middle_name, Staff.id)


def all_staff() -> list[Staff]:
    return list(db.session.execute(register()).scalars())


def existing_keys(except_id: int | None = None) -> set[tuple]:
    """Who is already in the school's register (hidden people too: they are still there).
    Only the four columns of the key are read: a school of 600 adds a teacher in one query."""
    rows = db.session.execute(
        select(Staff.id, Staff.last_name, Staff.first_name, Staff.middle_name, Staff.hired_on)
    ).tuples()
    return {
        person_key(last, first, middle, hired)
        for id_, last, first, middle, hired in rows
        if id_ != except_id
    }


def search(staff: list[Staff], q: str) -> list[Staff]:
    """By any part of the name; a hidden person is never found by the name they had."""
    words = _fold(q).split()
    if not words:
        return staff
    return [s for s in staff if not s.data_hidden and all(w in _fold(s.full_name) for w in words)]


def create_staff(**fields) -> Staff:
    values = _checked(fields)
    if person_key(*_key_of(values)) in existing_keys():
        raise Refusal(_DUPLICATE, "last_name")
    staff = Staff(**values)
    db.session.add(staff)
    db.session.flush()
    return staff


def update_staff(staff: Staff, **fields) -> None:
    if staff.data_hidden:
        raise Refusal("Данные скрыты: согласие на обработку персональных данных отозвано.")
    values = _checked(fields)
    if person_key(*_key_of(values)) in existing_keys(except_id=staff.id):
        raise Refusal(_DUPLICATE, "last_name")
    for name, value in values.items():
        setattr(staff, name, value)
    db.session.flush()


def import_rows(rows: list[StaffRow]) -> int:
    """The rows of a checked spreadsheet, all in one go; the caller re-parsed them just now."""
    for row in rows:
        db.session.add(Staff(**_checked({name: getattr(row, name, None) for name in FIELDS})))
    db.session.flush()
    return len(rows)


def as_row(staff: Staff, row_number: int = 0) -> StaffRow:
    """A staff member in the spreadsheet's terms (for the export)."""
    return StaffRow(
        row_number=row_number,
        **{name: getattr(staff, name) for name in FIELDS if name not in ("subjects", "born_on")},
        subjects=tuple(staff.subject_list),
    )


def create_staff_account(staff: Staff, login: str, roles) -> tuple[Account, str]:
    """A school account for the teacher, with a one-time password shown once."""
    if (why := why_no_account(staff)) is not None:
        raise Refusal(why)
    roles = [Role(r) for r in roles]
    if not roles or any(r not in ACCOUNT_ROLES for r in roles):
        raise Refusal("Выберите роль: наставник и (или) наставляемый.")
    login = login.strip()
    if login_taken(login):
        raise Refusal("Такой логин в школе уже есть.")
    password = one_time_password()
    account = create_account(staff.school_id, login, staff.full_name, roles, password)
    staff.account_id = account.id
    db.session.flush()
    return account, password


def accounts_with_hidden_names(account_ids) -> set[int]:
    """The accounts of people whose data consent is revoked (nastavnik.accounts.names); an
    erased person's account already bears «Педагог № N»."""
    rows = db.session.execute(
        select(Staff.account_id).where(
            Staff.account_id.in_(list(account_ids)),
            Staff.data_hidden.is_(True),
            Staff.erased_on.is_(None),
        )
    )
    return set(rows.scalars())


def linked_account(staff: Staff) -> Account | None:
    if staff.account_id is None:
        return None
    return db.session.execute(
        select(Account).where(Account.id == staff.account_id)
    ).scalar_one_or_none()


# --- accounts for many teachers at once ---------------------------------------------------

# The Latin spelling of the Russian passport (ICAO Doc 9303, the Russian international passport
# since 2013): Магомадова Марьям → magomadova.m
PASSPORT_SPELLING = iuliia.ICAO_DOC_9303
MAX_ACCOUNTS_AT_ONCE = 200
_NOT_LOGIN = re.compile(r"[^a-z0-9-]+")


def chosen_staff(raw_ids) -> list[Staff] | None:
    """The people ticked in the register, in its order; None if any id is not of this school."""
    ids = {parse_id(raw) for raw in raw_ids}
    if None in ids:
        return None
    people = list(
        db.session.execute(
            select(Staff)
            .where(Staff.id.in_(ids))
            .order_by(Staff.last_name, Staff.first_name, Staff.middle_name, Staff.id)
        ).scalars()
    )
    return people if len(people) == len(ids) else None


def login_from_name(staff: Staff) -> str:
    """The surname and the first name's initial in Latin letters: «magomadova.m»."""

    def latin(word: str) -> str:
        return _NOT_LOGIN.sub("", PASSPORT_SPELLING.translate(word.strip()).lower())

    # the first letter as the passport spells it: Хеда → kh, Шамиль → sh
    surname, initial = latin(staff.last_name)[:56], latin(staff.first_name.strip()[:1])
    login = ".".join(part for part in (surname, initial) if part)
    return login if len(login) >= 3 else f"pedagog{staff.id}"


def suggest_logins(people: list[Staff]) -> dict[int, str]:
    """A free login for each person, unique within the school and among themselves."""
    taken = set(db.session.execute(select(Account.login)).scalars())  # scoped to the school
    suggested = {}
    for staff in people:
        base = login = login_from_name(staff)
        number = 1
        while login in taken:
            number += 1
            login = f"{base}{number}"
        taken.add(login)
        suggested[staff.id] = login
    return suggested


def usual_roles(people: list[Staff]) -> dict[int, list[Role]]:
    """The roles a teacher's account starts with: what the banks say they are (a mentor, a
    mentee); a teacher in neither bank yet may become either, so both."""
    ids = [s.id for s in people]
    found: dict[int, set[Role]] = {i: set() for i in ids}
    for answer in ROLES.answers():
        for staff_id, roles in answer(ids).items():
            found[staff_id] |= roles
    return {i: [r for r in ACCOUNT_ROLES if r in (found[i] or ACCOUNT_ROLES)] for i in ids}


def why_no_account(staff: Staff) -> str | None:
    """Why this person cannot be given an account now; None if they can."""
    if staff.data_hidden:
        return "Данные скрыты: согласие на обработку персональных данных отозвано."
    if staff.account_id is not None:
        return "У педагога уже есть учётная запись."
    return None


def create_staff_accounts(chosen: list[tuple[Staff, str, list]]) -> list[tuple[Account, str]]:
    """An account for each (teacher, login, roles), with its one-time password: all or none.

    Each account follows the rules of one (`create_staff_account`); when any is refused, none
    is made and `RowsRefused.rows` tells, by staff id, what stops each.
    """
    if not chosen:
        raise Refusal("Выберите педагогов, которым нужны учётные записи.")
    if len(chosen) > MAX_ACCOUNTS_AT_ONCE:
        raise Refusal(f"За один раз — не более {MAX_ACCOUNTS_AT_ONCE} учётных записей.")
    twice = Counter(login.strip() for _, login, _ in chosen)
    created, refused = [], {}
    for staff, login, roles in chosen:
        if twice[login.strip()] > 1:
            refused[staff.id] = "Этот логин указан для нескольких педагогов."
            continue
        try:
            created.append(create_staff_account(staff, login, roles))
        except Refusal as refusal:
            refused[staff.id] = refusal.message
    if refused:
        raise RowsRefused(
            "Учётные записи не созданы: исправьте отмеченные строки "
            f"({len(refused)} из {len(chosen)}).",
            refused,
        )
    return created


# --- the rules of one record (the same as the spreadsheet's) ------------------------------

_DUPLICATE = "Этот педагог уже есть в реестре школы (те же ФИО и дата приёма)."
# The register's columns (models.py): a spreadsheet cell may hold more than a column takes.
MAX_LENGTH = {
    "last_name": 100,
    "first_name": 100,
    "middle_name": 100,
    "position": 200,
    "phone": 40,
    "email": 200,
}


def check_rows(rows: list[StaffRow], headers: dict[str, str] | None = None) -> list[CellError]:
    """What the spreadsheet's own check lets through but the register cannot take."""
    headers = {**HEADERS, **(headers or {})}
    errors = []
    for row in rows:
        try:
            _checked({name: getattr(row, name, None) for name in FIELDS})
        except Refusal as error:
            error.undone = True  # only a check: nothing was changed
            errors.append(CellError(row.row_number, headers.get(error.field, ""), str(error)))
    return errors


def _checked(fields: dict) -> dict:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unknown staff fields: {sorted(unknown)}")
    values = {name: fields.get(name) for name in FIELDS}
    for name in TEXT_FIELDS:
        values[name] = " ".join((values[name] or "").split())
    values["subjects"] = _subjects(values["subjects"])
    values["category"] = values["category"] or QualificationCategory.NONE
    for name, label in (("last_name", "фамилию"), ("first_name", "имя"), ("position", "должность")):
        if not values[name]:
            raise Refusal(f"Укажите {label}.", name)
    for name, limit in MAX_LENGTH.items():
        if len(values[name]) > limit:
            raise Refusal(f"Не более {limit} символов, сейчас {len(values[name])}.", name)
    if QualificationCategory.parse(values["category"]) is None:
        raise Refusal("Выберите квалификационную категорию из списка.", "category")
    total, teaching = values["total_years"], values["teaching_years"]
    for name in ("total_years", "teaching_years"):
        if values[name] is not None and not 0 <= values[name] <= MAX_YEARS:
            raise Refusal(f"Стаж — целое число лет от 0 до {MAX_YEARS}.", name)
    if total is not None and teaching is not None and teaching > total:
        raise Refusal("Педагогический стаж не может быть больше общего.", "teaching_years")
    hired_on: date | None = values["hired_on"]
    if hired_on is not None and hired_on > today():
        raise Refusal("Дата приёма не может быть позже сегодняшнего дня.", "hired_on")
    born_on: date | None = values["born_on"]
    if born_on is not None and not date(1930, 1, 1) <= born_on <= today() - timedelta(
        days=365 * 17
    ):
        raise Refusal("Проверьте дату рождения.", "born_on")
    if hired_on is not None and hired_on < EARLIEST_HIRE:
        raise Refusal("Дата приёма не может быть раньше 1950 года.", "hired_on")
    if values["email"] and not EMAIL.fullmatch(values["email"]):
        raise Refusal("Укажите адрес электронной почты в виде name@example.ru.", "email")
    return values


def _subjects(value) -> str:
    parts = re.split(r"[,;]", value) if isinstance(value, str) else list(value or ())
    subjects: list[str] = []
    for part in parts:
        subject = " ".join(part.split())
        if subject and _fold(subject) not in {_fold(s) for s in subjects}:
            subjects.append(subject)
    return ", ".join(subjects)


def _key_of(values: dict) -> tuple:
    return values["last_name"], values["first_name"], values["middle_name"], values["hired_on"]


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold().replace("ё", "е")


# --- a register imported again: who is new, who changes, who stays -------------------------

NEW, CHANGED, SAME, HIDDEN = "new", "changed", "same", "hidden"
# What a re-import may change, in the order the preview lists it; a field the file has no
# column for is left as it is.
COMPARED = (
    "last_name",
    "first_name",
    "middle_name",
    "position",
    "subjects",
    "total_years",
    "teaching_years",
    "category",
    "hired_on",
    "born_on",
    "phone",
    "email",
)
LABELS = {
    "last_name": "фамилия",
    "first_name": "имя",
    "middle_name": "отчество",
    "position": "должность",
    "subjects": "предметы",
    "total_years": "общий стаж",
    "teaching_years": "педагогический стаж",
    "category": "категория",
    "hired_on": "дата приёма",
    "born_on": "дата рождения",
    "phone": "телефон",
    "email": "электронная почта",
}


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Planned:
    """One row of the file and what saving it does to the register."""

    row: StaffRow
    status: str  # NEW, CHANGED, SAME or HIDDEN
    staff_id: int | None = None
    changes: tuple[Change, ...] = ()
    values: tuple = ()  # (field, value) pairs the save writes


@dataclass
class ImportPlan:
    rows: list[Planned]
    digest: str  # of everything the preview shows and the save does

    def count(self, status: str) -> int:
        return sum(1 for planned in self.rows if planned.status == status)

    @property
    def to_save(self) -> int:
        return self.count(NEW) + self.count(CHANGED)


def plan_import(result: ImportResult) -> tuple[ImportPlan, list[CellError]]:
    """Each row of a checked file against the register as it is now (reads only).

    A row is the person already in the register with the same surname, name and patronymic and
    the same hire date — or the same birth date, where both give one; otherwise a new person.
    """
    by_name: dict[tuple, list[Staff]] = {}
    for staff in all_staff():
        by_name.setdefault(_name_key(staff), []).append(staff)
    fields = [name for name in COMPARED if name in result.fields]
    header = result.headers.get("last_name", HEADERS["last_name"])
    taken: dict[int, int] = {}
    planned: list[Planned] = []
    errors: list[CellError] = []
    for row in result.rows:
        candidates = by_name.get(_name_key(row), [])
        matches = [
            s
            for s in candidates
            if s.hired_on == row.hired_on
            or (row.born_on is not None and s.born_on is not None and s.born_on == row.born_on)
        ]
        if len(matches) > 1:
            errors.append(
                CellError(
                    row.row_number,
                    header,
                    "В реестре несколько педагогов с этими ФИО и датой — исправьте их вручную",
                )
            )
            continue
        if not matches:
            values = _checked_row(row, {}, errors, result.headers)
            if values is not None:
                planned.append(Planned(row, NEW, values=tuple(values.items())))
            continue
        staff = matches[0]
        if staff.id in taken:
            message = f"Этот человек уже есть в строке {taken[staff.id]}"
            errors.append(CellError(row.row_number, header, message))
            continue
        taken[staff.id] = row.row_number
        if staff.data_hidden:
            planned.append(Planned(row, HIDDEN, staff.id))
            continue
        current = {name: getattr(staff, name) for name in FIELDS}
        new = _checked_row(row, current, errors, result.headers, fields)
        if new is None:
            continue
        changes = tuple(
            Change(name, LABELS[name], _shown(name, current[name]), _shown(name, new[name]))
            for name in fields
            if _differs(name, current[name], new[name])
        )
        values = tuple((change.field, new[change.field]) for change in changes)
        # (a name written otherwise only in case or ё is not a change: never in `changes`)
        planned.append(Planned(row, CHANGED if changes else SAME, staff.id, changes, values))
    return ImportPlan(planned, _digest(planned)), errors


def apply_import(plan: ImportPlan) -> tuple[int, int]:
    """Exactly what the preview showed: the new people added, the changes made."""
    added = changed = 0
    for planned in plan.rows:
        if planned.status == NEW:
            db.session.add(Staff(**dict(planned.values)))
            added += 1
        elif planned.status == CHANGED:
            staff = db.session.get(Staff, planned.staff_id)
            if staff is None or staff.data_hidden:
                raise Refusal("Реестр изменился после проверки файла. Загрузите файл ещё раз.")
            for name, value in planned.values:
                setattr(staff, name, value)
            changed += 1
    db.session.flush()
    return added, changed


def _checked_row(row, current, errors, headers, fields=FIELDS) -> dict | None:
    try:
        return _checked({**current, **{name: getattr(row, name, None) for name in fields}})
    except Refusal as error:
        error.undone = True  # only a check: nothing was changed
        column = {**HEADERS, **headers}.get(error.field or "", "")
        errors.append(CellError(row.row_number, column, str(error)))
        return None


def _name_key(person) -> tuple:
    return person_key(person.last_name, person.first_name, person.middle_name, None)[:3]


def _differs(name: str, old, new) -> bool:
    if name in ("last_name", "first_name", "middle_name"):
        # the person was matched by these: «Ёсиповна» and «ЕСИПОВНА» are the same name, kept
        # as the register writes it
        return _fold(old or "") != _fold(new or "")
    return _stored(old) != _stored(new)


def _stored(value):
    return value.value if hasattr(value, "value") else value


def _shown(name: str, value) -> str:
    if value is None or value == "":
        return "—"
    if name == "category":
        return QualificationCategory(value).label
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def _digest(planned: list[Planned]) -> str:
    content = [
        [
            p.row.row_number,
            p.status,
            p.staff_id,
            [[k, str(_stored(v))] for k, v in p.values],
            [[c.field, c.old, c.new] for c in p.changes],
        ]
        for p in planned
    ]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


# --- the spreadsheet between the preview and the save -------------------------------------

TOKEN = re.compile(r"[0-9a-f]{32}")
STALE_AFTER = timedelta(days=1)


def _imports_folder(school_id: int) -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / str(school_id) / "imports"


def stash_import(school_id: int, data: bytes) -> str:
    """Keeps the checked file until the user confirms the preview; returns its token."""
    folder = _imports_folder(school_id)
    folder.mkdir(parents=True, exist_ok=True)
    # previews nobody confirmed are not kept for ever
    for old in folder.glob("*.sheet"):
        if datetime.now() - datetime.fromtimestamp(old.stat().st_mtime) > STALE_AFTER:
            old.unlink(missing_ok=True)
    token = secrets.token_hex(16)
    (folder / f"{token}.sheet").write_bytes(data)
    return token


def claim_import(school_id: int, token: str) -> bytes | None:
    """The kept file, taken away at once so that a second click cannot save it twice."""
    if not token or not TOKEN.fullmatch(token):
        return None
    path = _imports_folder(school_id) / f"{token}.sheet"
    claimed = path.with_suffix(".claimed")
    try:
        path.rename(claimed)
    except FileNotFoundError:
        return None
    try:
        return claimed.read_bytes()
    finally:
        claimed.unlink(missing_ok=True)
