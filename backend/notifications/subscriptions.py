"""A person's Web Push subscriptions (one per browser) and the VAPID key the PWA subscribes with.
Validates what the browser sends so that a bad key fails here, not at every later send."""
from __future__ import annotations

import base64
import re
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

from cryptography.hazmat.primitives.asymmetric import ec
from tortoise.exceptions import IntegrityError

from backend.access.actor import Actor
from backend.core import clock, db
from backend.core.config import get_settings
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.notifications.channels import loopback_allowed
from backend.notifications.models import PushSubscription
from backend.notifications.webpush_channel import vapid_keys

MAX_ENDPOINT = 1000
_B64URL = re.compile(r"^[A-Za-z0-9_-]+={0,2}$")


def vapid_public_key() -> str:
    """The applicationServerKey for PushManager.subscribe: URL-safe base64 (unpadded) of the
    uncompressed P-256 point, 65 bytes. Derived from the private key, so the two always match."""
    return vapid_keys(get_settings().vapid_private_key).application_server_key


async def subscribe(actor: Actor, *, endpoint: str, p256dh: str, auth: str, user_agent: str = "") -> PushSubscription:
    """Saves this browser's subscription for the signed-in person; idempotent. An endpoint stored
    for someone else (in this or another organisation) moves to this person: a shared phone changed
    hands, and only the browser holding the subscription knows its endpoint. Raises ValidationFailed
    (endpoint, p256dh, auth), Forbidden for a kiosk."""
    me = _own(actor)
    endpoint = _valid_endpoint(endpoint)
    values: dict[str, Any] = {"employee_id": me, "p256dh": _valid_p256dh(p256dh), "auth": _valid_auth(auth),
                              "user_agent": user_agent[:300]}
    for _ in range(3):
        async with db.transaction():
            mine = PushSubscription.of(actor).filter(endpoint=endpoint)
            if await mine.update(**values):
                return await mine.get()
            # The endpoint is unique across organisations; a row elsewhere is that browser's past.
            await PushSubscription.filter(endpoint=endpoint).delete()
            try:
                async with db.transaction():  # a savepoint: a concurrent subscribe may insert first
                    return await PushSubscription.create_for(actor, endpoint=endpoint, created_at=clock.now(), **values)
            except IntegrityError:
                continue  # that one won: the next round updates its row
    raise Conflict("The subscription changed while it was being saved; try again.")


async def unsubscribe(actor: Actor, *, endpoint: str) -> None:
    """Removes one of the person's own subscriptions; anyone else's endpoint is NotFound."""
    removed = await PushSubscription.of(actor).filter(employee_id=_own(actor), endpoint=endpoint).delete()
    if not removed:
        raise NotFound("No such subscription.")


async def list_my_subscriptions(actor: Actor) -> list[PushSubscription]:
    """The signed-in person's browsers, newest first."""
    return await PushSubscription.of(actor).filter(employee_id=_own(actor)).order_by("-created_at")


def _valid_endpoint(endpoint: str) -> str:
    endpoint = endpoint.strip()
    if not endpoint or len(endpoint) > MAX_ENDPOINT or any(c.isspace() for c in endpoint):
        raise ValidationFailed("The push endpoint must be a URL of at most 1000 characters.", field="endpoint")
    try:
        parts = urlsplit(endpoint)
        _ = parts.port  # raises for a malformed port
    except ValueError:
        raise ValidationFailed("The push endpoint is not a valid URL.", field="endpoint") from None
    secure = parts.scheme == "https" and bool(parts.hostname) and not parts.username
    if not (secure or (parts.scheme == "http" and loopback_allowed(parts))):
        raise ValidationFailed("The push endpoint must be an https URL.", field="endpoint")
    return endpoint


def _valid_p256dh(value: str) -> str:
    raw = _decode(value, field="p256dh")
    if len(raw) != 65 or raw[0] != 0x04:
        raise ValidationFailed("p256dh must be an uncompressed P-256 public key (65 bytes).", field="p256dh")
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
    except ValueError:
        raise ValidationFailed("p256dh is not a point on the P-256 curve.", field="p256dh") from None
    return _encode(raw)


def _valid_auth(value: str) -> str:
    raw = _decode(value, field="auth")
    if len(raw) != 16:
        raise ValidationFailed("auth must be a 16-byte secret.", field="auth")
    return _encode(raw)


def _decode(value: str, *, field: str) -> bytes:
    value = value.strip()
    if not _B64URL.match(value) or len(value) > 200:
        raise ValidationFailed(f"{field} must be URL-safe base64.", field=field)
    try:
        return base64.urlsafe_b64decode(value.rstrip("=") + "=" * (-len(value.rstrip("=")) % 4))
    except ValueError:
        raise ValidationFailed(f"{field} must be URL-safe base64.", field=field) from None


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _own(actor: Actor) -> UUID:
    if actor.employee_id is None:
        raise Forbidden("Only people subscribe to notifications.")
    return actor.employee_id
