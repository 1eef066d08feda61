"""Growth reminder cron: each manager's weekly list of reports with claims awaiting confirmation or stale
records, sent on Monday morning in each organisation's own time zone. Runs hourly; the per-manager,
per-week dedupe key makes every other run a no-op."""
from __future__ import annotations

from typing import Any

from backend.access.actor import Actor
from backend.access.models import Organization
from backend.growth import reminders


async def remind_growth_weekly(ctx: dict[str, Any]) -> int:
    reminded = 0
    for org in await Organization.all().only("id"):
        reminded += await reminders.send_weekly_reminders(Actor.system(org.id, label="growth reminder cron"))
    return reminded
