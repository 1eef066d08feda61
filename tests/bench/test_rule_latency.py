"""How long from the commit of a kudos to the rule's award notification in the inbox, with the arq
worker running on real Redis: the product promises "within a minute". Baseline in the same run:
the same worker's commit → handler round trip for an event with no work, so the ratio shows what
the rules engine adds. Run with `make bench`; nothing here asserts wall time."""
from __future__ import annotations

import asyncio
import statistics
import time
import uuid
from dataclasses import dataclass
from typing import Any, ClassVar

import pytest
from arq.connections import RedisSettings, create_pool
from arq.worker import Worker

from backend import event_handlers
from backend.access.actor import Actor
from backend.core import db as core_db
from backend.core import jobs, outbox
from backend.core.events import DomainEvent, RecordedEvent
from backend.notifications.models import Notification
from backend.recognition import kudos
from backend.rules import service as rules
from tests.factories.org import make_company
from workers.settings import FUNCTIONS

pytestmark = pytest.mark.bench
ROUNDS = 20


@dataclass(frozen=True, slots=True)
class Nudged(DomainEvent):
    type: ClassVar[str] = "bench.nudged"
    n: int


async def _until(check: Any, timeout: float = 60.0) -> float:
    start = time.perf_counter()
    while not await check():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("nothing arrived within a minute")
        await asyncio.sleep(0.005)
    return time.perf_counter() - start


def _summary(name: str, seconds: list[float]) -> float:
    ordered = sorted(seconds)
    p50, p95 = statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]
    print(f"{name:<34} p50 {p50 * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   max {ordered[-1] * 1000:7.1f} ms")
    return p50


async def test_commit_to_rule_notification_latency(db, redis_url, monkeypatch):
    # given a running arq worker, a rule "kudos received -> 5 points", and a no-op event for the baseline
    pool = await create_pool(RedisSettings.from_dsn(redis_url))
    await pool.flushdb()
    seen: set[int] = set()

    async def nudged(actor: Actor, event: RecordedEvent) -> None:
        seen.add(int(event.payload["n"]))

    monkeypatch.setitem(event_handlers.HANDLERS, Nudged.type, [nudged])
    backend = jobs.ArqJobs(redis_url)
    jobs.configure(backend)
    company = await make_company()
    await rules.create_rule(company.hr.actor, name="Kudos +5", trigger="kudos_received", conditions=None,
                            awards={"points": 5}, active=True)
    worker = Worker(functions=FUNCTIONS, redis_settings=RedisSettings.from_dsn(redis_url), burst=False, keep_result=0,
                    poll_delay=0.01, handle_signals=False)
    running = asyncio.create_task(worker.async_run())
    baseline, kudos_to_award = [], []
    try:
        for n in range(ROUNDS):
            # when a bare event commits (baseline) ...
            async with core_db.transaction():
                await outbox.emit(company.system, Nudged(n=n))
            baseline.append(await _until(lambda: _true(n in seen)))
            # ... and when a kudos commits, until the rule's notification is in the inbox
            given = await kudos.give_kudos(company.employee.actor, receiver_id=company.peer.employee.id, points=0,
                                           message=f"thanks {n}", client_key=uuid.uuid4().hex)
            kudos_to_award.append(await _until(lambda: Notification.of(company.system).filter(
                recipient_id=company.peer.employee.id, kind="rule_award", created_at__gte=given.created_at).exists()))
    finally:
        running.cancel()
        await worker.close()
        await backend.close()
        await pool.flushdb()
        await pool.aclose()
    # then: figures and the ratio (the promise is under 60 s)
    print(f"\n[{db.backend}] {ROUNDS} rounds, arq worker on Redis, poll delay 10 ms")
    base = _summary("baseline: commit -> handler", baseline)
    rule = _summary("kudos commit -> rule notification", kudos_to_award)
    print(f"ratio rule/baseline (p50): {rule / base:.2f}x; worst case {max(kudos_to_award):.3f} s of the 60 s budget")
    assert len(kudos_to_award) == ROUNDS


async def _true(value: bool) -> bool:
    return value
