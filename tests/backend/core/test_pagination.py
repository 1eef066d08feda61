"""Keyset pagination: opaque cursors, pages ordered by (key, id), ascending and descending."""
from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from backend.audit import service as audit
from backend.audit.models import AuditEntry
from backend.core import clock
from backend.core.errors import ValidationFailed
from backend.core.pagination import MAX_PAGE, decode_cursor, encode_cursor, paginate
from backend.org.models import Site
from tests.factories.org import make_org


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


async def _walk(query, *, key: str, descending: bool = False, first: int = 2) -> list:
    rows, after = [], None
    while True:
        page = await paginate(query, first=first, after=after, key=key, descending=descending)
        rows.extend(page.items)
        if not page.has_next:
            return rows
        after = page.end_cursor


def test_a_cursor_round_trips_its_value_and_id():
    # given
    pk = uuid.uuid4()
    # when
    cursor = encode_cursor("张伟 Zhang", pk)
    # then
    assert decode_cursor(cursor) == ("张伟 Zhang", str(pk))
    assert "=" not in cursor and "张" not in cursor


def test_a_datetime_cursor_carries_an_iso_timestamp():
    # given
    moment = datetime(2024, 3, 1, 8, 30, 15, 123456, tzinfo=UTC)
    # when
    value, _ = decode_cursor(encode_cursor(moment, uuid.uuid4()))
    # then
    assert datetime.fromisoformat(value) == moment


@pytest.mark.parametrize("cursor", [
    "%%%not-base64%%%", _b64(b"not json"), _b64(b"42"), _b64(b'["a", "b", "c"]'), _b64(b"null"), "",
], ids=["not-base64", "not-json", "a-number", "three-items", "null", "empty"])
def test_an_invalid_cursor_is_a_validation_error_on_after(cursor):
    # when / then
    with pytest.raises(ValidationFailed) as refused:
        decode_cursor(cursor)
    assert refused.value.field == "after"


@pytest.mark.parametrize("cursor", [
    encode_cursor("Plant", "not-a-uuid"), _b64(json.dumps("ab").encode()), _b64(json.dumps([["Plant"], str(uuid.uuid4())]).encode()),
], ids=["id-not-a-uuid", "two-letter-string", "value-not-a-scalar"])
async def test_a_tampered_cursor_is_a_validation_error_on_after(db, cursor):
    # given
    _, system = await make_org()
    await Site.create_for(system, name="Plant", time_zone="Asia/Shanghai")
    # when / then
    with pytest.raises(ValidationFailed) as refused:
        await paginate(Site.of(system), first=10, after=cursor, key="name")
    assert refused.value.field == "after"


async def test_a_cursor_with_a_non_date_value_on_a_date_key_is_a_validation_error(db):
    # given
    _, system = await make_org()
    await audit.record(system, action="thing.done", entity_type="thing", entity_id="1")
    # when / then
    with pytest.raises(ValidationFailed) as refused:
        await paginate(AuditEntry.of(system), first=10, after=encode_cursor("yesterday", uuid.uuid4()), key="at", descending=True)
    assert refused.value.field == "after"


@pytest.mark.parametrize("first", [0, -1, MAX_PAGE + 1])
async def test_first_out_of_range_is_a_validation_error(db, first):
    # given
    _, system = await make_org()
    # when / then
    with pytest.raises(ValidationFailed) as refused:
        await paginate(Site.of(system), first=first, after=None, key="name")
    assert refused.value.field == "first"


async def test_pages_follow_the_key_then_the_id_without_gaps_or_repeats(db):
    # given names with ties
    _, system = await make_org()
    for name in ["Beta", "Alpha", "Beta", "Gamma", "Beta", "Alpha", "Delta"]:
        await Site.create_for(system, name=name, time_zone="Asia/Shanghai")
    expected = sorted(await Site.of(system), key=lambda s: (s.name, str(s.id)))
    # when
    walked = await _walk(Site.of(system), key="name")
    # then
    assert [s.id for s in walked] == [s.id for s in expected]


async def test_every_page_counts_all_matching_rows(db):
    # given
    _, system = await make_org()
    for name in ["A", "B", "C"]:
        await Site.create_for(system, name=name, time_zone="UTC")
    # when
    first = await paginate(Site.of(system), first=2, after=None, key="name")
    last = await paginate(Site.of(system), first=2, after=first.end_cursor, key="name")
    # then
    assert (first.total_count, first.has_next, len(first.items)) == (3, True, 2)
    assert (last.total_count, last.has_next, [s.name for s in last.items]) == (3, False, ["C"])


async def test_an_empty_page_has_no_end_cursor(db):
    # given
    _, system = await make_org()
    # when
    page = await paginate(Site.of(system), first=5, after=None, key="name")
    # then
    assert (page.items, page.end_cursor, page.has_next, page.total_count) == ([], None, False, 0)


async def test_a_descending_datetime_key_pages_newest_first(db):
    # given entries at whole and fractional seconds, two of them at the same instant
    _, system = await make_org()
    base = datetime(2024, 6, 1, 9, 0, tzinfo=UTC)
    offsets = [timedelta(0), timedelta(seconds=1), timedelta(seconds=1), timedelta(seconds=1, microseconds=500),
               timedelta(minutes=5), timedelta(days=1)]
    for i, offset in enumerate(offsets):
        with clock.frozen_at(base + offset):
            await audit.record(system, action="thing.done", entity_type="thing", entity_id=str(i))
    expected = sorted(await AuditEntry.of(system), key=lambda e: (e.at, str(e.id)), reverse=True)
    # when
    walked = await _walk(AuditEntry.of(system), key="at", descending=True)
    # then
    assert [e.id for e in walked] == [e.id for e in expected]
    assert [e.entity_id for e in walked][:2] == ["5", "4"]
