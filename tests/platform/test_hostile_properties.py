"""Property-based hostile input (hypothesis) over every form of a school's area.

Every form the walk of test_hostile_forms.py finds gets random and hostile values in every
field — long text, NUL and control characters, HTML and script, SQL fragments, huge and
negative numbers, Unicode digits, dates out of range, another school's ids in hidden fields
and choices. Whatever hypothesis draws: never a 500, never unescaped markup on the page, and a
form that is refused (anything but a redirect after success) changes nothing at all.
"""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..conftest import rolled_back
from .test_hostile_forms import PAGES, _forms, _url

MARKUP = "<b data-hostile>x</b>"
SCRIPT = "<script>alert('hostile')</script>"
FRAGMENTS = [
    MARKUP,
    SCRIPT,
    "' OR 1=1 --",
    "'; DROP TABLE staff; --",
    '" onmouseover="alert(1)',
    "\x00",
    "Батаева\x00",
    "\x1b[31m\x07",
    "²³",
    "٣٤",
    "१२",
    "-1",
    "0",
    "9" * 30,
    "1e309",
    "NaN",
    "../../etc/passwd",
    "\u202eтекст",
    "я" * 6000,
    " ",
    "",
]

texts = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(max_size=300),
    st.builds(lambda a, b: a + b, st.sampled_from(FRAGMENTS), st.text(max_size=50)),
)
numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["²", "٣", "1.5", "1,5", "+7", " 3 ", "0x10"]),
)
dates = st.one_of(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(
        lambda d: d.strftime("%d.%m.%Y")
    ),
    st.sampled_from(["31.02.2026", "2026-13-01", "0000-00-00", "99999-01-01"]),
    texts,
)


def ids(other_school_ids: list[str]):
    return st.one_of(
        st.sampled_from(other_school_ids),
        st.integers(min_value=-(2**64), max_value=2**70).map(str),
        texts,
    )


def value_for(kind: str, other_school_ids: list[str]):
    if kind == "number":
        return numbers
    if kind == "date":
        return dates
    if kind in ("select", "radio", "checkbox", "hidden"):
        return ids(other_school_ids)
    if kind in ("file", "submit"):
        return st.just("")
    return texts


@pytest.fixture(scope="module")
def two_schools(shared):
    with shared.kept():
        school = shared.make.school("hostile")
        ours = shared.make.world(school)
        me = shared.make.all_roles_account(school)
        other = shared.make.school("other")
        theirs = shared.make.world(other, marker="Чужой")
        yield school, ours, me, theirs


@pytest.fixture(scope="module")
def every_form(app, two_schools):
    school, ids_, me, _ = two_schools
    client = app.test_client()
    client.post(
        f"/s/{school.slug}/login", data={"login": "everyone", "password": "верный-пароль-42"}
    )
    found = []
    for page in PAGES:
        found += [form for form in _forms(client, _url(page, school, ids_), me) if form["fields"]]
    assert len(found) >= 20
    return found


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_hostile_values_in_any_form_never_break_or_half_save(
    app, client, auth, snapshot, two_schools, every_form, data
):
    school, _ids, _me, theirs = two_schools
    other_ids = [str(v) for v in theirs.values() if isinstance(v, int)]
    form = data.draw(st.sampled_from(every_form), label="form")
    values = {
        name: data.draw(value_for(kind, other_ids), label=name)
        for name, kind in form["fields"].items()
    }
    with rolled_back(app):
        auth.login(school, "everyone")
        before = snapshot()
        response = client.post(form["action"], data=values)
        assert response.status_code < 500, (form["action"], response.status_code)
        body = response.get_data(as_text=True)
        if response.status_code in (302, 303):
            body = client.get(response.headers["Location"]).get_data(as_text=True)
        assert MARKUP not in body and SCRIPT not in body, form["action"]
        if response.status_code not in (302, 303):  # shown again with its errors, or refused
            after = snapshot()
            changed = [t for t in before[0] if before[0][t] != after[0][t]]
            assert not changed and before[1] == after[1], (form["action"], changed)
