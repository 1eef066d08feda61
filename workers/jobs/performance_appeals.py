"""Appeal SLA cron: remind reviewers (and HR) once about appeals past their due time, in every
organisation. Safe to re-run: each appeal is reminded once."""
from __future__ import annotations

from typing import Any

from backend.access.actor import Actor
from backend.access.models import Organization
from backend.performance import appeals


async def remind_overdue_appeals_all(ctx: dict[str, Any]) -> int:
    reminded = 0
    for org in await Organization.all().only("id"):
        reminded += await appeals.remind_overdue_appeals(Actor.system(org.id, label="appeal reminder cron"))
    return reminded
