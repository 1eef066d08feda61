"""Bridge keys: HR creates a key for a bridge (key id and secret shown once), rotates it (a second
active key, so the bridge can switch over) and revokes the old one. At most two active keys per bridge."""
from __future__ import annotations

import re
import secrets
from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.attendance.models import BridgeKey
from backend.audit import service as audit
from backend.core import clock, db
from backend.core.errors import Conflict, ValidationFailed

MAX_ACTIVE_PER_BRIDGE = 2
_BRIDGE_ID = re.compile(r"^[\w.\-]{1,80}$")


def _bridge_id(value: str) -> str:
    text = value.strip()
    if not _BRIDGE_ID.match(text):
        raise ValidationFailed("A bridge id is 1–80 letters, digits, '.', '-' or '_'.", field="bridgeId")
    return text


async def _issue(actor: Actor, bridge_id: str, *, action: str) -> tuple[BridgeKey, str]:
    active = await BridgeKey.of(actor).filter(bridge_id=bridge_id, active=True).count()
    if active >= MAX_ACTIVE_PER_BRIDGE:
        raise Conflict("This bridge has two active keys already; revoke the old one first.", field="bridgeId")
    secret = secrets.token_urlsafe(32)
    async with db.transaction():
        key = await BridgeKey.create_for(actor, bridge_id=bridge_id, key_id=f"k{secrets.token_hex(8)}",
                                         secret=secret, created_at=clock.now())
        await audit.record(actor, action=action, entity_type="bridge_key", entity_id=key.id,
                           after={"bridge_id": bridge_id, "key_id": key.key_id})
    return key, secret


async def create_bridge_key(actor: Actor, *, bridge_id: str) -> tuple[BridgeKey, str]:
    """A new key for a bridge; returns the secret, which is never shown again. Requires
    ATTENDANCE_MANAGE; audited as bridge_key.created. Raises Forbidden, ValidationFailed, Conflict."""
    require(actor, Permission.ATTENDANCE_MANAGE)
    return await _issue(actor, _bridge_id(bridge_id), action="bridge_key.created")


async def rotate_bridge_key(actor: Actor, *, key_id: UUID) -> tuple[BridgeKey, str]:
    """A second key for the same bridge; the given one keeps working until revoked. Requires
    ATTENDANCE_MANAGE; audited as bridge_key.rotated. Raises Forbidden, NotFound, Conflict."""
    require(actor, Permission.ATTENDANCE_MANAGE)
    old = await BridgeKey.get_for(actor, key_id, what="bridge key")
    if not old.active:
        raise Conflict("This key is revoked; create a new key instead.")
    return await _issue(actor, old.bridge_id, action="bridge_key.rotated")


async def revoke_bridge_key(actor: Actor, *, key_id: UUID) -> BridgeKey:
    """Requests signed with it are refused from now on. Requires ATTENDANCE_MANAGE; audited as
    bridge_key.revoked. Raises Forbidden, NotFound, Conflict (already revoked)."""
    require(actor, Permission.ATTENDANCE_MANAGE)
    key = await BridgeKey.get_for(actor, key_id, what="bridge key")
    if not key.active:
        raise Conflict("This key is already revoked.")
    async with db.transaction():
        await BridgeKey.of(actor).filter(id=key.id).update(active=False, revoked_at=clock.now())
        await audit.record(actor, action="bridge_key.revoked", entity_type="bridge_key", entity_id=key.id,
                           after={"bridge_id": key.bridge_id, "key_id": key.key_id})
    return await BridgeKey.of(actor).get(id=key.id)


async def list_bridge_keys(actor: Actor) -> list[BridgeKey]:
    """Every key, newest first (the rows carry the secret: callers must never expose it). Requires
    ATTENDANCE_MANAGE."""
    require(actor, Permission.ATTENDANCE_MANAGE)
    return list(await BridgeKey.of(actor).order_by("-created_at"))
