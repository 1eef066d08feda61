"""The in-process live feed broker (backend.community.live): a change reaches the open feeds of its
organisation only, only once the use case commits, a stalled feed is told to refetch instead of growing
without bound, a failing fan-out still delivers locally, and a closed feed leaves no listener behind."""
from __future__ import annotations

import asyncio
import uuid

import pytest

from backend.community import live
from backend.community.live import Change
from backend.core import db as core_db
from tests.factories.org import make_company


@pytest.fixture(autouse=True)
def _no_fanout():
    live.configure_fanout(None)
    yield
    live.configure_fanout(None)


async def test_a_change_reaches_its_organisations_feeds_and_no_other():
    # given two feeds of one organisation and one of another
    mine, other = uuid.uuid4(), uuid.uuid4()
    async with live.listen(mine) as first, live.listen(mine) as second, live.listen(other) as elsewhere:
        # when
        await live.publish(mine, Change("post_created", "p1"))
        # then
        assert first.get_nowait() == second.get_nowait() == Change("post_created", "p1")
        assert elsewhere.empty()


async def test_published_only_after_the_use_case_commits(db):
    # given
    c = await make_company()
    async with live.listen(c.org.id) as feed:
        # when one transaction rolls back and one commits
        with pytest.raises(RuntimeError):
            async with core_db.transaction():
                live.publish_after_commit(c.employee.actor, "post_created", "rolled-back")
                raise RuntimeError("the use case failed")
        async with core_db.transaction():
            live.publish_after_commit(c.employee.actor, "post_changed", "committed")
        # then
        assert feed.get_nowait() == Change("post_changed", "committed")
        assert feed.empty()


async def test_a_stalled_feed_is_told_to_resync_instead_of_growing():
    # given a feed that reads nothing
    tenant = uuid.uuid4()
    async with live.listen(tenant) as feed:
        # when more changes arrive than it may hold
        for n in range(live.QUEUE_SIZE + 5):
            await live.publish(tenant, Change("post_changed", str(n)))
        # then its backlog was replaced by one "resync", followed by what came after the overflow
        drained = [feed.get_nowait() for _ in range(feed.qsize())]
        after = [Change("post_changed", str(n)) for n in range(live.QUEUE_SIZE + 1, live.QUEUE_SIZE + 5)]
        assert drained == [Change("resync"), *after]


async def test_a_failing_fanout_still_delivers_in_this_process():
    # given a fan-out that cannot reach Redis
    async def broken(tenant_id: uuid.UUID, change: Change) -> None:
        raise ConnectionError("redis is down")

    live.configure_fanout(broken)
    tenant = uuid.uuid4()
    async with live.listen(tenant) as feed:
        # when
        await live.publish(tenant, Change("post_created", "p1"))
        # then
        assert feed.get_nowait() == Change("post_created", "p1")


async def test_a_closed_feed_leaves_no_listener_even_when_cancelled():
    # given a feed waiting for changes
    tenant = uuid.uuid4()
    opened = asyncio.Event()

    async def reader() -> None:
        async with live.listen(tenant) as feed:
            opened.set()
            await feed.get()

    task = asyncio.create_task(reader())
    await opened.wait()
    assert live.listener_count(tenant) == 1
    # when
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    # then
    assert live.listener_count(tenant) == 0 and tenant not in live._listeners


async def test_resync_everywhere_reaches_every_open_feed():
    # given
    a, b = uuid.uuid4(), uuid.uuid4()
    async with live.listen(a) as feed_a, live.listen(b) as feed_b:
        # when
        live.deliver_everywhere(Change("resync"))
        # then
        assert feed_a.get_nowait() == feed_b.get_nowait() == Change("resync")
