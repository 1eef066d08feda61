"""Outbox jobs: the drain enqueued after each commit, and the sweep cron that recovers lost drains."""
from __future__ import annotations

from typing import Any

from backend import event_handlers


async def drain_outbox(ctx: dict[str, Any]) -> int:
    total = 0
    while batch := await event_handlers.drain():
        total += batch
    return total


async def sweep_outbox(ctx: dict[str, Any]) -> int:
    return await event_handlers.sweep()
