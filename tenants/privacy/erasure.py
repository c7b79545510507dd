"""Erasure (обезличивание) of a teacher's personal details (152-ФЗ, ст. 21).

Two grounds: the data-processing consent was revoked and the term of keeping after it has passed
(ч. 5 ст. 21: thirty days from the revocation), or the teacher's verified request (ст. 14, ч. 3
ст. 21), given with its date and number. The teacher becomes «Педагог № N» (N counted within the
school, never reused); contacts, the birth date, the difficulties and the free texts are removed,
the files attached to their consents and marks are deleted, their account is switched off.

What stays, and why:
- the records themselves (the card with position and length of service, the pairs, programs,
  activities and their dates, questionnaire marks), so that the numbers of the school and the
  district do not change: without the name they no longer identify the person;
- signed and registered orders as they were signed: an order is an archival document of the
  school kept for its legal term (ч. 7 ст. 21 152-ФЗ — «если иное не предусмотрено федеральным
  законом»; Федеральный закон «Об архивном деле», перечень Росархива 2019 г.), and the paper
  original names the person anyway. A draft order, which is not yet a document, is anonymised;
- the consent records (kind, dates, paper number), which prove that the data were processed
  lawfully (ч. 3 ст. 9), without the scans;
- the journal, which is the record of who did what (ч. 1 ст. 19) and holds no erased values.
"""

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from nastavnik.extensions import db
from nastavnik.journal.models import JournalAction
from nastavnik.journal.services import note
from nastavnik.models import Account
from nastavnik.refusals import Refusal
from nastavnik.tenants.banks.models import MenteeEntry, MentorEntry
from nastavnik.tenants.consents.models import Consent, ConsentKind
from nastavnik.tenants.consents.services import has_valid
from nastavnik.tenants.orders.models import OrderStatus, SchoolOrder
from nastavnik.tenants.pairings.models import PairingMember
from nastavnik.tenants.programs.models import Activity, Program
from nastavnik.tenants.questionnaires.models import Answer, Response
from nastavnik.tenants.requests.models import ParticipantRequest
from nastavnik.tenants.staff.models import Staff
from nastavnik.uploads import StoredFile

from .gather import PERSON_DATA, mentions
from .models import Erasure, ErasureBasis, pseudonym

KEEP_DAYS = 30  # ч. 5 ст. 21 152-ФЗ: destroyed within thirty days of the revocation
REQUEST_NUMBER_MAX = 60
REVOKED_REASON = "Сведения обезличены"
_UNLINK = "privacy.unlink-after-commit"


def revoked_data_consent(staff: Staff) -> Consent | None:
    """The latest revoked data-processing consent of the person."""
    query = (
        select(Consent)
        .where(
            Consent.staff_id == staff.id,
            Consent.kind == ConsentKind.PERSONAL_DATA,
            Consent.revoked_on.is_not(None),
        )
        .order_by(Consent.revoked_on.desc(), Consent.id.desc())
        .limit(1)
    )
    return db.session.execute(query).scalar_one_or_none()


def may_erase_from(staff: Staff) -> date | None:
    """The first day the consent ground allows the erasure, or None without a revocation."""
    consent = revoked_data_consent(staff)
    return consent.revoked_on + timedelta(days=KEEP_DAYS) if consent else None


def why_not_erase(
    staff: Staff, basis, on: date, request_on: date | None = None, request_number: str = ""
) -> str | None:
    """Why the details cannot be erased on this ground today, or None when they can."""
    if staff.erased_on is not None:
        return "Персональные данные этого педагога уже обезличены."
    basis = ErasureBasis.parse(basis)
    if basis is None:
        return "Выберите основание обезличивания."
    if basis is ErasureBasis.REQUEST:
        if not request_number.strip():
            return "Укажите номер запроса педагога."
        if len(request_number.strip()) > REQUEST_NUMBER_MAX:
            return f"Номер запроса — не длиннее {REQUEST_NUMBER_MAX} символов."
        if request_on is None:
            return "Укажите дату запроса педагога."
        if request_on > on:
            return "Дата запроса не может быть позже сегодняшнего дня."
        return None
    if has_valid(staff.id, ConsentKind.PERSONAL_DATA, on):
        return (
            "Согласие на обработку персональных данных действует: обезличить данные можно после "
            "его отзыва и истечения срока хранения или по запросу педагога."
        )
    since = may_erase_from(staff)
    if since is None:
        return (
            "Отзыв согласия на обработку персональных данных не записан: обезличить данные можно "
            "по запросу педагога."
        )
    if on < since:
        return (
            f"Срок хранения после отзыва согласия ещё не истёк: обезличить данные можно с "
            f"{since:%d.%m.%Y} или раньше — по запросу педагога."
        )
    return None


def erase(
    staff: Staff,
    basis,
    *,
    on: date,
    by: Account | None,
    request_on: date | None = None,
    request_number: str = "",
) -> Erasure:
    """Erases the details (see the module's docstring) and records the erasure for the act."""
    reason = why_not_erase(staff, basis, on, request_on, request_number)
    if reason:
        raise Refusal(reason)
    basis = ErasureBasis(basis)
    number = _next_number()
    alias = pseudonym(number)
    names = [n for n in {staff.full_name, staff.short_name} if n]
    erased: list[str] = ["фамилия, имя, отчество (заменены условным номером «" + alias + "»)"]
    erased += _erase_card(staff, alias, on)
    files = _erase_consents(staff)
    account = _erase_account(staff, alias, number)
    if account is not None:
        erased.append("ФИО и логин учётной записи; учётная запись отключена")
    erased += _erase_banks(staff)
    evidence, programs_erased = _erase_programs(staff, account)
    files += evidence
    erased += programs_erased
    erased += _erase_requests(staff)
    erased += _erase_answers(staff)
    erased += _erase_draft_orders(names, alias)
    if files:
        erased.append(f"файлы (сканы согласий, подтверждения мероприятий): {len(files)}")
    _delete_files(files)
    record = Erasure(
        staff_id=staff.id,
        number=number,
        basis=basis,
        request_number=request_number.strip() if basis is ErasureBasis.REQUEST else "",
        request_on=request_on if basis is ErasureBasis.REQUEST else None,
        erased_on=on,
        erased_by_id=getattr(by, "id", None),
        erased_by_name=getattr(by, "full_name", "") or "",
        erased="\n".join(erased),
        files_deleted=len(files),
    )
    db.session.add(record)
    db.session.flush()
    # The entry says that, on which ground and under which number — never the erased values.
    note(
        JournalAction.ERASED,
        PERSON_DATA,
        staff.id,
        detail=f"обезличивание персональных данных: {alias}; основание — {basis.label}"[:300],
    )
    return record


def _next_number() -> int:
    last = db.session.execute(select(func.max(Erasure.number))).scalar()
    return (last or 0) + 1


def _erase_card(staff: Staff, alias: str, on: date) -> list[str]:
    erased = []
    if staff.born_on is not None:
        erased.append("дата рождения")
    if staff.phone or staff.email:
        erased.append("номер телефона и адрес электронной почты")
    staff.last_name, staff.first_name, staff.middle_name = alias, "", ""
    staff.born_on = None
    staff.phone = staff.email = ""
    staff.data_hidden = True
    staff.erased_on = on
    return erased


def _erase_consents(staff: Staff) -> list[StoredFile]:
    consents = db.session.execute(select(Consent).where(Consent.staff_id == staff.id)).scalars()
    file_ids = []
    for consent in consents:
        if consent.file_id is not None:
            file_ids.append(consent.file_id)
            consent.file_id = None
        if consent.revoke_reason:
            consent.revoke_reason = REVOKED_REASON
    return _files(file_ids)


def _erase_account(staff: Staff, alias: str, number: int) -> Account | None:
    if staff.account_id is None:
        return None
    account = db.session.execute(
        select(Account).where(Account.id == staff.account_id)
    ).scalar_one_or_none()
    if account is None:
        return None
    login = f"pedagog-{number}"
    taken = select(Account.id).where(Account.login == login, Account.id != account.id)
    if db.session.execute(taken).first() is not None:
        login = f"pedagog-{number}-{account.id}"
    account.login = login
    account.full_name = alias
    account.active = False
    account.end_other_sessions()
    return account


def _erase_banks(staff: Staff) -> list[str]:
    erased = []
    mentee = select(MenteeEntry).where(MenteeEntry.staff_id == staff.id)
    for entry in db.session.execute(mentee).scalars():
        if entry.difficulties:
            entry.difficulties = ""
            erased.append("профессиональные затруднения (банк наставляемых)")
    mentor = select(MentorEntry).where(MentorEntry.staff_id == staff.id)
    for entry in db.session.execute(mentor).scalars():
        if entry.survey_motivation or entry.survey_experience or entry.survey_expectations:
            entry.survey_motivation = entry.survey_experience = entry.survey_expectations = ""
            erased.append("ответы анкеты наставника (банк наставников)")
    return list(dict.fromkeys(erased))


def _erase_programs(staff: Staff, account: Account | None) -> tuple[list[StoredFile], list[str]]:
    """The difficulties of the programs where the teacher is mentored, and the results and files
    of the activities the teacher marked; the plan, the dates and the statuses stay."""
    erased = []
    as_mentee = select(PairingMember.pairing_id).where(PairingMember.mentee_staff_id == staff.id)
    programs = db.session.execute(
        select(Program).where(Program.pairing_id.in_(as_mentee))
    ).scalars()
    for program in programs:
        if program.difficulties_text:
            program.difficulties_text = ""
            erased.append("затруднения в программах наставничества")
    file_ids = []
    if account is not None:
        marked = select(Activity).where(Activity.marked_by_id == account.id)
        for activity in db.session.execute(marked).scalars():
            if activity.result:
                activity.result = ""
                erased.append("результаты мероприятий, отмеченных педагогом")
            if activity.evidence_file_id is not None:
                file_ids.append(activity.evidence_file_id)
                activity.evidence_file_id = None
    return _files(file_ids), list(dict.fromkeys(erased))


def _erase_requests(staff: Staff) -> list[str]:
    found = db.session.execute(
        select(ParticipantRequest).where(ParticipantRequest.staff_id == staff.id)
    ).scalars()
    erased = False
    for request in found:
        if request.reason or request.answer:
            request.reason = request.answer = ""
            erased = True
    return ["тексты просьб и ответов на них"] if erased else []


def _erase_answers(staff: Staff) -> list[str]:
    """Named answers become anonymous: the marks stay in the averages, the texts go."""
    responses = list(
        db.session.execute(select(Response).where(Response.staff_id == staff.id)).scalars()
    )
    if not responses:
        return []
    ids = [r.id for r in responses]
    texts = select(Answer).where(Answer.response_id.in_(ids), Answer.text != "")
    for answer in db.session.execute(texts).scalars():
        answer.text = ""
    for response in responses:
        response.staff_id = None
    return ["связь ответов на анкеты с педагогом и их свободные тексты (оценки сохранены)"]


def _erase_draft_orders(names: list[str], alias: str) -> list[str]:
    drafts = db.session.execute(
        select(SchoolOrder).where(SchoolOrder.status == OrderStatus.DRAFT)
    ).scalars()
    changed = 0
    for order in drafts:
        content = order.content or {}
        if any(mentions(content, n) for n in names):
            order.content = _replaced(content, names, alias)
            changed += 1
    return ["ФИО в проектах приказов (подписанные приказы сохранены)"] if changed else []


def _replaced(value, names: list[str], alias: str):
    if isinstance(value, str):
        for name in sorted(names, key=len, reverse=True):
            value = value.replace(name, alias)
        return value
    if isinstance(value, dict):
        return {k: _replaced(v, names, alias) for k, v in value.items()}
    if isinstance(value, list):
        return [_replaced(v, names, alias) for v in value]
    return value


def _files(ids) -> list[StoredFile]:
    ids = [i for i in ids if i]
    if not ids:
        return []
    query = select(StoredFile).where(StoredFile.id.in_(ids))
    return list(db.session.execute(query).scalars())


def _delete_files(files: list[StoredFile]) -> None:
    """The rows go with the transaction; the bytes on disk once it is committed."""
    paths = [f.path() for f in files]
    for stored in files:
        db.session.delete(stored)
    db.session.flush()
    db.session.info.setdefault(_UNLINK, []).extend(paths)


def _unlink_committed(session: Session) -> None:
    for path in session.info.pop(_UNLINK, []):
        Path(path).unlink(missing_ok=True)


def _forget_rolled_back(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the whole transaction, not a savepoint
        session.info.pop(_UNLINK, None)


def listen() -> None:
    """Called when the app registers the feature."""
    if not event.contains(Session, "after_commit", _unlink_committed):
        event.listen(Session, "after_commit", _unlink_committed)
        event.listen(Session, "after_soft_rollback", _forget_rolled_back)
