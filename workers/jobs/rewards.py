"""Reward pool housekeeping: meeting slots that passed unbooked leave the items' stock counts."""
from __future__ import annotations

from typing import Any

from backend.access.actor import Actor
from backend.access.models import Organization
from backend.rewards import slots


async def resync_meeting_stock(ctx: dict[str, Any]) -> int:
    organizations = await Organization.all().only("id")
    for org in organizations:
        await slots.resync_meeting_stock(Actor.system(org.id, label="meeting stock cron"))
    return len(organizations)
