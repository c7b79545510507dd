"""Every list and form page asks the database the same number of times, whatever the school's
size (issue 8): the same pages at a school of 10 and of 100 of each kind of row must count the
same SQL statements. A page that loads a related row per shown row (N+1) fails here.

A new page: add a line to PAGES (role, URL with {placeholders} from `Made`, or a callable).
Every page here also renders with lazy loads forbidden (`no_lazy_loads`): a relationship its
template reads and its view did not load fails the test, naming the template.
"""

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from nastavnik.extensions import db
from nastavnik.tenancy import Scope, scoped

from .conftest import PASSWORD, Auth

SMALL, LARGE = 10, 100

# (role, path under /s/<slug>, or "/district/..." for the district's pages, {slug} the school's)
PAGES = [
    ("curator", "/"),
    ("mentor", "/"),
    ("mentee", "/"),
    ("director", "/"),
    ("psychologist", "/"),  # with its item: the mentees without a mentor
    ("curator", "/idle-pairings"),
    ("director", "/notifications/"),
    ("mentee", "/notifications/mine"),
    ("curator", "/staff/"),
    ("curator", "/staff/?page=2&q=а"),
    ("curator", "/staff/new"),
    ("curator", "/staff/accounts?{chosen}"),
    ("curator", "/consents/many?{chosen}"),
    ("curator", "/consents/blanks?{chosen}"),
    ("curator", "/consents/"),
    ("curator", "/consents/?page=2"),
    ("curator", "/consents/new"),
    ("curator", "/banks/mentors/"),
    ("curator", "/banks/mentees/"),
    ("curator", "/banks/mentees/?page=2"),
    ("curator", "/banks/mentees/new"),
    ("curator", "/banks/mentors/new"),
    ("curator", "/matching/proposal"),
    ("curator", "/matching/proposal?page=2"),
    ("curator", "/matching/unmatched"),
    ("curator", "/matching/unmatched?page=2"),
    ("curator", "/pairings/"),
    ("curator", "/pairings/?status=active&page=2"),
    ("curator", "/pairings/new"),
    ("curator", "/pairings/{pairing_id}"),
    ("curator", "/programs/"),
    ("curator", "/programs/?page=2&status=active"),
    ("curator", "/programs/new"),
    ("curator", "/programs/{program_id}"),
    ("curator", "/programs/{program_id}/changes/new?kind=plan"),
    ("mentor", "/programs/my"),
    ("mentee", "/programs/my"),
    ("curator", "/orders/"),
    ("curator", "/orders/{draft_order_id}"),
    ("curator", "/orders/draft-pairings"),
    ("curator", "/requests/"),
    ("mentee", "/requests/new?pairing={pairing_id}"),
    ("director", "/accounts/"),
    ("director", "/privacy/"),
    ("mentor", "/calendar/"),
    ("curator", "/public/programs"),
    ("curator", "/public/bases"),
    ("curator", "/statistics/"),
    ("curator", "/roadmap/"),
    ("curator", "/questionnaires/"),
    ("curator", "/practices/"),
    ("district", "/district/"),
    ("district", "/district/roadmaps"),
    ("district", "/district/schools/{slug}"),
    ("district", "/district/schools/{slug}/roadmap"),
]


@pytest.fixture(scope="module")
def schools(shared):
    """Two schools, 10 and 100 of each kind of row; per school its ids and its logins."""
    from nastavnik.admin.demo.region import populate_school, users

    made = {}
    with shared.kept():
        for size in (SMALL, LARGE):
            school = shared.make.school(f"q{size}")
            with shared.make.in_school(school):
                built = populate_school(school, size)
                users(school, built, PASSWORD)
            made[size] = (school, built)
        shared.make.account(None, "district", roles=["district_admin"])
        yield made


@contextmanager
def counting(app):
    """The SQL statements run meanwhile (transaction control left out)."""
    statements = []

    def note(conn, cursor, statement, *args):
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", note)


def page_queries(app, school, built, role: str, path: str) -> tuple[int, list[str]]:
    client = app.test_client()
    auth = Auth(client)
    if path.startswith("/district"):
        assert auth.login(None, "district").status_code == 302
        url = path.format(slug=school.slug)  # a district page of one school: that school
    else:
        assert auth.login(school, role).status_code == 302, role
        ids = {**vars(built), "pairing_id": built.pairing_id, "program_id": built.program_id}
        ids["chosen"] = "&".join(f"staff_id={i}" for i in built.mentor_staff_ids)  # ticked
        url = f"/s/{school.slug}" + path.format(**ids)
    assert client.get(url).status_code == 200, url  # warm: the same work, once
    with counting(app) as statements:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(statements), statements


@pytest.mark.parametrize(("role", "path"), PAGES, ids=[f"{r}:{p}" for r, p in PAGES])
def test_a_page_asks_the_same_number_of_queries_at_any_size(
    app, schools, role, path, no_lazy_loads
):
    small = page_queries(app, *schools[SMALL], role, path)
    large = page_queries(app, *schools[LARGE], role, path)
    assert small[0] == large[0], (
        f"{path}: {small[0]} запросов при {SMALL}, {large[0]} при {LARGE}:\n"
        + "\n".join(s[:160] for s in large[1])
    )


def test_the_district_page_asks_the_same_at_one_school_and_at_two(app, shared, schools):
    one, _ = schools[SMALL]
    with app.app_context(), scoped(Scope.district()):
        pass
    both = page_queries(app, *schools[SMALL], "district", "/district/")[0]
    extra = shared.make.school("q-extra")
    with shared.make.in_school(extra):
        from nastavnik.admin.demo.region import populate_school

        populate_school(extra, 3)
    assert page_queries(app, *schools[SMALL], "district", "/district/")[0] == both
