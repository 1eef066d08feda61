"""A loopback Web Push service for tests (headless browsers cannot subscribe offline, STACK.md).

It runs on 127.0.0.1 in its own thread and event loop, so async tests and sync browser tests use it
alike. Every POST is checked as a real push service would (VAPID JWT signed by the `k` key, audience =
this origin with its port, expiry within 24 h, a subject, TTL and aes128gcm present) and decrypted
with `http_ece`, an implementation independent of the sender's.

    service = PushService(); base = service.start()
    private_key, p256dh, auth = new_subscription_keys()
    url = service.endpoint("phone", keys=(private_key, p256dh, auth))
    ... send ...
    path, headers, payload, claims = service.received[0]
    service.respond_with("phone", 410)  # the next POST there answers 410
    service.stop()
"""
from __future__ import annotations

import asyncio
import base64
import json
import os
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, urlsplit

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

Keys = tuple[ec.EllipticCurvePrivateKey, str, str]  # (private key, p256dh, auth) as a browser would hold them


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def new_subscription_keys() -> Keys:
    """What PushManager.subscribe would create: an EC P-256 key pair (p256dh = the uncompressed
    public point) and a 16-byte auth secret, both URL-safe base64 without padding."""
    private_key = ec.generate_private_key(ec.SECP256R1())
    point = private_key.public_key().public_bytes(serialization.Encoding.X962,
                                                  serialization.PublicFormat.UncompressedPoint)
    return private_key, b64url(point), b64url(os.urandom(16))


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # names lower-cased
    body: bytes


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class LoopbackServer:
    """A minimal HTTP/1.1 server (one request per connection) for stand-ins of outside services.
    Subclasses implement `handle`, which runs on the server's own thread."""

    def __init__(self) -> None:
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self.requests: list[Request] = []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> str:
        ready = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            server = loop.run_until_complete(asyncio.start_server(self._serve, "127.0.0.1", 0))
            self.port = server.sockets[0].getsockname()[1]
            ready.set()
            loop.run_forever()
            server.close()
            loop.run_until_complete(server.wait_closed())
            loop.close()

        self._thread = threading.Thread(target=run, name=type(self).__name__, daemon=True)
        self._thread.start()
        if not ready.wait(5):
            raise RuntimeError("the loopback server did not start")
        return self.base_url

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(5)
            self._loop = self._thread = None

    def __enter__(self) -> LoopbackServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def handle(self, request: Request) -> Response:
        raise NotImplementedError

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await _read_request(reader)
            self.requests.append(request)
            response = self.handle(request)
        except Exception as err:  # a test double must answer, not hang the sender
            response = Response(500, body=repr(err).encode())
        try:
            reason = HTTPStatus(response.status).phrase
        except ValueError:
            reason = "Status"
        head = [f"HTTP/1.1 {response.status} {reason}", f"Content-Length: {len(response.body)}", "Connection: close"]
        head += [f"{k}: {v}" for k, v in response.headers.items()]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + response.body)
        try:
            await writer.drain()
        finally:
            writer.close()


async def _read_request(reader: asyncio.StreamReader) -> Request:
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    method, target, _ = head[0].split(" ", 2)
    headers = {}
    for line in head[1:]:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    parts = urlsplit(target)
    return Request(method=method, path=parts.path, query=dict(parse_qsl(parts.query)), headers=headers, body=body)


class Received(NamedTuple):
    path: str
    headers: dict[str, str]
    payload: dict[str, Any]
    claims: dict[str, Any]


class PushService(LoopbackServer):
    """Endpoints are /push/<name>. Answers 201 unless told otherwise with respond_with; a message
    that fails verification gets 400/401/403 (as real services do) and lands in `rejected`."""

    def __init__(self) -> None:
        super().__init__()
        self.received: list[Received] = []
        self.rejected: list[tuple[str, str]] = []  # (path, why)
        self._keys: dict[str, Keys] = {}
        self._server_keys: dict[str, str] = {}
        self._answers: dict[str, deque[Response]] = {}

    def endpoint(self, name: str, keys: Keys | None = None, *, application_server_key: str | None = None) -> str:
        """The endpoint URL for a browser called `name`, decrypting with `keys` (new ones when not
        given: read them back with keys_for). With application_server_key, a message signed with
        another VAPID key is refused, as a push service binds a subscription to the key it was made with."""
        path = f"/push/{name}"
        self._keys[path] = keys or new_subscription_keys()
        if application_server_key:
            self._server_keys[path] = application_server_key
        return self.base_url + path

    def keys_for(self, name: str) -> Keys:
        return self._keys[self._path(name)]

    def respond_with(self, path: str, status: int, headers: dict[str, str] | None = None, *, times: int = 1) -> None:
        """The next `times` POSTs to this endpoint (a name, a path or the URL) get this answer."""
        queue = self._answers.setdefault(self._path(path), deque())
        queue.extend(Response(status, dict(headers or {})) for _ in range(times))

    def _path(self, name: str) -> str:
        if name.startswith("http"):
            return urlsplit(name).path
        return name if name.startswith("/") else f"/push/{name}"

    def handle(self, request: Request) -> Response:
        if request.method != "POST" or request.path not in self._keys:
            return Response(404)
        try:
            claims, key = verify_vapid(request.headers.get("authorization", ""), audience=self.base_url)
        except ValueError as err:
            self.rejected.append((request.path, str(err)))
            return Response(401 if "missing" in str(err) else 403)
        expected_key = self._server_keys.get(request.path)
        if expected_key and key != expected_key:
            self.rejected.append((request.path, "signed with another VAPID key than the subscription's"))
            return Response(403)
        if "ttl" not in request.headers or request.headers.get("content-encoding") != "aes128gcm":
            self.rejected.append((request.path, "TTL or Content-Encoding: aes128gcm missing"))
            return Response(400)
        private_key, _, auth = self._keys[request.path]
        try:
            plain = http_ece.decrypt(request.body, private_key=private_key, auth_secret=unb64url(auth),
                                     version="aes128gcm")
            payload = json.loads(plain)
        except Exception as err:
            self.rejected.append((request.path, f"cannot decrypt: {err!r}"))
            return Response(400)
        self.received.append(Received(request.path, request.headers, payload, claims))
        queue = self._answers.get(request.path)
        if queue:
            return queue.popleft()
        return Response(201, {"Location": f"{self.base_url}/message/{len(self.received)}"})


def verify_vapid(authorization: str, *, audience: str) -> tuple[dict[str, Any], str]:
    """Checks `vapid t=<jwt>, k=<key>` (RFC 8292) and returns the JWT claims and the key.
    Raises ValueError saying what is wrong."""
    scheme, _, params = authorization.partition(" ")
    if scheme.lower() != "vapid":
        raise ValueError("missing vapid authorization")
    fields = dict(part.strip().split("=", 1) for part in params.split(",") if "=" in part)
    token, key = fields.get("t", ""), fields.get("k", "")
    try:
        header_b64, claims_b64, signature_b64 = token.split(".")
        header, claims = json.loads(unb64url(header_b64)), json.loads(unb64url(claims_b64))
        signature = unb64url(signature_b64)
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(key))
    except Exception as err:
        raise ValueError(f"malformed token or key: {err!r}") from None
    if header.get("alg") != "ES256" or len(signature) != 64:
        raise ValueError("the token is not ES256 with a raw r||s signature")
    der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
    try:
        public.verify(der, f"{header_b64}.{claims_b64}".encode(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise ValueError("the token's signature does not verify with k") from None
    if claims.get("aud") != audience:
        raise ValueError(f"aud {claims.get('aud')!r} is not this origin {audience!r}")
    now = time.time()
    if not now < float(claims.get("exp", 0)) <= now + 24 * 3600:
        raise ValueError("exp is not within the next 24 hours")
    if not str(claims.get("sub", "")).startswith(("mailto:", "https://")):
        raise ValueError("sub is neither a mailto: nor an https: contact")
    return claims, key
