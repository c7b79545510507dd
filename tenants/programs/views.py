from io import BytesIO

from flask import flash, g, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from wtforms import SelectChoice

from nastavnik import dates
from nastavnik.declension import gender_of
from nastavnik.paging import page_of_select
from nastavnik.permissions import can, requires
from nastavnik.refusals import attempt
from nastavnik.tenancy import get_or_404
from nastavnik.uploads import StoredFile, send_stored

from . import access, changes, document, ending, lookups, plan
from .blueprint import bp
from .forms import (
    ROWS,
    ActivityForm,
    ChangeForm,
    ConfirmForm,
    DeclineForm,
    DoneForm,
    EndForm,
    NewProgramForm,
    ProgramForm,
    PublishForm,
    change_rows,
    filled_rows,
    pad_rows,
)
from .models import (
    Activity,
    ActivityStatus,
    ChangeKind,
    ChangeStatus,
    Program,
    ProgramChange,
    ProgramStatus,
)

PAGE_SIZE = 50  # programs on a page of the list (a large school has 150 or more)


def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(code, label) for code, label in labels.items()]


def _set_program_choices(form) -> None:
    form.forms.choices = _choices(lookups.form_labels())
    form.difficulties.choices = _choices(lookups.area_labels())


# The program's own fields: the form's field names are the services' argument names.
PROGRAM_FIELDS = (
    "title",
    "goals",
    "difficulties",
    "difficulties_text",
    "forms",
    "expected_results",
    "starts_on",
    "ends_on",
)


def _program_fields(form) -> dict:
    return {name: form[name].data for name in PROGRAM_FIELDS}


def _to_program(program: Program):
    return redirect(url_for(".show", program_id=program.id))


def _refused(why: str, program: Program):
    """A write route refused by a rule: the reason, and back to the program's page."""
    flash(why, "warning")
    return _to_program(program)


def _show_refusal(form, outcome, rows: list[dict] | None = None, name: str = "") -> None:
    """A refusal shown at the field it names (a plan row's field too), else above the form.

    `rows`/`name`: the filled rows sent to the service and their FieldList's name, when the
    service numbers the rows it was given rather than the form's rows."""
    field, where = None, outcome.refusal.field or ""
    parts = where.split("-")
    if len(parts) == 3 and parts[1].isdigit() and parts[0] in form:
        number = int(parts[1])
        if rows is not None and parts[0] == name:
            number = rows[number]["row"] if number < len(rows) else -1
        entries = form[parts[0]].entries
        if 0 <= number < len(entries):
            field = entries[number].form[parts[2]]
    elif where in form:
        field = form[where]
    if field is not None:
        field.errors = [*field.errors, outcome.message]
    else:
        form.form_errors.append(outcome.message)


def agree_label(staff) -> str:
    """The agree button says it in the person's grammatical gender, from the patronymic."""
    gender = gender_of(staff.full_name) if staff is not None else None
    return {"female": "Согласна", "male": "Согласен"}.get(gender, "Согласен(на)")


def _activity_and_program(activity_id: int) -> tuple[Activity, Program, access.Part]:
    activity = get_or_404(Activity, activity_id)
    return activity, *access.reach(current_user, activity.program_id)


@bp.route("/")
@requires("programs.view")
def index():
    if not can(current_user, "programs.view_all"):
        return redirect(url_for(".my"))
    status = request.args.get("status", "")
    statement = lookups.all_programs(ProgramStatus.parse(status))
    return render_template(
        "programs/index.html",
        page=page_of_select(statement, PAGE_SIZE),
        status=status,
        statuses=ProgramStatus.labels(),
        overdue=lookups.overdue_counts(dates.today()),
        awaiting=plan.pairings_awaiting_program() if can(current_user, "programs.manage") else [],
        pairing_title=lookups.pairing_title,
    )


@bp.route("/my")
@requires("programs.participate")
def my():
    programs = access.participant_programs(current_user)
    return render_template(
        "programs/my.html",
        programs=programs,
        plans={p.id: plan.plan_of(p) for p in programs},
        roles={p.id: access.part_in(p, current_user).role for p in programs},
        overdue=lookups.overdue_counts(dates.today()),
        today=dates.today(),
        pairing_title=lookups.pairing_title,
    )


@bp.route("/new", methods=["GET", "POST"])
@requires("programs.manage")
def create():
    awaiting = plan.pairings_awaiting_program()
    form = NewProgramForm()
    form.pairing.choices = [SelectChoice(p.id, lookups.pairing_title(p)) for p in awaiting]
    _set_program_choices(form)
    if request.method == "GET":
        form.pairing.data = request.args.get("pairing", type=int)
        _fill_from_pairing(form, awaiting)
        pad_rows(form.activities)
    elif "fill" in request.form:  # «Заполнить по банку наставляемых» for the pair chosen
        _fill_from_pairing(form, awaiting, replace=True)
    elif change_rows(form.activities, request.form.get(ROWS)):
        pass  # the form comes back with a row more or less, nothing saved
    elif form.validate_on_submit():
        pairing = next(p for p in awaiting if p.id == form.pairing.data)
        rows = filled_rows(form.activities)
        with attempt() as outcome:
            program = plan.create_program(pairing, **_program_fields(form), activities=rows)
        if outcome.refused:
            _show_refusal(form, outcome)
        else:
            flash("Программа составлена, пара (группа) приступила к работе.", "success")
            return _to_program(program)
    return render_template("programs/new.html", form=form, awaiting=awaiting)


def _fill_from_pairing(form, awaiting, replace=False) -> None:
    """The chosen pair's form of mentoring, and its mentees' difficulties from their bank."""
    chosen = next((p for p in awaiting if p.id == form.pairing.data), None)
    if chosen is None:
        return
    if replace or not form.forms.data:
        form.forms.data = [chosen.form]
    areas, text = plan.difficulties_from_bank(chosen)
    if replace or not form.difficulties.data:
        form.difficulties.data = list(areas)
    if replace or not form.difficulties_text.data:
        form.difficulties_text.data = text


@bp.route("/<int:program_id>")
@requires("programs.view")
def show(program_id):
    return _render_show(*access.reach(current_user, program_id))


def _render_show(
    program: Program, part: access.Part, publish_form=None, decline_form=None, declining=None
):
    activities = plan.plan_of(program)
    history = changes.changes_of(program)
    agreements = {c.id: c.agreements for c in history}
    staff_ids = changes.required_agreements(program)
    staff_ids += [a.staff_id for c in history for a in agreements[c.id]]
    account_ids = [program.ended_by_id, *(a.marked_by_id for a in activities)]
    account_ids += [c.proposed_by_id for c in history]
    account_ids += [c.declined_by_id for c in history]
    titles = {a.id: a.title for a in activities}
    today = dates.today()
    running = program.status == ProgramStatus.ACTIVE
    return render_template(
        "programs/show.html",
        program=program,
        plan=activities,
        changes=history,
        agreements=agreements,
        pending={c.id: changes.pending_agreements(c, program) for c in history},
        details={c.id: changes.describe(c, titles) for c in history},
        staff_names=lookups.staff_names(staff_ids),
        account_names=lookups.account_names(account_ids),
        form_labels=lookups.form_labels(),
        area_labels=lookups.area_labels(),
        me=part.staff,
        today=today,
        running=running,
        sees_all=part.sees_all,
        may_manage=part.manages,
        may_edit_program=access.why_not_edit_program(program, part, today) is None,
        may_edit_plan=access.why_not_edit_plan(program, part, today) is None,
        may_mark=access.why_not_mark(program, part) is None,
        may_propose=access.why_not_propose(program, part) is None,
        may_end=access.why_not_end(program, part) is None,
        ending_order=ending.ending_order_of(program) if not running else None,
        confirm=ConfirmForm(),
        agree_label=agree_label(part.staff),
        decline_form=decline_form or DeclineForm(formdata=None),
        declining=declining,
        publish_form=publish_form or PublishForm(results=program.results),
    )


@bp.route("/<int:program_id>/document.docx")
@requires("programs.view")
def document_docx(program_id):
    """«Персонализированная программа наставничества» to print or keep, as it is today."""
    program, _ = access.reach(current_user, program_id)
    return send_file(
        BytesIO(document.program_docx(program, g.school, dates.today())),
        mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        as_attachment=True,
        download_name=document.document_filename(program),
    )


@bp.route("/<int:program_id>/edit", methods=["GET", "POST"])
@requires("programs.manage")
def edit(program_id):
    program, part = access.reach(current_user, program_id)
    if why := access.why_not_edit_program(program, part, dates.today()):
        return _refused(why, program)
    form = ProgramForm(obj=program)
    _set_program_choices(form)
    if form.validate_on_submit():
        with attempt() as outcome:
            plan.update_program(program, part, **_program_fields(form), today=dates.today())
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash("Программа сохранена.", "success")
            return _to_program(program)
    return render_template("programs/edit.html", form=form, program=program)


@bp.route("/<int:program_id>/activities/new", methods=["GET", "POST"])
@requires("programs.view")
def add_activity(program_id):
    program, part = access.reach(current_user, program_id)
    if why := access.why_not_edit_plan(program, part, dates.today()):
        if why == access.PLAN_BY_CONSENT:  # the plan is now corrected by a proposed change
            flash(why, "warning")
            return redirect(url_for(".propose_change", program_id=program.id))
        return _refused(why, program)
    form = ActivityForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            plan.add_activity(
                program,
                part,
                form.title.data,
                form.due_on.data,
                form.responsible.data,
                dates.today(),
            )
        if outcome.refused:
            form.due_on.errors.append(outcome.message)
        else:
            flash("Мероприятие добавлено в план.", "success")
            return _to_program(program)
    return render_template("programs/activity.html", form=form, program=program)


@bp.route("/activities/<int:activity_id>/done", methods=["GET", "POST"])
@requires("programs.view")
def mark_done(activity_id):
    activity, program, part = _activity_and_program(activity_id)
    if why := access.why_not_mark(program, part, activity):
        return _refused(why, program)
    form = DoneForm()
    today = dates.today()
    # the browser's date picker offers only the days the rule allows (the server checks too)
    form.done_on.render_kw = {
        "min": program.starts_on.isoformat(),
        "max": min(today, program.ends_on).isoformat(),
    }
    if request.method == "GET":
        form.done_on.data = today
    if form.validate_on_submit():
        with attempt() as outcome:
            plan.mark_done(
                activity,
                form.result.data,
                form.evidence.data,
                part,
                dates.today(),
                done_on=form.done_on.data,
            )
        if outcome.refused:
            _show_refusal(form, outcome)
        else:
            flash("Мероприятие отмечено выполненным.", "success")
            if part.sees_all:
                return _to_program(program)
            return redirect(url_for(".my"))
    return render_template(
        "programs/done.html", form=form, activity=activity, program=program, today=dates.today()
    )


@bp.route("/activities/<int:activity_id>/evidence")
@requires("programs.view")
def evidence(activity_id):
    activity, program, _ = _activity_and_program(activity_id)
    if activity.evidence_file_id is None:
        flash("У этого мероприятия нет подтверждающего файла.", "warning")
        return _to_program(program)
    return send_stored(get_or_404(StoredFile, activity.evidence_file_id))


@bp.route("/<int:program_id>/changes/new", methods=["GET", "POST"])
@requires("programs.view")
def propose_change(program_id):
    program, part = access.reach(current_user, program_id)
    if why := access.why_read_only(program):
        return _refused(why, program)
    form = ChangeForm()
    if request.method == "GET":
        form.kind.data = ChangeKind.parse(request.args.get("kind", "")) or ""
        pad_rows(form.add, 2)
    kind = ChangeKind.parse(form.kind.data or "")
    form.forms.choices = _choices(lookups.form_labels())
    form.cancel.choices = [
        SelectChoice(a.id, f"{a.title} — до {dates.format_date(a.due_on)}")
        for a in plan.plan_of(program)
        if a.status == ActivityStatus.PLANNED
    ]
    if request.method == "GET" and not form.forms.data:
        form.forms.data = list(program.forms)
    if change_rows(form.add, request.form.get(ROWS)):
        pass  # the form comes back with a row more or less, nothing saved
    elif form.validate_on_submit():
        rows = filled_rows(form.add)
        values = {
            "ends_on": form.ends_on.data,
            "forms": form.forms.data,
            "add": rows,
            "cancel": form.cancel.data,
        }
        with attempt() as outcome:
            change = changes.propose_change(
                program, form.kind.data, form.description.data, values, part
            )
        if outcome.refused:
            _show_refusal(form, outcome, rows, "add")
        else:
            if change.status == ChangeStatus.APPLIED:
                flash("Изменение внесено в программу.", "success")
            else:
                flash(
                    "Изменение предложено: оно будет внесено, когда согласятся наставник "
                    "и все наставляемые (п. 7.2).",
                    "success",
                )
            return _to_program(program)
    return render_template(
        "programs/change.html", form=form, program=program, kind=kind, kinds=ChangeKind.labels()
    )


@bp.route("/changes/<int:change_id>/agree", methods=["POST"])
@requires("programs.view")
def agree(change_id):
    change = get_or_404(ProgramChange, change_id)
    program, part = access.reach(current_user, change.program_id)
    if why := access.why_read_only(program):
        return _refused(why, program)
    if ConfirmForm().validate_on_submit():
        with attempt() as outcome:
            changes.agree(change, part)
        if outcome.refused:
            flash(outcome.message, "danger")
        else:
            if change.status == ChangeStatus.APPLIED:
                flash("Все согласны: изменение внесено в программу.", "success")
            else:
                flash("Ваше согласие записано.", "success")
    return _to_program(program)


@bp.route("/changes/<int:change_id>/decline", methods=["POST"])
@requires("programs.view")
def decline(change_id):
    change = get_or_404(ProgramChange, change_id)
    program, part = access.reach(current_user, change.program_id)
    if why := changes.why_not_decline(program, part, change):
        return _refused(why, program)
    form = DeclineForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            changes.decline(change, part, form.reason.data)
        if not outcome.refused:
            flash("Вы отклонили изменение: программа осталась прежней.", "success")
            return _to_program(program)
        _show_refusal(form, outcome)
    return _render_show(program, part, decline_form=form, declining=change.id)


@bp.route("/<int:program_id>/end", methods=["GET", "POST"])
@requires("programs.view")
def end(program_id):
    program, part = access.reach(current_user, program_id)
    if why := access.why_not_end(program, part):
        return _refused(why, program)
    form = EndForm()
    form.reason.choices = [SelectChoice(r, r.label) for r in access.end_reasons(part)]
    if form.validate_on_submit() and form.confirmed.data != "yes":
        with attempt() as outcome:  # the rules first: a refused ending is not asked about
            ending.check_ending(program, part, form.reason.data, form.comment.data)
        if outcome.refused:
            _show_refusal(form, outcome)
            return render_template("programs/end.html", form=form, program=program)
        # 7.1: asked once more, with what the ending does to the plan
        form.confirmed.data = "yes"
        return render_template(
            "programs/end_confirm.html",
            form=form,
            program=program,
            unfinished=ending.unfinished(program),
            reason_label=dict((c.value, c.label) for c in form.reason.choices).get(
                form.reason.data, ""
            ),
        )
    if form.validate_on_submit():
        with attempt() as outcome:
            ending.end_program(program, form.reason.data, form.comment.data, part, dates.today())
        if outcome.refused:
            form.confirmed.data = ""  # corrected, it is confirmed again
            _show_refusal(form, outcome)
        else:
            flash("Программа завершена.", "success")
            return _to_program(program)
    return render_template("programs/end.html", form=form, program=program)


@bp.route("/<int:program_id>/publish", methods=["POST"])
@requires("programs.manage")
def publish(program_id):
    program, part = access.reach(current_user, program_id)
    if why := ending.why_not_publish(program):
        return _refused(why, program)
    form = PublishForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            ending.publish_results(program, form.results.data)
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash("Результаты программы опубликованы.", "success")
            return _to_program(program)
    return _render_show(program, part, publish_form=form)
