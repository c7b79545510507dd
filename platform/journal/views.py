from flask import g, render_template, request
from sqlalchemy import select

from ..extensions import db
from ..models import School
from ..permissions import requires
from . import services
from .blueprint import bp, district_bp
from .forms import JournalFilter, action_choices
from .models import DISTRICT_ACTIONS, JournalAction


def _filtered(school_id: int | None, district: bool, actions):
    form = JournalFilter(request.args)
    form.action.choices = action_choices(actions)
    found = []
    if form.validate():
        found = services.entries(
            school_id,
            action=JournalAction.parse(form.action.data or None),
            login=form.login.data or "",
            since=form.since.data,
            until=form.until.data,
            district=district,
        )
    return form, found


@bp.route("/")
@requires("journal.view")
def index():
    form, found = _filtered(g.school.id, district=False, actions=list(JournalAction))
    return render_template(
        "journal/index.html", form=form, entries=found, page_size=services.PAGE_SIZE, district=False
    )


@district_bp.route("/")
@requires("district.journal")
def district_index():
    form, found = _filtered(None, district=True, actions=DISTRICT_ACTIONS)
    form.login.label.text = "Логин района"
    schools = dict(db.session.execute(select(School.id, School.short_name)).all())
    return render_template(
        "journal/index.html",
        form=form,
        entries=found,
        page_size=services.PAGE_SIZE,
        district=True,
        schools=schools,
    )
