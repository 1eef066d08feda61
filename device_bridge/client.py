"""The one outbound call: the signed ingestClockEvents mutation. stdlib urllib on a worker thread
(TLS, chunked replies); no redirects are followed and no proxy is taken from the environment,
only the configured one. Returns status, body and Retry-After; never raises for HTTP or network."""
from __future__ import annotations

import asyncio
import email.utils
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from device_bridge.signing import signed_headers

MUTATION = (
    "mutation Ingest($input: IngestClockEventsInput!) { ingestClockEvents(input: $input) "
    "{ results { eventId status code retryable } } }"
)
RETRY_AFTER_CAP = 3600.0


@dataclass(frozen=True, slots=True)
class Reply:
    status: int  # 0 for a network error
    body: bytes
    retry_after: float | None = None
    error: str = ""

    def json(self) -> Any:
        return json.loads(self.body)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a redirect surfaces as an HTTP error: the URL in the config is wrong


class BackendClient:
    def __init__(self, *, backend_url: str, bridge_id: str, key_id: str, secret: bytes, timeout: float,
                 proxy: str | None = None) -> None:
        self.url = backend_url.rstrip("/") + "/graphql"
        parts = urlsplit(self.url)
        self.path = parts.path + (f"?{parts.query}" if parts.query else "")
        self.bridge_id, self.key_id, self._secret, self.timeout = bridge_id, key_id, secret, timeout
        proxies = {"http": proxy, "https": proxy} if proxy else {}
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler(proxies), _NoRedirect())

    def body(self, events: list[dict[str, Any]], devices: list[dict[str, Any]]) -> bytes:
        payload = {"query": MUTATION, "variables": {"input": {"bridgeId": self.bridge_id, "events": events,
                                                              "devices": devices}}}
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    async def ingest(self, events: list[dict[str, Any]], devices: list[dict[str, Any]]) -> Reply:
        return await self.post(self.body(events, devices))

    async def post(self, body: bytes) -> Reply:
        return await asyncio.to_thread(self._post, body)

    def _post(self, body: bytes) -> Reply:
        headers = {"Content-Type": "application/json", "Accept": "application/json",
                   "User-Agent": "seen-bridge/1"}
        headers.update(signed_headers(bridge_id=self.bridge_id, key_id=self.key_id, secret=self._secret,
                                      method="POST", path_with_query=self.path, body=body))
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return Reply(response.status, response.read(), retry_after(response.headers.get("Retry-After")))
        except urllib.error.HTTPError as err:
            try:
                content = err.read()
            except OSError:
                content = b""
            return Reply(err.code, content, retry_after(err.headers.get("Retry-After") if err.headers else None))
        except (urllib.error.URLError, OSError, ValueError) as err:
            return Reply(0, b"", None, f"{type(err).__name__}: {getattr(err, 'reason', err)}")


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date), capped at an hour."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), RETRY_AFTER_CAP)
    try:
        when = email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None
    return min(max(0.0, when - (time.time() if now is None else now)), RETRY_AFTER_CAP)
