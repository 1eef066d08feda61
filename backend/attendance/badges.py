"""QR attendance badges: "seen-badge:v1:<employee id>:<mac>", where the mac is HMAC-SHA256 over the
organisation and employee ids with a key derived from the app secret, truncated to 128 bits (base64url,
22 characters: short enough for a small QR, far beyond guessing at a throttled kiosk). Nothing is
stored: a badge is valid while the secret is, so rotating SEEN_SECRET_KEY reissues every badge at once.
Per-person rotation would need a counter column (not in the model); a person who leaves is refused by
the check-in's active-employee check, not by the token."""
from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from uuid import UUID

from backend.access.actor import Actor, ActorKind
from backend.core.config import get_settings
from backend.core.errors import Forbidden, InvalidCredentials
from backend.org.models import Employee, EmployeeStatus

PREFIX = "seen-badge:v1:"
MAC_BYTES = 16
_KEY_LABEL = b"seen/attendance-badge/v1"


@dataclass(frozen=True, slots=True)
class Badge:
    token: str
    employee_number: str
    name: str


def _key() -> bytes:
    # A key of its own (HMAC of a fixed label under the app secret): badge macs can never collide with
    # session, invite or kiosk-code digests made with the secret itself.
    return hmac.new(get_settings().secret_key.encode(), _KEY_LABEL, hashlib.sha256).digest()


def _mac(tenant_id: UUID, employee_id: UUID) -> str:
    full = hmac.new(_key(), f"{tenant_id}:{employee_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(full[:MAC_BYTES]).rstrip(b"=").decode()


def token_for(tenant_id: UUID, employee_id: UUID) -> str:
    return f"{PREFIX}{employee_id}:{_mac(tenant_id, employee_id)}"


def parse(token: str) -> tuple[UUID, str] | None:
    """PURE: the employee id and mac of a well-formed token, else None."""
    text = token.strip()
    if not text.startswith(PREFIX) or len(text) > 120:
        return None
    employee, _, mac = text[len(PREFIX):].partition(":")
    try:
        employee_id = UUID(employee)
    except ValueError:
        return None
    return (employee_id, mac) if mac else None


def verify(tenant_id: UUID, token: str) -> UUID:
    """The employee id a badge names, if it was made for this organisation (constant-time compare).
    Raises InvalidCredentials(field="badgeToken") otherwise."""
    parsed = parse(token)
    expected = _mac(tenant_id, parsed[0]) if parsed else ""
    if parsed is None or not hmac.compare_digest(expected.encode(), parsed[1].encode()):
        raise InvalidCredentials("This badge is not valid here.", field="badgeToken")
    return parsed[0]


async def my_badge(actor: Actor) -> Badge:
    """The signed-in person's badge. Raises Forbidden for kiosks, bridges and people who have left."""
    if actor.kind != ActorKind.USER or actor.employee_id is None:
        raise Forbidden("Only a signed-in person has a badge.")
    employee = await Employee.of(actor).get_or_none(id=actor.employee_id, status=EmployeeStatus.ACTIVE)
    if employee is None:
        raise Forbidden("Only people with the company have a badge.")
    return Badge(token=token_for(actor.tenant_id, employee.id), employee_number=employee.employee_number,
                 name=employee.name)
