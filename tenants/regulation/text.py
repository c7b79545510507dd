"""The Regulation in force: the district's model text, with the school's amended sections (9.2)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from nastavnik.extensions import db
from nastavnik.refusals import Refusal

from . import model_text
from .models import SectionVersion

TEXT_MAX = 60_000


@dataclass(frozen=True)
class Section:
    number: int
    title: str
    paragraphs: tuple[str, ...]
    version: int  # 0: the district's model text
    amended_on: date | None = None

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


NUMBERS = tuple(n for n, _, _ in model_text.SECTIONS)


def title(school_name: str) -> str:
    return model_text.TITLE.format(school=school_name)


def model_sections(school_name: str) -> list[Section]:
    return [
        Section(n, t, tuple(p.format(school=school_name) for p in paras), 0)
        for n, t, paras in model_text.SECTIONS
    ]


def _latest() -> dict[int, SectionVersion]:
    newest = (
        select(SectionVersion.section, func.max(SectionVersion.version).label("v"))
        .group_by(SectionVersion.section)
        .subquery()
    )
    rows = db.session.execute(
        select(SectionVersion).join(
            newest,
            (SectionVersion.section == newest.c.section) & (SectionVersion.version == newest.c.v),
        )
    ).scalars()
    return {row.section: row for row in rows}


def paragraphs_of(text: str) -> tuple[str, ...]:
    return tuple(" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n") if p.strip())


def in_force(school_name: str) -> list[Section]:
    """Each section in its latest version: the school's amendment, else the model text."""
    latest = _latest()
    out = []
    for section in model_sections(school_name):
        amended = latest.get(section.number)
        if amended is None:
            out.append(section)
        else:
            out.append(
                Section(
                    section.number,
                    amended.title,
                    paragraphs_of(amended.text),
                    amended.version,
                    amended.created_at.date(),
                )
            )
    return out


def versions(number: int) -> list[SectionVersion]:
    return list(
        db.session.execute(
            select(SectionVersion)
            .where(SectionVersion.section == number)
            .order_by(SectionVersion.version.desc())
        ).scalars()
    )


def amend(number: int, title_: str, text: str, reason: str, school_name: str, by) -> SectionVersion:
    """A new version of a section (9.2: amended as new laws and local acts require)."""
    if number not in NUMBERS:
        raise Refusal("Такого раздела в Положении нет.")
    title_ = " ".join((title_ or "").split())
    if not title_:
        raise Refusal("Укажите название раздела.", field="title")
    if len(title_) > 300:
        raise Refusal("Название раздела — не длиннее 300 символов.", field="title")
    paragraphs = paragraphs_of(text or "")
    if not paragraphs:
        raise Refusal("Текст раздела не может быть пустым.", field="text")
    if len(text) > TEXT_MAX:
        raise Refusal(f"Текст раздела — не длиннее {TEXT_MAX} символов.", field="text")
    reason = " ".join((reason or "").split())
    if not reason:
        raise Refusal(
            "Укажите основание изменения (закон, нормативный или локальный акт).", field="reason"
        )
    current = next(s for s in in_force(school_name) if s.number == number)
    if current.title == title_ and current.paragraphs == paragraphs:
        raise Refusal("Текст раздела не изменился.", field="text")
    version = SectionVersion(
        section=number,
        version=current.version + 1,
        title=title_,
        text="\n\n".join(paragraphs),
        reason=reason,
        created_by_id=getattr(by, "id", None),
    )
    db.session.add(version)
    db.session.flush()
    return version
