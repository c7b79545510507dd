"""The library «Лучшие практики»: what every school and the public read.

The public pages belong to no school, so they read across schools explicitly (`all_schools()`,
read-only) and only what is published: the shared practices, and a school's published ones.
`shared_practices()` and `public_practices_of_school()` answer the school's public section too.
"""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select, update

from nastavnik.dates import today
from nastavnik.extensions import db
from nastavnik.models import School
from nastavnik.tenancy import Scope, all_schools, scoped
from nastavnik.tenants.vocabulary import Area, MentoringForm

from . import search
from .authors import public_names
from .models import PUBLIC_STATUSES, Practice, PracticeFile, PracticeStatus


@dataclass(frozen=True)
class FileLink:
    id: int
    filename: str
    size: int


@dataclass(frozen=True)
class PracticeCard:
    """A practice as the public sees it: no draft state, no people but consenting authors."""

    id: int
    school_id: int
    school_name: str
    title: str
    summary: str
    body: str
    forms: tuple[str, ...]
    areas: tuple[str, ...]
    year: int
    year_label: str
    status: PracticeStatus
    authors: list[str]
    views: int
    shared_at: datetime | None
    files: list[FileLink] = field(default_factory=list)

    @property
    def form_labels(self) -> list[str]:
        return [MentoringForm(c).label for c in self.forms if MentoringForm.parse(c)]

    @property
    def area_labels(self) -> list[str]:
        return [Area(c).label for c in self.areas if Area.parse(c)]


ORDERS = {"new": "Сначала новые", "popular": "Сначала популярные"}


def _cards(statement, with_files: bool = False) -> list[PracticeCard]:
    practices = list(db.session.execute(statement).scalars())
    ids = [p.id for p in practices]
    names = public_names(ids, today())
    schools = {
        s.id: s.short_name
        for s in db.session.execute(
            select(School).where(School.id.in_({p.school_id for p in practices}))
        ).scalars()
    }
    files: dict[int, list[FileLink]] = {i: [] for i in ids}
    if with_files and ids:
        for link in db.session.execute(
            select(PracticeFile).where(PracticeFile.practice_id.in_(ids)).order_by(PracticeFile.id)
        ).scalars():
            files[link.practice_id].append(
                FileLink(link.id, link.stored.filename, link.stored.size)
            )
    return [
        PracticeCard(
            id=p.id,
            school_id=p.school_id,
            school_name=schools.get(p.school_id, ""),
            title=p.title,
            summary=p.summary,
            body=p.body,
            forms=tuple(p.forms),
            areas=tuple(p.areas),
            year=p.year,
            year_label=p.year_label,
            status=p.status,
            authors=names[p.id],
            views=p.views,
            shared_at=p.shared_at,
            files=files[p.id],
        )
        for p in practices
    ]


def shared_practices(
    query: "search.Query | None" = None,
    form: str | None = None,
    area: str | None = None,
    school_id: int | None = None,
    year: int | None = None,
    order: str = "new",
) -> list[PracticeCard]:
    """The practices the district shared with all schools, filtered, newest (or most read) first."""
    with all_schools():
        statement = select(Practice).where(Practice.status == PracticeStatus.SHARED)
        if query:
            statement = statement.where(search.condition(query))
        if school_id:
            statement = statement.where(Practice.school_id == school_id)
        if year:
            statement = statement.where(Practice.year == year)
        if order == "popular":
            statement = statement.order_by(Practice.views.desc(), Practice.id.desc())
        else:
            statement = statement.order_by(Practice.shared_at.desc(), Practice.id.desc())
        cards = _cards(statement)
    # Forms and areas are short code lists in one column: matched exactly, here.
    return [c for c in cards if (not form or form in c.forms) and (not area or area in c.areas)]


def public_practices_of_school(school_id: int) -> list[PracticeCard]:
    """A school's practices that anyone may read: published in the school, or shared."""
    with all_schools():
        statement = (
            select(Practice)
            .where(Practice.school_id == school_id, Practice.status.in_(PUBLIC_STATUSES))
            .order_by(Practice.updated_at.desc(), Practice.id.desc())
        )
        return _cards(statement)


def public_practice(practice_id: int) -> PracticeCard | None:
    """One practice anyone may read, with its files; None when it is not public."""
    with all_schools():
        statement = select(Practice).where(
            Practice.id == practice_id, Practice.status.in_(PUBLIC_STATUSES)
        )
        cards = _cards(statement, with_files=True)
    return cards[0] if cards else None


def public_file(practice_id: int, link_id: int):
    """The stored file of a public practice, or None."""
    with all_schools():
        link = db.session.execute(
            select(PracticeFile)
            .join(
                Practice,
                (Practice.id == PracticeFile.practice_id)
                & (Practice.school_id == PracticeFile.school_id),
            )
            .where(
                PracticeFile.id == link_id,
                PracticeFile.practice_id == practice_id,
                Practice.status.in_(PUBLIC_STATUSES),
            )
        ).scalar_one_or_none()
        return link.stored if link else None


def count_view(card: PracticeCard) -> None:
    """One more reading of the practice (the library orders by it), in its school's scope."""
    with scoped(Scope.school(card.school_id)):
        db.session.execute(
            update(Practice).where(Practice.id == card.id).values(views=Practice.views + 1)
        )


def filter_choices() -> dict:
    """What the library's filters offer: forms, areas, the schools and years that shared."""
    with all_schools():
        rows = db.session.execute(
            select(Practice.school_id, Practice.year).where(
                Practice.status == PracticeStatus.SHARED
            )
        ).all()
        school_ids = {r[0] for r in rows}
        schools = list(
            db.session.execute(
                select(School).where(School.id.in_(school_ids)).order_by(School.short_name)
            ).scalars()
        )
    return {
        "forms": MentoringForm.labels(),
        "areas": Area.labels(),
        "schools": [(s.id, s.short_name) for s in schools],
        "years": sorted({r[1] for r in rows}, reverse=True),
        "orders": ORDERS,
    }
