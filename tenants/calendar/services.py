"""A person's private calendar feed (.ics) of the deadlines of their program activities.

The address carries a secret token: whoever has it sees the person's planned activities, so
the person can revoke it (and get a new one) at any time. The iCalendar text (RFC 5545) is
written here by hand: a few properties need no library.
"""

import secrets
from datetime import date, timedelta

from sqlalchemy import select

from nastavnik.extensions import db
from nastavnik.models import Account, utcnow
from nastavnik.tenants.home.services import planned_activities, staff_of

from .models import CalendarFeed

LINE_OCTETS = 75  # RFC 5545 3.1: a content line longer than this is folded
CRLF = "\r\n"


def active_feed(account: Account) -> CalendarFeed | None:
    return db.session.execute(
        select(CalendarFeed)
        .where(CalendarFeed.account_id == account.id, CalendarFeed.revoked_at.is_(None))
        .order_by(CalendarFeed.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def revoke_feed(account: Account) -> bool:
    """Revokes the person's address; False when there was none to revoke."""
    feeds = db.session.execute(
        select(CalendarFeed).where(
            CalendarFeed.account_id == account.id, CalendarFeed.revoked_at.is_(None)
        )
    ).scalars()
    now, revoked = utcnow(), False
    for feed in feeds:
        feed.revoked_at, revoked = now, True
    db.session.flush()
    return revoked


def create_feed(account: Account) -> CalendarFeed:
    """A new secret address; any previous one stops working."""
    revoke_feed(account)
    feed = CalendarFeed(account_id=account.id, token=secrets.token_urlsafe(32))
    db.session.add(feed)
    db.session.flush()
    return feed


def feed_for(token: str) -> CalendarFeed | None:
    """The live feed of this token in the bound school; None if unknown or revoked."""
    return db.session.execute(
        select(CalendarFeed).where(CalendarFeed.token == token, CalendarFeed.revoked_at.is_(None))
    ).scalar_one_or_none()


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    # Other control characters may not appear in a content line (3.1); a tab may.
    return "".join(c for c in value if c == "\t" or (ord(c) >= 0x20 and ord(c) != 0x7F))


def fold(line: str) -> str:
    """Splits a content line into pieces of at most 75 octets, never inside a character."""
    pieces, current, size = [], [], 0
    for char in line:
        octets = len(char.encode("utf-8"))
        # A continuation line starts with one space, which counts towards its 75 octets.
        limit = LINE_OCTETS if not pieces else LINE_OCTETS - 1
        if size + octets > limit:
            pieces.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += octets
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces)


def ics_for(account: Account, school_slug: str, today: date) -> str:
    """The person's planned activities of their active programs, one all-day event each."""
    staff = staff_of(account.id)
    rows = db.session.execute(planned_activities(staff.id)).all() if staff else []
    stamp = f"{today:%Y%m%d}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Наставник//Мероприятия программ наставничества//RU",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + escape_text("Наставник: сроки мероприятий"),
    ]
    for activity, program in rows:
        lines += [
            "BEGIN:VEVENT",
            f"UID:activity-{activity.id}@{school_slug}.nastavnik",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{activity.due_on:%Y%m%d}",
            f"DTEND;VALUE=DATE:{activity.due_on + timedelta(days=1):%Y%m%d}",
            "SUMMARY:" + escape_text(activity.title),
            "DESCRIPTION:" + escape_text(f"Программа наставничества: {program.title}"),
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
