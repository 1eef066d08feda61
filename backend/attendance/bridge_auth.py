"""Authenticating a device bridge's signed request (DEVICES.md "Auth"): the key id names the key and
its organisation; the signature is compared in constant time, the timestamp must be within ±300 s and
the nonce new. Knows nothing of HTTP: backend.web maps a refusal to 401."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from backend.access.actor import Actor
from backend.attendance import nonces
from backend.attendance.models import BridgeKey
from backend.attendance.signing import matches
from backend.core import clock

MAX_SKEW_SECONDS = 300
MAX_NONCE_LENGTH = 128


class BridgeRefusal(StrEnum):
    MISSING_HEADERS = "missing_headers"
    UNKNOWN_KEY = "unknown_key"  # no such key id, revoked, or not this bridge's
    BAD_SIGNATURE = "bad_signature"
    STALE_TIMESTAMP = "stale_timestamp"
    REPLAYED_NONCE = "replayed_nonce"


class BridgeRefused(Exception):
    def __init__(self, reason: BridgeRefusal) -> None:
        super().__init__(reason.value)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class SignedRequest:
    method: str
    path_with_query: str
    body: bytes
    bridge_id: str
    key_id: str
    timestamp: str
    nonce: str
    signature: str


async def authenticate(request: SignedRequest, *, request_id: str | None = None) -> Actor:
    """The bridge Actor (ingest only) of the key's organisation. Raises BridgeRefused."""
    if not all((request.bridge_id, request.key_id, request.timestamp, request.nonce, request.signature)) \
            or len(request.nonce) > MAX_NONCE_LENGTH:
        raise BridgeRefused(BridgeRefusal.MISSING_HEADERS)
    # Unauthenticated lookup by the server-generated, globally unique key id: it names one organisation.
    key = await BridgeKey.filter(key_id=request.key_id, active=True).first()
    secret = key.secret.encode("utf-8") if key else b"\0" * 32
    # Always compute the HMAC so an unknown key id is not distinguishable by timing.
    good = matches(secret, request.signature, method=request.method, path_with_query=request.path_with_query,
                   timestamp=request.timestamp, nonce=request.nonce, body=request.body)
    if key is None or key.bridge_id != request.bridge_id:
        raise BridgeRefused(BridgeRefusal.UNKNOWN_KEY)
    if not good:
        raise BridgeRefused(BridgeRefusal.BAD_SIGNATURE)
    now = clock.now()
    try:
        sent = int(request.timestamp)
    except ValueError:
        raise BridgeRefused(BridgeRefusal.STALE_TIMESTAMP) from None
    if abs(now.timestamp() - sent) > MAX_SKEW_SECONDS:
        raise BridgeRefused(BridgeRefusal.STALE_TIMESTAMP)
    actor = Actor.bridge(key.tenant_id, bridge_id=key.bridge_id, request_id=request_id)
    if not await nonces.remember(actor, key_id=key.key_id, nonce=request.nonce):
        raise BridgeRefused(BridgeRefusal.REPLAYED_NONCE)
    await BridgeKey.of(actor).filter(id=key.id).update(last_used_at=now)
    return actor
