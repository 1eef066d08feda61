"""Typed keys the middleware puts on the ASGI scope (never request.state)."""
from __future__ import annotations

from starlette.types import Scope

from backend.access.actor import Actor

ACTOR = "seen.actor"
REQUEST_ID = "seen.request_id"
SESSION_TOKEN = "seen.session_token"
SESSION_COOKIE = "seen_session"


def actor_of(scope: Scope) -> Actor | None:
    actor = scope.get(ACTOR)
    return actor if isinstance(actor, Actor) else None


def request_id_of(scope: Scope) -> str:
    value: object = scope.get(REQUEST_ID, "")
    return str(value)


def client_ip(scope: Scope, *, trust_proxy: bool) -> str:
    if trust_proxy:
        headers: list[tuple[bytes, bytes]] = scope.get("headers", [])
        for name, value in headers:
            if name == b"x-forwarded-for":
                # The rightmost entry is the one our proxy appended; the ones before it are
                # whatever the client claimed and would let it dodge the per-address limit.
                return value.decode("latin-1").split(",")[-1].strip()
    client: tuple[str, int] | None = scope.get("client")
    return client[0] if client else "unknown"
