from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import contains_eager
from wtforms import SelectChoice

from nastavnik.dates import today
from nastavnik.extensions import db
from nastavnik.paging import page_of_select
from nastavnik.permissions import requires
from nastavnik.refusals import attempt
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.consents.models import ConsentKind
from nastavnik.tenants.consents.services import valid_kinds
from nastavnik.tenants.staff.models import Staff
from nastavnik.tenants.staff.parts import Part
from nastavnik.tenants.vocabulary import Area, MenteeCategory

from . import services
from .blueprint import bp
from .forms import ConfirmForm, MenteeForm, MentorForm, TrainingForm, staff_choices
from .models import (
    MenteeEntry,
    MenteeStatus,
    MentorEntry,
    MentorStatus,
    MentorTraining,
)

PAGE_SIZE = 50  # rows of the mentee bank on a page


def _bank_rows(model, status_filter):
    statement = (
        select(model)
        .join(Staff, (Staff.id == model.staff_id) & (Staff.school_id == model.school_id))
        .options(contains_eager(model.staff))
        .order_by(Staff.last_name, Staff.first_name, Staff.middle_name, model.id)
    )
    if status_filter:
        statement = statement.where(model.status == status_filter)
    return statement


# The mentee bank


@bp.route("/mentees/")
@requires("banks.view")
def mentees():
    status = request.args.get("status", "")
    category = request.args.get("category", "")
    statement = _bank_rows(MenteeEntry, MenteeStatus.parse(status))
    if not status:
        statement = statement.where(MenteeEntry.status != MenteeStatus.LEFT)
    if MenteeCategory.parse(category):
        statement = statement.where(MenteeEntry.category == category)
    page = page_of_select(statement, PAGE_SIZE)
    entries = page.items
    pairings = services.open_pairings_of_mentees(e.staff_id for e in entries)
    return render_template(
        "banks/mentees.html",
        entries=entries,
        page=page,
        pairings=pairings,
        status=status,
        category=category,
        statuses=MenteeStatus.labels(),
        categories=MenteeCategory.labels(),
        area_labels=Area.labels(),
        confirm=ConfirmForm(),
    )


@bp.route("/mentees/new", methods=["GET", "POST"])
@requires("banks.manage")
def mentee_new():
    form = MenteeForm()
    candidates = services.mentee_candidates(today())
    form.staff_id.choices = staff_choices(candidates)
    if form.validate_on_submit():
        with attempt() as outcome:
            entry = services.add_mentee(
                form.staff_id.data,
                form.category.data,
                form.requests.data,
                form.difficulties.data,
                today(),
            )
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash(f"{entry.staff.full_name} — в банке наставляемых.", "success")
            return redirect(url_for(".mentees"))
    return render_template(
        "banks/mentee_form.html",
        form=form,
        title="Новая запись в банке наставляемых",
        no_candidates=not candidates,
    )


@bp.route("/mentees/<int:mentee_id>/edit", methods=["GET", "POST"])
@requires("banks.manage")
def mentee_edit(mentee_id):
    entry = get_or_404(MenteeEntry, mentee_id)
    form = MenteeForm(obj=entry)
    del form.staff_id
    if form.validate_on_submit():
        with attempt() as outcome:
            services.update_mentee(
                entry, form.category.data, form.requests.data, form.difficulties.data
            )
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash("Запись банка наставляемых сохранена.", "success")
            return redirect(url_for(".mentees"))
    return render_template(
        "banks/mentee_form.html", form=form, title=entry.staff.display_name, entry=entry
    )


@bp.route("/mentees/<int:mentee_id>/remove", methods=["POST"])
@requires("banks.manage")
def mentee_remove(mentee_id):
    entry = get_or_404(MenteeEntry, mentee_id)
    if ConfirmForm().validate_on_submit():
        with attempt() as outcome:
            services.remove_mentee(entry, today())
        if outcome.refused:
            flash(outcome.message, "danger")
        else:
            flash(f"{entry.staff.display_name} выбыл(а) из банка наставляемых.", "success")
    return redirect(url_for(".mentees"))


# The mentor bank


@bp.route("/mentors/")
@requires("banks.view")
def mentors():
    status = request.args.get("status", MentorStatus.ACTIVE)
    entries = (
        db.session.execute(_bank_rows(MentorEntry, MentorStatus.parse(status))).scalars().all()
    )
    staff_ids = [e.staff_id for e in entries]
    kinds = valid_kinds(staff_ids, today())
    return render_template(
        "banks/mentors.html",
        entries=entries,
        status=status,
        statuses=MentorStatus.labels(),
        taken=services.places_taken(staff_ids),
        duty={i: ConsentKind.MENTOR_DUTY in k for i, k in kinds.items()},
        trainings=services.trainings_count(e.id for e in entries),
        area_labels=Area.labels(),
    )


def _mentor_form(**kw) -> MentorForm:
    form = MentorForm(**kw)
    form.preferred_forms.choices = [
        SelectChoice(code, label) for code, label in services.form_labels().items()
    ]
    return form


def _mentor_fields(form: MentorForm) -> dict:
    return {
        "competences": form.competences.data,
        "capacity": form.capacity.data,
        "preferred_forms": form.preferred_forms.data,
        "digital_strong": form.digital_strong.data,
    }


@bp.route("/mentors/new", methods=["GET", "POST"])
@requires("banks.manage")
def mentor_new():
    form = _mentor_form()
    candidates = services.mentor_candidates(today())
    form.staff_id.choices = staff_choices(candidates)
    if form.validate_on_submit():
        with attempt() as outcome:
            entry = services.add_mentor(form.staff_id.data, **_mentor_fields(form), on=today())
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash(f"{entry.staff.full_name} — в банке наставников.", "success")
            return redirect(url_for(".mentor_card", mentor_id=entry.id))
    return render_template(
        "banks/mentor_form.html",
        form=form,
        title="Новая запись в банке наставников",
        no_candidates=not candidates,
    )


@bp.route("/mentors/<int:mentor_id>")
@requires("banks.view")
def mentor_card(mentor_id):
    entry = get_or_404(MentorEntry, mentor_id)
    kinds = valid_kinds([entry.staff_id], today())[entry.staff_id]
    return render_template(
        "banks/mentor_card.html",
        entry=entry,
        taken=services.places_taken([entry.staff_id])[entry.staff_id],
        has_duty=ConsentKind.MENTOR_DUTY in kinds,
        forms=services.form_labels(),
        area_labels=Area.labels(),
        confirm=ConfirmForm(),
        survey=services.survey_of(entry.staff_id),
    )


@bp.route("/mentors/<int:mentor_id>/edit", methods=["GET", "POST"])
@requires("banks.manage")
def mentor_edit(mentor_id):
    entry = get_or_404(MentorEntry, mentor_id)
    form = _mentor_form(obj=entry)
    del form.staff_id
    if form.validate_on_submit():
        with attempt() as outcome:
            services.update_mentor(entry, **_mentor_fields(form))
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash("Запись банка наставников сохранена.", "success")
            return redirect(url_for(".mentor_card", mentor_id=entry.id))
    return render_template(
        "banks/mentor_form.html", form=form, title=entry.staff.display_name, entry=entry
    )


@bp.route("/mentors/<int:mentor_id>/remove", methods=["POST"])
@requires("banks.manage")
def mentor_remove(mentor_id):
    entry = get_or_404(MentorEntry, mentor_id)
    if ConfirmForm().validate_on_submit():
        with attempt() as outcome:
            services.remove_mentor(entry, today())
        if outcome.refused:
            flash(outcome.message, "danger")
            return redirect(url_for(".mentor_card", mentor_id=entry.id))
        flash(f"{entry.staff.display_name} выбыл(а) из банка наставников.", "success")
    return redirect(url_for(".mentors"))


@bp.route("/mentors/<int:mentor_id>/trainings/new", methods=["GET", "POST"])
@requires("banks.manage")
def training_new(mentor_id):
    entry = get_or_404(MentorEntry, mentor_id)
    form = TrainingForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            services.add_training(
                entry, form.kind.data, form.title.data, form.held_on.data, form.hours.data
            )
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash("Обучение записано.", "success")
            return redirect(url_for(".mentor_card", mentor_id=entry.id))
    return render_template("banks/training_form.html", form=form, entry=entry)


@bp.route("/trainings/<int:training_id>/delete", methods=["POST"])
@requires("banks.manage")
def training_delete(training_id):
    training = get_or_404(MentorTraining, training_id)
    mentor_id = training.mentor_id
    if ConfirmForm().validate_on_submit():
        services.delete_training(training)
        flash("Запись об обучении удалена.", "success")
    return redirect(url_for(".mentor_card", mentor_id=mentor_id))


# The banks' part of the staff register and of a teacher's card


def _of_person(staff: Staff) -> dict:
    return services.entries_of([staff.id])[staff.id]


STAFF_PART = Part("banks/_staff.html", services.entries_of, _of_person)
