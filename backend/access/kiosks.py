"""Kiosk credentials: a code a shared tablet signs in with, scoped to one site and to check-in."""
from __future__ import annotations

import secrets
from uuid import UUID

from backend.access.actor import Actor
from backend.access.models import KioskCredential, Session
from backend.access.permissions import Permission, require
from backend.access.tokens import digest
from backend.core import clock
from backend.core.errors import Conflict

CODE_DIGITS = 8


async def issue(actor: Actor, *, site_id: UUID, label: str, code: str | None = None) -> tuple[KioskCredential, str]:
    """Returns the credential and its code; only the code's digest is stored, so show it now.
    `code` is given only by the demo seed (a stable code derived from the secret)."""
    require(actor, Permission.KIOSK_MANAGE)
    code = code or "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    credential = await KioskCredential.create_for(
        actor, site_id=site_id, label=label, code_digest=digest(code, purpose="kiosk"), created_at=clock.now()
    )
    return credential, code


async def revoke(actor: Actor, credential_id: UUID) -> KioskCredential:
    """Revokes the code and signs out every tablet using it."""
    require(actor, Permission.KIOSK_MANAGE)
    credential = await KioskCredential.get_for(actor, credential_id, what="kiosk credential")
    if credential.revoked_at is not None:
        raise Conflict("This kiosk code is already revoked.")
    credential.revoked_at = clock.now()
    await credential.save(update_fields=["revoked_at"])
    await Session.of(actor).filter(kiosk_id=credential.id, revoked_at=None).update(revoked_at=clock.now())
    return credential


async def exists_with_code(code: str) -> bool:
    return await KioskCredential.filter(code_digest=digest(code, purpose="kiosk"), revoked_at=None).exists()


async def list_for(actor: Actor) -> list[KioskCredential]:
    require(actor, Permission.KIOSK_MANAGE)
    return await KioskCredential.of(actor).order_by("created_at")
