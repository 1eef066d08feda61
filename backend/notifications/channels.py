"""The sender interface every delivery channel implements (Web Push, workplace chat), and the small
pieces they share: the reader's language, HTTP status mapping, Retry-After, which loopback URLs are allowed."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from typing import Protocol
from urllib.parse import SplitResult

import httpx

from backend.access.actor import Actor
from backend.core.config import Environment, get_settings
from backend.notifications.models import DeliveryChannel, Notification
from backend.org.models import Employee

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class SendStatus(StrEnum):
    SENT = "sent"
    GONE = "gone"  # the target no longer exists (an expired push subscription): never retry
    RETRY = "retry"  # rate limited, server error or network trouble: try again later
    FAILED = "failed"  # refused for good (bad request, bad signature)


@dataclass(frozen=True, slots=True)
class SendResult:
    status: SendStatus
    detail: str = ""
    retry_after: float | None = None  # seconds the receiver asked us to wait


class Channel(Protocol):
    name: DeliveryChannel

    async def targets(self, actor: Actor, notification: Notification, recipient: Employee) -> list[str]:
        """Where this notification could go for this person (ids of subscriptions, webhooks)."""
        ...

    def unreachable(self, recipient: Employee) -> str | None:
        """Why the person cannot be reached here even with a target (no phone to @mention), or None."""
        ...

    async def send(self, actor: Actor, notification: Notification, recipient: Employee, target: str) -> SendResult:
        """One attempt; never raises for an answer from the other side, only reports it."""
        ...


@dataclass(frozen=True, slots=True)
class Text:
    title: str
    body: str


def text_for(notification: Notification, locale: str) -> Text:
    """The notification in the reader's language: English for "en", Chinese otherwise."""
    if str(locale) == "en":
        return Text(title=notification.title_en, body=notification.body_en)
    return Text(title=notification.title_zh, body=notification.body_zh)


def absolute_link(public_url: str, link: str) -> str:
    return link if link.startswith(("https://", "http://")) else f"{public_url.rstrip('/')}/{link.lstrip('/')}"


def http_failure(status: int, retry_after: str | None, detail: str, now: datetime) -> SendResult:
    """The answer to a non-success HTTP status: 429 and 5xx are worth another try, other codes not."""
    if status == 429 or status >= 500:
        return SendResult(SendStatus.RETRY, f"HTTP {status} {detail}".strip(), retry_after_seconds(retry_after, now))
    return SendResult(SendStatus.FAILED, f"HTTP {status} {detail}".strip())


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """Retry-After as seconds or an HTTP date (RFC 9110); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - now).total_seconds())


def loopback_allowed(parts: SplitResult) -> bool:
    """Tests and development point senders at local stand-ins (a push service, a chat robot);
    production never talks to loopback or plain HTTP."""
    if get_settings().env not in (Environment.TEST, Environment.DEV):
        return False
    return parts.scheme in ("http", "https") and (parts.hostname or "") in LOOPBACK_HOSTS


class HttpChannel:
    """What both network channels share: one HTTP client per send batch, none when only planning."""

    def __init__(self, client: httpx.AsyncClient | None = None) -> None:
        self._client = client  # None: planning only

    @property
    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            raise RuntimeError("this channel was built for planning; give it a client to send")
        return self._client
