"""Random tokens handed to clients (sessions, invites, kiosk codes) and the keyed digests we store."""
from __future__ import annotations

import hashlib
import hmac
import secrets

from backend.core.config import get_settings


def new_token() -> str:
    return secrets.token_urlsafe(32)


def digest(token: str, *, purpose: str) -> str:
    """HMAC with the server secret: a leaked table is useless without the key."""
    key = get_settings().secret_key.encode()
    return hmac.new(key, f"{purpose}:{token}".encode(), hashlib.sha256).hexdigest()


def derived_code(label: str, *, digits: int = 8) -> str:
    """A stable numeric code derived from the secret (the demo kiosk code, printed on every start)."""
    mac = hmac.new(get_settings().secret_key.encode(), label.encode(), hashlib.sha256).hexdigest()
    return str(int(mac, 16) % 10**digits).zfill(digits)
