"""What a school's public section (Regulation 8.1) gathers from the features that keep it.

The public section sits high among a school's features and reads most of them directly; the
documents of features that come later (the Regulation and roadmap from the founding order, the
roadmap itself) are told to it here: such a feature answers `PUBLIC_DOCUMENTS` from its blueprint
with a callable that, run in the school's scope, returns the `PublicDocument`s its director has
made public. Only what is meant for anyone's eyes belongs in an answer: no drafts, no people.
"""

from dataclasses import dataclass
from datetime import date

from .hooks import Hook


@dataclass(frozen=True)
class PublicDocument:
    title: str
    number: str = ""
    signed_on: date | None = None
    # "federal", "regional", "district" or "school": the normative base is listed by level.
    level: str = "school"
    # An address anyone may open (a public download or page), or None: the entry only.
    url: str | None = None
    note: str = ""


# Answers: callables with no arguments, run under the school's scope → iterable of PublicDocument.
PUBLIC_DOCUMENTS = Hook("public-documents")
