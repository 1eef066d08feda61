"""Pure ASGI guard for device-bridge requests to /graphql: a request carrying X-Bridge-* headers is
verified (HMAC, ±300 s, nonce) before GraphQL runs and then runs as a bridge Actor that may send only
the ingestClockEvents mutation. Failures answer 401/403 with a JSON {"error": code}."""
from __future__ import annotations

import json

from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.attendance.bridge_auth import BridgeRefused, SignedRequest, authenticate
from backend.web import scope as keys

MAX_BODY_BYTES = 1024 * 1024
ALLOWED_FIELD = "ingestClockEvents"


class BridgeAuth:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers", [])) if scope["type"] == "http" else {}
        if b"x-bridge-signature" not in headers and b"x-bridge-key-id" not in headers:
            await self.app(scope, receive, send)
            return
        body = await _read(receive)
        if body is None:
            await _answer(send, 413, "too_large")
            return
        request = SignedRequest(
            method=scope["method"], path_with_query=_target(scope), body=body,
            bridge_id=_h(headers, b"x-bridge-id"), key_id=_h(headers, b"x-bridge-key-id"),
            timestamp=_h(headers, b"x-bridge-timestamp"), nonce=_h(headers, b"x-bridge-nonce"),
            signature=_h(headers, b"x-bridge-signature"))
        try:
            actor = await authenticate(request, request_id=keys.request_id_of(scope))
        except BridgeRefused as refused:
            await _answer(send, 401, refused.reason.value)
            return
        if not only_ingest(body):
            await _answer(send, 403, "operation_not_allowed")
            return
        scope[keys.ACTOR] = actor
        await self.app(scope, _replay(body), send)


def only_ingest(body: bytes) -> bool:
    """True when the body is one GraphQL mutation whose only root field is ingestClockEvents."""
    try:
        payload = json.loads(body)
        document = parse(payload["query"])
    except (ValueError, KeyError, TypeError, GraphQLError):
        return False
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) != 1 or len(document.definitions) != 1 or operations[0].operation != OperationType.MUTATION:
        return False
    selections = operations[0].selection_set.selections
    return len(selections) == 1 and getattr(getattr(selections[0], "name", None), "value", None) == ALLOWED_FIELD


def _h(headers: dict[bytes, bytes], name: bytes) -> str:
    return headers.get(name, b"").decode("latin-1").strip()


def _target(scope: Scope) -> str:
    """The request target as sent: the raw path (with any proxy prefix) and the query string."""
    raw: bytes = scope.get("raw_path") or scope["path"].encode("utf-8")
    query: bytes = scope.get("query_string", b"")
    return (raw + (b"?" + query if query else b"")).decode("latin-1")


async def _read(receive: Receive) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks)
        chunk: bytes = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}
    return receive


async def _answer(send: Send, status: int, code: str) -> None:
    body = json.dumps({"error": code}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"cache-control", b"no-store")]})
    await send({"type": "http.response.body", "body": body})
