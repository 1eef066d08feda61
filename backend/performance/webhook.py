"""The signed metric webhook: an external system pushes values as JSON, signed with its source's secret
(HMAC-SHA256 over "{timestamp}.{raw body}", the timestamp within ±300 s). Each value gets its own answer
(created, duplicate, rejected); a retry with the same external id changes nothing. HTTP lives in
backend.web.routes.metric_hooks; this module knows nothing of it."""
from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from backend.access.actor import Actor
from backend.core import clock
from backend.performance.models import MetricSource
from backend.performance.webhook_items import ItemResult, record_items

MAX_BODY_BYTES = 256 * 1024
MAX_VALUES = 500
MAX_SKEW_SECONDS = 300
SIGNATURE_PREFIX = "sha256="


class Refusal(StrEnum):
    UNKNOWN_SOURCE = "unknown_source"  # no such source, or switched off
    BAD_SIGNATURE = "bad_signature"
    STALE_TIMESTAMP = "stale_timestamp"  # missing, not a number, or more than 300 s from now
    MALFORMED = "malformed"  # not JSON, or no "values" list
    TOO_LARGE = "too_large"  # body over 256 KB or more than 500 values


class HookRefused(Exception):
    """The whole request is refused; nothing was recorded."""

    def __init__(self, reason: Refusal, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


async def receive(source_id: str, *, timestamp: str | None, signature: str | None, body: bytes) -> list[ItemResult]:
    """Checks the request and records its values as the source's organisation (a system actor labelled
    with the source). Raises HookRefused; otherwise answers per value, in order."""
    source = await _active_source(source_id)
    if len(body) > MAX_BODY_BYTES:
        raise HookRefused(Refusal.TOO_LARGE, f"The body is over {MAX_BODY_BYTES // 1024} KB; send fewer values.")
    now = clock.now()
    verify(source, timestamp=timestamp, signature=signature, body=body, now=now)
    values = _values(body)
    actor = Actor.system(source.tenant_id, label=f"metric source: {source.name}")
    await MetricSource.of(actor).filter(id=source.id).update(last_used_at=now)
    return await record_items(actor, source, values)


def sign(secret: str, timestamp: int | str, body: bytes) -> str:
    """The X-Seen-Signature header value a sender computes."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return SIGNATURE_PREFIX + digest


def verify(source: MetricSource, *, timestamp: str | None, signature: str | None, body: bytes, now: datetime) -> None:
    """PURE: the signature must match the current secret, or the previous one during its grace period,
    and the timestamp be within ±300 s of now. Raises HookRefused."""
    secrets = [source.secret]
    if source.previous_secret and source.previous_valid_until and source.previous_valid_until > now:
        secrets.append(source.previous_secret)
    given = (signature or "").strip()
    # Every candidate is compared in constant time; which one matched is not observable.
    matched = [hmac.compare_digest(given.encode(), sign(s, (timestamp or "").strip(), body).encode()) for s in secrets]
    if not given or not any(matched):
        raise HookRefused(Refusal.BAD_SIGNATURE, "The signature does not match (HMAC-SHA256 of \"{timestamp}.{body}\").")
    try:
        sent = int((timestamp or "").strip())
    except ValueError:
        raise HookRefused(Refusal.STALE_TIMESTAMP, "X-Seen-Timestamp must be Unix seconds.") from None
    if abs(now.timestamp() - sent) > MAX_SKEW_SECONDS:
        raise HookRefused(Refusal.STALE_TIMESTAMP, f"The timestamp is more than {MAX_SKEW_SECONDS} s from now.")


async def _active_source(source_id: str) -> MetricSource:
    try:
        key = UUID(source_id)
    except ValueError:
        raise HookRefused(Refusal.UNKNOWN_SOURCE, "No such metric source.") from None
    # The one lookup across organisations: the URL names the source before anyone is known, and the
    # source's own tenant then scopes everything else (like a session token does for people).
    source = await MetricSource.get_or_none(id=key, active=True)
    if source is None:
        raise HookRefused(Refusal.UNKNOWN_SOURCE, "No such metric source.")
    return source


def _values(body: bytes) -> Sequence[Any]:
    try:
        document = json.loads(body)
    except (UnicodeDecodeError, ValueError):
        raise HookRefused(Refusal.MALFORMED, "The body is not JSON.") from None
    values = document.get("values") if isinstance(document, dict) else None
    if not isinstance(values, list):
        raise HookRefused(Refusal.MALFORMED, 'Send {"values": [...]}.')
    if len(values) > MAX_VALUES:
        raise HookRefused(Refusal.TOO_LARGE, f"Send at most {MAX_VALUES} values per request.")
    return values
