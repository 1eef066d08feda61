"""Points jobs: the nightly reconciliation of cached balances, one child job per organisation."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from backend.access.actor import Actor
from backend.access.models import Organization
from backend.core import clock, jobs
from backend.points import ledger


async def reconcile_points(ctx: dict[str, Any], tenant_id: str) -> int:
    """Repairs one organisation's drifted balances; returns how many drifts were found."""
    drifts = await ledger.reconcile(Actor.system(UUID(tenant_id), label="points reconciliation"))
    return len(drifts)


async def reconcile_all_points(ctx: dict[str, Any]) -> int:
    """Cron parent: enqueues one reconcile_points per organisation. The job id names the tenant and
    the day, so a repeated run the same day does not queue a second child while the first is pending."""
    day = clock.now().date().isoformat()
    tenant_ids = await Organization.all().values_list("id", flat=True)
    for tenant_id in tenant_ids:
        await jobs.enqueue("reconcile_points", str(tenant_id), job_id=f"reconcile_points:{tenant_id}:{day}")
    return len(tenant_ids)
