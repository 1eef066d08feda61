"""Community cron: every 10 minutes, each organisation's suggestion answer clock (the 20-hour reminder and
the 24-hour escalation, each once) and the recording of polls whose closing time passed. The logic lives in
backend.community; both steps are idempotent, so overlapping or repeated runs change nothing."""
from __future__ import annotations

from typing import Any

from backend.access.actor import Actor
from backend.access.models import Organization
from backend.community import polls, suggestion_clock as clock_of_suggestions


async def suggestion_clock(ctx: dict[str, Any]) -> dict[str, int]:
    totals = {"reminded": 0, "escalated": 0, "polls_closed": 0}
    for org in await Organization.all().only("id"):
        actor = Actor.system(org.id, label="suggestion clock cron")
        tick = await clock_of_suggestions.run(actor)
        totals["reminded"] += tick.reminded
        totals["escalated"] += tick.escalated
        totals["polls_closed"] += await polls.mark_due_closed(actor)
    return totals
