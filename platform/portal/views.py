from flask import current_app, render_template
from sqlalchemy import select

from ..extensions import db
from ..models import District, School
from ..permissions import public
from .blueprint import bp


@bp.route("/")
@public
def index():
    district = db.session.execute(select(District)).scalars().first()
    schools = db.session.execute(
        select(School).where(School.active.is_(True)).order_by(School.short_name)
    ).scalars()
    # A school's public section (8.1) belongs to a feature: linked when the app has it.
    public_pages = {e for e in ("public.index",) if e in current_app.view_functions}
    return render_template(
        "portal/index.html", district=district, schools=list(schools), public_pages=public_pages
    )
