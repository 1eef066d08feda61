"""The GraphQL endpoint: only for signed-in actors, JSON POSTs (CSRF) or GET queries."""
from __future__ import annotations

import json
from typing import Literal

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from backend.core.config import Environment, Settings
from backend.web import scope as keys
from backend.web.bridge import BridgeAuth
from schema.build import build_schema
from schema.context import Context


class SeenGraphQL(GraphQL[Context, None]):
    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        actor = keys.actor_of(request.scope)
        assert actor is not None  # RequireSession let the request through only with one
        return Context(request=request, response=response, actor=actor)  # type: ignore[arg-type]


class RequireSession:
    """401 without a session; 415 for POSTs that are not JSON (a cross-site form cannot send JSON)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            if keys.actor_of(scope) is None:
                await _json(send, 401, "Sign in first.", "UNAUTHENTICATED")
                return
            if scope["method"] == "POST":
                content_type = dict(scope["headers"]).get(b"content-type", b"").split(b";")[0].strip()
                if content_type != b"application/json":
                    await _json(send, 415, "Send JSON (Content-Type: application/json).", "VALIDATION")
                    return
        await self.app(scope, receive, send)


async def _json(send: Send, status: int, message: str, code: str) -> None:
    body = json.dumps({"errors": [{"message": message, "extensions": {"code": code}}]}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def graphql_app(settings: Settings) -> ASGIApp:
    schema = build_schema(max_depth=settings.graphql_max_depth, max_tokens=settings.graphql_max_tokens,
                          max_aliases=settings.graphql_max_aliases)
    ide: Literal["graphiql"] | None = "graphiql" if settings.env == Environment.DEV else None
    return BridgeAuth(RequireSession(SeenGraphQL(schema, graphql_ide=ide, subscription_protocols=("graphql-transport-ws",))))
