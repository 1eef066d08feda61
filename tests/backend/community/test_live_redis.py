"""Live feed changes across processes through the real Redis (backend.community.live_redis): a change
published by another broker (another web process, the worker) reaches this process's feeds of that
organisation only, exactly once; a real second process publishing reaches us too; and after the
subscription is cut, the open feeds are told to refetch and later changes flow again."""
from __future__ import annotations

import asyncio
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from backend.community import live, live_redis
from backend.community.live import Change

pytestmark = pytest.mark.redis
WAIT = 5.0


@pytest.fixture
async def web_process(redis_url: str) -> AsyncIterator[live_redis.RedisFanout]:
    """This process as a web process: subscribed, publishing through Redis."""
    fanout = await live_redis.start(redis_url)
    assert fanout is not None and fanout.subscribed.is_set()
    try:
        yield fanout
    finally:
        await live_redis.stop(fanout)


async def _next(feed: asyncio.Queue[Change]) -> Change:
    return await asyncio.wait_for(feed.get(), WAIT)


async def test_a_change_from_another_broker_reaches_only_its_organisations_feeds_once(web_process, redis_url):
    # given a second broker (another process's, publish only) and feeds of two organisations here
    worker = live_redis.RedisFanout(redis_url)
    mine, other = uuid.uuid4(), uuid.uuid4()
    try:
        async with live.listen(mine) as feed, live.listen(other) as elsewhere:
            # when
            await worker.publish(mine, Change("post_created", "p1"))
            await worker.publish(mine, Change("post_changed", "p1"))
            # then
            assert await _next(feed) == Change("post_created", "p1")
            assert await _next(feed) == Change("post_changed", "p1")
            await asyncio.sleep(0.2)
            assert feed.empty() and elsewhere.empty()
    finally:
        await worker.close()


async def test_a_local_publish_goes_through_redis_and_arrives_once(web_process):
    # given
    tenant = uuid.uuid4()
    async with live.listen(tenant) as feed:
        # when this process publishes (the fan-out is configured, so it does not deliver directly)
        await live.publish(tenant, Change("post_created", "p2"))
        # then it arrives through the subscription, exactly once
        assert await _next(feed) == Change("post_created", "p2")
        await asyncio.sleep(0.2)
        assert feed.empty()


async def test_a_separate_worker_process_publishing_reaches_this_process(web_process, redis_url):
    # given
    tenant = uuid.uuid4()
    script = (
        "import asyncio, uuid\n"
        "from backend.community import live, live_redis\n"
        "async def main():\n"
        f"    fanout = await live_redis.start({redis_url!r}, subscribe=False)\n"
        f"    await live.publish(uuid.UUID({str(tenant)!r}), live.Change('post_created', 'from-worker'))\n"
        "    await live_redis.stop(fanout)\n"
        "asyncio.run(main())\n"
    )
    async with live.listen(tenant) as feed:
        # when
        done = await asyncio.to_thread(subprocess.run, [sys.executable, "-c", script], capture_output=True, timeout=60)
        # then
        assert done.returncode == 0, done.stderr.decode()
        assert await _next(feed) == Change("post_created", "from-worker")


async def test_after_the_subscription_is_cut_feeds_resync_and_changes_flow_again(web_process, redis_url):
    # given an open feed
    tenant = uuid.uuid4()
    admin = Redis.from_url(redis_url)
    try:
        async with live.listen(tenant) as feed:
            # when Redis drops this process's subscriber connection (and only it)
            clients = await admin.client_list()
            ours = [c["id"] for c in clients if c.get("name") == web_process.client_name]
            assert len(ours) == 1
            await admin.client_kill_filter(_id=ours[0])
            # then the feed is told to refetch once the subscription is back, and changes flow again
            assert await _next(feed) == Change("resync")
            await live.publish(tenant, Change("post_changed", "p3"))
            assert await _next(feed) == Change("post_changed", "p3")
    finally:
        await admin.aclose()


async def test_without_redis_nothing_is_configured():
    # when / then: the embedded mode keeps the in-process broker
    assert await live_redis.start(None) is None
