"""Replay protection: a bridge nonce is accepted once within 10 minutes (the ±300 s window plus margin).
A table with a unique key works on SQLite and PostgreSQL alike; old rows are swept as requests arrive."""
from __future__ import annotations

from datetime import timedelta

from tortoise.exceptions import IntegrityError

from backend.access.actor import Actor
from backend.attendance.models import BridgeNonce
from backend.core import clock, db

NONCE_TTL = timedelta(minutes=10)


async def remember(actor: Actor, *, key_id: str, nonce: str) -> bool:
    """True the first time a nonce is seen for this key within NONCE_TTL; False for a replay."""
    now = clock.now()
    await BridgeNonce.of(actor).filter(seen_at__lt=now - NONCE_TTL).delete()
    try:
        async with db.transaction():
            await BridgeNonce.create_for(actor, key_id=key_id, nonce=nonce, seen_at=now)
    except IntegrityError:
        return False
    return True
