"""Pure ASGI middleware: a request id on every request and response, the Actor resolved once from
the session cookie or a bearer token, and security headers."""
from __future__ import annotations

import re
import uuid
from http.cookies import CookieError, SimpleCookie

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.access import authn
from backend.web import scope as keys

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._\-]{1,64}$")
ACTOR_PATHS = ("/graphql", "/auth/", "/exports/", "/uploads", "/files/", "/live/")  # signed-in downloads, uploads, SSE
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(self), geolocation=()"),
]


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        given = headers.get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        scope[keys.REQUEST_ID] = request_id
        token = _session_token(headers)
        scope[keys.SESSION_TOKEN] = token
        # Static files (the PWA) need no actor: spare them the session lookup.
        needs_actor = scope["path"].startswith(ACTOR_PATHS)
        scope[keys.ACTOR] = await authn.resolve(token, request_id=request_id) if token and needs_actor else None

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode()), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _session_token(headers: dict[bytes, bytes]) -> str | None:
    """Bearer header first (API clients), then the PWA's session cookie."""
    auth = headers.get(b"authorization", b"").decode("latin-1")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    cookie_header = headers.get(b"cookie", b"").decode("latin-1")
    if not cookie_header:
        return None
    cookies = SimpleCookie()
    try:
        cookies.load(cookie_header)
    except CookieError:  # a malformed Cookie header: treat as signed out
        return None
    morsel = cookies.get(keys.SESSION_COOKIE)
    return morsel.value if morsel else None
