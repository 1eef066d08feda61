"""GET /live/feed over a real HTTP server (uvicorn on a loopback port, in the test's event loop so it shares
the test database): a signed-in person's stream carries their organisation's changes and not another's,
with the reconnect hint and heartbeats; kiosks and signed-out callers are refused; a client that leaves
frees its listener; signing out ends the stream."""
from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator

import httpx
import pytest
import uvicorn

from backend.access import authn
from backend.community import live
from backend.core import db as core_db
from backend.core.config import Settings
from backend.web.routes import live as live_route
from tests.backend.web.support import app_for, sign_in
from tests.factories.access import kiosk_code
from tests.factories.access import sign_in as session_for
from tests.factories.org import Person, make_company

WAIT = 5.0


@pytest.fixture
async def server(db: object, settings: Settings) -> AsyncIterator[str]:
    live.configure_fanout(None)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(app_for(settings), host="127.0.0.1", port=port, lifespan="off", log_level="warning",
                            timeout_graceful_shutdown=2)
    running = uvicorn.Server(config)
    task = asyncio.create_task(running.serve())
    while not running.started:
        assert not task.done(), "uvicorn did not start"
        await asyncio.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        await asyncio.wait_for(task, 10)


async def _bearer(person: Person) -> dict[str, str]:
    return {"Authorization": f"Bearer {(await session_for(person)).token}"}


class Events:
    """Reads an open SSE response line by line into events ("data" JSON) and comments."""

    def __init__(self, response: httpx.Response) -> None:
        self.lines = response.aiter_lines()

    async def next_block(self) -> list[str]:
        block: list[str] = []
        while True:
            line = await asyncio.wait_for(anext(self.lines), WAIT)
            if line == "":
                if block:
                    return block
                continue
            block.append(line)

    async def next_data(self) -> dict[str, object]:
        while True:
            block = await self.next_block()
            data = [line[len("data: "):] for line in block if line.startswith("data: ")]
            if data:
                parsed: dict[str, object] = json.loads(data[0])
                return parsed


async def _publish(person: Person, change_type: str, post_id: str) -> None:
    async with core_db.transaction():
        live.publish_after_commit(person.actor, change_type, post_id)


async def test_a_person_receives_their_organisations_changes_and_not_anothers(server):
    # given an employee's open stream
    c, other = await make_company(), await make_company("Other")
    async with httpx.AsyncClient(base_url=server) as client, \
            client.stream("GET", "/live/feed", headers=await _bearer(c.employee)) as response:
        events = Events(response)
        first = await events.next_block()
        # when the other organisation, then theirs, publish
        await _publish(other.hr, "post_created", "theirs")
        await _publish(c.peer, "post_created", "ours")
        await _publish(c.hr, "post_changed", "ours")
        # then
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["cache-control"] == "no-store" and response.headers["x-accel-buffering"] == "no"
        assert first[0] == f"retry: {live_route.RETRY_MILLISECONDS}"
        assert await events.next_data() == {"type": "post_created", "postId": "ours"}
        assert await events.next_data() == {"type": "post_changed", "postId": "ours"}


async def test_the_pwa_session_cookie_signs_the_stream_in(server):
    # given the PWA's sign-in (a session cookie, no header)
    c = await make_company()
    async with httpx.AsyncClient(base_url=server) as client:
        assert (await sign_in(client, c.employee)).status_code == 200
        async with client.stream("GET", "/live/feed") as response:
            events = Events(response)
            await events.next_block()
            # when
            await _publish(c.peer, "post_created", "p1")
            # then
            assert response.status_code == 200
            assert await events.next_data() == {"type": "post_created", "postId": "p1"}


async def test_signed_out_callers_and_kiosks_are_refused(server):
    # given
    c = await make_company()
    _, code = await kiosk_code(c)
    async with httpx.AsyncClient(base_url=server) as client:
        # when
        anonymous = await client.get("/live/feed")
        kiosk_login = await client.post("/auth/kiosk", json={"code": code})
        kiosk = await client.get("/live/feed")
    # then
    assert kiosk_login.status_code == 200, kiosk_login.text
    assert (anonymous.status_code, kiosk.status_code) == (401, 403)
    assert live.listener_count() == 0


async def test_a_quiet_stream_gets_heartbeat_comments(server, monkeypatch):
    # given
    monkeypatch.setattr(live_route, "HEARTBEAT_SECONDS", 0.1)
    c = await make_company()
    async with httpx.AsyncClient(base_url=server) as client, \
            client.stream("GET", "/live/feed", headers=await _bearer(c.employee)) as response:
        events = Events(response)
        await events.next_block()
        # when / then
        assert await events.next_block() == [": heartbeat"]
        assert await events.next_block() == [": heartbeat"]


async def test_a_client_that_leaves_frees_its_listener(server):
    # given an open stream
    c = await make_company()
    async with httpx.AsyncClient(base_url=server) as client:
        async with client.stream("GET", "/live/feed", headers=await _bearer(c.employee)) as response:
            await Events(response).next_block()
            assert live.listener_count(c.org.id) == 1
        # when the client closes the connection (well before any heartbeat)
    # then the server notices at once and removes the listener
    for _ in range(100):
        if live.listener_count(c.org.id) == 0:
            break
        await asyncio.sleep(0.02)
    assert live.listener_count(c.org.id) == 0 and c.org.id not in live._listeners


async def test_signing_out_ends_the_stream(server, monkeypatch):
    # given an open stream whose session is checked at every heartbeat
    monkeypatch.setattr(live_route, "HEARTBEAT_SECONDS", 0.1)
    monkeypatch.setattr(live_route, "SESSION_CHECK_SECONDS", 0.0)
    c = await make_company()
    token = (await session_for(c.employee)).token
    async with httpx.AsyncClient(base_url=server) as client, \
            client.stream("GET", "/live/feed", headers={"Authorization": f"Bearer {token}"}) as response:
        lines = response.aiter_lines()
        await asyncio.wait_for(anext(lines), WAIT)
        # when
        await authn.logout(token)

        # then the server closes the stream (the lines run out)
        async def drain() -> list[str]:
            return [line async for line in lines]

        rest = await asyncio.wait_for(drain(), WAIT)
    assert "data:" not in "".join(rest)
    assert live.listener_count(c.org.id) == 0
