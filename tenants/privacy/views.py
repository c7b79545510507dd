from datetime import timedelta
from io import BytesIO

from flask import flash, g, redirect, render_template, send_file, url_for
from flask_login import current_user
from sqlalchemy import select

from nastavnik.dates import format_date, today
from nastavnik.extensions import db
from nastavnik.journal.models import JournalAction
from nastavnik.journal.services import note
from nastavnik.paging import page_of
from nastavnik.permissions import requires
from nastavnik.refusals import attempt
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.consents.models import Consent, ConsentKind
from nastavnik.tenants.staff.models import Staff
from nastavnik.tenants.staff.parts import Part

from . import erasure, exports, gather
from .act import act_document
from .blueprint import bp
from .forms import EraseForm
from .models import Erasure, ErasureBasis

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@bp.route("/")
@requires("privacy.requests")
def index():
    people = db.session.execute(select(Staff).order_by(Staff.last_name, Staff.id)).scalars().all()
    erasures = {e.staff_id: e for e in db.session.execute(select(Erasure)).scalars()}
    revoked = {}
    query = select(Consent.staff_id, Consent.revoked_on).where(
        Consent.kind == ConsentKind.PERSONAL_DATA, Consent.revoked_on.is_not(None)
    )
    for staff_id, revoked_on in db.session.execute(query).all():
        revoked[staff_id] = max(revoked_on, revoked.get(staff_id, revoked_on))
    keep = timedelta(days=erasure.KEEP_DAYS)
    return render_template(
        "privacy/index.html",
        page=page_of(people, 50),
        erasures=erasures,
        revoked=revoked,
        erasable_from={i: on + keep for i, on in revoked.items()},
        keep_days=erasure.KEEP_DAYS,
    )


def _download(staff_id: int, kind: str):
    staff = get_or_404(Staff, staff_id)
    sections = gather.person_data(staff)
    school = g.school
    note(
        JournalAction.EXPORTED,
        gather.PERSON_DATA,
        staff.id,
        detail=f"выгрузка персональных данных (.{kind}) по запросу педагога",
    )
    name = f"Персональные данные — педагог {staff.id} — {today():%d.%m.%Y}.{kind}"
    if kind == "xlsx":
        title = f"Персональные данные педагога — {school.short_name}, на {format_date(today())}"
        data, mimetype = exports.as_xlsx(sections, title), XLSX
    else:
        header = {
            "Школа": school.name_ru,
            "Дата выгрузки": today().isoformat(),
            "Номер педагога в реестре": staff.id,
        }
        data, mimetype = exports.as_json(sections, header), "application/json; charset=utf-8"
    return send_file(
        BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name, max_age=0
    )


@bp.route("/staff/<int:staff_id>/data.xlsx")
@requires("privacy.requests")
def data_xlsx(staff_id):
    return _download(staff_id, "xlsx")


@bp.route("/staff/<int:staff_id>/data.json")
@requires("privacy.requests")
def data_json(staff_id):
    return _download(staff_id, "json")


@bp.route("/staff/<int:staff_id>/erase", methods=["GET", "POST"])
@requires("privacy.erase")
def erase(staff_id):
    staff = get_or_404(Staff, staff_id)
    form = EraseForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            done = erasure.erase(
                staff,
                form.basis.data,
                on=today(),
                by=current_user,
                request_on=form.request_on.data,
                request_number=form.request_number.data or "",
            )
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash(
                f"Персональные данные обезличены: теперь это «{done.pseudonym}». Скачайте акт "
                "(в строке педагога ниже), подпишите его и сохраните с запросом или отзывом.",
                "success",
            )
            return redirect(url_for(".index"))
    since = erasure.may_erase_from(staff)
    return render_template(
        "privacy/erase.html",
        staff=staff,
        form=form,
        since=since,
        consent_reason=erasure.why_not_erase(staff, ErasureBasis.CONSENT_REVOKED, today()),
    )


@bp.route("/erasures/<int:erasure_id>/act.docx")
@requires("privacy.requests")
def act(erasure_id):
    record = get_or_404(Erasure, erasure_id)
    paper = ""
    if record.basis == ErasureBasis.CONSENT_REVOKED:
        consent = erasure.revoked_data_consent(get_or_404(Staff, record.staff_id))
        paper = consent.paper_number if consent else ""
    data = act_document(record, g.school, paper)
    name = f"Акт об обезличивании ПДн № {record.number} от {record.erased_on:%d.%m.%Y}.docx"
    return send_file(
        BytesIO(data), mimetype=DOCX, as_attachment=True, download_name=name, max_age=0
    )


def _of_people(staff_ids) -> dict[int, dict]:
    return {}


def _of_person(staff: Staff) -> dict:
    record = db.session.execute(
        select(Erasure).where(Erasure.staff_id == staff.id)
    ).scalar_one_or_none()
    return {"erasure": record}


# The teacher's data on request and the erasure, on the card (no column in the register).
STAFF_PART = Part("privacy/_staff.html", _of_people, _of_person)
