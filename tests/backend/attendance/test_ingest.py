"""Ingest of raw punches: created once, duplicates recognised, unknown devices and bad times rejected,
unknown PINs kept unmatched and re-matched later; device progress only moves forward; set-based."""
from __future__ import annotations

from datetime import timedelta

import pytest

from backend.access.actor import Actor
from backend.attendance import ingest, pins
from backend.attendance.ingest import DeviceStatusIn, Outcome
from backend.attendance.models import ClockDevice, ClockPunch
from backend.core import clock
from backend.core.errors import Forbidden, ValidationFailed
from tests.factories.attendance import event_in, make_device
from tests.factories.org import make_company

SN = "CQZ7224460246"


def _bridge(company) -> Actor:  # type: ignore[no-untyped-def]
    return Actor.bridge(company.org.id, bridge_id="suzhou-plant-1")


async def test_a_batch_is_created_once_and_then_duplicate(db):
    # given
    c = await make_company()
    await make_device(c.hr.actor, c.site, serial=SN)
    await pins.set_device_pins(c.hr.actor, [pins.PinRow(pin="1001", employee_id=str(c.employee.employee.id))])
    now = clock.now().replace(microsecond=0)
    batch = [event_in(SN, "1001", now), event_in(SN, "1001", now + timedelta(hours=9), direction="OUT")]
    # when
    first = await ingest.ingest_clock_events(_bridge(c), batch)
    again = await ingest.ingest_clock_events(_bridge(c), batch)
    # then
    assert [r.outcome for r in first] == [Outcome.CREATED, Outcome.CREATED]
    assert [r.outcome for r in again] == [Outcome.DUPLICATE, Outcome.DUPLICATE]
    stored = await ClockPunch.of(c.system).order_by("occurred_at")
    assert [(p.employee_id, p.direction, p.raw_text.split("\t")[0]) for p in stored] == \
        [(c.employee.employee.id, "IN", "1001"), (c.employee.employee.id, "OUT", "1001")]


async def test_unknown_devices_and_bad_times_are_rejected_for_good(db):
    # given
    c = await make_company()
    await make_device(c.hr.actor, c.site, serial=SN)
    now = clock.now()
    batch = [event_in("NOPE123", "1001", now), event_in(SN, "1001", now, occurredAt="2026-03-01 08:00:00"),
             event_in(SN, "1001", now, occurredAt="yesterday"), event_in(SN, "1002", now)]
    # when
    results = await ingest.ingest_clock_events(_bridge(c), batch)
    # then
    assert [(r.outcome, r.code, r.retryable) for r in results] == [
        (Outcome.REJECTED, "UNKNOWN_DEVICE", False), (Outcome.REJECTED, "INVALID_TIME", False),
        (Outcome.REJECTED, "INVALID_TIME", False), (Outcome.CREATED, None, False)]


async def test_an_unknown_pin_is_kept_unmatched_and_resolved_later(db):
    # given
    c = await make_company()
    await make_device(c.hr.actor, c.site, serial=SN)
    now = clock.now()
    await ingest.ingest_clock_events(_bridge(c), [event_in(SN, "777", now), event_in(SN, "777", now + timedelta(hours=8))])
    unmatched_before = await pins.unmatched_punches(c.hr.actor)
    # when
    resolved = await pins.resolve_unmatched_punches(c.hr.actor, pin="777", employee_id=str(c.peer.employee.id))
    # then
    assert [p.employee_pin for p in unmatched_before] == ["777", "777"]
    assert (resolved.saved, resolved.rematched) == (1, 2)
    assert await pins.unmatched_punches(c.hr.actor) == []
    assert await ClockPunch.of(c.system).filter(employee_id=c.peer.employee.id).count() == 2


async def test_bulk_pins_save_good_rows_and_report_bad_ones(db):
    # given
    c = await make_company()
    rows = [pins.PinRow("1", str(c.employee.employee.id)), pins.PinRow("bad pin", str(c.peer.employee.id)),
            pins.PinRow("2", "not-an-id"), pins.PinRow("1", str(c.peer.employee.id))]
    # when
    result = await pins.set_device_pins(c.hr.actor, rows)
    # then
    assert result.saved == 1
    assert [(e.index, e.field) for e in result.errors] == [(1, "pin"), (2, "employeeId"), (3, "pin")]
    assert [p.pin for p in await pins.list_device_pins(c.hr.actor)] == ["1"]


async def test_device_progress_never_moves_backwards(db):
    # given
    c = await make_company()
    await make_device(c.hr.actor, c.site, serial=SN)
    later, earlier = clock.now().replace(microsecond=0), clock.now().replace(microsecond=0) - timedelta(hours=1)
    # when
    await ingest.ingest_clock_events(_bridge(c), [], [DeviceStatusIn(SN, later.isoformat(), later.isoformat())])
    await ingest.ingest_clock_events(_bridge(c), [], [DeviceStatusIn(SN, earlier.isoformat(), earlier.isoformat())])
    # then
    device = await ClockDevice.of(c.system).get(serial=SN)
    assert (device.last_seen_at, device.synced_through) == (later, later)


async def test_more_than_100_events_and_non_bridges_are_refused(db):
    # given
    c = await make_company()
    now = clock.now()
    too_many = [event_in(SN, str(i), now) for i in range(101)]
    # when / then
    with pytest.raises(ValidationFailed):
        await ingest.ingest_clock_events(_bridge(c), too_many)
    with pytest.raises(Forbidden):
        await ingest.ingest_clock_events(c.hr.actor, too_many[:1])


async def test_a_batch_costs_the_same_statements_for_few_and_many(db, count_queries):
    # given
    c = await make_company()
    await make_device(c.hr.actor, c.site, serial=SN)
    now = clock.now()

    async def cost(n: int, offset: int) -> int:
        batch = [event_in(SN, str(1000 + i), now + timedelta(minutes=offset + i)) for i in range(n)]
        before = count_queries.count
        results = await ingest.ingest_clock_events(_bridge(c), batch, [DeviceStatusIn(SN, now.isoformat(), None)])
        assert all(r.outcome == Outcome.CREATED for r in results)
        return int(count_queries.count - before)
    # when
    few, many = await cost(2, 0), await cost(100, 500)
    # then
    assert few == many
