"""GET /live/feed: Server-Sent Events telling an open feed what changed in its organisation, as
`data: {"type": "post_created" | "post_changed" | "resync", "postId": ...}` lines. Only ids travel: the
PWA refetches `post(id)` (or the first page on "resync") through GraphQL, whose checks decide what the
person may see. Signed in exactly like /graphql (session cookie or bearer token); people only, never a
kiosk or a device bridge. A comment line every 15 s keeps proxies from closing a quiet stream and shows a
dead client; the session is checked again every minute, so signing out ends the stream."""
from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from backend.access import authn
from backend.access.actor import Actor, ActorKind
from backend.community import live
from backend.core.errors import Forbidden
from backend.web import scope as keys
from backend.web.routes.openbadges import error_response, unauthenticated

HEARTBEAT_SECONDS = 15.0
SESSION_CHECK_SECONDS = 60.0
RETRY_MILLISECONDS = 5000  # how long EventSource waits before reconnecting after a drop
HEADERS = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}  # nginx must not buffer the stream


async def feed(request: Request) -> Response:
    actor = keys.actor_of(request.scope)
    if actor is None:
        return unauthenticated()
    if actor.kind != ActorKind.USER:
        return error_response(Forbidden("Live updates are for people signed in, not kiosks or devices."))
    return FeedStream(actor, request.scope.get(keys.SESSION_TOKEN))


class FeedStream(Response):
    """Streams until the client leaves, the server stops, or the session ends. The listener queue is
    removed in every case (`live.listen` is a context manager)."""

    def __init__(self, actor: Actor, token: str | None) -> None:
        # No Content-Length (Response's default for an empty body): the stream has no end it knows of.
        self.status_code, self.background = 200, None
        self.raw_headers = [(b"content-type", b"text/event-stream; charset=utf-8"),
                            *((k.lower().encode(), v.encode()) for k, v in HEADERS.items())]
        self.actor, self.token = actor, token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async with live.listen(self.actor.tenant_id) as queue:  # before the first byte: nothing missed after it
            disconnected = asyncio.ensure_future(_disconnect(receive))
            try:
                await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
                await _chunk(send, f"retry: {RETRY_MILLISECONDS}\n: connected\n\n")
                await self._stream(queue, disconnected, send)
                await send({"type": "http.response.body", "body": b"", "more_body": False})
            except OSError:  # the client went away between two writes
                pass
            finally:
                disconnected.cancel()

    async def _stream(self, queue: asyncio.Queue[live.Change], disconnected: asyncio.Future[None], send: Send) -> None:
        loop = asyncio.get_running_loop()
        checked_at = loop.time()
        while True:
            change = asyncio.ensure_future(queue.get())
            waiting: set[asyncio.Future[Any]] = {change, disconnected}
            done, _ = await asyncio.wait(waiting, timeout=HEARTBEAT_SECONDS, return_when=asyncio.FIRST_COMPLETED)
            if change not in done:
                change.cancel()  # a cancelled get takes nothing off the queue
            if disconnected in done:
                return
            if change in done:
                await _chunk(send, f"data: {json.dumps(change.result().as_json())}\n\n")
                continue
            if loop.time() - checked_at >= SESSION_CHECK_SECONDS:
                checked_at = loop.time()
                if not await self._still_signed_in():
                    return
            await _chunk(send, ": heartbeat\n\n")

    async def _still_signed_in(self) -> bool:
        if self.token is None:
            return False
        current = await authn.resolve(self.token, request_id=self.actor.request_id or "")
        return current is not None and current.tenant_id == self.actor.tenant_id


async def _disconnect(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


async def _chunk(send: Send, text: str) -> None:
    await send({"type": "http.response.body", "body": text.encode(), "more_body": True})


ROUTES = [Route("/live/feed", feed, methods=["GET"])]
