"""Order № 90-од «О реализации целевой модели наставничества», drafted from data (the seed)."""

from datetime import date
from io import BytesIO

import pytest
from docx import Document
from sqlalchemy import func, select

from nastavnik.dates import format_date, today
from nastavnik.refusals import Refusal
from nastavnik.tenants.appointments.models import Appointment, AppointmentStatus, Post
from nastavnik.tenants.orders.models import SchoolOrder
from nastavnik.tenants.regulation import order as target_model
from nastavnik.tenants.regulation import text as regulation
from nastavnik.tenants.roadmap.models import Stage

from .conftest import EFFECTIVE, YEAR

pytestmark = pytest.mark.usefixtures("seed")


def _texts(document) -> list[str]:
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                out.append(cell.text)
    return out


def _draft(make, school, **kw):
    with make.in_school(school):
        return target_model.draft(today(), EFFECTIVE, None, **kw)


def _sign(make, school, order, number="90-од", on=None):
    with make.in_school(school):
        fresh = make._get(SchoolOrder, order.id)
        target_model.sign(fresh, number, on or today(), None)
        return fresh


def _docx(make, school, order):
    with make.in_school(school) as session:
        from nastavnik.models import School

        fresh = make._get(SchoolOrder, order.id)
        sch = session.execute(select(School).where(School.id == school.id)).scalar_one()
        return Document(BytesIO(target_model.render(fresh, sch)))


def test_the_signed_order_reads_like_the_seed(make, school):
    order = _sign(make, school, _draft(make, school))
    document = _docx(make, school, order)
    texts = _texts(document)
    body = "\n".join(texts)
    # The bilingual header, the kind, number and date, the place and the title.
    assert "РОССИЙСКАЯ ФЕДЕРАЦИЯ" in body and "НОХЧИЙН РЕСПУБЛИКА" in body
    assert "«ИЛСХАН-ЮЪРТАРА КОЪРТА ИШКОЛ»" in body.upper()
    assert "ПРИКАЗ" in texts and "ВЫПИСКА ИЗ ПРИКАЗА" not in texts
    assert "№ 90-од" in body and format_date(today()) in body
    assert "с. Илсхан-Юрт" in texts
    assert "О реализации целевой модели наставничества" in texts
    # The preamble with its legal basis.
    preamble = next(t for t in texts if t.startswith("В целях внедрения"))
    assert "от 17.08.2022 № 131-од" in preamble
    assert "педагогического совета МБОУ «Илсхан-Юртовская ОШ» от 30.08.2026" in preamble
    assert "профсоюзной организации от 25.08.2026 (протокол № 1)" in preamble
    assert "ПРИКАЗЫВАЮ:" in texts
    # The points, names in the accusative.
    assert "1. Утвердить и ввести с «01» сентября 2026 г. в действие прилагаемые:" in texts
    assert any(t.startswith("1.1. Положение о системе наставничества") for t in texts)
    assert any(t.startswith("1.2. Дорожную карту") for t in texts)
    assert "1.3. Рабочую программу по наставничеству (Приложение 3)." in texts
    assert any(t.startswith("2. Хасанову М.С. назначить координатором") for t in texts)
    assert (
        "3. Алиеву А.Х. назначить куратором реализации целевой модели наставничества "
        "в МБОУ «Илсхан-Юртовская ОШ»." in texts
    )
    assert any(t.startswith("4. Утвердить состав рабочей группы") for t in texts)
    group = texts[texts.index("руководитель рабочей группы:") :]
    assert group[1] == "Хасанова М.С. – заместитель директора по УВР;"
    assert group[2] == "члены рабочей группы:"
    assert "Магомадов И.Р. – заместитель директора по ИКТ;" in group
    assert "Дадаев Х.У. – руководитель МО естественно-научного цикла;" in group
    assert "5. Контроль исполнения приказа оставляю за собой." in texts
    assert any(t.startswith("Директор") and t.endswith("Тасуева Х.А.") for t in texts)
    # Those it names have read it.
    assert "С приказом ознакомлены:" in texts
    for name in ("Хасанова М.С.", "Алиева А.Х.", "Сулейманова З.А.", "Дадаев Х.У."):
        assert any(t.startswith(f"{name} ____") for t in texts), name
    # The approval blocks and the three annexes, each headed as the seed.
    assert any(t.startswith("РАССМОТРЕНО") and "протокол № 1 от 30.08.2026" in t for t in texts)
    approved = f"№ 90-од от {today():%d.%m.%Y}"
    assert any(t.startswith("УТВЕРЖДЕНО") and approved in t for t in texts)
    assert any(t.startswith("СОГЛАСОВАНО") for t in texts)
    for n in (1, 2, 3):
        assert f"Приложение {n} к приказу от {today():%d.%m.%Y} № 90-од" in texts
    assert (
        "Положение о системе наставничества педагогических работников в МБОУ «Илсхан-Юртовская ОШ»"
        in texts
    )
    assert "9. Заключительные положения" in texts
    assert "Рабочая программа по наставничеству" in texts


def test_the_numbers_the_annexes_state_equal_the_database(make, school, query):
    order = _draft(make, school)
    document = _docx(make, school, order)
    roadmap_table = next(t for t in document.tables if t.rows[0].cells[0].text == "№")
    assert len(roadmap_table.rows) - 1 == len(Stage)
    assert [r.cells[1].text for r in roadmap_table.rows[1:]] == [s.label for s in Stage]
    sections = [
        p.text for p in document.paragraphs if p.text[:2] in {f"{n}." for n in range(1, 10)}
    ]
    for number, title, _ in regulation.model_text.SECTIONS:
        assert f"{number}. {title}" in sections
    # The working group as the database holds it: five people, one head.
    group = query(
        select(func.count())
        .select_from(Appointment)
        .where(Appointment.post.in_((Post.GROUP_HEAD, Post.GROUP_MEMBER)))
    )
    texts = [p.text for p in document.paragraphs]
    start, end = texts.index("руководитель рабочей группы:"), texts.index(target_model.CONTROL_LINE)
    lines = [t for t in texts[start:end] if " – " in t]
    assert len(lines) == group[0][0]


def test_signing_puts_the_appointments_in_force(make, school, query):
    order = _draft(make, school)
    states = query(select(Appointment.status).where(Appointment.order_id == order.id))
    assert {s for (s,) in states} == {AppointmentStatus.PENDING}
    _sign(make, school, order, on=today())
    rows = query(select(Appointment.status, Appointment.starts_on))
    assert {(s, d) for s, d in rows} == {(AppointmentStatus.IN_FORCE, today())}


def test_a_new_curator_ends_the_previous_one_when_the_next_order_is_signed(
    make, school, seed, query
):
    _sign(make, school, _draft(make, school), "90-од")
    newcomer = make.staff(school, last_name="Мусаева", first_name="Петимат", middle_name="Лечиевна")
    make.appointment(school, newcomer, "curator", "заместитель директора по ВР")
    second = _draft(make, school)
    document = _docx(make, school, second)
    assert any(p.text.startswith("3. Мусаеву П.Л.") for p in document.paragraphs)
    _sign(make, school, second, "91-од")
    curators = query(
        select(Appointment.staff_id, Appointment.status, Appointment.ends_on).where(
            Appointment.post == Post.CURATOR
        )
    )
    assert {(s, st) for s, st, _ in curators} == {
        (seed.staff["curator"].id, AppointmentStatus.ENDED),
        (newcomer.id, AppointmentStatus.IN_FORCE),
    }


def test_the_extract_is_headed_as_the_seed(make, school):
    document = _docx(make, school, _draft(make, school, extract=True))
    texts = [p.text for p in document.paragraphs]
    assert "ВЫПИСКА ИЗ ПРИКАЗА" in texts and "ПРИКАЗ" not in texts
    assert "№ ______" in "\n".join(_texts(document))  # a draft: the number to fill in


def test_an_amended_section_is_kept_as_a_version_and_goes_into_the_order(make, school):
    with make.in_school(school):
        regulation.amend(
            9,
            "Заключительные положения",
            "9.1. Новая редакция.\n\n9.2. Вторая.",
            "Приказ Минпросвещения",
            "МБОУ «Илсхан-Юртовская ОШ»",
            None,
        )
        in_force = regulation.in_force("МБОУ «Илсхан-Юртовская ОШ»")
        assert in_force[8].version == 1 and in_force[8].paragraphs == (
            "9.1. Новая редакция.",
            "9.2. Вторая.",
        )
        with pytest.raises(Refusal, match="не изменился"):
            regulation.amend(
                9,
                "Заключительные положения",
                "9.1. Новая редакция.\n\n9.2. Вторая.",
                "Повтор",
                "x",
                None,
            )
    texts = [p.text for p in _docx(make, school, _draft(make, school)).paragraphs]
    assert "9.1. Новая редакция." in texts


def test_an_unsure_name_is_shown_in_the_nominative_and_asked(make, school, seed):
    _sign(make, school, _draft(make, school))
    unsure = make.staff(school, last_name="Абу", first_name="Мадина", middle_name="")
    make.appointment(school, unsure, "coordinator", "заместитель директора по УВР")
    with make.in_school(school):
        names = {n.key: n for n in target_model.names_to_confirm(EFFECTIVE)}
        assert not names["coordinator"].confident
        assert names["coordinator"].form == "Абу М."
        with pytest.raises(Refusal, match="Подтвердите форму имени"):
            target_model.compose(EFFECTIVE)
        content = target_model.compose(EFFECTIVE, forms={"coordinator": "Абу М."})
    assert content["items"][1]["text"].startswith("Абу М. назначить координатором")


@pytest.mark.parametrize(
    "case",
    ["no_roadmap", "roadmap_not_approved", "no_director", "no_basis"],
)
def test_drafting_is_refused_and_changes_nothing(make, school, seed, snapshot, case):
    from nastavnik.extensions import db
    from nastavnik.models import School
    from nastavnik.tenants.regulation.models import LegalBasis
    from nastavnik.tenants.roadmap.models import Roadmap, RoadmapStatus

    with make.in_school(school) as session:
        if case == "no_roadmap":
            pass  # the order is put into force in a year with no roadmap
        elif case == "roadmap_not_approved":
            make._get(Roadmap, seed.roadmap.id).status = RoadmapStatus.DRAFT
        elif case == "no_director":
            session.execute(
                db.update(School).where(School.id == school.id).values(director_name="")
            )
        else:
            session.delete(session.execute(select(LegalBasis)).scalar_one())
    before = snapshot()
    with make.in_school(school), pytest.raises(Refusal) as refused:
        effective = EFFECTIVE.replace(year=YEAR + 1) if case == "no_roadmap" else EFFECTIVE
        target_model.draft(today(), effective, None)
    message = {
        "no_roadmap": "Дорожной карты на 2027/2028 учебный год ещё нет",
        "roadmap_not_approved": "не утверждена директором",
        "no_director": "не указан директор",
        "no_basis": "Заполните правовые основания",
    }[case]
    assert message in refused.value.message
    assert snapshot() == before


def test_signing_without_a_director_is_refused_and_changes_nothing(make, school, snapshot):
    from nastavnik.extensions import db
    from nastavnik.models import School

    order = _draft(make, school)
    with make.in_school(school) as session:
        session.execute(db.update(School).where(School.id == school.id).values(director_name=""))
    before = snapshot()
    with make.in_school(school), pytest.raises(Refusal, match="не указан директор"):
        target_model.sign(make._get(SchoolOrder, order.id), "90-од", today(), None)
    assert snapshot() == before


def test_the_year_of_the_order_is_that_of_its_entry_into_force():
    assert target_model.academic_year(date(YEAR, 8, 30)) == YEAR - 1
    assert target_model.academic_year(EFFECTIVE) == YEAR
