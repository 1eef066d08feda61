"""Notification delivery jobs: send one organisation's due deliveries (enqueued after a notification
is planned), and the sweep cron for quiet-hour deferrals, retries and anything a crash left behind."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from backend.access.actor import Actor
from backend.access.models import Organization
from backend.notifications import delivery

BATCH = 100


async def send_deliveries(ctx: dict[str, Any], tenant_id: str) -> int:
    """Sends until fewer than a batch are due; returns how many were attempted."""
    actor = Actor.system(UUID(tenant_id), label="delivery sender")
    total = 0
    while True:
        attempted = await delivery.send_due(actor, limit=BATCH)
        total += attempted
        if attempted < BATCH:
            return total


async def send_due_deliveries(ctx: dict[str, Any]) -> int:
    """Cron: every organisation's due deliveries (quiet hours ended, back-off elapsed, lost jobs)."""
    total = 0
    for org in await Organization.all().only("id"):
        total += await send_deliveries(ctx, str(org.id))
    return total
