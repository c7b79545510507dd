"""A refused action changes nothing, whichever rule refused it (issue 7).

Every rule that says no (`raise Refusal(...)` in the services of the school's features, of
the accounts and of the uploads) is sent here the way a person would send it: logged in with
the role that may try, over HTTP, in a state in which that rule refuses. Each case takes a
snapshot of every row of every school (a neighbouring school too) and of the uploaded files
before the request, checks that the person is told why, and finds the snapshot unchanged.

Some rules cannot be reached over HTTP, whatever the data: a form's validator or the view
refuses first. Only those are called directly (BEHIND_A_FORM), inside `attempt()` in a request
of the school, as a view calls them; no refusal is then left open, so the request's edge would
commit, and the test commits. What refuses first, rule by rule:

  accounts.create_account: no role, a role not of a school — the roles field (required, choices)
  accounts.update_account: no role — the roles field is required
  uploads.save_upload: no file — consents and programs call it only with a named file
  banks._fill_mentee: category; banks._areas: area — the fields' choices
  banks._fill_mentor: capacity, form — NumberRange; the preferred forms' choices
  banks.add_training: kind, title, date, hours — choices, DataRequired, InputRequired, ≥ 1
  consents.record_consent: kind — the view takes an unknown ?kind= as the data consent
  consents.record_consent: purpose; revoke_consent: reason — DataRequired
  consents.revoke_consent: revoked already — the view sends it back to its page
  orders.draft_pairings_order: none, unknown, not ready, in another draft — the pairings field
      (required; its choices are the ready pairings only); a long curator's name — Length
  orders._check_number_and_date: no number, over 40, no date — DataRequired, Length,
      InputRequired
  orders.sign_pairings_order: not on pairings — the view signs other orders with sign_order
  orders.ending.draft_ending_order: none, unknown, not ended, in another ending order — the
      programs field (required; its choices are the ended programs in no order yet); tested in
      tests/tenants/orders/test_orders_ending.py through the service
  orders.ending.sign_ending_order: not on programs — the view signs other orders otherwise
  orders._check_scan: no file (attach) — the view is reached only with the form's file field
  orders.register_order: kind, no title, over 300 — choices, DataRequired, Length
  pairings.add_custom_form: no title, over 200 — DataRequired, Length
  pairings.create_pairing: no mentee, unknown form, mentor not in the bank or without
      consents, mentee not waiting or in another pairing — the mentees field is required, the
      choices list only those who may (and matching checks the same rows first)
  pairings.record_consents: not a member — the form has a field per member only
  pairings.approve_pairing: not proposed — signing refuses a pairing that is not ready first
  pairings.start_pairing, end_pairing: status — programs call them in the right status only
  programs.plan._check_difficulties: area — the field's choices
  programs.access.why_read_only: ended — every write route sends an ended program back first
  programs.access.why_not_edit_plan: begun — the edit and plan routes send it to 7.2 first
  programs.plan._program_fields: title, goals; propose_change: description — DataRequired
  programs.plan.create_program: pairing not approved, program running — the pairing field lists
      the pairings awaiting a program only
  programs.plan.mark_done: not a participant, not planned — the view checks first; result —
      DataRequired
  programs.changes.rules_of: kind — the field's choices
  programs.ending.end_program: reason unknown or of another role — the reasons offered are one's own
  programs.ending.publish_results: not ended — the view checks first; results — DataRequired
  requests.file_request: someone else's — the view files for the account's own staff record;
      reason, over 2000 — DataRequired, Length
  requests.answer_request: answer, over 2000 — DataRequired, Length; answered meanwhile — only
      a second manager answering at the same moment
  staff.update_staff: data hidden — the view sends the person back to their card
  staff.create_staff_account: a manager's role — the roles field's choices
  staff._checked: name or position, category, years, e-mail — the form's validators, and the
      spreadsheet's own check on import
  staff.import_rows: a later row — the confirmation reads the file again and checks every row
  public._checked: kind, no title or text, over the limits — the fields' choices, DataRequired,
      Length; public.save_settings: over the limits — Length
  staff._checked: birth date — only the service checks it (a case below)
  statistics.save_text_parts: too long — the form's Length (the view's refusal: its own tests)
"""

import html
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from io import BytesIO
from types import SimpleNamespace

import pytest
from openpyxl import Workbook
from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from nastavnik.accounts.services import create_account, update_account
from nastavnik.dates import AcademicYear, today
from nastavnik.extensions import db
from nastavnik.models import Account
from nastavnik.refusals import attempt, request_was_refused
from nastavnik.tenancy import Scope, scoped
from nastavnik.tenants.banks.models import MenteeEntry, MentorEntry
from nastavnik.tenants.banks.services import add_training, update_mentee, update_mentor
from nastavnik.tenants.consents.models import Consent
from nastavnik.tenants.consents.services import record_consent, revoke_consent
from nastavnik.tenants.events.services import EventFields, create_event
from nastavnik.tenants.orders.models import SchoolOrder
from nastavnik.tenants.orders.services import (
    draft_pairings_order,
    register_order,
    sign_pairings_order,
)
from nastavnik.tenants.pairings.models import Pairing
from nastavnik.tenants.pairings.services import (
    add_custom_form,
    approve_pairing,
    create_pairing,
    end_pairing,
    record_consents,
    start_pairing,
)
from nastavnik.tenants.programs.access import part_in
from nastavnik.tenants.programs.changes import propose_change
from nastavnik.tenants.programs.ending import end_program, publish_results
from nastavnik.tenants.programs.models import (
    Activity,
    ChangeAgreement,
    Program,
)
from nastavnik.tenants.programs.plan import add_activity, create_program, mark_done
from nastavnik.tenants.requests.models import ParticipantRequest
from nastavnik.tenants.requests.services import answer_request, file_request
from nastavnik.tenants.roadmap import services as roadmap
from nastavnik.tenants.roadmap.models import Roadmap
from nastavnik.tenants.roadmap.services import (
    ActivityFields,
    approve,
    create_roadmap,
    remove_activity,
)
from nastavnik.tenants.roadmap.timing import academic_year
from nastavnik.tenants.staff.models import Staff
from nastavnik.tenants.staff.services import (
    create_staff,
    create_staff_account,
    import_rows,
    update_staff,
)
from nastavnik.tenants.staff.xlsx import COLUMNS, StaffRow
from nastavnik.tenants.statistics.services import save_text_parts
from nastavnik.tenants.vocabulary import QualificationCategory
from nastavnik.uploads import save_upload

TODAY = today()
TOMORROW = TODAY + timedelta(days=1)
YESTERDAY = TODAY - timedelta(days=1)
MANAGERS = {"curator": ("curator",), "director": ("director",), "group": ("working_group",)}


# --- The state a rule refuses in ------------------------------------------------------------


class Setup:
    """Builds a case's state in the school through the suite's factory; managers log in as
    "curator", "director" and "group" (working group), a pair's people as mentorN, menteeN."""

    def __init__(self, make, school):
        self.make, self.school = make, school
        self.accounts = {
            login: make.account(school, login, roles=roles) for login, roles in MANAGERS.items()
        }

    def add(self, obj):
        with self.make.in_school(self.school) as session:
            session.add(obj)
            session.flush()
        return obj

    def set(self, model, row_id: int, **values) -> None:
        """Changes a row the way time or another person would have."""
        with self.make.in_school(self.school) as session:
            session.execute(update(model).where(model.id == row_id).values(**values))

    def staff(self, consent=True, duty=False, **fields) -> Staff:
        if consent:
            return self.make.consenting_staff(self.school, mentor=duty, **fields)
        return self.make.staff(self.school, **fields)

    def mentor(self, staff=None, capacity=2, **fields) -> MentorEntry:
        staff = staff or self.staff(duty=True, teaching_years=20)
        return self.make.mentor_entry(self.school, staff, capacity=capacity, **fields)

    def mentee(self, staff=None, **fields) -> MenteeEntry:
        return self.make.mentee_entry(self.school, staff or self.staff(), **fields)

    def pair(self, n=1, status="approved", **fields) -> SimpleNamespace:
        """A mentor and a mentee of the banks, with their logins, in a pairing."""
        mentor = self.staff(duty=True, last_name=f"Наставникова{n}", teaching_years=20)
        mentee = self.staff(last_name=f"Наставляемая{n}")
        mentor_entry = self.mentor(mentor)
        mentee_entry = self.mentee(
            mentee, status="waiting" if status == "proposed" else "in_program"
        )
        if status != "proposed":
            fields.setdefault("approved_on", TODAY - timedelta(days=60))
        pairing = self.make.pairing(self.school, mentor, [mentee], status=status, **fields)
        self.make.link(mentor, self.make.account(self.school, f"mentor{n}", roles=("mentor",)))
        self.make.link(mentee, self.make.account(self.school, f"mentee{n}", roles=("mentee",)))
        return SimpleNamespace(
            mentor=mentor,
            mentee=mentee,
            mentor_entry=mentor_entry,
            mentee_entry=mentee_entry,
            pairing=pairing,
        )

    def program(self, started=True, approved_on=None, **fields) -> SimpleNamespace:
        """Pair 1's program (the pairing then active), begun 30 days ago or beginning in 10."""
        pair = self.pair(approved_on=approved_on or TODAY - timedelta(days=60))
        starts = TODAY - timedelta(days=30) if started else TODAY + timedelta(days=10)
        fields.setdefault("starts_on", starts)
        fields.setdefault("ends_on", starts + timedelta(days=180))
        program = self.make.program(self.school, pair.pairing, **fields)
        self.set(Pairing, pair.pairing.id, status="active")
        return SimpleNamespace(**vars(pair), program=program)

    def change(self, run, agreed_by=(), **fields):
        """A proposed change of the program, with the agreements given so far."""
        change = self.make.change(self.school, run.program, **fields)
        for staff in agreed_by:
            self.add(ChangeAgreement(change_id=change.id, staff_id=staff.id))
        return change

    def order(self, pairings=(), **fields) -> SchoolOrder:
        """A draft order on pairings, drafted today; or any order by its fields."""
        fields.setdefault(
            "content", {"pairing_ids": [p.id for p in pairings], "drafted_on": TODAY.isoformat()}
        )
        return self.make.order(self.school, **fields)


@pytest.fixture
def setup(make, school):
    return Setup(make, school)


@pytest.fixture
def neighbour(make):
    """Another school with one of everything: a refusal in s1 leaves it alone too."""
    other = make.school("s2")
    make.world(other)
    return other


def differences(before, after) -> dict:
    """The tables (and "files") whose content is not the same, with both versions."""
    (rows_before, files_before), (rows_after, files_after) = before, after
    changed = {
        name: (rows_before[name], rows_after[name])
        for name in rows_before
        if rows_before[name] != rows_after[name]
    }
    if files_before != files_after:
        changed["files"] = (files_before, files_after)
    return changed


# --- Over HTTP ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    login: str
    build: Callable[[Setup], dict]  # the state; returns the names the url and form use
    url: str  # below /s/<slug>/, with {names}
    form: Callable[[dict], dict] | dict
    says: str  # the message, or a telling part of it


def http(case_id, login, build, url, form, says):
    return pytest.param(Sent(login, build, url, form, says), id=case_id)


def ids(**objects) -> dict:
    return {name: obj.id for name, obj in objects.items()}


def upload(data: bytes, name: str):
    """A file as the browser sends it, for a form field."""
    return lambda v: FileStorage(BytesIO(data), filename=name)


def upload_as(field: str, data: bytes, name: str):
    """A form of one file field."""
    return lambda v: {field: FileStorage(BytesIO(data), filename=name)}


def consent_form(**changes):
    def form(v):
        data = {
            "staff_id": v["staff"],
            "purpose": "Организация наставничества",
            "data_list": "ФИО, должность",
            "signed_on": TODAY.isoformat(),
            "paper_number": "17",
        }
        data.update({k: (c(v) if callable(c) else c) for k, c in changes.items()})
        return data

    return form


HIRED = date(2015, 9, 1)
START = TODAY + timedelta(days=5)  # of a program drawn up now


def staff_form(**changes) -> dict:
    return {
        "last_name": "Мадаева",
        "first_name": "Айна",
        "middle_name": "Исаевна",
        "position": "учитель физики",
        "category": "none",
        "hired_on": HIRED.isoformat(),
        **changes,
    }


def registered_twice(s):
    s.staff(last_name="Мадаева", first_name="Айна", middle_name="Исаевна", hired_on=HIRED)
    return {}


def another_becomes_her_twin(s):
    registered_twice(s)
    return ids(staff=s.staff(last_name="Мадаева", first_name="Амина", hired_on=HIRED))


def teacher_with_login(s):
    staff = s.staff()
    s.make.link(staff, s.make.account(s.school, "teacher", roles=("mentor",)))
    return ids(staff=staff)


# A teacher as a row of the spreadsheet (row 2, under the header).
TEACHER = StaffRow(2, "Мадаева", "Айна", "", "учитель", ("физика",), 10, 8, "first", HIRED, "", "")


def spreadsheet(row: StaffRow) -> bytes:
    values = {
        **asdict(row),
        "subjects": ", ".join(row.subjects),
        "category": QualificationCategory(row.category).label,
    }
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Педагоги")
    sheet.append([column.header for column in COLUMNS])
    sheet.append([values[column.field] for column in COLUMNS])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def without_consent(s):
    return ids(staff=s.staff(consent=False))


def consent_signed_ten_days_ago(s):
    return ids(
        consent=s.make.consent(s.school, s.staff(consent=False), signed_on=TODAY - timedelta(10))
    )


def in_a_pairing(s):
    pair = s.pair(status="proposed")
    return {"mentee": pair.mentee_entry.id, "mentor": pair.mentor_entry.id}


def mentor_of_a_group(s):
    mentor = s.mentor(capacity=2)
    mentees = [s.mentee().staff_id, s.mentee().staff_id]
    s.make.pairing(s.school, mentor.staff_id, mentees, status="proposed", form="group")
    return ids(entry=mentor)


def mentor_without_duty_consent(s):
    return ids(mentee=s.mentee(), mentor=s.mentor(s.staff(teaching_years=20)))


def mentor_with_no_place_left(s):
    mentor = s.mentor(capacity=1)
    s.make.pairing(s.school, mentor.staff_id, [s.mentee().staff_id], status="proposed")
    return {"mentor": mentor.id, "mentor_staff": mentor.staff_id, **ids(mentee=s.mentee())}


def mentor_in_the_bank_twice(s):
    """A state the screens cannot make (the bank refuses a second entry), so the second entry is
    written directly: the rows are checked against the newer entry (2 places), the pairing
    against the first (1 place), so the second row is refused after the first pair was created."""
    staff = s.staff(duty=True, teaching_years=20)
    s.mentor(staff, capacity=1)
    twice = MentorEntry(
        staff_id=staff.id, competences=("methods",), capacity=2, added_on=date(2024, 9, 3)
    )
    return {
        "mentor": s.make.add_directly(s.school, twice).id,
        "one": s.mentee().id,
        "two": s.mentee().id,
    }


def proposal_rows(*mentees):
    def form(v):
        data = {"create": [v[m] for m in mentees]}
        for m in mentees:
            data |= {f"mentor-{v[m]}": v["mentor"], f"form-{v[m]}": "traditional"}
        return data

    return form


def mentor_and_two_mentees(s):
    return {"mentor": s.mentor().staff_id, "a": s.mentee().staff_id, "b": s.mentee().staff_id}


def mentor_and_a_mentee_without_consent(s):
    """The mentee entered the bank with a consent that has since run out."""
    mentee = s.make.staff(s.school)
    s.make.consent(s.school, mentee, valid_until=YESTERDAY)
    return {"mentor": s.mentor().staff_id, "a": s.mentee(mentee).staff_id}


def mentor_and_mentee_at_once(s):
    staff = s.staff(duty=True, teaching_years=20)
    s.mentor(staff)
    s.mentee(staff)
    return {"mentor": staff.id, "a": staff.id}


def full_mentor_and_a_mentee(s):
    v = mentor_with_no_place_left(s)
    return {"mentor": v["mentor_staff"], "a": s.mentee().staff_id}


def custom_form_used(where):
    def build(s):
        custom = s.make.custom_form(s.school)
        if where == "pairing":
            s.make.pairing(s.school, status="proposed", form=custom.code)
        elif where == "mentor":
            s.mentor(preferred_forms=(custom.code,))
        else:
            s.make.program(s.school, forms=(custom.code,))
        return ids(custom=custom)

    return build


def pairing(status="approved", **fields):
    return lambda s: ids(pairing=s.pair(status=status, **fields).pairing)


def in_a_draft_order(**fields):
    def build(s):
        proposed = s.pair(status="proposed", **fields).pairing
        return ids(pairing=proposed, order=s.order([proposed]))

    return build


def order(**fields):
    fields.setdefault("title", "Приказ")
    fields.setdefault("content", {})
    return lambda s: ids(order=s.order(**fields))


def numbered(number, **fields):
    """A signed order with this number, and a draft on a ready pair."""

    def build(s):
        s.order(kind="other", title="Об итогах", status="signed", number=number, signed_on=TODAY)
        return in_a_draft_order(**fields)(s)

    return build


def program_form(ends_on, due_on=None, starts_on=START):
    def form(v):
        data = {
            "pairing": v.get("pairing"),
            "title": "Программа адаптации молодого педагога",
            "goals": "Освоить методику урока",
            "forms": ["traditional"],
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
        }
        if due_on:
            data["activities-0-title"] = "Посещение уроков наставника"
            data["activities-0-due_on"] = due_on.isoformat()
            data["activities-0-responsible"] = "Наставник"
        return data

    return form


def running(started=True, **fields):
    def build(s):
        run = s.program(started=started, **fields)
        return {**ids(program=run.program), "ends_on": run.program.ends_on.isoformat()}

    return build


def planned_activity(**fields):
    def build(s):
        run = s.program()
        return ids(program=run.program, activity=s.make.activity(s.school, run.program, **fields))

    return build


def not_started_with_a_late_activity(s):
    run = s.program(started=False)
    s.make.activity(s.school, run.program, due_on=run.program.starts_on + timedelta(days=150))
    return ids(program=run.program)


def change(agreed=False, activity=False, payload=None, program=None, **fields):
    """A change of pair 1's program (of `program` fields), agreed by its mentor if `agreed`;
    `payload` may be a function of the program (and of a done activity, if `activity`)."""

    def build(s):
        run = s.program(**(program or {}))
        what = payload
        if activity:
            done = s.make.activity(s.school, run.program, status="done", result="Проведено")
            what = payload(run.program, done)
        elif callable(payload):
            what = payload(run.program)
        given = {**fields, **({"payload": what} if what is not None else {})}
        agreed_by = [run.mentor] if agreed else []
        return ids(program=run.program, change=s.change(run, agreed_by, **given))

    return build


def plan_adds(**item):
    def payload(program):
        row = {"title": "Открытый урок", "due_on": program.ends_on.isoformat(), "responsible": "Я"}
        return {"add": [{**row, **item}]}

    return payload


def request_about(pairing_status="approved", **fields):
    """Pair 1 and, given its fields, a request of its mentee."""

    def build(s):
        pair = s.pair(status=pairing_status)
        made = s.make.participant_request(s.school, pair.pairing, **fields) if fields else None
        return {**ids(pairing=pair.pairing), "request": made.id if made else None}

    return build


def no_state(s):
    return {}


def change_form(kind, **fields):
    return lambda v: {
        "kind": kind,
        "description": "Так решили наставник и наставляемая",
        **{k: (f(v) if callable(f) else f) for k, f in fields.items()},
    }


def asked(questions=None, due_on=None, answered=False):
    """Pair 1's mentee (login mentee1) asked to fill a questionnaire of the school."""

    def build(s):
        pair = s.pair()
        questionnaire = s.make.questionnaire(s.school, questions=questions)
        assignment = s.make.assignment(
            s.school, questionnaire, pair.mentee, on=TODAY - timedelta(days=5), due_on=due_on
        )
        first = questionnaire.questions[0].id
        if answered:
            s.make.answer(s.school, assignment, on=TODAY - timedelta(days=1), **{f"q{first}": 4})
        return {
            "assignment": assignment.id,
            "question": first,
            "questions": [q.id for q in questionnaire.questions],
        }

    return build


def answers(action="submit", **by_position):
    """The fill form: {"q<id of the n-th question>": value} and the button pressed."""

    def form(v):
        data = {"action": action}
        for position, value in by_position.items():
            data[f"q{v['questions'][int(position[1:])]}"] = value
        return data

    return form


def empty_questionnaire(s):
    return ids(questionnaire=s.make.questionnaire(s.school, questions=[]), staff=s.staff())


def another_schools_questionnaire(s):
    other = s.make.school("s3")
    return ids(questionnaire=s.make.questionnaire(other, "Анкета соседней школы"))


SCALE_AND_TEXT = [
    {"text": "Польза встреч", "kind": "scale", "scale_max": 5},
    {"text": "Что изменить", "kind": "text", "required": False},
]
FILL = "questionnaires/fill/{assignment}"


PROGRAM = "programs/{program}/changes/new"
AGREE = "programs/changes/{change}/agree"
END = "programs/{program}/end"
EXE = b"MZ\x90\x00"  # a program, not a document


# --- The roadmap and the events (issue 9) ----------------------------------------------------


THIS_YEAR = academic_year(TODAY)


def a_roadmap(s):
    return ids(roadmap=s.make.roadmap(s.school, THIS_YEAR))


def another_schools_teacher(s):
    other = s.make.school("s3")
    return {**a_roadmap(s), "stranger": s.make.staff(other).id}


def event_fields(v, **changes) -> EventFields:
    fields = {"kind": "conference", "title": "Семинар наставников", "held_on": YESTERDAY}
    return EventFields(**{**fields, **changes})


OVER_HTTP = [
    # accounts
    http(
        "accounts.update_account: nobody switches themselves off",
        "director",
        lambda s: {"me": s.accounts["director"].id},
        "accounts/{me}/edit",
        {"full_name": "Умарова Зарема Исаевна", "roles": ["director"]},
        "Нельзя отключить себя или снять с себя право управлять учётными записями.",
    ),
    # uploads, through the scan of a consent and the evidence of an activity
    http(
        "uploads.save_upload: a kind of file not allowed (consent scan)",
        "curator",
        without_consent,
        "consents/new?kind=personal_data",
        consent_form(paper_number="", scan=upload(EXE, "скан.exe")),
        "Допустимы файлы PDF, изображения (JPG, PNG) и документы Office.",
    ),
    http(
        "uploads.save_upload: a file over 8 MB",
        "curator",
        without_consent,
        "consents/new?kind=personal_data",
        consent_form(paper_number="", scan=upload(b"%PDF" + bytes(8 * 1024 * 1024), "скан.pdf")),
        "Файл больше 8 МБ.",
    ),
    http(
        "uploads.save_upload: an empty file",
        "curator",
        without_consent,
        "consents/new?kind=personal_data",
        consent_form(paper_number="", scan=upload(b"", "скан.pdf")),
        "Файл пустой.",
    ),
    http(
        "uploads.save_upload: a kind of file not allowed (evidence of an activity)",
        "mentor1",
        planned_activity(),
        "programs/activities/{activity}/done",
        lambda v: {"result": "Проведено", "evidence": upload(EXE, "отчёт.exe")(v)},
        "Допустимы файлы PDF, изображения (JPG, PNG) и документы Office.",
    ),
    # staff
    http(
        "staff.create_staff: the same person twice",
        "curator",
        registered_twice,
        "staff/new",
        staff_form(),
        "Этот педагог уже есть в реестре школы (те же ФИО и дата приёма).",
    ),
    http(
        "staff.update_staff: made the twin of another",
        "curator",
        another_becomes_her_twin,
        "staff/{staff}/edit",
        staff_form(),
        "Этот педагог уже есть в реестре школы (те же ФИО и дата приёма).",
    ),
    http(
        "staff.create_staff_account: data hidden",
        "curator",
        lambda s: ids(staff=s.staff(consent=False, data_hidden=True)),
        "staff/{staff}/account",
        {"login": "new.teacher", "roles": ["mentor"]},
        "Данные скрыты: согласие на обработку персональных данных отозвано.",
    ),
    http(
        "staff.create_staff_account: has an account already",
        "curator",
        teacher_with_login,
        "staff/{staff}/account",
        {"login": "new.teacher", "roles": ["mentor"]},
        "У педагога уже есть учётная запись.",
    ),
    http(
        "staff.create_staff_account: the login is taken",
        "curator",
        lambda s: ids(staff=s.staff()),
        "staff/{staff}/account",
        {"login": "curator", "roles": ["mentee"]},
        "Такой логин в школе уже есть.",
    ),
    http(
        "staff._checked: longer than the register takes (spreadsheet)",
        "curator",
        no_state,
        "staff/import",
        lambda v: {
            "file": upload(spreadsheet(replace(TEACHER, last_name="Д" * 150)), "педагоги.xlsx")(v)
        },
        "Не более 100 символов, сейчас 150.",
    ),
    http(
        "staff._checked: teaching longer than working",
        "curator",
        no_state,
        "staff/new",
        staff_form(total_years="5", teaching_years="10"),
        "Педагогический стаж не может быть больше общего.",
    ),
    http(
        "staff._checked: hired tomorrow",
        "curator",
        no_state,
        "staff/new",
        staff_form(hired_on=TOMORROW.isoformat()),
        "Дата приёма не может быть позже сегодняшнего дня.",
    ),
    http(
        "staff._checked: hired before 1950",
        "curator",
        no_state,
        "staff/new",
        staff_form(hired_on="1949-12-31"),
        "Дата приёма не может быть раньше 1950 года.",
    ),
    # consents
    http(
        "consents.record_consent: no list of data",
        "curator",
        without_consent,
        "consents/new?kind=personal_data",
        consent_form(data_list=""),
        "Перечислите данные, на которые дано согласие.",
    ),
    http(
        "consents.record_consent: signed tomorrow",
        "curator",
        without_consent,
        "consents/new?kind=personal_data",
        consent_form(signed_on=TOMORROW.isoformat()),
        "Дата подписания не может быть позже сегодняшнего дня.",
    ),
    http(
        "consents.record_consent: valid until before it was signed",
        "curator",
        without_consent,
        "consents/new?kind=personal_data",
        consent_form(valid_until=YESTERDAY.isoformat()),
        "Срок действия не может закончиться раньше даты подписания.",
    ),
    http(
        "consents.record_consent: neither paper number nor scan",
        "curator",
        without_consent,
        "consents/new?kind=mentor_duty",
        consent_form(paper_number=""),
        "Укажите номер бумажного согласия или приложите его скан.",
    ),
    http(
        "consents.revoke_consent: before it was signed",
        "curator",
        consent_signed_ten_days_ago,
        "consents/{consent}/revoke",
        {"revoked_on": (TODAY - timedelta(20)).isoformat(), "reason": "Уволилась"},
        "Согласие нельзя отозвать раньше даты его подписания.",
    ),
    http(
        "consents.revoke_consent: tomorrow",
        "curator",
        consent_signed_ten_days_ago,
        "consents/{consent}/revoke",
        {"revoked_on": TOMORROW.isoformat(), "reason": "Уволилась"},
        "Дата отзыва не может быть позже сегодняшнего дня.",
    ),
    # banks
    http(
        "banks._staff_who_may_enter: not in the register",
        "curator",
        no_state,
        "banks/mentees/new",
        {"staff_id": "999999", "category": "young"},
        "Выберите педагога из списка.",
    ),
    http(
        "banks._staff_who_may_enter: no data consent (mentee bank)",
        "curator",
        without_consent,
        "banks/mentees/new",
        lambda v: {"staff_id": v["staff"], "category": "young"},
        "Нет действующего согласия на обработку персональных данных",
    ),
    http(
        "banks._staff_who_may_enter: no data consent (mentor bank)",
        "group",
        without_consent,
        "banks/mentors/new",
        lambda v: {"staff_id": v["staff"], "capacity": "2"},
        "Нет действующего согласия на обработку персональных данных",
    ),
    http(
        "banks.add_mentee: in the bank already",
        "curator",
        lambda s: {"staff": s.mentee().staff_id},
        "banks/mentees/new",
        lambda v: {"staff_id": v["staff"], "category": "young"},
        "Этот педагог уже есть в банке наставляемых.",
    ),
    http(
        "banks.update_mentee: left the bank",
        "curator",
        lambda s: ids(entry=s.mentee(status="left", left_on=YESTERDAY)),
        "banks/mentees/{entry}/edit",
        {"category": "difficulties", "requests": ["methods"]},
        "Педагог выбыл из банка: его запись не изменяется.",
    ),
    http(
        "banks.remove_mentee: left already",
        "curator",
        lambda s: ids(entry=s.mentee(status="left", left_on=YESTERDAY)),
        "banks/mentees/{entry}/remove",
        {},
        "Педагог уже выбыл из банка.",
    ),
    http(
        "banks.remove_mentee: in a pairing",
        "curator",
        in_a_pairing,
        "banks/mentees/{mentee}/remove",
        {},
        "Наставляемый состоит в наставнической паре (группе): сначала завершите её.",
    ),
    http(
        "banks.add_mentor: in the bank already",
        "curator",
        lambda s: {"staff": s.mentor().staff_id},
        "banks/mentors/new",
        lambda v: {"staff_id": v["staff"], "capacity": "2"},
        "Этот педагог уже есть в банке наставников.",
    ),
    http(
        "banks.update_mentor: left the bank",
        "curator",
        lambda s: ids(entry=s.mentor(status="left", left_on=YESTERDAY)),
        "banks/mentors/{entry}/edit",
        {"capacity": "3", "competences": ["methods"]},
        "Педагог выбыл из банка: его запись не изменяется.",
    ),
    http(
        "banks.update_mentor: fewer places than mentees",
        "curator",
        mentor_of_a_group,
        "banks/mentors/{entry}/edit",
        {"capacity": "1", "competences": ["methods"]},
        "У наставника уже 2 наставляемых: число мест не может быть меньше.",
    ),
    http(
        "banks.remove_mentor: left already",
        "curator",
        lambda s: ids(entry=s.mentor(status="left", left_on=YESTERDAY)),
        "banks/mentors/{entry}/remove",
        {},
        "Педагог уже выбыл из банка.",
    ),
    http(
        "banks.remove_mentor: leads a pairing",
        "curator",
        in_a_pairing,
        "banks/mentors/{mentor}/remove",
        {},
        "Наставник ведёт пары (группы): сначала завершите их.",
    ),
    # matching
    http(
        "matching.create_pairs: nothing chosen",
        "group",
        no_state,
        "matching/proposal",
        {},
        "Отметьте хотя бы одну пару.",
    ),
    http(
        "matching.create_pairs: a row breaks a rule (mentor without consent to the duties)",
        "curator",
        mentor_without_duty_consent,
        "matching/proposal",
        proposal_rows("mentee"),
        "Нет действующего согласия наставника на обработку персональных данных "
        "или на исполнение обязанностей наставника.",
    ),
    http(
        "matching.propose: the mentor has no place left",
        "curator",
        mentor_with_no_place_left,
        "matching/mentees/{mentee}/propose",
        lambda v: {"mentor_id": v["mentor"], "form": "traditional"},
        "Все места наставника заняты.",
    ),
    http(
        "matching.create_pairs: a later row refused after the first pair was created",
        "curator",
        mentor_in_the_bank_twice,
        "matching/proposal",
        proposal_rows("one", "two"),
        "Наставник может вести не более 1 наставляемых одновременно; у него уже 1.",
    ),
    # pairings
    http(
        "pairings.add_custom_form: a form of section 2.3",
        "curator",
        no_state,
        "pairings/forms/",
        {"title": "реверсивное  НАСТАВНИЧЕСТВО"},
        "Такая форма уже есть в перечне Положения (раздел 2.3).",
    ),
    http(
        "pairings.add_custom_form: the school's own twice",
        "curator",
        lambda s: ids(custom=s.make.custom_form(s.school, "Наставничество в проектах")),
        "pairings/forms/",
        {"title": "«Наставничество в проектах»"},
        "Такая форма у школы уже есть.",
    ),
    http(
        "pairings.delete_custom_form: a pairing has it",
        "curator",
        custom_form_used("pairing"),
        "pairings/forms/{custom}/delete",
        {},
        "Форма выбрана для наставнической пары или группы — удалить нельзя.",
    ),
    http(
        "pairings.delete_custom_form: a mentor prefers it",
        "curator",
        custom_form_used("mentor"),
        "pairings/forms/{custom}/delete",
        {},
        "Форму предпочитает наставник в банке наставников — удалить нельзя.",
    ),
    http(
        "pairings.delete_custom_form: a program has it",
        "curator",
        custom_form_used("program"),
        "pairings/forms/{custom}/delete",
        {},
        "Форма указана в программе наставничества — удалить нельзя.",
    ),
    http(
        "pairings.create_pairing: one's own mentor",
        "curator",
        mentor_and_mentee_at_once,
        "pairings/new",
        lambda v: {"mentor": v["mentor"], "mentees": [v["a"]], "form": "traditional"},
        "Нельзя быть наставником самому себе.",
    ),
    http(
        "pairings.create_pairing: one to one with two mentees",
        "curator",
        mentor_and_two_mentees,
        "pairings/new",
        lambda v: {"mentor": v["mentor"], "mentees": [v["a"], v["b"]], "form": "traditional"},
        "Традиционная форма («один на один») — только для пары",
    ),
    http(
        "pairings.create_pairing: a group of one",
        "curator",
        mentor_and_two_mentees,
        "pairings/new",
        lambda v: {"mentor": v["mentor"], "mentees": [v["a"]], "form": "group"},
        "Наставничество в группе — от двух наставляемых.",
    ),
    http(
        "pairings.create_pairing: a mentee without a data consent",
        "curator",
        mentor_and_a_mentee_without_consent,
        "pairings/new",
        lambda v: {"mentor": v["mentor"], "mentees": [v["a"]], "form": "virtual"},
        "нет действующего согласия на обработку персональных данных.",
    ),
    http(
        "pairings.create_pairing: the mentor has no place left",
        "curator",
        full_mentor_and_a_mentee,
        "pairings/new",
        lambda v: {"mentor": v["mentor"], "mentees": [v["a"]], "form": "traditional"},
        "Наставник может вести не более 1 наставляемых одновременно; у него уже 1.",
    ),
    http(
        "pairings.record_consents: after the approval",
        "curator",
        pairing(),
        "pairings/{pairing}/consents",
        {"mentor_on": TODAY.isoformat()},
        "Согласия записываются до утверждения пары или группы приказом.",
    ),
    http(
        "pairings.record_consents: dated tomorrow",
        "curator",
        pairing("proposed"),
        "pairings/{pairing}/consents",
        {"mentor_on": TOMORROW.isoformat()},
        "Дата согласия не может быть позже сегодняшнего дня.",
    ),
    http(
        "pairings.cancel_pairing: approved already",
        "curator",
        pairing(),
        "pairings/{pairing}/cancel",
        {},
        "Отменить можно только пару или группу, ещё не утверждённую приказом.",
    ),
    http(
        "pairings.cancel_pairing: in a draft order",
        "curator",
        in_a_draft_order(),
        "pairings/{pairing}/cancel",
        {},
        "Пара или группа включена в проект приказа: сначала удалите проект приказа.",
    ),
    http(
        "pairings.end_pairing: before its approval, as its program ends (program changed first)",
        "curator",
        change(program={"approved_on": TOMORROW}),
        END,
        {"confirmed": "yes", "reason": "force_majeure", "comment": "Паводок"},
        "Дата завершения не может быть раньше утверждения.",
    ),
    # orders
    http(
        "orders.draft_pairings_order: programs due on the day of the draft",
        "curator",
        pairing("proposed"),
        "orders/draft-pairings",
        lambda v: {"pairings": [v["pairing"]], "programs_due": TODAY.isoformat()},
        "Срок разработки программ должен быть позже даты проекта.",
    ),
    http(
        "orders._check_number_and_date: dated tomorrow (register)",
        "curator",
        no_state,
        "orders/new",
        {"kind": "other", "title": "Об итогах", "number": "7-од", "signed_on": TOMORROW},
        "Дата приказа не может быть позже сегодняшнего дня.",
    ),
    http(
        "orders._check_number_and_date: the number is taken (register)",
        "curator",
        order(kind="other", status="signed", number="7-од", signed_on=YESTERDAY),
        "orders/new",
        {"kind": "other", "title": "Об итогах", "number": "7-од", "signed_on": TODAY},
        "Приказ № 7-од в школе уже есть.",
    ),
    http(
        "orders._check_number_and_date: the number is taken (signing)",
        "director",
        numbered("12-од"),
        "orders/{order}/sign",
        {"number": "12-од", "signed_on": TODAY.isoformat()},
        "Приказ № 12-од в школе уже есть.",
    ),
    http(
        "orders._check_signing: signed before it was drafted",
        "director",
        in_a_draft_order(),
        "orders/{order}/sign",
        {"number": "12-од", "signed_on": YESTERDAY.isoformat()},
        "Дата приказа не может быть раньше даты его проекта.",
    ),
    http(
        "orders.sign_order: signed already",
        "director",
        order(kind="regulation", status="signed", number="1-од", signed_on=YESTERDAY),
        "orders/{order}/sign",
        {"number": "2-од", "signed_on": TODAY.isoformat()},
        "Приказ уже подписан: его нельзя подписать ещё раз или изменить.",
    ),
    http(
        "orders.sign_pairings_order: signed already",
        "director",
        order(kind="pairings", status="signed", number="3-од", signed_on=YESTERDAY),
        "orders/{order}/sign",
        {"number": "4-од", "signed_on": TODAY.isoformat()},
        "Приказ уже подписан: его нельзя подписать ещё раз или изменить.",
    ),
    http(
        "orders.sign_pairings_order: a pairing of the draft is gone",
        "director",
        order(content={"pairing_ids": [999999], "drafted_on": TODAY.isoformat()}),
        "orders/{order}/sign",
        {"number": "12-од", "signed_on": TODAY.isoformat()},
        "Пара или группа из проекта приказа не найдена: подготовьте новый.",
    ),
    http(
        "orders.sign_pairings_order: a pairing is no longer ready",
        "director",
        in_a_draft_order(mentor_consent_on=None),
        "orders/{order}/sign",
        {"number": "12-од", "signed_on": TODAY.isoformat()},
        "нет письменного согласия наставника. Удалите проект и подготовьте приказ заново.",
    ),
    http(
        "orders.delete_draft: signed",
        "curator",
        order(kind="other", status="signed", number="5-од", signed_on=YESTERDAY),
        "orders/{order}/delete",
        {},
        "Подписанный приказ удалить нельзя.",
    ),
    http(
        "orders.ending.sign_ending_order: a program of the draft is gone",
        "director",
        order(
            kind="program_end",
            title="О завершении",
            content={"program_ids": [999999], "drafted_on": TODAY.isoformat(), "items": []},
        ),
        "orders/{order}/sign",
        {"number": "12-од", "signed_on": TODAY.isoformat()},
        "Программа из проекта приказа не найдена: подготовьте приказ заново.",
    ),
    http(
        "orders._check_scan: a text file as the scan of a paper order",
        "curator",
        no_state,
        "orders/new",
        lambda v: {
            "kind": "other",
            "title": "Об итогах",
            "number": "7-од",
            "signed_on": TODAY.isoformat(),
            "scan": FileStorage(BytesIO(b"not a scan"), filename="scan.txt"),
        },
        "Скан приказа — файл PDF или изображение (JPG, PNG).",
    ),
    http(
        "orders._check_scan: a PDF under a picture's name",
        "curator",
        order(kind="other", status="signed", number="6-од", signed_on=YESTERDAY),
        "orders/{order}/scan",
        upload_as("scan", b"%PDF-1.4 x", "scan.png"),
        "Скан приказа — файл PDF или изображение (JPG, PNG).",
    ),
    http(
        "orders.attach_scan: to a draft",
        "curator",
        order(kind="other"),
        "orders/{order}/scan",
        upload_as("scan", b"%PDF-1.4 x", "scan.pdf"),
        "Скан прикладывается к подписанному приказу.",
    ),
    # programs
    http(
        "programs.term.check_term: ends before it begins",
        "curator",
        pairing(),
        "programs/new",
        program_form(START - timedelta(1), START),
        "Дата окончания программы раньше даты начала.",
    ),
    http(
        "programs.term.check_term: shorter than 3 months",
        "curator",
        pairing(),
        "programs/new",
        program_form(START + timedelta(60), START),
        "Программа длится не меньше 3 месяцев (п. 1.2 Положения)",
    ),
    http(
        "programs.term.check_term: longer than a year",
        "curator",
        pairing(),
        "programs/new",
        program_form(START + timedelta(400), START),
        "Программа длится не больше 1 года (п. 1.2 Положения)",
    ),
    http(
        "programs.term.check_deadline: an activity after the end (new program)",
        "curator",
        pairing(),
        "programs/new",
        program_form(START + timedelta(180), START + timedelta(200)),
        "Срок мероприятия должен быть в пределах срока программы",
    ),
    http(
        "programs.plan.create_program: an empty plan",
        "curator",
        pairing(),
        "programs/new",
        program_form(START + timedelta(180)),
        "Добавьте в план хотя бы одно мероприятие.",
    ),
    http(
        "programs.plan.update_program: an activity outside the new term",
        "curator",
        not_started_with_a_late_activity,
        "programs/{program}/edit",
        program_form(TODAY + timedelta(110), starts_on=TODAY + timedelta(10)),
        "выходит за новый срок программы: сначала измените его.",
    ),
    http(
        "programs.term.check_deadline: an activity after the end (plan before the start)",
        "mentor1",
        running(started=False),
        "programs/{program}/activities/new",
        {"title": "Открытый урок", "due_on": TODAY + timedelta(200), "responsible": "Наставник"},
        "Срок мероприятия должен быть в пределах срока программы",
    ),
    http(
        "programs.plan.check_forms: no form chosen",
        "mentor1",
        running(),
        PROGRAM,
        change_form("form"),
        "Выберите хотя бы одну форму наставничества.",
    ),
    http(
        "programs.changes.rules_of: an extension without a date",
        "mentor1",
        running(),
        PROGRAM,
        change_form("extend"),
        "Укажите новую дату окончания программы.",
    ),
    http(
        "programs.changes.rules_of: an extension that is not later",
        "mentee1",
        running(),
        PROGRAM,
        change_form("extend", ends_on=lambda v: v["ends_on"]),
        "Новая дата окончания должна быть позже нынешней",
    ),
    http(
        "programs.term.check_term: extended beyond a year",
        "mentee1",
        running(),
        PROGRAM,
        change_form("extend", ends_on=(TODAY + timedelta(370)).isoformat()),
        "Программа длится не больше 1 года (п. 1.2 Положения)",
    ),
    http(
        "programs.changes.rules_of: a plan change that changes nothing",
        "mentor1",
        running(),
        PROGRAM,
        change_form("plan"),
        "Добавьте мероприятие в план или отметьте, какое отменить.",
    ),
    http(
        "programs.term.check_deadline: an activity after the end (plan change)",
        "mentor1",
        running(),
        PROGRAM,
        change_form(
            "plan",
            **{
                "add-0-title": "Конференция",
                "add-0-due_on": (TODAY + timedelta(300)).isoformat(),
                "add-0-responsible": "Куратор",
            },
        ),
        "Срок мероприятия должен быть в пределах срока программы",
    ),
    http(
        "programs.changes.propose_change: the working group takes no part",
        "group",
        running(),
        PROGRAM,
        change_form("extend", ends_on=(TODAY + timedelta(200)).isoformat()),
        "Предложить изменение могут участники программы и куратор.",
    ),
    http(
        "programs.changes.agree: applied already",
        "mentee1",
        change(status="applied"),
        AGREE,
        {},
        "Это изменение уже не ждёт согласия.",
    ),
    http(
        "programs.changes.decline: agreed already (the proposer)",
        "mentor1",
        change(agreed=True),
        "programs/changes/{change}/decline",
        {"reason": "Передумал"},
        "Вы уже согласились с этим изменением: отклонить его нельзя.",
    ),
    http(
        "programs.changes.decline: no reason in words",
        "mentee1",
        change(agreed=True),
        "programs/changes/{change}/decline",
        {"reason": " "},
        "Укажите, почему вы не согласны с изменением.",
    ),
    http(
        "programs.changes.decline: the curator takes no part",
        "curator",
        change(),
        "programs/changes/{change}/decline",
        {"reason": "Против"},
        "Отклонить изменение могут наставник и наставляемые этой программы.",
    ),
    http(
        "programs.plan.mark_done: done tomorrow",
        "mentee1",
        planned_activity(),
        "programs/activities/{activity}/done",
        {"result": "Проведено", "done_on": TOMORROW.isoformat()},
        "Дата выполнения не может быть позже сегодняшнего дня.",
    ),
    http(
        "programs.changes.agree: the curator takes no part",
        "curator",
        change(),
        AGREE,
        {},
        "Согласие на изменение дают наставник и наставляемые этой программы.",
    ),
    http(
        "programs.changes.agree: agreed already",
        "mentor1",
        change(agreed=True),
        AGREE,
        {},
        "Вы уже дали согласие на это изменение.",
    ),
    http(
        "programs.changes.agree: the extension is no longer later (last agreement)",
        "mentee1",
        change(agreed=True, payload=lambda p: {"ends_on": p.ends_on.isoformat()}),
        AGREE,
        {},
        "Новая дата окончания должна быть позже нынешней",
    ),
    http(
        "programs.plan.check_forms: a form removed since the proposal (last agreement)",
        "mentee1",
        change(agreed=True, kind="form", payload={"forms": ["custom:999999"]}),
        AGREE,
        {},
        "Такой формы наставничества нет в перечне школы.",
    ),
    http(
        "programs.changes.rules_of: the activity to cancel is done since (last agreement)",
        "mentee1",
        change(agreed=True, kind="plan", activity=True, payload=lambda p, a: {"cancel": [a.id]}),
        AGREE,
        {},
        "Отменить можно только невыполненное мероприятие этой программы.",
    ),
    http(
        "programs.plan.check_activity: an activity without a title (last agreement)",
        "mentee1",
        change(agreed=True, kind="plan", payload=plan_adds(title=" ")),
        AGREE,
        {},
        "Укажите, что за мероприятие.",
    ),
    http(
        "programs.plan.check_activity: an activity without a deadline (last agreement)",
        "mentee1",
        change(agreed=True, kind="plan", payload=plan_adds(due_on=None)),
        AGREE,
        {},
        "Укажите срок мероприятия «Открытый урок».",
    ),
    http(
        "programs.plan.check_activity: an activity without a responsible (last agreement)",
        "mentee1",
        change(agreed=True, kind="plan", payload=plan_adds(responsible="")),
        AGREE,
        {},
        "Укажите ответственного за мероприятие «Открытый урок».",
    ),
    http(
        "programs.ending.end_program: completed with the plan not done",
        "mentor1",
        planned_activity(),
        END,
        {"reason": "completed"},
        "План выполнен не полностью",
    ),
    http(
        "programs.ending.end_program: no reason in words",
        "mentee1",
        running(),
        END,
        {"reason": "mutual", "comment": " "},
        "Укажите причину завершения программы.",
    ),
    # questionnaires
    http(
        "questionnaires.assigning.send_to_group: an empty questionnaire",
        "curator",
        empty_questionnaire,
        "questionnaires/{questionnaire}/send",
        lambda v: {"group": "chosen", "people": [v["staff"]], "due_on": TOMORROW.isoformat()},
        "В анкете нет ни одного вопроса",
    ),
    http(
        "questionnaires.filling.submit: nothing answered",
        "mentee1",
        asked(SCALE_AND_TEXT),
        FILL,
        answers(),
        "Анкета пуста: ответьте на вопросы, прежде чем отправлять.",
    ),
    http(
        "questionnaires.filling.read_answers: a scale answer out of range",
        "mentee1",
        asked(),
        FILL,
        answers("save", p0="7"),
        "оценка по шкале — от 1 до 5.",
    ),
    http(
        "questionnaires.filling.submit: a required question unanswered",
        "mentee1",
        asked(SCALE_AND_TEXT),
        FILL,
        answers(p1="Встречаться чаще"),
        "Ответьте на обязательный вопрос «Польза встреч».",
    ),
    http(
        "questionnaires.filling.why_closed: a second submission",
        "mentee1",
        asked(answered=True),
        FILL,
        answers(p0="2"),
        "Вы уже отправили ответы на эту анкету: повторно её не заполняют.",
    ),
    http(
        "questionnaires.filling.why_closed: an answer after the deadline",
        "mentee1",
        asked(due_on=YESTERDAY),
        FILL,
        answers(p0="3"),
        "Срок ответа на эту анкету истёк.",
    ),
    http(
        "questionnaires.editing.find: another school's questionnaire in a hidden field",
        "curator",
        another_schools_questionnaire,
        "questionnaires/copy",
        lambda v: {"source": v["questionnaire"]},
        "Такой анкеты в вашей школе нет.",
    ),
    # requests
    http(
        "requests.file_request: the pairing has ended",
        "mentee1",
        request_about(pairing_status="ended"),
        "requests/new?pairing={pairing}",
        {"reason": "Не совпадают расписания"},
        "Просьбу можно подать только по утверждённой или действующей паре/группе.",
    ),
    http(
        "requests.file_request: one is waiting already",
        "mentee1",
        request_about(reason="Первая просьба"),
        "requests/new?pairing={pairing}",
        {"reason": "Вторая просьба"},
        "По этой паре/группе у вас уже есть просьба, ожидающая ответа.",
    ),
    http(
        "requests.answer_request: answered already",
        "curator",
        request_about(reason="Прошу другого наставника", status="granted", answer="Да"),
        "requests/{request}",
        {"decision": "refused", "answer": "Нет"},
        "На эту просьбу уже дан ответ.",
    ),
    # the roadmap (issue 9)
    http(
        "roadmap.create_roadmap: a second roadmap for the same year",
        "curator",
        a_roadmap,
        "roadmap/new",
        {"year": str(THIS_YEAR)},
        f"Дорожная карта на {THIS_YEAR}/{THIS_YEAR + 1} учебный год уже есть.",
    ),
    http(
        "roadmap._clean: an activity dated outside its academic year",
        "curator",
        a_roadmap,
        "roadmap/{roadmap}/activities/new",
        {
            "stage": "4",
            "content": "Методический день",
            "timing": f"15.10.{THIS_YEAR + 3}",
            "responsible": "Куратор",
            "responsible_staff_id": "0",
        },
        f"Срок вне учебного года {THIS_YEAR}/{THIS_YEAR + 1}",
    ),
    http(
        "roadmap.approve: the school has no director recorded",
        "director",
        a_roadmap,
        "roadmap/{roadmap}/approve",
        {},
        "В карточке школы не указан директор",
    ),
    # The public section (8.1).
    http(
        "public.create_post: an announcement without its day",
        "curator",
        lambda s: {},
        "public/manage/posts/new",
        {"kind": "announcement", "title": "Семинар", "body": "Приглашаем"},
        "Укажите дату мероприятия, о котором анонс.",
    ),
    http(
        "public.update_post: a recommendation with an event",
        "curator",
        lambda s: ids(post=s.make.public_post(s.school, kind="recommendation", publish=False)),
        "public/manage/posts/{post}",
        {"kind": "recommendation", "title": "Памятка", "body": "Текст", "event_on": "2025-03-01"},
        "У методических рекомендаций нет даты и места мероприятия.",
    ),
    http(
        "public.publish_post: published already",
        "curator",
        lambda s: ids(post=s.make.public_post(s.school)),
        "public/manage/posts/{post}/publish",
        {},
        "Публикация уже опубликована.",
    ),
    http(
        "public.withdraw_post: not published",
        "curator",
        lambda s: ids(post=s.make.public_post(s.school, publish=False)),
        "public/manage/posts/{post}/withdraw",
        {},
        "Публикация и так не опубликована.",
    ),
    http(
        "orders.set_public: a draft",
        "director",
        lambda s: ids(order=s.order()),
        "orders/{order}/public",
        {},
        "Опубликовать можно только подписанный приказ.",
    ),
    # The school's e-mail (the daily digest of what waits).
    http(
        "notifications.save_settings: a server name with a space",
        "director",
        no_state,
        "notifications/",
        {"host": "smtp yandex", "port": "587", "security": "starttls", "sender": "a@b.ru"},
        "Укажите имя сервера SMTP, например smtp.yandex.ru.",
    ),
    http(
        "notifications.save_settings: a password not in Latin letters",
        "director",
        no_state,
        "notifications/",
        {
            "host": "smtp.yandex.ru",
            "port": "587",
            "security": "starttls",
            "sender": "a@b.ru",
            "login": "a@b.ru",
            "password": "пароль",
        },
        "Пароль SMTP — латинские буквы, цифры и знаки",
    ),
    http(
        "notifications.turn_off: off already",
        "director",
        no_state,
        "notifications/off",
        {},
        "Почта и так выключена.",
    ),
]


@pytest.mark.parametrize("case", OVER_HTTP)
def test_a_refused_request_says_why_and_changes_nothing(
    case, setup, school, neighbour, auth, client, snapshot
):
    values = case.build(setup)
    assert auth.login(school, case.login).status_code == 302
    form = case.form(values) if callable(case.form) else dict(case.form)
    sent = {"data": form}
    if any(isinstance(value, FileStorage) for value in form.values()):
        # Encoded in memory: the test client would spool a large file to an unclosed temp file.
        boundary, body = encode_multipart(form)
        sent = {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}
    before = snapshot()
    response = client.post(
        f"/s/{school.slug}/" + case.url.format(**values), follow_redirects=True, **sent
    )
    assert response.status_code == 200
    assert case.says in html.unescape(response.get_data(as_text=True))
    assert differences(before, snapshot()) == {}


# --- Behind a form's check: called as a view calls them ---------------------------------------


@dataclass(frozen=True)
class Called:
    build: Callable[[Setup], dict]
    run: Callable[[dict], object]  # the service call, given the build's names and "school"
    says: str


def direct(case_id, build, run, says):
    return pytest.param(Called(build, run, says), id=case_id)


def one(model, row_id: int):
    return db.session.get(model, row_id)


def by(login: str) -> Account:
    return db.session.execute(select(Account).where(Account.login == login)).scalar_one()


def acting(v, login: str) -> dict:
    """The program of the case and the part this login takes in it (programs.access)."""
    program = one(Program, v["program"])
    return {"program": program, "part": part_in(program, by(login))}


def marking(v, login: str) -> dict:
    """The activity of the case and the part this login takes in its program."""
    activity = one(Activity, v["activity"])
    program = one(Program, activity.program_id)
    return {"activity": activity, "part": part_in(program, by(login))}


def entry_of(bank):
    return lambda s: ids(entry=s.mentee() if bank == "mentee" else s.mentor())


def consent(**fields):
    return lambda s: ids(consent=s.make.consent(s.school, s.staff(consent=False), **fields))


def new_program(v, **changes):
    fields = {
        "title": "Программа адаптации молодого педагога",
        "goals": "Освоить методику урока",
        "difficulties": [],
        "difficulties_text": "",
        "forms": ["traditional"],
        "expected_results": "",
        "starts_on": START,
        "ends_on": START + timedelta(180),
        "activities": [
            {"title": "Посещение уроков", "due_on": START + timedelta(30), "responsible": "Я"}
        ],
    }
    return create_program(one(Pairing, v["pairing"]), **{**fields, **changes})


def ended_program(s):
    run = s.program()
    s.set(Program, run.program.id, status="ended", ended_on=TODAY, end_reason="mutual")
    return ids(program=run.program)


def answered_meanwhile(v):
    req = one(ParticipantRequest, v["request"])
    set_committed_value(req, "status", "open")  # as read just before another manager answered
    return answer_request(req, False, "Нет", by("curator"))


def new_teacher(**changes):
    return create_staff(
        **{"last_name": "Мадаева", "first_name": "Айна", "position": "учитель"} | changes
    )


def mentor_and_mentee(mentor="bank", mentee="waiting"):
    def build(s):
        if mentor == "bank":
            mentor_id = s.mentor().staff_id
        elif mentor == "no duty":
            mentor_id = s.mentor(s.staff(teaching_years=20)).staff_id
        else:  # only in the register
            mentor_id = s.staff(duty=True).id
        if mentee == "taken":
            mentee_id = s.mentee().staff_id
            s.make.pairing(s.school, s.mentor().staff_id, [mentee_id], status="proposed")
        else:
            mentee_id = s.mentee(status=mentee).staff_id
        return {"mentor": mentor_id, "mentee": mentee_id}

    return build


def pair_with_order(s):
    return {**ids(pairing=s.pair().pairing), **ids(order=s.order())}


def pairs_people(s):
    pair = s.pair()
    return ids(pairing=pair.pairing, mentee=pair.mentee)


def pairing_of(v):
    return one(Pairing, v["pairing"])


def new_pairing(v, **changes):
    args = {"mentees": [v["mentee"]], "form": "traditional", **changes}
    return create_pairing(v["mentor"], args["mentees"], args["form"], TODAY)


def pairings_order(v, chosen=None, **kw):
    chosen = [v["pairing"]] if chosen is None else chosen
    return draft_pairings_order(chosen, TODAY, by("curator"), **kw)


def register(kind="other", title="Об итогах", number="7-од", signed_on=TODAY):
    return lambda v: register_order(kind, title, number, signed_on, by("curator"))


BEHIND_A_FORM = [
    direct(
        "accounts.create_account: no role",
        no_state,
        lambda v: create_account(v["school"], "novyi", "Новый Педагог", [], "пароль-12345"),
        "Выберите хотя бы одну роль.",
    ),
    direct(
        "accounts.create_account: a role of the district",
        no_state,
        lambda v: create_account(v["school"], "novyi", "Новый", ["district_admin"], "пароль-123"),
        "Эти роли не подходят для учётной записи.",
    ),
    direct(
        "accounts.update_account: no role",
        no_state,
        lambda v: update_account(by("curator"), "Куратор", [], True, by("director")),
        "Выберите хотя бы одну роль.",
    ),
    direct(
        "uploads.save_upload: no file",
        no_state,
        lambda v: save_upload(FileStorage(BytesIO(b""), filename=""), v["school"]),
        "Выберите файл.",
    ),
    direct(
        "banks._fill_mentee: an unknown category",
        entry_of("mentee"),
        lambda v: update_mentee(one(MenteeEntry, v["entry"]), "bogus", ["methods"], ""),
        "Выберите категорию наставляемого.",
    ),
    direct(
        "banks._areas: an unknown area (the category was set first)",
        entry_of("mentee"),
        lambda v: update_mentee(one(MenteeEntry, v["entry"]), "new_to_school", ["bogus"], "Н"),
        "Выберите направления из списка.",
    ),
    direct(
        "banks._fill_mentor: capacity out of range",
        entry_of("mentor"),
        lambda v: update_mentor(one(MentorEntry, v["entry"]), [], 9, [], False),
        "Число наставляемых одновременно — от 1 до 5.",
    ),
    direct(
        "banks._fill_mentor: an unknown form",
        entry_of("mentor"),
        lambda v: update_mentor(one(MentorEntry, v["entry"]), [], 2, ["bogus"], False),
        "Выберите формы наставничества из списка.",
    ),
    direct(
        "banks.add_training: an unknown kind",
        entry_of("mentor"),
        lambda v: add_training(one(MentorEntry, v["entry"]), "bogus", "Сессия", TODAY, 2),
        "Выберите вид обучения из списка.",
    ),
    direct(
        "banks.add_training: no title",
        entry_of("mentor"),
        lambda v: add_training(one(MentorEntry, v["entry"]), "session", " ", TODAY, 2),
        "Укажите название.",
    ),
    direct(
        "banks.add_training: no date",
        entry_of("mentor"),
        lambda v: add_training(one(MentorEntry, v["entry"]), "session", "Сессия", None, 2),
        "Укажите дату.",
    ),
    direct(
        "banks.add_training: no hours",
        entry_of("mentor"),
        lambda v: add_training(one(MentorEntry, v["entry"]), "session", "Сессия", TODAY, 0),
        "Число часов должно быть положительным.",
    ),
    direct(
        "consents.record_consent: an unknown kind",
        without_consent,
        lambda v: record_consent(
            one(Staff, v["staff"]), "bogus", signed_on=TODAY, paper_number="1"
        ),
        "Выберите вид согласия.",
    ),
    direct(
        "consents.record_consent: no purpose",
        without_consent,
        lambda v: record_consent(
            one(Staff, v["staff"]), "personal_data", signed_on=TODAY, purpose=" ", paper_number="1"
        ),
        "Укажите цель, на которую дано согласие.",
    ),
    direct(
        "consents.revoke_consent: revoked already",
        consent(revoked_on=YESTERDAY, revoke_reason="Уволилась"),
        lambda v: revoke_consent(one(Consent, v["consent"]), TODAY, "Ещё раз"),
        "Это согласие уже отозвано.",
    ),
    direct(
        "consents.revoke_consent: no reason",
        consent(),
        lambda v: revoke_consent(one(Consent, v["consent"]), TODAY, "  "),
        "Укажите причину отзыва.",
    ),
    direct(
        "orders.draft_pairings_order: none chosen",
        no_state,
        lambda v: pairings_order(v, chosen=[]),
        "Выберите хотя бы одну пару или группу.",
    ),
    direct(
        "orders.draft_pairings_order: an unknown pairing",
        no_state,
        lambda v: pairings_order(v, chosen=[999999]),
        "Пара или группа не найдена.",
    ),
    direct(
        "orders.draft_pairings_order: a pairing not ready",
        pairing("proposed", mentor_consent_on=None),
        pairings_order,
        "нет письменного согласия наставника.",
    ),
    direct(
        "orders.draft_pairings_order: in another draft",
        in_a_draft_order(),
        pairings_order,
        "уже включена в другой приказ.",
    ),
    direct(
        "orders.draft_pairings_order: a curator's name over 200",
        pairing("proposed"),
        lambda v: pairings_order(v, curator="Я" * 201),
        "ФИО куратора — не длиннее 200 символов.",
    ),
    direct(
        "orders._check_number_and_date: no number",
        no_state,
        register(number=" "),
        "Укажите номер приказа.",
    ),
    direct(
        "orders._check_number_and_date: a number over 40",
        no_state,
        register(number="1" * 41),
        "Номер приказа — не длиннее 40 символов.",
    ),
    direct(
        "orders._check_number_and_date: no date",
        no_state,
        register(signed_on=None),
        "Укажите дату приказа.",
    ),
    direct(
        "orders.sign_pairings_order: not an order on pairings",
        order(kind="regulation"),
        lambda v: sign_pairings_order(one(SchoolOrder, v["order"]), "1", TODAY, by("director")),
        "Это не приказ о закреплении наставнических пар/групп.",
    ),
    direct(
        "orders.register_order: an unknown kind",
        no_state,
        register(kind="bogus"),
        "Выберите вид приказа из списка.",
    ),
    direct(
        "orders.register_order: no title",
        no_state,
        register(title=" "),
        "Укажите название приказа.",
    ),
    direct(
        "orders.register_order: a title over 300",
        no_state,
        register(title="П" * 301),
        "Название приказа — не длиннее 300 символов.",
    ),
    direct(
        "pairings.add_custom_form: no title",
        no_state,
        lambda v: add_custom_form("  "),
        "Укажите название формы наставничества.",
    ),
    direct(
        "pairings.add_custom_form: a title over 200",
        no_state,
        lambda v: add_custom_form("Ф" * 201),
        "Название формы — не длиннее 200 символов.",
    ),
    direct(
        "pairings.create_pairing: no mentee",
        mentor_and_mentee(),
        lambda v: new_pairing(v, mentees=[]),
        "Выберите хотя бы одного наставляемого.",
    ),
    direct(
        "pairings.create_pairing: an unknown form",
        mentor_and_mentee(),
        lambda v: new_pairing(v, form="bogus"),
        "Выберите форму наставничества из перечня.",
    ),
    direct(
        "pairings.create_pairing: the mentor is not in the bank",
        mentor_and_mentee(mentor="register"),
        new_pairing,
        "Наставник должен состоять в банке наставников.",
    ),
    direct(
        "pairings.create_pairing: the mentor has not consented to the duties",
        mentor_and_mentee(mentor="no duty"),
        new_pairing,
        "У наставника нет действующих согласий на обработку персональных данных",
    ),
    direct(
        "pairings.create_pairing: the mentee is not waiting",
        mentor_and_mentee(mentee="in_program"),
        new_pairing,
        "Наставляемый должен ожидать наставника в банке наставляемых.",
    ),
    direct(
        "pairings.create_pairing: the mentee is in another pairing",
        mentor_and_mentee(mentee="taken"),
        new_pairing,
        "уже состоит в паре или группе.",
    ),
    direct(
        "pairings.record_consents: not a member",
        pairing("proposed"),
        lambda v: record_consents(pairing_of(v), TODAY, {999999: TODAY}),
        "Наставляемый не состоит в этой паре или группе.",
    ),
    direct(
        "pairings.approve_pairing: not proposed",
        pair_with_order,
        lambda v: approve_pairing(pairing_of(v), one(SchoolOrder, v["order"]), TODAY),
        "Утвердить можно только предложенную пару или группу.",
    ),
    direct(
        "pairings.start_pairing: not approved",
        pairing("proposed"),
        lambda v: start_pairing(pairing_of(v)),
        "Начать работу может только пара или группа, утверждённая приказом.",
    ),
    direct(
        "pairings.end_pairing: not approved nor active",
        pairing("proposed"),
        lambda v: end_pairing(pairing_of(v), TODAY, "Причина"),
        "Завершить можно только утверждённую или действующую пару или группу.",
    ),
    direct(
        "programs.plan._check_difficulties: an unknown area",
        pairing(),
        lambda v: new_program(v, difficulties=["bogus"]),
        "Такого направления затруднений нет в перечне.",
    ),
    direct(
        "programs.plan._program_fields: no title",
        pairing(),
        lambda v: new_program(v, title=" "),
        "Укажите название программы.",
    ),
    direct(
        "programs.plan._program_fields: no goals",
        pairing(),
        lambda v: new_program(v, goals=" "),
        "Укажите цели программы.",
    ),
    direct(
        "programs.plan.create_program: the pairing is not approved",
        pairing("proposed"),
        new_program,
        "Программу составляют для утверждённой приказом пары или группы.",
    ),
    direct(
        "programs.plan.create_program: a program runs already",
        lambda s: ids(pairing=s.program().pairing),
        new_program,
        "У этой пары (группы) уже есть действующая программа.",
    ),
    direct(
        "programs.access.why_read_only: ended",
        ended_program,
        lambda v: add_activity(
            **acting(v, "curator"), title="Урок", due_on=TOMORROW, responsible="Я", today=TODAY
        ),
        "Программа завершена: изменить её уже нельзя.",
    ),
    direct(
        "programs.access.why_not_edit_plan: begun",
        running(),
        lambda v: add_activity(
            **acting(v, "curator"), title="Урок", due_on=TOMORROW, responsible="Я", today=TODAY
        ),
        "Программа уже началась",
    ),
    direct(
        "programs.plan.mark_done: by someone who takes no part",
        planned_activity(),
        lambda v: mark_done(**marking(v, "group"), result="Проведено", evidence=None, today=TODAY),
        "Отмечать мероприятия могут участники программы и куратор.",
    ),
    direct(
        "programs.plan.mark_done: done already",
        planned_activity(status="done", result="Проведено"),
        lambda v: mark_done(**marking(v, "mentor1"), result="Ещё раз", evidence=None, today=TODAY),
        "Это мероприятие уже отмечено выполненным или отменено.",
    ),
    direct(
        "programs.plan.mark_done: no result",
        planned_activity(),
        lambda v: mark_done(**marking(v, "mentor1"), result=" ", evidence=None, today=TODAY),
        "Опишите результат мероприятия.",
    ),
    direct(
        "programs.changes.rules_of: an unknown kind of change",
        running(),
        lambda v: propose_change(
            **acting(v, "curator"), kind="bogus", description="Так", values={}
        ),
        "Выберите, что изменить в программе.",
    ),
    direct(
        "programs.changes.propose_change: no description",
        running(),
        lambda v: propose_change(**acting(v, "curator"), kind="form", description=" ", values={}),
        "Опишите, что и почему меняется.",
    ),
    direct(
        "programs.ending.end_program: an unknown reason",
        running(),
        lambda v: end_program(**acting(v, "curator"), reason="bogus", comment="Так", today=TODAY),
        "Выберите основание завершения программы.",
    ),
    direct(
        "programs.ending.end_program: the curator's reason given by the mentor",
        running(),
        lambda v: end_program(**acting(v, "mentor1"), reason="improper", comment="Т", today=TODAY),
        "Это основание завершения программы может выбрать только куратор",
    ),
    direct(
        "programs.ending.publish_results: not ended",
        running(),
        lambda v: publish_results(one(Program, v["program"]), "Итоги"),
        "Результаты программы публикуются только после её завершения (п. 8.2).",
    ),
    direct(
        "programs.ending.publish_results: no results",
        ended_program,
        lambda v: publish_results(one(Program, v["program"]), " "),
        "Опишите результаты программы.",
    ),
    direct(
        "requests.file_request: for someone else",
        pairs_people,
        lambda v: file_request(pairing_of(v), one(Staff, v["mentee"]), "Прошу", by("mentor1")),
        "Подать просьбу может только сам участник пары/группы.",
    ),
    direct(
        "requests.file_request: no reason",
        pairs_people,
        lambda v: file_request(pairing_of(v), one(Staff, v["mentee"]), " ", by("mentee1")),
        "Укажите причину просьбы.",
    ),
    direct(
        "requests.file_request: a reason over 2000",
        pairs_people,
        lambda v: file_request(pairing_of(v), one(Staff, v["mentee"]), "я" * 2001, by("mentee1")),
        "Причина — не длиннее 2000 символов.",
    ),
    direct(
        "requests.answer_request: no answer",
        request_about(reason="Прошу"),
        lambda v: answer_request(one(ParticipantRequest, v["request"]), True, " ", by("curator")),
        "Напишите ответ участнику.",
    ),
    direct(
        "requests.answer_request: an answer over 2000",
        request_about(reason="Прошу"),
        lambda v: answer_request(
            one(ParticipantRequest, v["request"]), True, "я" * 2001, by("curator")
        ),
        "Ответ — не длиннее 2000 символов.",
    ),
    direct(
        "requests.answer_request: answered by someone else meanwhile",
        request_about(reason="Прошу", status="granted", answer="Да"),
        answered_meanwhile,
        "На эту просьбу уже дан ответ.",
    ),
    direct(
        "staff.update_staff: data hidden",
        lambda s: ids(staff=s.staff(consent=False, data_hidden=True)),
        lambda v: update_staff(one(Staff, v["staff"]), last_name="И", first_name="И", position="У"),
        "Данные скрыты: согласие на обработку персональных данных отозвано.",
    ),
    direct(
        "staff.create_staff_account: a manager's role",
        lambda s: ids(staff=s.staff()),
        lambda v: create_staff_account(one(Staff, v["staff"]), "novyi", ["curator"]),
        "Выберите роль: наставник и (или) наставляемый.",
    ),
    direct(
        "staff._checked: no last name",
        no_state,
        lambda v: new_teacher(last_name=" "),
        "Укажите фамилию.",
    ),
    direct(
        "staff.import_rows: a later row refused after the first was added",
        no_state,
        lambda v: import_rows(
            [TEACHER, replace(TEACHER, row_number=3, last_name="Другая", position="")]
        ),
        "Укажите должность.",
    ),
    direct(
        "staff._checked: an unknown category",
        no_state,
        lambda v: new_teacher(category="bogus"),
        "Выберите квалификационную категорию из списка.",
    ),
    direct(
        "staff._checked: years out of range",
        no_state,
        lambda v: new_teacher(total_years=61),
        "Стаж — целое число лет от 0 до 60.",
    ),
    direct(
        "staff._checked: not an e-mail address",
        no_state,
        lambda v: new_teacher(email="почта школы"),
        "Укажите адрес электронной почты в виде name@example.ru.",
    ),
    direct(
        "staff._checked: a birth date of a child",
        no_state,
        lambda v: new_teacher(born_on=today() - timedelta(days=365 * 10)),
        "Проверьте дату рождения.",
    ),
    direct(
        "statistics.save_text_parts: a part too long",
        no_state,
        lambda v: save_text_parts(AcademicYear(2025), by("curator"), tasks="з" * 5001),
        "не более 5000 символов, сейчас 5001",
    ),
    direct(
        "roadmap.approve: by someone who is not the director",
        a_roadmap,
        lambda v: approve(one(Roadmap, v["roadmap"]), by("curator")),
        "Утвердить дорожную карту может только директор школы.",
    ),
    direct(
        "roadmap._clean: an empty content",
        a_roadmap,
        lambda v: roadmap.add_activity(
            one(Roadmap, v["roadmap"]), "4", ActivityFields(content=" ", timing="Октябрь")
        ),
        "Опишите мероприятие.",
    ),
    direct(
        "roadmap.known_year: an unknown year",
        no_state,
        lambda v: create_roadmap(1999),
        "Дорожную карту можно составить на учебные годы",
    ),
    direct(
        "roadmap.create_roadmap: a second roadmap for the same year, with last year's copied",
        a_roadmap,
        lambda v: create_roadmap(THIS_YEAR, [10**6]),
        "уже есть",
    ),
    direct(
        "roadmap.remove_activity: an activity of the template",
        a_roadmap,
        lambda v: remove_activity(one(Roadmap, v["roadmap"]).activities[0]),
        "Мероприятие из шаблона района удалить нельзя",
    ),
    direct(
        "events._people: a participant of another school",
        another_schools_teacher,
        lambda v: create_event(event_fields(v, participant_ids=[v["stranger"]])),
        "Участник не найден в реестре педагогов школы",
    ),
    direct(
        "events._check: results of an event not yet held",
        no_state,
        lambda v: create_event(event_fields(v, held_on=TOMORROW, results="Итоги")),
        "Итоги вносятся после того, как мероприятие проведено.",
    ),
    direct(
        "events._check: dated outside the year of its roadmap activity",
        a_roadmap,
        lambda v: create_event(
            event_fields(
                v,
                held_on=date(THIS_YEAR - 1, 10, 1),
                activity_id=one(Roadmap, v["roadmap"]).activities[0].id,
            )
        ),
        "Дата вне учебного года",
    ),
]


@pytest.mark.parametrize("case", BEHIND_A_FORM)
def test_a_rule_behind_a_form_check_refuses_and_changes_nothing(
    case, app, setup, school, neighbour, snapshot
):
    values = {"school": school.id, **case.build(setup)}
    before = snapshot()
    with app.test_request_context(f"/s/{school.slug}/"), scoped(Scope.school(school.id)):
        with attempt() as outcome:
            case.run(values)
        assert outcome.refused
        assert case.says in outcome.message
        # The request's edge commits when no refusal is left open; so does the test.
        assert not request_was_refused()
        db.session.commit()
    assert differences(before, snapshot()) == {}
