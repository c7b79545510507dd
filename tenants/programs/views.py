from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import SelectChoice

from nastavnik import dates
from nastavnik.permissions import requires
from nastavnik.refusals import attempt
from nastavnik.tenancy import get_or_404
from nastavnik.uploads import StoredFile, send_stored

from . import services
from .blueprint import bp
from .forms import (
    ActivityForm,
    ChangeForm,
    ConfirmForm,
    DoneForm,
    EndForm,
    NewProgramForm,
    ProgramForm,
    PublishForm,
    filled_rows,
)
from .models import CHANGE_KINDS, END_REASONS, STATUSES, Activity, Program, ProgramChange

ENDED = "Программа завершена: изменить её уже нельзя."


def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(code, label) for code, label in labels.items()]


def _set_program_choices(form) -> None:
    form.forms.choices = _choices(services.form_labels())
    form.difficulties.choices = _choices(services.area_labels())


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


def _refuse_if_ended(program: Program):
    """An ended program is read-only: every write route sends back to its page."""
    if program.status == "ended":
        flash(ENDED, "warning")
        return _to_program(program)
    return None


def _activity_and_program(activity_id: int) -> tuple[Activity, Program]:
    activity = get_or_404(Activity, activity_id)
    return activity, services.program_for(current_user, activity.program_id)


@bp.route("/")
@requires("programs.view")
def index():
    if not services.sees_every_program(current_user):
        return redirect(url_for(".my"))
    status = request.args.get("status", "")
    programs = services.all_programs(status if status in STATUSES else None)
    return render_template(
        "programs/index.html",
        programs=programs,
        status=status,
        statuses=STATUSES,
        overdue=services.overdue_counts(dates.today()),
        awaiting=services.pairings_awaiting_program() if services.manages(current_user) else [],
        pairing_title=services.pairing_title,
    )


@bp.route("/my")
@requires("programs.participate")
def my():
    programs = services.participant_programs(current_user)
    return render_template(
        "programs/my.html",
        programs=programs,
        plans={p.id: services.plan_of(p) for p in programs},
        roles={p.id: services.participant_role(p, current_user) for p in programs},
        overdue=services.overdue_counts(dates.today()),
        today=dates.today(),
        pairing_title=services.pairing_title,
    )


@bp.route("/new", methods=["GET", "POST"])
@requires("programs.manage")
def create():
    awaiting = services.pairings_awaiting_program()
    form = NewProgramForm()
    form.pairing.choices = [SelectChoice(p.id, services.pairing_title(p)) for p in awaiting]
    _set_program_choices(form)
    if request.method == "GET":
        form.pairing.data = request.args.get("pairing", type=int)
        chosen = next((p for p in awaiting if p.id == form.pairing.data), None)
        if chosen is not None and not form.forms.data:
            form.forms.data = [chosen.form]
    if form.validate_on_submit():
        pairing = next(p for p in awaiting if p.id == form.pairing.data)
        with attempt() as outcome:
            program = services.create_program(
                pairing, **_program_fields(form), activities=filled_rows(form.activities)
            )
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash("Программа составлена, пара (группа) приступила к работе.", "success")
            return _to_program(program)
    return render_template("programs/new.html", form=form, awaiting=awaiting)


@bp.route("/<int:program_id>")
@requires("programs.view")
def show(program_id):
    return _render_show(services.program_for(current_user, program_id))


def _render_show(program: Program, publish_form=None):
    plan = services.plan_of(program)
    changes = services.changes_of(program)
    agreements = {c.id: c.agreements for c in changes}
    staff_ids = services.required_agreements(program)
    staff_ids += [a.staff_id for c in changes for a in agreements[c.id]]
    account_ids = [program.ended_by_id, *(a.marked_by_id for a in plan)]
    account_ids += [c.proposed_by_id for c in changes]
    me = services.participant_staff(program, current_user)
    running = program.status == "active"
    return render_template(
        "programs/show.html",
        program=program,
        plan=plan,
        changes=changes,
        agreements=agreements,
        pending={c.id: services.pending_agreements(c, program) for c in changes},
        details={c.id: services.change_details(c, {a.id: a.title for a in plan}) for c in changes},
        staff_names=services.staff_names(staff_ids),
        account_names=services.account_names(account_ids),
        form_labels=services.form_labels(),
        area_labels=services.area_labels(),
        me=me,
        today=dates.today(),
        running=running,
        not_started=running and program.starts_on > dates.today(),
        sees_all=services.sees_every_program(current_user),
        may_manage=services.manages(current_user),
        may_mark=running and services.may_mark(program, current_user),
        may_edit_plan=running and services.may_edit_plan(program, current_user),
        may_propose=running and (me is not None or services.manages(current_user)),
        may_end=running and bool(services.end_reasons_for(program, current_user)),
        confirm=ConfirmForm(),
        publish_form=publish_form or PublishForm(results=program.results),
    )


@bp.route("/<int:program_id>/edit", methods=["GET", "POST"])
@requires("programs.manage")
def edit(program_id):
    program = services.program_for(current_user, program_id)
    if refused := _refuse_if_ended(program):
        return refused
    if program.starts_on <= dates.today():
        flash(
            "Программа уже началась: срок, план и форму теперь меняют по согласию "
            "наставника и наставляемого (п. 7.2).",
            "warning",
        )
        return _to_program(program)
    form = ProgramForm(obj=program)
    _set_program_choices(form)
    if form.validate_on_submit():
        with attempt() as outcome:
            services.update_program(program, **_program_fields(form), today=dates.today())
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash("Программа сохранена.", "success")
            return _to_program(program)
    return render_template("programs/edit.html", form=form, program=program)


@bp.route("/<int:program_id>/activities/new", methods=["GET", "POST"])
@requires("programs.view")
def add_activity(program_id):
    program = services.program_for(current_user, program_id)
    if refused := _refuse_if_ended(program):
        return refused
    if not services.may_edit_plan(program, current_user):
        flash("Мероприятия в план добавляют куратор и наставник.", "warning")
        return _to_program(program)
    if program.starts_on <= dates.today():
        flash(
            "Программа уже началась: план теперь корректируют по согласию наставника "
            "и наставляемого (п. 7.2).",
            "warning",
        )
        return redirect(url_for(".propose_change", program_id=program.id))
    form = ActivityForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            services.add_activity(
                program, form.title.data, form.due_on.data, form.responsible.data, dates.today()
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
    activity, program = _activity_and_program(activity_id)
    if refused := _refuse_if_ended(program):
        return refused
    if not services.may_mark(program, current_user):
        flash("Отмечать мероприятия могут участники программы и куратор.", "warning")
        return _to_program(program)
    if activity.status != "planned":
        flash("Это мероприятие уже отмечено выполненным или отменено.", "warning")
        return _to_program(program)
    form = DoneForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            services.mark_done(
                activity, form.result.data, form.evidence.data, current_user, dates.today()
            )
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash("Мероприятие отмечено выполненным.", "success")
            if services.sees_every_program(current_user):
                return _to_program(program)
            return redirect(url_for(".my"))
    return render_template("programs/done.html", form=form, activity=activity, program=program)


@bp.route("/activities/<int:activity_id>/evidence")
@requires("programs.view")
def evidence(activity_id):
    activity, program = _activity_and_program(activity_id)
    if activity.evidence_file_id is None:
        flash("У этого мероприятия нет подтверждающего файла.", "warning")
        return _to_program(program)
    return send_stored(get_or_404(StoredFile, activity.evidence_file_id))


@bp.route("/<int:program_id>/changes/new", methods=["GET", "POST"])
@requires("programs.view")
def propose_change(program_id):
    program = services.program_for(current_user, program_id)
    if refused := _refuse_if_ended(program):
        return refused
    form = ChangeForm()
    form.kind.choices = _choices(CHANGE_KINDS)
    form.forms.choices = _choices(services.form_labels())
    plan = services.plan_of(program)
    form.cancel.choices = [
        SelectChoice(a.id, f"{a.title} — до {dates.format_date(a.due_on)}")
        for a in plan
        if a.status == "planned"
    ]
    if request.method == "GET" and not form.forms.data:
        form.forms.data = list(program.forms)
    if form.validate_on_submit():
        payload = {
            "extend": lambda: {"ends_on": form.ends_on.data and form.ends_on.data.isoformat()},
            "form": lambda: {"forms": list(form.forms.data or [])},
            "plan": lambda: {
                "add": [
                    {**row, "due_on": row["due_on"].isoformat()} for row in filled_rows(form.add)
                ],
                "cancel": list(form.cancel.data or []),
            },
        }[form.kind.data]()
        with attempt() as outcome:
            change = services.propose_change(
                program, form.kind.data, form.description.data, payload, current_user
            )
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            if change.status == "applied":
                flash("Изменение внесено в программу.", "success")
            else:
                flash(
                    "Изменение предложено: оно будет внесено, когда согласятся наставник "
                    "и все наставляемые (п. 7.2).",
                    "success",
                )
            return _to_program(program)
    return render_template("programs/change.html", form=form, program=program)


@bp.route("/changes/<int:change_id>/agree", methods=["POST"])
@requires("programs.view")
def agree(change_id):
    change = get_or_404(ProgramChange, change_id)
    program = services.program_for(current_user, change.program_id)
    if refused := _refuse_if_ended(program):
        return refused
    if ConfirmForm().validate_on_submit():
        with attempt() as outcome:
            services.agree(change, services.participant_staff(program, current_user), current_user)
        if outcome.refused:
            flash(outcome.message, "danger")
        else:
            if change.status == "applied":
                flash("Все согласны: изменение внесено в программу.", "success")
            else:
                flash("Ваше согласие записано.", "success")
    return _to_program(program)


@bp.route("/<int:program_id>/end", methods=["GET", "POST"])
@requires("programs.view")
def end(program_id):
    program = services.program_for(current_user, program_id)
    if refused := _refuse_if_ended(program):
        return refused
    reasons = services.end_reasons_for(program, current_user)
    if not reasons:
        flash("Завершить программу могут её участники и куратор.", "warning")
        return _to_program(program)
    form = EndForm()
    form.reason.choices = [SelectChoice(r, END_REASONS[r]) for r in reasons]
    if form.validate_on_submit():
        with attempt() as outcome:
            services.end_program(
                program, form.reason.data, form.comment.data, current_user, dates.today()
            )
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash("Программа завершена.", "success")
            return _to_program(program)
    return render_template("programs/end.html", form=form, program=program)


@bp.route("/<int:program_id>/publish", methods=["POST"])
@requires("programs.manage")
def publish(program_id):
    program = services.program_for(current_user, program_id)
    if program.status != "ended":
        flash("Результаты программы публикуются только после её завершения (п. 8.2).", "warning")
        return _to_program(program)
    form = PublishForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            services.publish_results(program, form.results.data)
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash("Результаты программы опубликованы.", "success")
            return _to_program(program)
    return _render_show(program, publish_form=form)
