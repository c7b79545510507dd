"""Search by Russian words, stemmed: «наставнику» finds «наставник».

PostgreSQL: the 'russian' text-search configuration over a tsvector column kept by the service.
SQLite: an FTS5 table of the words stemmed by snowballstemmer (the same Snowball stemmers
PostgreSQL uses), kept in step by the service. A query is cut down to plain words on both, so
no SQL or FTS operator ever reaches the database.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import snowballstemmer
from sqlalchemy import DDL, event, func, text

from nastavnik.extensions import db

from .models import Practice
from .text import plain

MAX_QUERY = 200  # characters
MAX_WORDS = 12
_WORD = re.compile(r"[^\W_]+")
_OPERATOR_WORDS = {"AND", "OR", "NOT", "NEAR"}
_RUSSIAN = snowballstemmer.stemmer("russian")
_ENGLISH = snowballstemmer.stemmer("english")  # PostgreSQL's 'russian' stems Latin words so

# The stop words PostgreSQL's 'russian' configuration leaves out (Snowball's lists, as PostgreSQL
# ships them): left out of every query here too, so both databases answer the same.
_STOP = frozenset(
    word.strip()
    for name in ("russian.stop", "english.stop")
    for word in (Path(__file__).parent / "data" / name).read_text("utf-8").split()
)

FTS_TABLE = "practice_fts"
CREATE_FTS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} "
    "USING fts5(stems, tokenize='unicode61 remove_diacritics 0')"
)
DROP_FTS = f"DROP TABLE IF EXISTS {FTS_TABLE}"

# The schema made from the models (tests, `db.create_all`) gets the FTS5 table on SQLite too.
event.listen(Practice.__table__, "after_create", DDL(CREATE_FTS).execute_if(dialect="sqlite"))
event.listen(Practice.__table__, "before_drop", DDL(DROP_FTS).execute_if(dialect="sqlite"))


@dataclass
class Query:
    """What a search string comes down to: its words, and what was left out, in Russian."""

    words: list[str] = field(default_factory=list)
    notice: str = ""

    def __bool__(self) -> bool:
        return bool(self.words)


def parse(raw: str | None) -> Query:
    raw = (raw or "").strip()
    if not raw:
        return Query()
    if len(raw) > MAX_QUERY:
        return Query(notice=f"Запрос слишком длинный: не больше {MAX_QUERY} знаков. Сократите его.")
    words = [w for w in _WORD.findall(raw) if w not in _OPERATOR_WORDS]
    notice = ""
    if not re.fullmatch(r"[\w\s]*", raw) or len(words) != len(_WORD.findall(raw)):
        notice = "Знаки и операторы поиска не учитываются: ищем по словам."
    if len(words) > MAX_WORDS:
        words = words[:MAX_WORDS]
        notice = f"Ищем по первым {MAX_WORDS} словам запроса."
    if not words:
        return Query(notice=notice or "В запросе нет слов для поиска.")
    meaningful = [w.lower() for w in words if w.lower() not in _STOP]
    if not meaningful:
        return Query(notice="В запросе только служебные слова: добавьте слово по существу.")
    return Query(words=meaningful, notice=notice)


def stem(word: str) -> str:
    word = word.lower()
    return (_ENGLISH if word.isascii() else _RUSSIAN).stemWord(word)


def _stems(words) -> list[str]:
    return [s for s in (stem(w) for w in words) if s]


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def document_of(practice: Practice) -> str:
    return "\n".join((practice.title or "", practice.summary or "", plain(practice.body)))


def index(practice: Practice) -> None:
    """Keeps the practice's search entry in step with its text (called by the service)."""
    document = document_of(practice)
    if _dialect() == "postgresql":
        practice.search_vector = func.to_tsvector("russian", document)
        db.session.flush()
        return
    stems = " ".join(_stems(_WORD.findall(document)))
    db.session.execute(text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :id"), {"id": practice.id})  # noqa: S608
    db.session.execute(
        text(f"INSERT INTO {FTS_TABLE} (rowid, stems) VALUES (:id, :stems)"),  # noqa: S608
        {"id": practice.id, "stems": stems},
    )


def condition(query: Query):
    """A condition on Practice that the scoped ORM query adds: the practices with every word."""
    if _dialect() == "postgresql":
        # Plain words only (parse), joined by AND: nothing of to_tsquery's syntax gets through.
        tsquery = " & ".join(query.words)
        return Practice.search_vector.op("@@")(func.to_tsquery("russian", tsquery))
    match = " ".join(f'"{s}"' for s in _stems(query.words))
    ids = db.session.execute(
        text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match"),  # noqa: S608
        {"match": match},
    ).scalars()
    return Practice.id.in_(list(ids))
