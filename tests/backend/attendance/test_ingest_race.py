"""Concurrent deliveries of the same punches (a bridge retrying while its first request is still running,
or two bridges relaying one terminal): the unique constraint keeps one row per event id and exactly one
request reports each event CREATED; the others report DUPLICATE."""
from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

from backend.access.actor import Actor
from backend.attendance import ingest, pins
from backend.attendance.ingest import Outcome
from backend.attendance.models import ClockPunch
from backend.core import clock
from tests.factories.attendance import event_in, make_device
from tests.factories.org import make_company

SN = "CQZ7224460246"


async def test_eight_concurrent_deliveries_of_one_batch_store_each_punch_once(db):
    # given a batch of 50 punches and eight relays delivering it at the same time
    c = await make_company()
    await make_device(c.hr.actor, c.site, serial=SN)
    await pins.set_device_pins(c.hr.actor, [pins.PinRow(pin="1001", employee_id=str(c.employee.employee.id))])
    start = clock.now().replace(microsecond=0) - timedelta(hours=2)
    batch = [event_in(SN, "1001", start + timedelta(minutes=i)) for i in range(50)]
    bridge = Actor.bridge(c.org.id, bridge_id="suzhou-plant-1")
    # when
    replies = await asyncio.gather(*(ingest.ingest_clock_events(bridge, batch) for _ in range(8)))
    # then one row per event, and per event exactly one CREATED across all replies
    assert await ClockPunch.of(c.system).count() == 50
    created = Counter(r.event_id for reply in replies for r in reply if r.outcome is Outcome.CREATED)
    assert sorted(created.values()) == [1] * 50
    assert all(r.outcome in (Outcome.CREATED, Outcome.DUPLICATE) for reply in replies for r in reply)
