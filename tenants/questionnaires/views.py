from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import SelectChoice

from nastavnik.dates import today
from nastavnik.permissions import can, requires
from nastavnik.refusals import attempt
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.pairings.services import form_label, form_labels
from nastavnik.tenants.programs.models import Program

from . import assigning, editing, filling, results
from .blueprint import bp
from .forms import ActionForm, CopyForm, QuestionForm, QuestionnaireForm, SendForm
from .models import AUTOMATIC, Assignment, AssignmentStatus, Question, Questionnaire
from .stats import MIN_ANSWERS

# --- The school's questionnaires and their results --------------------------------------------


@bp.route("/")
@requires("questionnaires.results")
def index():
    if can(current_user, "questionnaires.manage"):
        # The platform's questionnaires appear in the school when its curator first looks.
        with attempt():
            editing.ensure_defaults()
    return _index()


def _index(copy_form: CopyForm | None = None):
    return render_template(
        "questionnaires/index.html",
        rows=results.overview(),
        manager=can(current_user, "questionnaires.manage"),
        copy_form=copy_form or CopyForm(),
        automatic=AUTOMATIC,
    )


@bp.route("/new", methods=["GET", "POST"])
@requires("questionnaires.manage")
def create():
    form = QuestionnaireForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            questionnaire = editing.create_questionnaire(
                form.title.data, form.description.data, form.purpose.data, form.anonymous.data
            )
        if not outcome.refused:
            flash("Анкета создана. Добавьте вопросы.", "success")
            return redirect(url_for(".show", questionnaire_id=questionnaire.id))
        form.form_errors.append(outcome.message)
    return render_template("questionnaires/new.html", form=form)


@bp.route("/copy", methods=["POST"])
@requires("questionnaires.manage")
def copy():
    form = CopyForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            made = editing.copy_questionnaire(form.source.data)
        if not outcome.refused:
            flash("Копия создана: её можно изменить.", "success")
            return redirect(url_for(".show", questionnaire_id=made.id))
        form.form_errors.append(outcome.message)
        return _index(form)
    return redirect(url_for(".index"))


@bp.route("/<int:questionnaire_id>/", methods=["GET", "POST"])
@requires("questionnaires.manage")
def show(questionnaire_id):
    questionnaire = get_or_404(Questionnaire, questionnaire_id)
    # Each form reads only its own submission: bound to the other one's, a checkbox reads as
    # unticked (a refused question showed the questionnaire as not anonymous).
    which = request.form.get("which") if request.method == "POST" else None
    head = QuestionnaireForm(
        formdata=request.form if which == "head" else None, obj=questionnaire, prefix="head"
    )
    question_form = QuestionForm(formdata=request.form if which == "question" else None, prefix="q")
    if request.method == "POST":
        if which == "head" and head.validate_on_submit():
            with attempt() as outcome:
                editing.update_questionnaire(
                    questionnaire,
                    head.title.data,
                    head.description.data,
                    head.purpose.data,
                    head.anonymous.data,
                )
            if not outcome.refused:
                flash("Анкета сохранена.", "success")
                return redirect(url_for(".show", questionnaire_id=questionnaire.id))
            head.form_errors.append(outcome.message)
        elif which == "question" and question_form.validate_on_submit():
            with attempt() as outcome:
                editing.add_question(
                    questionnaire,
                    question_form.text.data,
                    question_form.kind.data,
                    question_form.required.data,
                    int(question_form.scale_max.data or 5),
                    question_form.low_label.data,
                    question_form.high_label.data,
                    question_form.options.data,
                    question_form.per_area.data,
                )
            if not outcome.refused:
                flash("Вопрос добавлен.", "success")
                return redirect(url_for(".show", questionnaire_id=questionnaire.id) + "#questions")
            question_form.form_errors.append(outcome.message)
    return render_template(
        "questionnaires/show.html",
        questionnaire=questionnaire,
        head=head,
        question_form=question_form,
        locked=editing.why_locked(questionnaire),
        sent=editing.assignment_count(questionnaire),
        action=ActionForm(),
        copy_form=CopyForm(source=questionnaire.id),
        automatic=AUTOMATIC,
    )


@bp.route("/<int:questionnaire_id>/questions/<int:question_id>/delete", methods=["POST"])
@requires("questionnaires.manage")
def question_delete(questionnaire_id, question_id):
    questionnaire = get_or_404(Questionnaire, questionnaire_id)
    question = get_or_404(Question, question_id)
    if ActionForm().validate_on_submit():
        with attempt() as outcome:
            editing.remove_question(questionnaire, question)
        flash(
            outcome.message if outcome.refused else "Вопрос удалён.",
            "danger" if outcome.refused else "success",
        )
    return redirect(url_for(".show", questionnaire_id=questionnaire.id) + "#questions")


@bp.route("/<int:questionnaire_id>/use", methods=["POST"])
@requires("questionnaires.manage")
def use(questionnaire_id):
    questionnaire = get_or_404(Questionnaire, questionnaire_id)
    if ActionForm().validate_on_submit():
        with attempt() as outcome:
            editing.put_in_use(questionnaire)
        flash(
            outcome.message if outcome.refused else "Теперь платформа рассылает эту анкету.",
            "danger" if outcome.refused else "success",
        )
    return redirect(url_for(".show", questionnaire_id=questionnaire.id))


@bp.route("/<int:questionnaire_id>/send", methods=["GET", "POST"])
@requires("questionnaires.manage")
def send(questionnaire_id):
    questionnaire = get_or_404(Questionnaire, questionnaire_id)
    form = SendForm()
    form.people.choices = [SelectChoice(s.id, s.display_name) for s in assigning.teachers()]
    if form.validate_on_submit():
        with attempt() as outcome:
            n = assigning.send_to_group(
                questionnaire,
                form.group.data,
                form.people.data or [],
                form.due_on.data,
                today(),
                current_user,
            )
        if not outcome.refused:
            flash(f"Анкета отправлена: новых адресатов — {n}.", "success")
            return redirect(url_for(".show", questionnaire_id=questionnaire.id))
        form.form_errors.append(outcome.message)
    empty = editing.why_empty(questionnaire) if request.method == "GET" else None

    return render_template(
        "questionnaires/send.html", questionnaire=questionnaire, form=form, empty=empty
    )


@bp.route("/<int:questionnaire_id>/results")
@requires("questionnaires.results")
def results_page(questionnaire_id):
    questionnaire = get_or_404(Questionnaire, questionnaire_id)
    program_id = request.args.get("program", type=int)
    program = get_or_404(Program, program_id) if program_id is not None else None
    form_code = request.args.get("form", "")
    if form_code and form_code not in form_labels():
        abort(404)
    found = results.results_of(questionnaire, program_id, form_code or None)
    return render_template(
        "questionnaires/results.html",
        questionnaire=questionnaire,
        found=found,
        program=program,
        form_code=form_code,
        form_label=form_label,
        programs=results.programs_answered(questionnaire),
        forms=results.forms_answered(questionnaire),
        min_answers=MIN_ANSWERS,
    )


# --- One's own questionnaires -----------------------------------------------------------------


@bp.route("/mine")
@requires("questionnaires.fill")
def mine():
    staff = filling.staff_of(current_user.id)
    rows = filling.assignments_of(staff.id) if staff else []
    return render_template(
        "questionnaires/mine.html", rows=rows, staff=staff, today=today(), pending="pending"
    )


@bp.route("/fill/<int:assignment_id>", methods=["GET", "POST"])
@requires("questionnaires.fill")
def fill(assignment_id):
    assignment = get_or_404(Assignment, assignment_id)
    staff = filling.staff_of(current_user.id)
    if staff is None or assignment.staff_id != staff.id:
        # Someone else's: nobody, a manager included, sees another person's answers.
        flash("Эта анкета адресована другому человеку.", "warning")
        return redirect(url_for(".mine"))
    questionnaire = get_or_404(Questionnaire, assignment.questionnaire_id)
    program = filling.program_of(assignment)
    items = filling.items_of(questionnaire, program)
    form = ActionForm()
    values = dict(assignment.draft or {})
    error = None
    missing: list[str] = []

    if request.method == "POST" and form.validate_on_submit():
        sending = request.form.get("action") == "submit"
        with attempt() as outcome:
            if sending:
                filling.submit(assignment, items, request.form, today())
            else:
                filling.save_draft(assignment, items, request.form, today())
        if not outcome.refused:
            if sending:
                flash("Спасибо! Ваши ответы отправлены.", "success")
                return redirect(url_for(".mine"))
            flash("Ответы сохранены. Вы можете вернуться и отправить анкету позже.", "success")
            return redirect(url_for(".fill", assignment_id=assignment.id))
        error = outcome.message
        values = _typed(items, request.form)
        if sending:
            missing = filling.unanswered(items, request.form)
    return render_template(
        "questionnaires/fill.html",
        assignment=assignment,
        questionnaire=questionnaire,
        program=program,
        items=items,
        values=values,
        form=form,
        error=error,
        missing=missing,
        closed=filling.why_closed(assignment, today()),
        submitted=assignment.status == AssignmentStatus.SUBMITTED,
    )


def _typed(items, form) -> dict:
    """What the person typed, shown back as it was after a refusal."""
    out = {}
    for item in items:
        if item.question.kind == "multiple":
            out[item.key] = [int(v) for v in form.getlist(item.key) if v.strip().isdigit()]
        else:
            raw = (form.get(item.key) or "").strip()
            out[item.key] = int(raw) if raw.isdigit() and item.question.kind != "text" else raw
    return out
