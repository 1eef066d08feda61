"""RFC 5545 iCalendar rendering of one VEVENT (a CEO 1:1): UTC times, TEXT escaping, CRLF lines folded
at 75 octets. Pure: no I/O, no clock (the caller passes DTSTAMP)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

PRODID = "-//Seen//Reward pool//EN"
LIMIT = 75  # octets per line, excluding the CRLF (RFC 5545 §3.1)


@dataclass(frozen=True, slots=True)
class Person:
    email: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    uid: str
    stamp: datetime
    starts_at: datetime
    ends_at: datetime
    summary: str
    location: str = ""
    description: str = ""
    organizer: Person | None = None
    attendees: Sequence[Person] = ()
    status: str = "CONFIRMED"  # or "TENTATIVE" while the request waits for approval


def render(event: Event) -> str:
    """A complete VCALENDAR with one VEVENT. Raises ValueError for naive datetimes."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "BEGIN:VEVENT",
             f"UID:{escape_text(event.uid)}", f"DTSTAMP:{utc(event.stamp)}", f"DTSTART:{utc(event.starts_at)}",
             f"DTEND:{utc(event.ends_at)}", f"SUMMARY:{escape_text(event.summary)}"]
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.organizer is not None and _mailable(event.organizer):
        lines.append(f"ORGANIZER{_cn(event.organizer)}:mailto:{event.organizer.email}")
    lines += [f"ATTENDEE{_cn(p)};ROLE=REQ-PARTICIPANT:mailto:{p.email}" for p in event.attendees if _mailable(p)]
    lines += [f"STATUS:{event.status}", "END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)


def utc(moment: datetime) -> str:
    """A DATE-TIME in UTC form: 20261201T040000Z."""
    if moment.tzinfo is None:
        raise ValueError("iCalendar times must be aware datetimes")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def escape_text(value: str) -> str:
    """TEXT value escaping (§3.3.11): backslash, semicolon, comma, and any newline as \\n."""
    escaped = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return escaped.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def _mailable(person: Person) -> bool:
    # An address with a space, control character or quote could break out of its line: leave it out.
    email = person.email
    return "@" in email and all(c.isprintable() and not c.isspace() and c not in '"<>' for c in email)


def _cn(person: Person) -> str:
    # A parameter value cannot hold DQUOTE or control characters; quoted, it may hold ":;,".
    name = "".join(c for c in person.name if c != '"' and c.isprintable())
    return f';CN="{name}"' if name else ""


def fold(line: str) -> str:
    """Splits a content line into lines of at most 75 octets joined by CRLF + space, never inside a
    UTF-8 character. The leading space of a continuation line counts toward its 75."""
    parts: list[str] = []
    current, size, limit = "", 0, LIMIT
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, LIMIT - 1
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)
