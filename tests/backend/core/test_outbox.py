"""The outbox: events commit with their transaction, drain after commit, and a lost drain is
recovered by the sweep."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, ClassVar

import pytest

from backend import event_handlers
from backend.access.actor import Actor
from backend.core import clock, db as core_db, jobs, outbox
from backend.core.events import DomainEvent, RecordedEvent
from backend.core.models import OutboxEvent
from tests.factories.org import make_org
from workers.settings import in_process_jobs


@dataclass(frozen=True, slots=True)
class ThingHappened(DomainEvent):
    type: ClassVar[str] = "test.thing_happened"
    thing: str


@pytest.fixture
def received(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Actor, dict[str, Any]]]:
    calls: list[tuple[Actor, dict[str, Any]]] = []

    async def handler(actor: Actor, event: RecordedEvent) -> None:
        calls.append((actor, event.payload))

    monkeypatch.setitem(event_handlers.HANDLERS, ThingHappened.type, [handler])
    return calls


async def test_event_is_handled_after_commit_by_the_enqueued_drain(db, received):
    # given an in-process job runner
    runner = in_process_jobs()
    jobs.configure(runner)
    _, system = await make_org()
    # when a use case emits inside its transaction
    async with core_db.transaction():
        await outbox.emit(system, ThingHappened(thing="a"))
        assert received == []  # nothing runs before commit
    await runner.wait_idle()
    # then the handler ran once, as the organisation's system actor
    assert [(a.tenant_id, p) for a, p in received] == [(system.tenant_id, {"thing": "a"})]
    assert await outbox.pending_count() == 0


async def test_rolled_back_transaction_leaves_no_event_and_enqueues_nothing(db, received):
    # given
    runner = in_process_jobs()
    jobs.configure(runner)
    _, system = await make_org()
    # when
    with pytest.raises(RuntimeError):
        async with core_db.transaction():
            await outbox.emit(system, ThingHappened(thing="b"))
            raise RuntimeError("use case failed")
    await runner.wait_idle()
    # then
    assert await OutboxEvent.all().count() == 0
    assert received == []


async def test_crash_between_commit_and_enqueue_is_recovered_by_the_sweep(db, received):
    # given a commit whose drain was never enqueued (no job backend: the process died)
    _, system = await make_org()
    async with core_db.transaction():
        await outbox.emit(system, ThingHappened(thing="c"))
    assert await outbox.pending_count() == 1
    # when the sweep runs before the event is old enough, it leaves it to the normal drain
    assert await event_handlers.sweep() == 0
    # and once it is older than the sweep threshold
    later = clock.now() + timedelta(seconds=outbox.SWEEP_AFTER_SECONDS + 1)
    with clock.frozen_at(later):
        swept = await event_handlers.sweep()
    # then it is dispatched exactly once
    assert swept == 1
    assert [p for _, p in received] == [{"thing": "c"}]
    assert await outbox.pending_count() == 0


async def test_failing_handler_keeps_the_event_for_a_retry(db, monkeypatch):
    # given a handler that fails once
    attempts: list[str] = []

    async def flaky(actor: Actor, event: RecordedEvent) -> None:
        attempts.append(event.payload["thing"])
        if len(attempts) == 1:
            raise ValueError("downstream unavailable")

    monkeypatch.setitem(event_handlers.HANDLERS, ThingHappened.type, [flaky])
    _, system = await make_org()
    async with core_db.transaction():
        await outbox.emit(system, ThingHappened(thing="d"))
    # when drained, then drained again after the claim expired
    assert await event_handlers.drain() == 0
    row = await OutboxEvent.get()
    assert row.dispatched_at is None and "downstream unavailable" in (row.last_error or "")
    with clock.frozen_at(clock.now() + timedelta(seconds=outbox.CLAIM_SECONDS + 1)):
        assert await event_handlers.drain() == 1
    # then
    assert attempts == ["d", "d"]
    assert (await OutboxEvent.get()).attempts == 2


async def test_a_claimed_event_is_not_claimed_again_by_a_concurrent_drain(db, received):
    # given
    _, system = await make_org()
    async with core_db.transaction():
        await outbox.emit(system, ThingHappened(thing="e"))
    # when two drains claim
    first = await outbox.claim_batch()
    second = await outbox.claim_batch()
    # then only the first got it
    assert len(first) == 1 and second == []


async def test_after_commit_outside_a_transaction_is_refused(db):
    with pytest.raises(RuntimeError):
        core_db.after_commit(lambda: None)  # type: ignore[arg-type, return-value]


async def test_a_dedupe_key_records_the_event_once(db):
    # given an organisation and a cron-made event emitted twice with the same key
    _, system = await make_org()
    async with core_db.transaction():
        first = await outbox.emit(system, ThingHappened(thing="birthday"), dedupe_key="birthday:e1:2026")
        second = await outbox.emit(system, ThingHappened(thing="birthday"), dedupe_key="birthday:e1:2026")
        other = await outbox.emit(system, ThingHappened(thing="birthday"), dedupe_key="birthday:e2:2026")
    # then only the first of the same key was recorded, and the transaction survived the duplicate
    assert first is not None and second is None and other is not None
    assert await OutboxEvent.filter(type=ThingHappened.type).count() == 2


async def test_history_returns_one_organisations_events_in_the_window(db):
    # given events in two organisations
    _, mine = await make_org()
    _, theirs = await make_org()
    async with core_db.transaction():
        await outbox.emit(mine, ThingHappened(thing="mine"))
        await outbox.emit(theirs, ThingHappened(thing="theirs"))
    now = clock.now()
    # when one organisation reads its history
    events = await outbox.history(mine, [ThingHappened.type], since=now - timedelta(hours=1), until=now + timedelta(seconds=1))
    # then it sees only its own
    assert [e.payload["thing"] for e in events] == ["mine"]
