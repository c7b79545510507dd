"""The district portal at `/`: the schools, their login pages and public sections."""

from flask import Blueprint, render_template
from sqlalchemy import select

from ..extensions import db
from ..models import District, School
from ..permissions import public

bp = Blueprint("portal", __name__, template_folder="templates")


@bp.route("/")
@public
def index():
    district = db.session.execute(select(District)).scalars().first()
    schools = db.session.execute(
        select(School).where(School.active.is_(True)).order_by(School.short_name)
    ).scalars()
    return render_template("portal/index.html", district=district, schools=list(schools))
