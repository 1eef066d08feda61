"""Upload bytes in an S3-compatible bucket (AWS S3, MinIO, Ceph, Aliyun OSS / Tencent COS in S3 mode):
the same three calls as the directory storage, over HTTP signed with AWS Signature Version 4. Path-style
addresses (`<endpoint>/<bucket>/<key>`) so any endpoint works without wildcard DNS. A small signer of our
own rather than an SDK: three verbs do not justify botocore's weight, and httpx is already here."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import weakref
from collections.abc import Mapping
from datetime import UTC, datetime
from urllib.parse import quote

import httpx

from backend.core.config import S3Settings

ALGORITHM = "AWS4-HMAC-SHA256"
TIMEOUT = httpx.Timeout(30.0, connect=5.0)


class S3Error(RuntimeError):
    """The bucket answered something other than success or "no such key"."""


def signed_headers(*, method: str, url: str, headers: Mapping[str, str], payload: bytes | None,
                   access_key_id: str, secret_access_key: str, region: str, now: datetime,
                   service: str = "s3") -> dict[str, str]:
    """The request's headers plus x-amz-date, x-amz-content-sha256 and Authorization (SigV4, header
    form). Every given header is signed; `url` is already percent-encoded as it will be sent."""
    parsed = httpx.URL(url)
    amz_date = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    payload_hash = hashlib.sha256(payload or b"").hexdigest()
    all_headers = {**{k.lower(): v for k, v in headers.items()}, "host": parsed.netloc.decode("ascii"),
                   "x-amz-date": amz_date, "x-amz-content-sha256": payload_hash}
    names = sorted(all_headers)
    canonical_headers = "".join(f"{name}:{' '.join(all_headers[name].split())}\n" for name in names)
    signed = ";".join(names)
    canonical_request = "\n".join([method, parsed.raw_path.split(b"?")[0].decode("ascii") or "/",
                                   _canonical_query(parsed), canonical_headers, signed, payload_hash])
    scope = f"{amz_date[:8]}/{region}/{service}/aws4_request"
    to_sign = "\n".join([ALGORITHM, amz_date, scope, hashlib.sha256(canonical_request.encode()).hexdigest()])
    key = _hmac(f"AWS4{secret_access_key}".encode(), amz_date[:8])
    for part in (region, service, "aws4_request"):
        key = _hmac(key, part)
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    all_headers["authorization"] = (f"{ALGORITHM} Credential={access_key_id}/{scope}, "
                                    f"SignedHeaders={signed}, Signature={signature}")
    return all_headers


def _hmac(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode(), hashlib.sha256).digest()


def _canonical_query(url: httpx.URL) -> str:
    pairs = sorted((quote(k, safe="-_.~"), quote(v, safe="-_.~")) for k, v in url.params.multi_items())
    return "&".join(f"{k}={v}" for k, v in pairs)


class S3Storage:
    """The Storage protocol on a bucket. One pooled HTTP client per event loop (a client must not be
    shared across loops; tests and the CLI run several)."""

    def __init__(self, settings: S3Settings, *, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings
        self._transport = transport
        self._clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, httpx.AsyncClient] = (
            weakref.WeakKeyDictionary())

    async def put(self, key: str, content: bytes) -> None:
        response = await self._send("PUT", key, content, {"content-type": "application/octet-stream"})
        if response.status_code != 200:
            raise _error("put", key, response)

    async def get(self, key: str) -> bytes | None:
        response = await self._send("GET", key)
        if response.status_code == 404 and b"NoSuchBucket" not in response.content:  # a missing key, not a bucket
            return None
        if response.status_code != 200:
            raise _error("get", key, response)
        return response.content

    async def delete(self, key: str) -> None:
        response = await self._send("DELETE", key)
        if response.status_code not in (200, 204, 404):  # deleting what is gone is done
            raise _error("delete", key, response)

    def url_of(self, key: str) -> str:
        from backend.files.storage import check_key  # storage chooses this class: imported here, not at the top

        return f"{self.settings.endpoint}/{quote(self.settings.bucket, safe='')}/{quote(check_key(key), safe='/')}"

    async def _send(self, method: str, key: str, content: bytes | None = None,
                    headers: Mapping[str, str] | None = None) -> httpx.Response:
        url = self.url_of(key)
        s = self.settings
        signed = signed_headers(method=method, url=url, headers=headers or {}, payload=content,
                                access_key_id=s.access_key_id, secret_access_key=s.secret_access_key,
                                region=s.region, now=datetime.now(UTC))
        signed.pop("host")  # httpx sends the same value itself
        return await self._client().request(method, url, content=content, headers=signed)

    def _client(self) -> httpx.AsyncClient:
        loop = asyncio.get_running_loop()
        client = self._clients.get(loop)
        if client is None:
            client = httpx.AsyncClient(timeout=TIMEOUT, transport=self._transport)
            self._clients[loop] = client
        return client

    async def close(self) -> None:
        client = self._clients.pop(asyncio.get_running_loop(), None)
        if client is not None:
            await client.aclose()


def _error(verb: str, key: str, response: httpx.Response) -> S3Error:
    # The body is S3's XML error (Code, Message): no secrets in it, useful in the log.
    return S3Error(f"S3 {verb} {key}: HTTP {response.status_code} {response.text[:300]}")
