from flask import current_app, flash, redirect, render_template, request, url_for
from wtforms import SelectChoice

from nastavnik.dates import today
from nastavnik.paging import page_of
from nastavnik.permissions import requires
from nastavnik.refusals import attempt
from nastavnik.tenancy import get_or_404
from nastavnik.tenants.banks.models import MenteeEntry
from nastavnik.tenants.pairings.services import open_pairings_of_mentees
from nastavnik.tenants.vocabulary import Area
from nastavnik.types import parse_id

from . import services
from .blueprint import bp
from .forms import ProposalForm, ProposeForm

# Rows of the proposal on a page: 200 waiting mentees would be 800 KB of HTML on one page. The
# plan is the optimum for all of them; each page creates its own marked rows.
PAGE_SIZE = 25
UNMATCHED_PAGE_SIZE = 50


def _int(value) -> int | None:
    return parse_id(value)


def _after_creating():
    # The pairs go on to the director's approval (6.2) in the pairings feature.
    if "pairings.index" in current_app.view_functions:
        return redirect(url_for("pairings.index"))
    return redirect(url_for(".proposal"))


# One mentee: the ranked mentors


def _ranked_page(entry: MenteeEntry, form: ProposeForm):
    return render_template(
        "matching/mentee.html",
        entry=entry,
        candidates=services.ranked(entry, today()),
        pairing=open_pairings_of_mentees([entry.staff_id]).get(entry.staff_id),
        form=form,
        default_form=services.default_form(entry),
        area_labels=Area.labels(),
    )


def _propose_form() -> ProposeForm:
    form = ProposeForm()
    form.form.choices = [SelectChoice(c, label) for c, label in services.pair_forms().items()]
    return form


@bp.route("/mentees/<int:mentee_id>")
@requires("matching.run")
def mentee(mentee_id):
    return _ranked_page(get_or_404(MenteeEntry, mentee_id), _propose_form())


@bp.route("/mentees/<int:mentee_id>/propose", methods=["POST"])
@requires("matching.run")
def propose(mentee_id):
    entry = get_or_404(MenteeEntry, mentee_id)
    form = _propose_form()
    if form.validate_on_submit():
        with attempt() as outcome:
            pairing = services.propose(entry, _int(form.mentor_id.data), form.form.data, today())
        if outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash(
                f"Пара предложена: наставник {pairing.mentor.display_name}, "
                f"наставляемый {entry.staff.display_name}. Её утверждает приказ руководителя.",
                "success",
            )
            return _after_creating()
    else:
        form.form_errors.extend(e for errors in form.errors.values() for e in errors)
    return _ranked_page(entry, form)


# All waiting mentees at once


@bp.route("/proposal", methods=["GET", "POST"])
@requires("matching.run")
def proposal():
    form = ProposalForm()
    # A re-shown form keeps each row's chosen mentor among those offered.
    keep = {
        _int(name.removeprefix("mentor-")): _int(value)
        for name, value in request.form.items()
        if name.startswith("mentor-")
    }
    plan = services.proposal(today(), keep=keep)
    choices = {
        row.mentee.id: {
            "mentor": str(row.chosen.mentor.id) if row.chosen else "",
            "form": row.form,
            "create": row.chosen is not None,
        }
        for row in plan.rows
    }
    errors = {}
    if form.validate_on_submit():
        chosen = [_int(v) for v in request.form.getlist("create")]
        rows = [
            services.ChosenRow(
                mentee_id,
                _int(request.form.get(f"mentor-{mentee_id}")),
                request.form.get(f"form-{mentee_id}", ""),
            )
            for mentee_id in dict.fromkeys(chosen)
            if mentee_id is not None
        ]
        with attempt() as outcome:
            created = services.create_pairs(rows, today())
        if isinstance(outcome.refusal, services.RowsRefused):
            errors = outcome.refusal.errors
            form.form_errors.append("Пары не созданы: исправьте отмеченные строки.")
        elif outcome.refused:
            form.form_errors.append(outcome.message)
        else:
            flash(f"Создано пар: {len(created)}", "success")
            return _after_creating()
        for mentee_id in choices:
            choices[mentee_id] = {
                "mentor": request.form.get(f"mentor-{mentee_id}", ""),
                "form": request.form.get(f"form-{mentee_id}", ""),
                "create": mentee_id in chosen,
            }
        # A refused row no longer on the table (taken meanwhile) is told above it.
        form.form_errors.extend(m for i, m in errors.items() if i not in choices)
    return render_template(
        "matching/proposal.html",
        form=form,
        plan=plan,
        page=page_of(plan.rows, PAGE_SIZE),
        choices=choices,
        errors=errors,
        area_labels=Area.labels(),
    )


# Stage 5 of the roadmap: those left without a mentor


@bp.route("/unmatched")
@requires("unmatched.view")
def unmatched():
    page = page_of(services.unmatched(today()), UNMATCHED_PAGE_SIZE)
    return render_template(
        "matching/unmatched.html", rows=page.items, page=page, area_labels=Area.labels()
    )
