"""Reading the audit trail (HR admins)."""
from __future__ import annotations

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit.models import AuditEntry
from backend.core.pagination import Page, paginate


async def list_entries(
    actor: Actor, *, first: int, after: str | None, entity_type: str | None = None
) -> Page[AuditEntry]:
    """Newest first. Requires AUDIT_READ."""
    require(actor, Permission.AUDIT_READ)
    query = AuditEntry.of(actor)
    if entity_type:
        query = query.filter(entity_type=entity_type)
    return await paginate(query, first=first, after=after, key="at", descending=True)
