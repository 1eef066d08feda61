"""Jobs through real Redis and a real arq worker: the same functions the in-process runner calls."""
from __future__ import annotations

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
from tests.factories.org import make_org
from workers.settings import FUNCTIONS


@dataclass(frozen=True, slots=True)
class Pinged(DomainEvent):
    type: ClassVar[str] = "test.pinged"
    n: int


@pytest.fixture
async def arq_redis(redis_url):
    pool = await create_pool(RedisSettings.from_dsn(redis_url))
    await pool.flushdb()
    yield redis_url
    await pool.flushdb()
    await pool.aclose()


def _worker(redis_url: str) -> Worker:
    # no on_startup: the test has connected the database already
    return Worker(functions=FUNCTIONS, redis_settings=RedisSettings.from_dsn(redis_url), burst=True,
                  keep_result=0, poll_delay=0.05, handle_signals=False)


async def test_event_committed_by_a_use_case_is_handled_by_the_arq_worker(db, arq_redis, monkeypatch):
    # given the production job backend and a handler
    handled: list[dict[str, Any]] = []

    async def handler(actor: Actor, event: RecordedEvent) -> None:
        handled.append(event.payload)

    monkeypatch.setitem(event_handlers.HANDLERS, Pinged.type, [handler])
    backend = jobs.ArqJobs(arq_redis)
    jobs.configure(backend)
    _, system = await make_org()
    # when a use case commits an event, and the worker runs what was queued
    async with core_db.transaction():
        await outbox.emit(system, Pinged(n=7))
    worker = _worker(arq_redis)
    try:
        await worker.main()
    finally:
        await worker.close()
        await backend.close()
    # then
    assert handled == [{"n": 7}]
    assert worker.jobs_complete >= 1 and worker.jobs_failed == 0
    assert await outbox.pending_count() == 0


async def test_same_job_id_is_queued_once(db, arq_redis):
    # given
    backend = jobs.ArqJobs(arq_redis)
    # when
    await backend.enqueue("sweep_outbox", job_id="sweep:once")
    await backend.enqueue("sweep_outbox", job_id="sweep:once")
    pool = await create_pool(RedisSettings.from_dsn(arq_redis))
    queued = await pool.queued_jobs()
    await pool.aclose()
    await backend.close()
    # then
    assert [j.job_id for j in queued] == ["sweep:once"]


async def test_redis_down_after_commit_loses_nothing(db, monkeypatch):
    # given a job backend pointing at a port where nothing listens
    handled: list[dict[str, Any]] = []

    async def handler(actor: Actor, event: RecordedEvent) -> None:
        handled.append(event.payload)

    monkeypatch.setitem(event_handlers.HANDLERS, Pinged.type, [handler])
    backend = jobs.ArqJobs("redis://127.0.0.1:1/0")
    jobs.configure(backend)
    _, system = await make_org()
    # when the commit succeeds but the enqueue fails
    async with core_db.transaction():
        await outbox.emit(system, Pinged(n=9))
    # then the data is there and a later drain (the sweep) delivers it
    assert await outbox.pending_count() == 1
    assert await event_handlers.drain() == 1
    assert handled == [{"n": 9}]
