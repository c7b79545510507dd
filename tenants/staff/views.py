import hmac
from datetime import timedelta
from io import BytesIO

from flask import (
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)

from nastavnik.accounts.slips import FILE_NAME, Slip, SlipSheet, render_slips
from nastavnik.dates import today
from nastavnik.documents import data_link
from nastavnik.journal.models import JournalAction
from nastavnik.journal.services import journalled
from nastavnik.paging import page_of, page_of_select
from nastavnik.permissions import requires
from nastavnik.refusals import Refusal, attempt
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.vocabulary import QualificationCategory

from . import parts, services
from .blueprint import bp
from .forms import AccountForm, AccountsForm, ConfirmImportForm, ImportForm, StaffForm
from .models import Staff
from .xlsx import MAX_BYTES, build_template, export_staff_xlsx, parse_staff_file

PAGE_SIZE = 50  # rows of the register on a page (a school may have 600 teachers)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.route("/")
@requires("staff.view")
@journalled(JournalAction.VIEWED, "Реестр педагогов")
def index():
    q = request.args.get("q", "").strip()[:100]
    if q:  # by any part of the name, letters folded (ё as е): compared here, not in SQL
        page = page_of(services.search(services.all_staff(), q), PAGE_SIZE)
    else:
        page = page_of_select(services.register(), PAGE_SIZE)
    return render_template(
        "staff/index.html",
        people=page.items,
        page=page,
        q=q,
        columns=parts.columns(s.id for s in page.items),
    )


@bp.route("/new", methods=["GET", "POST"])
@requires("staff.manage")
def create():
    form = StaffForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            staff = services.create_staff(**_fields(form))
        if outcome.refused:
            _show_error(form, outcome.refusal)
        else:
            flash(f"Педагог {staff.full_name} добавлен в реестр.", "success")
            return redirect(url_for(".show", staff_id=staff.id))
    return render_template("staff/form.html", form=form, title="Новый педагог")


@bp.route("/<int:staff_id>/edit", methods=["GET", "POST"])
@requires("staff.manage")
def edit(staff_id):
    staff = get_or_404(Staff, staff_id)
    if staff.data_hidden:
        flash("Данные скрыты: согласие на обработку персональных данных отозвано.", "warning")
        return redirect(url_for(".show", staff_id=staff.id))
    form = StaffForm(obj=staff)
    if form.validate_on_submit():
        with attempt() as outcome:
            services.update_staff(staff, **_fields(form))
        if outcome.refused:
            _show_error(form, outcome.refusal)
        else:
            flash("Изменения сохранены.", "success")
            return redirect(url_for(".show", staff_id=staff.id))
    return render_template("staff/form.html", form=form, title=staff.full_name, staff=staff)


@bp.route("/<int:staff_id>")
@requires("staff.view")
@journalled(JournalAction.VIEWED, "Карточка педагога", id_arg="staff_id")
def show(staff_id):
    return _card(get_or_404(Staff, staff_id), AccountForm(formdata=None))


@bp.route("/<int:staff_id>/account", methods=["POST"])
@requires("staff.manage")
def create_account(staff_id):
    staff = get_or_404(Staff, staff_id)
    form = AccountForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            account, password = services.create_staff_account(
                staff, form.login.data, form.roles.data
            )
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            return render_template(
                "staff/password.html", staff=staff, account=account, password=password
            )
    return _card(staff, form)


@bp.route("/accounts", methods=["GET", "POST"])
@requires("staff.manage")
def create_accounts():
    """Accounts for the teachers ticked in the register, and one sheet of their login slips."""
    if request.method == "GET":
        ids = request.args.getlist("staff_id")
        if not 0 < len(ids) <= services.MAX_ACCOUNTS_AT_ONCE:
            flash(
                "Отметьте в реестре педагогов, которым нужны учётные записи "
                f"(не более {services.MAX_ACCOUNTS_AT_ONCE} за раз).",
                "warning",
            )
            return redirect(url_for(".index"))
        people = _chosen(ids)
        ready = [s for s in people if services.why_no_account(s) is None]
        logins, roles = services.suggest_logins(ready), services.usual_roles(ready)
        rows = [
            {"staff_id": s.id, "login": logins[s.id], "roles": [r.value for r in roles[s.id]]}
            for s in ready
        ]
        form = AccountsForm(formdata=None, data={"rows": rows})
        return _accounts_form(form, people)
    form = AccountsForm()
    people = _chosen(row.staff_id.data for row in form.rows) or []
    if form.validate_on_submit() and people:
        by_id = {s.id: s for s in people}
        chosen = [(by_id[int(r.staff_id.data)], r.login.data, r.roles.data) for r in form.rows]
        with attempt() as outcome:
            created = services.create_staff_accounts(chosen)
        if not outcome.refused:
            return _slips(created)
        refused = getattr(outcome.refusal, "rows", {})
        for row in form.rows:
            if message := refused.get(int(row.staff_id.data)):
                row.login.errors = [*row.login.errors, message]
        form.form_errors.append(outcome.message)
    return _accounts_form(form, people)


def _chosen(raw_ids) -> list[Staff]:
    people = services.chosen_staff(raw_ids)
    if people is None:
        abort(404)
    return people


def _accounts_form(form: AccountsForm, people: list[Staff]):
    return render_template(
        "staff/accounts.html",
        form=form,
        people={s.id: s for s in people},
        skipped=[(s, why) for s in people if (why := services.why_no_account(s))],
    )


def _slips(created):
    # The one-time passwords are in this response only: the sheet travels inside the page.
    days = current_app.config["ONE_TIME_PASSWORD_DAYS"]
    sheet = SlipSheet(
        school_name=g.school.name_ru,
        login_url=url_for("auth.login", school_slug=g.school.slug, _external=True),
        valid_until=today() + timedelta(days=days),
        slips=tuple(Slip(a.full_name, a.login, password) for a, password in created),
    )
    return render_template(
        "staff/slips.html",
        sheet=sheet,
        slips_href=data_link(render_slips(sheet)),
        slips_name=FILE_NAME.format(school=g.school.short_name, day=today()),
    )


@bp.route("/template.xlsx")
@requires("staff.view")
def template():
    return _xlsx(build_template(), "Шаблон реестра педагогов.xlsx")


@bp.route("/export.xlsx")
@requires("staff.manage")
@journalled(JournalAction.EXPORTED, "Реестр педагогов")
def export():
    # People whose data consent is revoked are left out: their details are shown nowhere.
    shown = [s for s in services.all_staff() if not s.data_hidden]
    rows = [services.as_row(s, number) for number, s in enumerate(shown, start=2)]
    title = f"Реестр педагогических работников — {g.school.short_name}"
    name = f"Реестр педагогов — {g.school.short_name} — {today():%d.%m.%Y}.xlsx"
    return _xlsx(export_staff_xlsx(rows, title), name)


@bp.route("/import", methods=["GET", "POST"])
@requires("staff.manage")
def import_staff():
    form = ImportForm()
    if form.validate_on_submit():
        data = form.file.data.read(MAX_BYTES + 1)
        # the file is read whole before the database is asked anything
        result = parse_staff_file(data)
        plan = _plan(result)
        if plan is not None:
            return _preview(result, plan, services.stash_import(g.school.id, data))
        return render_template("staff/import.html", form=form, errors=result.errors)
    return render_template("staff/import.html", form=form, errors=[])


@bp.route("/import/confirm", methods=["POST"])
@requires("staff.manage")
def import_confirm():
    # Exactly what the preview showed, or nothing: the kept file is read again, outside any
    # write, and checked against the register as it is now.
    form = ConfirmImportForm()
    data = None
    if form.validate_on_submit():
        data = services.claim_import(g.school.id, form.token.data)
    if data is None:
        flash("Файл для сохранения не найден: загрузите его ещё раз.", "warning")
        return redirect(url_for(".import_staff"))
    result = parse_staff_file(data)
    plan = _plan(result)
    if plan is None:
        return render_template(
            "staff/import.html", form=ImportForm(formdata=None), errors=result.errors
        )
    if not hmac.compare_digest(plan.digest, form.digest.data):
        flash(
            "Реестр изменился после проверки файла — ничего не сохранено. Ниже то, что будет "
            "сохранено теперь: проверьте и сохраните снова.",
            "warning",
        )
        return _preview(result, plan, services.stash_import(g.school.id, data))
    with attempt() as outcome:
        added, changed = services.apply_import(plan)
    if outcome.refused:
        flash(outcome.message, "warning")
        return redirect(url_for(".import_staff"))
    if changed:
        flash(f"Реестр обновлён: добавлено педагогов — {added}, изменено — {changed}.", "success")
    else:
        flash(f"В реестр добавлено педагогов: {added}.", "success")
    return redirect(url_for(".index"))


def _plan(result):
    """The plan of a readable file, or None with the errors put in the result."""
    if result.ok:
        result.errors = services.check_rows(result.rows, result.headers)
    if not result.ok:
        return None
    plan, errors = services.plan_import(result)
    if errors:
        result.errors = sorted(errors, key=lambda error: error.row)
        return None
    return plan


def _preview(result, plan, token: str):
    return render_template(
        "staff/preview.html",
        plan=plan,
        result=result,
        statuses=services,
        form=ConfirmImportForm(formdata=None, token=token, digest=plan.digest),
        category_labels=QualificationCategory.labels(),
    )


def _card(staff: Staff, account_form: AccountForm):
    return render_template(
        "staff/show.html",
        staff=staff,
        account=services.linked_account(staff),
        account_form=account_form,
        sections=parts.sections(staff),
    )


def _fields(form: StaffForm) -> dict:
    return {name: getattr(form, name).data for name in services.FIELDS}


def _show_error(form: StaffForm, error: Refusal) -> None:
    field = getattr(form, error.field, None) if error.field else None
    (field.errors if field is not None else form.form_errors).append(str(error))


def _xlsx(data: bytes, name: str):
    return send_file(
        BytesIO(data), mimetype=XLSX, as_attachment=True, download_name=name, max_age=0
    )
