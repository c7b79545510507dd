"""The rules of consent: who may be in the banks and who may be a mentor.

A consent is a record, never a checkbox (152-ФЗ): what the person agreed to, for what purpose,
until when, on which paper. Revoking the data-processing consent hides the person everywhere but
in the consent history and takes them out of both banks; without the mentor's written consent
nobody is assigned as a mentor (3.2).
"""

from collections import Counter
from datetime import date

from flask import current_app
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from nastavnik.dates import today
from nastavnik.extensions import db
from nastavnik.refusals import Refusal, RowsRefused
from nastavnik.tenants.staff.models import Staff
from nastavnik.uploads import save_upload

from .models import MENTOR_CONSENTS, Consent, ConsentKind
from .signals import data_consent_withdrawn

# What a school usually writes on each kind of paper; the form starts from these.
DEFAULTS = {
    ConsentKind.PERSONAL_DATA: (
        "Организация и сопровождение наставничества педагогических работников: ведение банков "
        "наставников и наставляемых, закрепление наставнических пар и групп, персонализированные "
        "программы наставничества, мониторинг и отчётность.",
        "Фамилия, имя, отчество; должность; преподаваемые предметы; общий и педагогический "
        "стаж; квалификационная категория; дата приёма на работу; номер телефона; адрес "
        "электронной почты; профессиональные затруднения и запросы.",
    ),
    ConsentKind.MENTOR_DUTY: (
        "Согласие на возложение дополнительных обязанностей, связанных с наставнической "
        "деятельностью (п. 3.2 Положения о системе наставничества).",
        "",
    ),
    ConsentKind.PUBLICATION: (
        "Размещение фамилии, имени, отчества и результатов персонализированной программы "
        "наставничества в разделе «Наставничество» на официальном сайте школы (раздел 8).",
        "Фамилия, имя, отчество; должность; результаты программы наставничества.",
    ),
}

STATES = {
    "valid": "действует",
    "revoked": "отозвано",
    "expired": "срок истёк",
    "none": "нет",
}


def valid_kinds(staff_ids, on: date) -> dict[int, set[str]]:
    """For each staff member, the kinds of consent valid on the day."""
    ids = list(staff_ids)
    found: dict[int, set[str]] = {i: set() for i in ids}
    if not ids:
        return found
    valid = select(Consent.staff_id, Consent.kind).where(
        Consent.staff_id.in_(ids), Consent.is_valid(on)
    )
    for staff_id, kind in db.session.execute(valid.distinct()).tuples():
        found[staff_id].add(kind)
    return found


def has_valid(staff_id: int, kind: str, on: date) -> bool:
    return kind in valid_kinds([staff_id], on)[staff_id]


def can_enter_bank(staff_id: int, on: date) -> bool:
    """Nobody enters the mentee or mentor bank without a valid data-processing consent."""
    return has_valid(staff_id, ConsentKind.PERSONAL_DATA, on)


def can_mentor(staff_id: int, on: date) -> bool:
    """A mentor is assigned only with their written consent to the duties (3.2)."""
    kinds = valid_kinds([staff_id], on)[staff_id]
    return kinds >= MENTOR_CONSENTS


def state_of(consent: Consent, on: date) -> str:
    if consent.revoked_on is not None:
        return "revoked"
    if consent.is_valid(on):
        return "valid"
    return "expired"


def consent_states(staff_ids, on: date) -> dict[int, dict[str, str]]:
    """For each staff member and kind: 'valid', 'revoked', 'expired' or 'none'.

    A valid consent wins; otherwise the latest paper of that kind tells what happened to it.
    """
    ids = list(staff_ids)
    states: dict[int, dict[str, str]] = {i: dict.fromkeys(ConsentKind, "none") for i in ids}
    if not ids:
        return states
    consents = db.session.execute(
        select(Consent).where(Consent.staff_id.in_(ids)).order_by(Consent.signed_on, Consent.id)
    ).scalars()
    for consent in consents:
        kinds = states[consent.staff_id]
        if kinds[consent.kind] != "valid":
            kinds[consent.kind] = state_of(consent, on)
    return states


def history(staff_id: int) -> list[Consent]:
    return list(
        db.session.execute(
            select(Consent)
            .where(Consent.staff_id == staff_id)
            .order_by(Consent.signed_on.desc(), Consent.id.desc())
        ).scalars()
    )


def record_consent(
    staff: Staff,
    kind: str,
    *,
    signed_on: date,
    purpose: str | None = None,
    data_list: str | None = None,
    valid_until: date | None = None,
    paper_number: str = "",
    scan: FileStorage | None = None,
    by=None,
) -> Consent:
    """Records a signed consent; a new valid data consent brings a hidden person back.

    Without `purpose` or `data_list` the usual wording of the kind (DEFAULTS) is recorded.
    """
    if ConsentKind.parse(kind) is None:
        raise Refusal("Выберите вид согласия.", "kind")
    if staff.erased_on is not None:
        raise Refusal(
            "Персональные данные педагога обезличены: согласие записывается в новую карточку."
        )
    usual_purpose, usual_data = DEFAULTS[kind]
    purpose = (usual_purpose if purpose is None else purpose).strip()
    data_list = (usual_data if data_list is None else data_list).strip()
    paper_number = paper_number.strip()
    has_scan = scan is not None and bool(scan.filename)
    if not purpose:
        raise Refusal("Укажите цель, на которую дано согласие.", "purpose")
    if kind != ConsentKind.MENTOR_DUTY and not data_list:
        raise Refusal("Перечислите данные, на которые дано согласие.", "data_list")
    if signed_on > today():
        raise Refusal("Дата подписания не может быть позже сегодняшнего дня.", "signed_on")
    if valid_until is not None and valid_until < signed_on:
        raise Refusal("Срок действия не может закончиться раньше даты подписания.", "valid_until")
    if not paper_number and not has_scan:
        raise Refusal("Укажите номер бумажного согласия или приложите его скан.", "paper_number")
    file_id = None
    if has_scan:
        file_id = save_upload(scan, staff.school_id).id
    consent = Consent(
        staff_id=staff.id,
        kind=kind,
        purpose=purpose,
        data_list=data_list,
        signed_on=signed_on,
        valid_until=valid_until,
        paper_number=paper_number,
        file_id=file_id,
        recorded_by_id=getattr(by, "id", None),
    )
    db.session.add(consent)
    db.session.flush()
    if kind == ConsentKind.PERSONAL_DATA and consent.is_valid(today()):
        # the history of the earlier consents stays; the person is shown again
        staff.data_hidden = False
    return consent


MAX_AT_ONCE = 200
# What is wrong for everyone at once is told beside the form's own field, not on every row.
_COMMON_FIELDS = frozenset({"kind", "signed_on", "valid_until"})


def record_consents(
    papers: list[tuple[Staff, str]],
    kind: str,
    *,
    signed_on: date,
    valid_until: date | None = None,
    by=None,
) -> list[Consent]:
    """One consent of the kind, in its usual wording, for each (person, paper number): all or
    none. Each follows the rules of one (`record_consent`); when any is refused, nothing is
    recorded and `RowsRefused.rows` tells, by staff id, what stops each."""
    if not papers:
        raise Refusal("Выберите педагогов, чьи согласия записать.")
    if len(papers) > MAX_AT_ONCE:
        raise Refusal(f"За один раз — не более {MAX_AT_ONCE} согласий.")
    twice = Counter(staff.id for staff, _ in papers)
    recorded, refused, fields = [], {}, set()
    for staff, number in papers:
        if twice[staff.id] > 1:
            refused[staff.id] = "Педагог указан в списке дважды."
            continue
        try:
            recorded.append(
                record_consent(
                    staff,
                    kind,
                    signed_on=signed_on,
                    valid_until=valid_until,
                    paper_number=number,
                    by=by,
                )
            )
        except Refusal as refusal:
            refused[staff.id] = refusal.message
            fields.add(refusal.field)
    if refused and len(fields) == 1 and fields <= _COMMON_FIELDS:
        (field,) = fields
        raise Refusal(next(iter(refused.values())), field)
    if refused:
        raise RowsRefused(
            "Согласия не записаны: исправьте отмеченные строки "
            f"({sum(staff.id in refused for staff, _ in papers)} из {len(papers)}).",
            refused,
        )
    return recorded


def revoke_consent(consent: Consent, on: date, reason: str, by=None) -> None:
    """Revocation with its date and reason; the paper itself stays in the history.

    Without a valid data consent the person leaves both banks and their details are hidden.
    A revoked mentor-duty consent keeps the mentor-bank entry, but `can_mentor` is then False,
    so no new pair or group is formed with this mentor.
    """
    # `by` is not stored yet: the consent table has no column for who revoked it.
    reason = reason.strip()
    if consent.revoked_on is not None:
        raise Refusal("Это согласие уже отозвано.")
    if not reason:
        raise Refusal("Укажите причину отзыва.")
    if on < consent.signed_on:
        raise Refusal("Согласие нельзя отозвать раньше даты его подписания.")
    if on > today():
        raise Refusal("Дата отзыва не может быть позже сегодняшнего дня.")
    consent.revoked_on = on
    consent.revoke_reason = reason
    db.session.flush()
    personal_data = ConsentKind.PERSONAL_DATA
    if consent.kind == personal_data and not has_valid(consent.staff_id, personal_data, on):
        consent.staff.data_hidden = True
        # the features that keep the person take them out: the banks (stages 2 and 3)
        data_consent_withdrawn.send(current_app._get_current_object(), staff=consent.staff, on=on)
        db.session.flush()
