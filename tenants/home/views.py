from flask import render_template

from nastavnik.permissions import requires

from . import bp


@bp.route("/")
@requires("school.home")
def index():
    return render_template("home/index.html")
