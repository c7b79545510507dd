"""The rules of a best practice: writing it, its files, and every step of its path.

The path (section 3.4: the curator collects and spreads the best practices): draft → published
in the school → submitted to the district → shared with all schools by the district
methodologist, or returned with a comment (the school edits and submits again). Withdrawing is
possible from any published step. Every step goes through `take_step` and is recorded.
"""

from dataclasses import dataclass

from flask import abort
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from nastavnik.extensions import db
from nastavnik.models import utcnow
from nastavnik.refusals import Refusal
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.programs.models import Program
from nastavnik.tenants.staff.models import Staff
from nastavnik.tenants.vocabulary import Area, MentoringForm
from nastavnik.types import LabelledEnum
from nastavnik.uploads import CheckedFile, FileTooLarge, checked_file, human_size

from . import search
from .models import (
    PUBLIC_STATUSES,
    Practice,
    PracticeAuthor,
    PracticeFile,
    PracticeStatus,
    PracticeStep,
)

S = PracticeStatus

FILE_KINDS = {"pdf", "docx", "pptx", "xlsx", "jpg", "png"}
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_PRACTICE_BYTES = 20 * 1024 * 1024
MAX_FILES = 10
FIRST_YEAR, LAST_YEAR = 2015, 2100


class Step(LabelledEnum):
    PUBLISH = "publish", "Опубликовать в школе"
    SUBMIT = "submit", "Направить в район"
    SHARE = "share", "Поделиться со всеми школами"
    RETURN = "return", "Вернуть с комментарием"
    WITHDRAW = "withdraw", "Снять с публикации"


@dataclass(frozen=True)
class Rule:
    from_statuses: frozenset
    to_status: PracticeStatus
    district: bool | None  # True: the district's step; False: the school's; None: either


RULES = {
    Step.PUBLISH: Rule(frozenset({S.DRAFT, S.RETURNED, S.WITHDRAWN}), S.PUBLISHED, False),
    Step.SUBMIT: Rule(frozenset({S.PUBLISHED, S.RETURNED}), S.SUBMITTED, False),
    Step.SHARE: Rule(frozenset({S.SUBMITTED}), S.SHARED, True),
    Step.RETURN: Rule(frozenset({S.SUBMITTED}), S.RETURNED, True),
    Step.WITHDRAW: Rule(frozenset({S.PUBLISHED, S.SUBMITTED, S.SHARED}), S.WITHDRAWN, None),
}

# While the district reviews it, or once all schools read it, the text stays as it was sent.
LOCKED = frozenset({S.SUBMITTED, S.SHARED})


def why_not_step(practice: Practice, step: str, district: bool) -> str | None:
    """Why this step cannot be taken now, or None."""
    parsed = Step.parse(step)
    if parsed is None:
        return "Неизвестное действие с практикой."
    rule = RULES[parsed]
    if rule.district is True and not district:
        return "Поделиться практикой или вернуть её может только методист района."
    if rule.district is False and district:
        return "Это действие выполняет школа."
    if practice.status not in rule.from_statuses:
        return f"Практика «{practice.status_label.lower()}»: действие «{parsed.label}» недоступно."
    if parsed == Step.SUBMIT and not (practice.summary.strip() and practice.body.strip()):
        return "Чтобы направить практику в район, заполните краткое описание и текст практики."
    return None


def steps_for(practice: Practice, district: bool) -> list[Step]:
    return [s for s in Step if s != Step.RETURN and not why_not_step(practice, s, district)]


def take_step(
    practice: Practice, step: str, account, district: bool = False, comment: str = ""
) -> Practice:
    """The one way a practice moves along its path; each step recorded with who and when."""
    if why := why_not_step(practice, step, district):
        raise Refusal(why)
    step = Step(step)
    comment = (comment or "").strip()
    if step == Step.RETURN and not comment:
        raise Refusal("Напишите, что школе доработать в практике.", field="comment")
    if len(comment) > 2000:
        raise Refusal("Комментарий — не больше 2000 знаков.", field="comment")
    rule = RULES[step]
    previous = practice.status
    practice.status = rule.to_status
    now = utcnow()
    if step == Step.SHARE:
        practice.shared_at = now
    if step == Step.RETURN:
        practice.return_comment = comment
    if step == Step.SUBMIT:
        practice.return_comment = ""
    db.session.add(
        PracticeStep(
            practice_id=practice.id,
            from_status=previous,
            to_status=rule.to_status,
            at=now,
            account_id=account.id,
            actor="Методист района" if district else account.full_name,
            comment=comment,
        )
    )
    db.session.flush()
    return practice


def why_not_edit(practice: Practice) -> str | None:
    if practice.status == S.SUBMITTED:
        return "Практика на рассмотрении в районе: изменить её можно после ответа методиста."
    if practice.status == S.SHARED:
        return "Практика доступна всем школам: чтобы изменить её, сначала снимите её с публикации."
    return None


def _checked_fields(fields: dict) -> dict:
    title = (fields.get("title") or "").strip()
    if not title:
        raise Refusal("Укажите название практики.", field="title")
    year = fields.get("year")
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise Refusal("Укажите учебный год.", field="year")
    forms = tuple(fields.get("forms") or ())
    if any(MentoringForm.parse(f) is None for f in forms):
        raise Refusal("Выберите формы наставничества из списка.", field="forms")
    areas = tuple(fields.get("areas") or ())
    if any(Area.parse(a) is None for a in areas):
        raise Refusal("Выберите направления из списка.", field="areas")
    return {
        "title": title[:300],
        "summary": (fields.get("summary") or "").strip(),
        "body": (fields.get("body") or "").strip(),
        "forms": forms,
        "areas": areas,
        "year": year,
    }


def _checked_authors(author_ids) -> list[int]:
    ids = sorted({int(i) for i in author_ids or ()})
    found = set(db.session.execute(select(Staff.id).where(Staff.id.in_(ids))).scalars())
    if set(ids) - found:
        raise Refusal("Авторами могут быть только педагоги школы.", field="authors")
    return ids


def _checked_files(practice: Practice | None, uploads) -> list[CheckedFile]:
    uploads = [u for u in uploads or () if isinstance(u, FileStorage) and u.filename]
    if len(uploads) > MAX_FILES:
        raise Refusal(f"У практики может быть не больше {MAX_FILES} файлов.", field="files")
    checked = [checked_file(u, FILE_KINDS, MAX_FILE_BYTES) for u in uploads]
    existing = list(practice.files) if practice is not None and practice.id else []
    if len(existing) + len(checked) > MAX_FILES:
        raise Refusal(f"У практики может быть не больше {MAX_FILES} файлов.", field="files")
    total = sum(f.stored.size for f in existing) + sum(len(c.data) for c in checked)
    if total > MAX_PRACTICE_BYTES:
        raise FileTooLarge(
            f"Файлы одной практики вместе — не больше {human_size(MAX_PRACTICE_BYTES)}."
        )
    return checked


def save_practice(practice: Practice | None, fields: dict, author_ids, uploads, account):
    """Writes a new practice (a draft) or changes one; files are checked before any is kept."""
    if practice is not None and (why := why_not_edit(practice)):
        raise Refusal(why)
    values = _checked_fields(fields)
    authors = _checked_authors(author_ids)
    files = _checked_files(practice, uploads)  # every check before anything is written
    new = practice is None
    if new:
        practice = Practice(status=S.DRAFT, created_by_id=account.id)
        db.session.add(practice)
    for name, value in values.items():
        setattr(practice, name, value)
    practice.updated_at = utcnow()
    db.session.flush()
    if new:
        db.session.add(
            PracticeStep(
                practice_id=practice.id,
                from_status=None,
                to_status=S.DRAFT,
                account_id=account.id,
                actor=account.full_name,
            )
        )
    current = {a.staff_id: a for a in practice.authors}
    for staff_id, author in current.items():
        if staff_id not in authors:
            db.session.delete(author)
    for staff_id in authors:
        if staff_id not in current:
            db.session.add(PracticeAuthor(practice_id=practice.id, staff_id=staff_id))
    db.session.flush()
    search.index(practice)
    for checked in files:  # last: a file reaches the disk only when nothing can refuse
        stored = checked.store(practice.school_id)
        db.session.add(PracticeFile(practice_id=practice.id, file_id=stored.id))
    db.session.flush()
    db.session.expire(practice, ["authors", "files"])
    return practice


def remove_file(practice: Practice, link: PracticeFile) -> None:
    if why := why_not_edit(practice):
        raise Refusal(why)
    if link.practice_id != practice.id:
        raise Refusal("Этот файл не относится к практике.")
    db.session.delete(link)
    db.session.flush()
    db.session.expire(practice, ["files"])


def attach_program(practice: Practice, program: Program) -> Practice:
    """One click: the program's plan, and its results once published (8.2), join the text."""
    if why := why_not_edit(practice):
        raise Refusal(why)
    lines = [f"## Программа «{program.title}»", "", "### План мероприятий", ""]
    for activity in program.activities:
        result = f" — {activity.result}" if activity.result else ""
        lines.append(
            f"- {activity.title} (срок: {activity.due_on:%d.%m.%Y}; "
            f"{activity.status_label.lower()}){result}"
        )
    if not program.activities:
        lines.append("- План пока пуст.")
    if program.results_published and program.results:  # 8.2: only after the program ended
        lines += ["", "### Результаты программы", "", program.results]
    practice.program_id = program.id
    practice.body = (practice.body.rstrip() + "\n\n" + "\n".join(lines)).strip()
    practice.updated_at = utcnow()
    db.session.flush()
    search.index(practice)
    return practice


def school_practices(managers: bool, status: str | None = None) -> list[Practice]:
    """The school's bank: managers see every step; the others what the school published."""
    statement = select(Practice).order_by(Practice.updated_at.desc(), Practice.id.desc())
    if not managers:
        statement = statement.where(Practice.status.in_((S.PUBLISHED, S.SUBMITTED, S.SHARED)))
    if parsed := PracticeStatus.parse(status):
        statement = statement.where(Practice.status == parsed)
    return list(db.session.execute(statement).scalars())


def practice_for(practice_id: int, managers: bool) -> Practice:
    practice = get_or_404(Practice, practice_id)
    if not managers and practice.status not in PUBLIC_STATUSES:
        abort(404)  # a draft, returned or withdrawn practice is the managers' only
    return practice


def programs_of_school() -> list[Program]:
    return list(db.session.execute(select(Program).order_by(Program.title)).scalars())


def school_staff() -> list[Staff]:
    return list(
        db.session.execute(
            select(Staff)
            .where(Staff.data_hidden.is_(False))
            .order_by(Staff.last_name, Staff.first_name)
        ).scalars()
    )
