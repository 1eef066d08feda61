"""Recognition crons: today's birthdays and work anniversaries (rules turn them into awards), and
each month's giving allowances. Both fan out over organisations and are safe to re-run."""
from __future__ import annotations

import logging
from typing import Any

from backend.access.actor import Actor
from backend.access.models import Organization
from backend.org import celebrations
from backend.recognition import policy

log = logging.getLogger(__name__)


async def celebrate_today(ctx: dict[str, Any]) -> int:
    """Hourly: each organisation's day starts at its own midnight; the outbox dedupe keys make the
    other 23 runs of a day no-ops."""
    emitted = 0
    for org in await Organization.all().only("id"):
        emitted += await celebrations.emit_celebrations(Actor.system(org.id, label="celebrations cron"))
    return emitted


async def grant_monthly_allowances(ctx: dict[str, Any]) -> int:
    """Daily: tops everyone up for the month (the first look or kudos of a month grants it too)."""
    granted = 0
    for org in await Organization.all().only("id"):
        granted += await policy.grant_monthly_allowances(Actor.system(org.id, label="allowance cron"))
    return granted
