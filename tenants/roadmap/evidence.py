"""What later features show as the evidence of a roadmap activity (an event that fulfilled it).

The events feature sits above the roadmap in the order of the year: it answers `EVIDENCE` from
its blueprint (nastavnik.hooks) with `{activity id: [Record, …]}` for the ids it is given.
"""

from nastavnik.hooks import Hook

from .progress import Record

EVIDENCE = Hook("roadmap.evidence")


def evidence_of(activity_ids) -> dict[int, list[Record]]:
    ids = list(activity_ids)
    out: dict[int, list[Record]] = {}
    for answer in EVIDENCE.answers():
        for activity_id, records in answer(ids).items():
            out.setdefault(activity_id, []).extend(records)
    return out
