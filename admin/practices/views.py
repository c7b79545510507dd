from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from nastavnik.permissions import requires
from nastavnik.refusals import attempt
from nastavnik.tenants.practices.text import render
from nastavnik.uploads import send_stored

from . import services
from .blueprint import bp


@bp.route("/")
@requires("district.practices.review")
def index():
    return render_template(
        "district_practices/index.html",
        schools=services.school_names(),
        **services.review_list(),
    )


@bp.route("/<int:practice_id>")
@requires("district.practices.review")
def show(practice_id):
    practice, names, files, steps = services.reviewed_practice(practice_id)
    return render_template(
        "district_practices/show.html",
        practice=practice,
        names=names,
        files=files,
        steps=steps,
        body=render(practice.body),
        school=services.school_names().get(practice.school_id, ""),
    )


@bp.route("/<int:practice_id>/step", methods=["POST"])
@requires("district.practices.review")
def step(practice_id):
    action = request.form.get("step", "")
    with attempt() as outcome:
        practice = services.take_step(
            practice_id, action, current_user, request.form.get("comment", "")
        )
    if outcome.refused:
        flash(outcome.message, "warning")
        return redirect(url_for(".show", practice_id=practice_id), code=303)
    flash(f"Практика «{practice.title}»: {practice.status_label.lower()}.", "success")
    return redirect(url_for(".index"), code=303)


@bp.route("/<int:practice_id>/files/<int:attachment_id>")
@requires("district.practices.review")
def download(practice_id, attachment_id):
    return send_stored(services.stored_file(practice_id, attachment_id))
