"""iCalendar rendering: structure, UTC times, TEXT escaping and 75-octet line folding."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from backend.rewards import ics

SHANGHAI = timezone(timedelta(hours=8))


def _event(**overrides) -> ics.Event:
    values = {"uid": "meeting-1@seen", "stamp": datetime(2026, 11, 18, 6, 0, tzinfo=UTC),
              "starts_at": datetime(2026, 11, 25, 12, 0, tzinfo=SHANGHAI),
              "ends_at": datetime(2026, 11, 25, 13, 0, tzinfo=SHANGHAI), "summary": "Lunch 1:1 with the CEO"}
    values.update(overrides)
    return ics.Event(**values)


def test_an_event_renders_as_a_complete_calendar_with_crlf_lines():
    # when
    text = ics.render(_event(location="CEO office", organizer=ics.Person("ceo@example.test", "Wang Lei"),
                             attendees=[ics.Person("li@example.test", "Li Na")]))
    # then
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert text.split("\r\n")[:-1] == [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Seen//Reward pool//EN", "CALSCALE:GREGORIAN", "BEGIN:VEVENT",
        "UID:meeting-1@seen", "DTSTAMP:20261118T060000Z", "DTSTART:20261125T040000Z", "DTEND:20261125T050000Z",
        "SUMMARY:Lunch 1:1 with the CEO", "LOCATION:CEO office", 'ORGANIZER;CN="Wang Lei":mailto:ceo@example.test',
        'ATTENDEE;CN="Li Na";ROLE=REQ-PARTICIPANT:mailto:li@example.test', "STATUS:CONFIRMED", "END:VEVENT",
        "END:VCALENDAR"]


def test_people_without_a_usable_email_are_left_out():
    # when
    text = ics.render(_event(organizer=ics.Person("", "Wang Lei"),
                             attendees=[ics.Person("bad\r\nATTENDEE:mailto:x@y", "X"), ics.Person("no-at-sign")]))
    # then
    assert "ORGANIZER" not in text and "ATTENDEE" not in text


def test_a_quote_in_a_name_cannot_break_out_of_its_parameter():
    # when
    text = ics.render(_event(attendees=[ics.Person("li@example.test", 'Li "Boss"; Na')]))
    # then
    assert 'ATTENDEE;CN="Li Boss; Na";ROLE=REQ-PARTICIPANT:mailto:li@example.test' in text.split("\r\n")


def test_naive_times_are_refused():
    # when / then
    with pytest.raises(ValueError):
        ics.render(_event(starts_at=datetime(2026, 11, 25, 12, 0)))


@pytest.mark.parametrize(("raw", "escaped"), [
    ("plain", "plain"),
    ("a,b", "a\\,b"),
    ("a;b", "a\\;b"),
    ("C:\\path", "C:\\\\path"),
    ("line one\nline two", "line one\\nline two"),
    ("windows\r\nline", "windows\\nline"),
    ("old mac\rline", "old mac\\nline"),
    ("\\,;", "\\\\\\,\\;"),
    ("午餐：聊想法，提问题", "午餐：聊想法，提问题"),  # full-width punctuation is not special
])
def test_text_values_are_escaped(raw, escaped):
    # when / then
    assert ics.escape_text(raw) == escaped


@pytest.mark.parametrize(("line", "pieces"), [
    ("A" * 75, ["A" * 75]),
    ("A" * 76, ["A" * 75, " A"]),
    ("A" * 149, ["A" * 75, " " + "A" * 74]),
    ("A" * 150, ["A" * 75, " " + "A" * 74, " A"]),
    # 3-octet characters: 25 fill 75 octets; a character is never split across lines
    ("中" * 26, ["中" * 25, " 中"]),
    ("A" + "中" * 25, ["A" + "中" * 24, " 中"]),
])
def test_long_lines_fold_at_75_octets(line, pieces):
    # when
    folded = ics.fold(line)
    # then
    assert folded.split("\r\n") == pieces
    assert all(len(p.encode()) <= 75 for p in pieces)
    assert folded.replace("\r\n ", "") == line


def test_a_long_summary_is_folded_in_the_rendered_file():
    # given
    summary = "与 CEO 共进午餐 1:1 · " + "很长的标题" * 10
    # when
    text = ics.render(_event(summary=summary))
    # then every physical line fits and unfolding gives the escaped value back
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert f"SUMMARY:{summary}" in text.replace("\r\n ", "").split("\r\n")
