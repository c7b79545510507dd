from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import SelectChoice

from nastavnik.dates import today
from nastavnik.errors import render_error
from nastavnik.permissions import can, public, requires
from nastavnik.refusals import attempt
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.programs.models import Program
from nastavnik.tenants.vocabulary import Area, MentoringForm
from nastavnik.types import parse_id
from nastavnik.uploads import FileTooLarge, send_stored

from . import library, search, services
from .authors import public_names
from .blueprint import bp, library_bp
from .forms import PracticeForm, ProgramForm, StepForm
from .models import PracticeFile, PracticeStatus
from .text import render


def _managers() -> bool:
    return can(current_user, "practices.manage")


def _refused(outcome, form):
    """A refusal beside its field; a file over the limit is answered with 413 (its own page)."""
    if isinstance(outcome.refusal, FileTooLarge):
        return render_error(413, outcome.message)
    field = getattr(form, outcome.refusal.field or "", None)
    if field is not None and hasattr(field, "errors"):
        field.errors = [*field.errors, outcome.message]
    else:
        form.form_errors.append(outcome.message)
    return None


def _fill_choices(form: PracticeForm) -> None:
    form.forms.choices = [SelectChoice(c, label) for c, label in MentoringForm.labels().items()]
    form.areas.choices = [SelectChoice(c, label) for c, label in Area.labels().items()]
    form.authors.choices = [
        SelectChoice(s.id, f"{s.full_name}, {s.position}") for s in services.school_staff()
    ]
    form.program.choices = [SelectChoice(0, "— нет —")] + [
        SelectChoice(p.id, p.title) for p in services.programs_of_school()
    ]


def _fields(form: PracticeForm) -> dict:
    return {
        "title": form.title.data,
        "summary": form.summary.data,
        "body": form.body.data,
        "forms": form.forms.data,
        "areas": form.areas.data,
        "year": form.year.data,
    }


@bp.route("/")
@requires("practices.view")
def index():
    status = request.args.get("status")
    practices = services.school_practices(_managers(), status)
    return render_template(
        "practices/index.html",
        practices=practices,
        names=public_names([p.id for p in practices], today()),
        statuses=PracticeStatus.labels(),
        status=PracticeStatus.parse(status),
        managers=_managers(),
    )


@bp.route("/new", methods=["GET", "POST"])
@requires("practices.manage")
def create():
    form = PracticeForm()
    _fill_choices(form)
    if request.method == "GET":
        form.year.data = today().year if today().month >= 8 else today().year - 1
    if form.validate_on_submit():
        with attempt() as outcome:
            practice = services.save_practice(
                None, _fields(form), form.authors.data, form.files.data, current_user
            )
            if form.program.data:
                services.attach_program(practice, get_or_404(Program, form.program.data))
        if not outcome.refused:
            flash("Практика сохранена как черновик.", "success")
            return redirect(url_for(".show", practice_id=practice.id))
        if (answer := _refused(outcome, form)) is not None:
            return answer
    status = 422 if request.method == "POST" else 200
    return render_template("practices/edit.html", form=form, practice=None), status


@bp.route("/<int:practice_id>")
@requires("practices.view")
def show(practice_id):
    practice = services.practice_for(practice_id, _managers())
    return render_template(
        "practices/show.html",
        practice=practice,
        body=render(practice.body),
        names=public_names([practice.id], today())[practice.id],
        managers=_managers(),
        steps=services.steps_for(practice, district=False) if _managers() else [],
        why_locked=services.why_not_edit(practice),
        program_form=ProgramForm(),
        programs=services.programs_of_school() if _managers() else [],
        step_form=StepForm(),
    )


@bp.route("/<int:practice_id>/edit", methods=["GET", "POST"])
@requires("practices.manage")
def edit(practice_id):
    practice = services.practice_for(practice_id, True)
    form = PracticeForm(obj=practice)
    _fill_choices(form)
    if request.method == "GET":
        form.authors.data = [a.staff_id for a in practice.authors]
        form.program.data = practice.program_id or 0
        if why := services.why_not_edit(practice):
            form.form_errors.append(why)
    if form.validate_on_submit():
        with attempt() as outcome:
            services.save_practice(
                practice, _fields(form), form.authors.data, form.files.data, current_user
            )
            if form.program.data and form.program.data != practice.program_id:
                services.attach_program(practice, get_or_404(Program, form.program.data))
        if not outcome.refused:
            flash("Изменения сохранены.", "success")
            return redirect(url_for(".show", practice_id=practice.id))
        if (answer := _refused(outcome, form)) is not None:
            return answer
    status = 422 if request.method == "POST" else 200
    return render_template("practices/edit.html", form=form, practice=practice), status


@bp.route("/<int:practice_id>/step", methods=["POST"])
@requires("practices.manage")
def step(practice_id):
    practice = services.practice_for(practice_id, True)
    form = StepForm()
    action = request.form.get("step", "")
    with attempt() as outcome:
        services.take_step(practice, action, current_user, comment=form.comment.data or "")
    if outcome.refused:
        flash(outcome.message, "warning")
    else:
        flash(f"Практика: «{practice.status_label}».", "success")
    return redirect(url_for(".show", practice_id=practice.id), code=303)


@bp.route("/<int:practice_id>/program", methods=["POST"])
@requires("practices.manage")
def attach_program(practice_id):
    practice = services.practice_for(practice_id, True)
    program_id = parse_id(request.form.get("program"))
    if not program_id:
        flash("Выберите программу.", "warning")
        return redirect(url_for(".show", practice_id=practice.id), code=303)
    program = get_or_404(Program, program_id)
    with attempt() as outcome:
        services.attach_program(practice, program)
    if outcome.refused:
        flash(outcome.message, "warning")
    else:
        flash("План программы (и её опубликованные результаты) добавлены в текст.", "success")
    return redirect(url_for(".show", practice_id=practice.id), code=303)


@bp.route("/<int:practice_id>/files/<int:attachment_id>")
@requires("practices.view")
def download(practice_id, attachment_id):
    practice = services.practice_for(practice_id, _managers())
    link = get_or_404(PracticeFile, attachment_id)
    if link.practice_id != practice.id:
        abort(404)
    return send_stored(link.stored)


@bp.route("/<int:practice_id>/files/<int:attachment_id>/remove", methods=["POST"])
@requires("practices.manage")
def remove_file(practice_id, attachment_id):
    practice = services.practice_for(practice_id, True)
    link = get_or_404(PracticeFile, attachment_id)
    with attempt() as outcome:
        services.remove_file(practice, link)
    flash(outcome.message or "Файл убран из практики.", "warning" if outcome.refused else "success")
    return redirect(url_for(".show", practice_id=practice.id), code=303)


# --- the library: public, every school's shared practices ---------------------------------------


@library_bp.route("/")
@public
def library_index():
    args = request.args
    query = search.parse(args.get("q"))
    choices = library.filter_choices()
    form = args.get("form") if MentoringForm.parse(args.get("form")) else None
    area = args.get("area") if Area.parse(args.get("area")) else None
    order = args.get("order") if args.get("order") in library.ORDERS else "new"
    refused_query = bool(query.notice) and not query.words and bool((args.get("q") or "").strip())
    cards = (
        []
        if refused_query
        else library.shared_practices(
            query=query,
            form=form,
            area=area,
            school_id=parse_id(args.get("school")),
            year=parse_id(args.get("year")),
            order=order,
        )
    )
    return render_template(
        "practices/library.html",
        cards=cards,
        query=query,
        q=(args.get("q") or "")[: search.MAX_QUERY],
        choices=choices,
        selected={
            "form": form,
            "area": area,
            "school": parse_id(args.get("school")),
            "year": parse_id(args.get("year")),
            "order": order,
        },
    )


@library_bp.route("/<int:practice_id>")
@public
def library_show(practice_id):
    card = library.public_practice(practice_id)
    if card is None:
        abort(404)
    library.count_view(card)
    return render_template("practices/library_show.html", card=card, body=render(card.body))


@library_bp.route("/<int:practice_id>/files/<int:attachment_id>")
@public
def library_download(practice_id, attachment_id):
    stored = library.public_file(practice_id, attachment_id)
    if stored is None:
        abort(404)
    return send_stored(stored)
