from flask import render_template
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
    return render_template("portal/index.html", district=district, schools=list(schools))
