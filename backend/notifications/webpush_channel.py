"""Web Push (RFC 8030/8291/8292): payload in the reader's language, encrypted by the `webpush` package,
VAPID signed here (webpush 1.0.6 drops the port from the audience), POSTed with httpx; answers mapped."""
from __future__ import annotations

import base64
import json
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

import httpx
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from webpush import WebPush, WebPushSubscription
from webpush.types import WebPushKeys

from backend.access.actor import Actor
from backend.core import clock
from backend.core.config import get_settings
from backend.notifications.channels import HttpChannel, SendResult, SendStatus, http_failure, text_for
from backend.notifications.models import DeliveryChannel, Notification, PushSubscription
from backend.org.models import Employee

TTL_SECONDS = 86_400  # a phone offline for a day still gets it; older news lives in the inbox
PAYLOAD_CAP = 3072  # bytes of JSON before encryption; push services refuse bodies over 4 KB
TOKEN_LIFETIME = 12 * 3600  # RFC 8292: at most 24 h
_ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class VapidKeys:
    private_key: ec.EllipticCurvePrivateKey
    private_pem: bytes
    public_pem: bytes
    application_server_key: str  # URL-safe base64 of the uncompressed point, unpadded


@lru_cache(maxsize=4)
def vapid_keys(raw_private_key: str) -> VapidKeys:
    """From the configured private key: PEM (what `seen` generates) or the URL-safe base64 raw
    32-byte scalar other tools print. The public half is always derived, never trusted separately."""
    key = _private_key(raw_private_key.strip())
    public = key.public_key()
    point = public.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return VapidKeys(
        private_key=key,
        private_pem=key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()),
        public_pem=public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo),
        application_server_key=_b64(point),
    )


def audience(endpoint: str) -> str:
    """The endpoint's origin, keeping a non-default port (webpush 1.0.6 drops it)."""
    parts = urlsplit(endpoint)
    default = {"https": 443, "http": 80}.get(parts.scheme)
    host = f"[{parts.hostname}]" if parts.hostname and ":" in parts.hostname else parts.hostname or ""
    port = f":{parts.port}" if parts.port and parts.port != default else ""
    return f"{parts.scheme}://{host}{port}"


def vapid_subject(public_url: str) -> str:
    """RFC 8292 contact: the site itself when it is public HTTPS, else a placeholder mailbox."""
    return public_url if public_url.startswith("https://") else "mailto:push@seen.invalid"


def vapid_authorization(keys: VapidKeys, *, endpoint: str, subject: str, issued_at: int) -> str:
    """`vapid t=<ES256 JWT>, k=<public key>` for one endpoint."""
    header = _b64(json.dumps({"typ": "JWT", "alg": "ES256"}, separators=(",", ":")).encode())
    claims = {"aud": audience(endpoint), "exp": issued_at + TOKEN_LIFETIME, "sub": subject}
    signing_input = f"{header}.{_b64(json.dumps(claims, separators=(',', ':')).encode())}"
    r, s = decode_dss_signature(keys.private_key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256())))
    signature = _b64(r.to_bytes(32, "big") + s.to_bytes(32, "big"))  # JWS wants raw r||s, not DER
    return f"vapid t={signing_input}.{signature}, k={keys.application_server_key}"


def build_payload(notification: Notification, locale: str, *, cap: int = PAYLOAD_CAP) -> bytes:
    """What the service worker receives: {title, body, url, tag, id} in the reader's language, at
    most `cap` bytes; the body is shortened first, then the title."""
    text = text_for(notification, locale)
    fields: dict[str, Any] = {"title": text.title, "body": text.body, "url": notification.link,
                              "tag": notification.kind, "id": str(notification.id)}
    for name in ("body", "title"):
        fields[name] = _fit(fields, name, cap)
    return _encode(fields)


def urgency(kind: str) -> str:
    """RFC 8030 Urgency: requests waiting for someone's decision wake the phone; the rest can wait."""
    return "high" if kind.endswith("_requested") or "approval" in kind else "normal"


def topic(kind: str) -> str:
    """RFC 8030 Topic: a newer message of the same kind replaces one not yet delivered."""
    return re.sub(r"[^A-Za-z0-9_-]", "", kind)[:32] or "seen"


class PushChannel(HttpChannel):
    name = DeliveryChannel.PUSH

    async def targets(self, actor: Actor, notification: Notification, recipient: Employee) -> list[str]:
        ids = await PushSubscription.of(actor).filter(employee_id=recipient.id).order_by("created_at").values_list(
            "id", flat=True)
        return [str(i) for i in ids]

    def unreachable(self, recipient: Employee) -> str | None:
        return None

    async def send(self, actor: Actor, notification: Notification, recipient: Employee, target: str) -> SendResult:
        subscription = await PushSubscription.of(actor).get_or_none(id=UUID(target))
        if subscription is None:
            return SendResult(SendStatus.GONE, "the subscription was removed")
        if subscription.employee_id != recipient.id:
            # The phone changed hands (subscriptions are re-bound): never show it someone else's news.
            return SendResult(SendStatus.FAILED, "the subscription now belongs to someone else")
        body, headers = encrypt(subscription, build_payload(notification, str(recipient.locale)), notification.kind)
        try:
            response = await self._http.post(subscription.endpoint, content=body, headers=headers)
        except httpx.HTTPError as err:
            return SendResult(SendStatus.RETRY, f"network: {err!r}"[:300])
        result = interpret(response.status_code, response.headers.get("retry-after"), response.text[:200])
        if result.status is SendStatus.SENT:
            await PushSubscription.of(actor).filter(id=subscription.id).update(last_success_at=clock.now())
        elif result.status is SendStatus.GONE:
            await PushSubscription.of(actor).filter(id=subscription.id).delete()
        return result


def encrypt(subscription: PushSubscription, payload: bytes, kind: str) -> tuple[bytes, dict[str, str]]:
    """The encrypted body and the headers for one message."""
    settings = get_settings()
    keys = vapid_keys(settings.vapid_private_key)
    # A fresh WebPush per message: its get() keeps the last ttl and subscriber on the instance.
    pusher = WebPush(private_key=keys.private_pem, public_key=keys.public_pem, subscriber="push@seen.invalid",
                     ttl=TTL_SECONDS)
    message = pusher.get(payload, WebPushSubscription(
        endpoint=subscription.endpoint, keys=WebPushKeys(auth=subscription.auth, p256dh=subscription.p256dh)))
    # The push service checks the token's expiry against its own clock, so this one reads the real
    # clock even when tests freeze ours.
    authorization = vapid_authorization(keys, endpoint=subscription.endpoint, subject=vapid_subject(settings.public_url),
                                        issued_at=int(time.time()))
    return message.encrypted, {
        "Authorization": authorization, "Content-Encoding": "aes128gcm", "Content-Type": "application/octet-stream",
        "TTL": str(TTL_SECONDS), "Urgency": urgency(kind), "Topic": topic(kind),
    }


def interpret(status: int, retry_after: str | None, detail: str) -> SendResult:
    if 200 <= status < 300:
        return SendResult(SendStatus.SENT)
    if status in (404, 410):
        return SendResult(SendStatus.GONE, f"HTTP {status}: the subscription expired or was withdrawn")
    return http_failure(status, retry_after, detail, clock.now())


def _fit(fields: dict[str, Any], name: str, cap: int) -> str:
    """The longest prefix of fields[name] (plus an ellipsis) that keeps the whole payload within cap."""
    value: str = fields[name]
    if len(_encode(fields)) <= cap:
        return value
    low, high = 0, len(value)  # binary search on characters: UTF-8 widths vary
    while low < high:
        mid = (low + high + 1) // 2
        if len(_encode({**fields, name: value[:mid] + _ELLIPSIS})) <= cap:
            low = mid
        else:
            high = mid - 1
    return value[:low] + _ELLIPSIS if low else ""


def _encode(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()


def _private_key(raw: str) -> ec.EllipticCurvePrivateKey:
    if raw.startswith("-----BEGIN"):
        loaded = serialization.load_pem_private_key(raw.encode(), password=None)
    else:
        data = _unb64(raw)
        if len(data) == 32:
            return ec.derive_private_key(int.from_bytes(data, "big"), ec.SECP256R1())
        loaded = serialization.load_der_private_key(data, password=None)
    if not isinstance(loaded, ec.EllipticCurvePrivateKey) or loaded.curve.name != "secp256r1":
        raise ValueError("the VAPID private key must be an EC P-256 key")
    return loaded


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
