"""PURE: the bridge request signature of DEVICES.md "Auth" (the backend's own implementation, held to
tests/device_bridge/vectors.json; the bridge's code is never imported)."""
from __future__ import annotations

import hashlib
import hmac

SCHEME = "v1"


def string_to_sign(method: str, path_with_query: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    """`"v1\\n" METHOD "\\n" path_with_query "\\n" timestamp "\\n" nonce "\\n" hex(sha256(body))`, UTF-8."""
    digest = hashlib.sha256(body).hexdigest()
    return "\n".join([SCHEME, method.upper(), path_with_query, timestamp, nonce, digest]).encode("utf-8")


def signature(secret: bytes, method: str, path_with_query: str, timestamp: str, nonce: str, body: bytes) -> str:
    """The `X-Bridge-Signature` value: `v1=` + lowercase hex HMAC-SHA256 over string_to_sign."""
    mac = hmac.new(secret, string_to_sign(method, path_with_query, timestamp, nonce, body), hashlib.sha256)
    return f"{SCHEME}={mac.hexdigest()}"


def matches(secret: bytes, given: str, *, method: str, path_with_query: str, timestamp: str, nonce: str,
            body: bytes) -> bool:
    """Constant-time comparison of the sent signature with the expected one."""
    expected = signature(secret, method, path_with_query, timestamp, nonce, body)
    return hmac.compare_digest(given.strip().encode("utf-8"), expected.encode("utf-8"))
