from flask import current_app, render_template
from flask_login import current_user

from nastavnik import dates
from nastavnik.markup import render_markdown
from nastavnik.paging import page_of_select
from nastavnik.permissions import can, requires
from nastavnik.tenants.public import district
from nastavnik.tenants.questionnaires.filling import pending_for
from nastavnik.tenants.requests.services import open_count
from nastavnik.tenants.roadmap import services as roadmap_services

from . import services
from .blueprint import bp
from .start import start_steps
from .waiting import waiting_now

HOME_IDLE = 10  # idle pairs on the home page, the longest idle first; the rest on their own page
IDLE_PAGE_SIZE = 50


@bp.route("/")
@requires("school.home")
def index():
    today = dates.today()
    context = {
        "today": today,
        "due": None,
        "overdue": None,
        "idle": None,
        "consent_gaps": None,
        "open_requests": None,
        "roadmap_overdue": None,
        "questionnaires": None,
        "waiting": waiting_now(current_user),
        "start": start_steps(current_user),
        "digest_page": "notifications.mine" in current_app.view_functions,
    }
    if can(current_user, "programs.participate"):
        staff = services.staff_of(current_user.id)
        if staff is not None:
            context["due"], context["overdue"] = services.due_and_overdue(staff.id, today)
    staff = services.staff_of(current_user.id)
    if staff is not None:  # stage 6: the questionnaires waiting for this person's answer
        context["questionnaires"] = pending_for(staff.id)
    if can(current_user, "programs.manage"):
        context["idle"] = page_of_select(
            services.idle_statement(today), HOME_IDLE, services.idle_rows, number=1
        )
        context["consent_gaps"] = services.pairings_without_consent(today)
    if can(current_user, "roadmap.manage"):
        # The roadmap's overdue activities stand out on the curator's and director's home.
        context["roadmap_overdue"] = roadmap_services.overdue_steps(today)
    if can(current_user, "requests.answer"):
        context["open_requests"] = open_count()
    # What the district publishes for every school: its latest news and the normative base.
    context["district_news"] = district.district_news(today, limit=3)
    context["documents"] = district.district_documents()
    context["markdown"] = render_markdown
    # Program pages belong to another feature: linked only when it has them.
    context["program_pages"] = "programs.show" in current_app.view_functions
    return render_template("home/index.html", **context)


@bp.route("/idle-pairings")
@requires("programs.manage")
def idle():
    """Every pair without movement, a page at a time (the home page shows the first few)."""
    page = page_of_select(
        services.idle_statement(dates.today()), IDLE_PAGE_SIZE, services.idle_rows
    )
    return render_template(
        "home/idle.html",
        page=page,
        program_pages="programs.show" in current_app.view_functions,
    )
