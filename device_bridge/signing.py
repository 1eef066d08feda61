"""Request signing between bridge and backend (DEVICES.md "Auth"). Self-contained on purpose: the
backend re-implements `string_to_sign`/`signature` on its side (no cross import) and both sides are
held to tests/device_bridge/vectors.json."""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time

SCHEME = "v1"
HEADER_BRIDGE_ID = "X-Bridge-Id"
HEADER_KEY_ID = "X-Bridge-Key-Id"
HEADER_TIMESTAMP = "X-Bridge-Timestamp"
HEADER_NONCE = "X-Bridge-Nonce"
HEADER_SIGNATURE = "X-Bridge-Signature"


def string_to_sign(method: str, path_with_query: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    """`"v1\\n" METHOD "\\n" path_with_query "\\n" timestamp "\\n" nonce "\\n" hex(sha256(body))`, UTF-8.

    METHOD is upper-cased; path_with_query is the request target exactly as sent (no scheme or
    host); timestamp is Unix seconds as a decimal string; body is the exact bytes on the wire."""
    digest = hashlib.sha256(body).hexdigest()
    text = "\n".join([SCHEME, method.upper(), path_with_query, timestamp, nonce, digest])
    return text.encode("utf-8")


def signature(secret: bytes, method: str, path_with_query: str, timestamp: str, nonce: str, body: bytes) -> str:
    """The `X-Bridge-Signature` header value: `v1=` + lowercase hex HMAC-SHA256 over `string_to_sign`."""
    mac = hmac.new(secret, string_to_sign(method, path_with_query, timestamp, nonce, body), hashlib.sha256)
    return f"{SCHEME}={mac.hexdigest()}"


def signed_headers(*, bridge_id: str, key_id: str, secret: bytes, method: str, path_with_query: str,
                   body: bytes, now: float | None = None, nonce: str | None = None) -> dict[str, str]:
    """All five auth headers for one request. A fresh 128-bit nonce per request unless given."""
    timestamp = str(int(time.time() if now is None else now))
    nonce = nonce or secrets.token_hex(16)
    return {
        HEADER_BRIDGE_ID: bridge_id,
        HEADER_KEY_ID: key_id,
        HEADER_TIMESTAMP: timestamp,
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: signature(secret, method, path_with_query, timestamp, nonce, body),
    }


def secret_from_file_content(content: bytes) -> bytes:
    """The HMAC key is the file's bytes with surrounding whitespace (a trailing newline) removed."""
    return content.strip()
