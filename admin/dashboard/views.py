from flask import render_template
from sqlalchemy import func, select

from nastavnik.extensions import db
from nastavnik.models import Account, School
from nastavnik.permissions import requires
from nastavnik.tenancy import all_schools
from nastavnik.tenants.staff.models import Staff

from . import bp


@bp.route("/")
@requires("district.view")
def index():
    schools = db.session.execute(select(School).order_by(School.short_name)).scalars().all()
    # Counts only: the district sees figures, not the people behind them.
    with all_schools():
        staff = dict(
            db.session.execute(
                select(Staff.school_id, func.count(Staff.id)).group_by(Staff.school_id)
            ).all()
        )
        accounts = dict(
            db.session.execute(
                select(Account.school_id, func.count(Account.id))
                .where(Account.school_id.is_not(None))
                .group_by(Account.school_id)
            ).all()
        )
    return render_template(
        "district_home/index.html", schools=schools, staff=staff, accounts=accounts
    )
