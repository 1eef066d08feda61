"""The audit log for HR admins."""
from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from backend.audit import queries as audit
from backend.audit.models import AuditEntry as AuditEntryModel
from schema.context import Info
from schema.core.connection import Connection


@strawberry.type(description="One recorded change: who, what, when, and the values before and after.")
class AuditEntry:
    id: strawberry.ID = strawberry.field(description="Stable id.")
    at: datetime = strawberry.field(description="When it happened (UTC).")
    actor_label: str = strawberry.field(description="Who did it: a person's name, a kiosk or the system.")
    action: str = strawberry.field(description="What happened, e.g. employee.invited.")
    entity_type: str = strawberry.field(description="Kind of thing changed, e.g. employee.")
    entity_id: str = strawberry.field(description="Id of the thing changed.")
    before: JSON | None = strawberry.field(description="Changed fields before.")
    after: JSON | None = strawberry.field(description="Changed fields after.")
    request_id: str | None = strawberry.field(description="The API request that made the change.")

    @classmethod
    def from_model(cls, e: AuditEntryModel) -> AuditEntry:
        return cls(id=strawberry.ID(str(e.id)), at=e.at, actor_label=e.actor_label, action=e.action,
                   entity_type=e.entity_type, entity_id=e.entity_id, before=JSON(e.before) if e.before is not None else None,
                   after=JSON(e.after) if e.after is not None else None, request_id=e.request_id)


@strawberry.type
class AuditQuery:
    @strawberry.field(description="HR: the audit trail, newest first.")
    async def audit_log(self, info: Info, first: int = 50, after: str | None = None, entity_type: str | None = None) -> Connection[AuditEntry]:
        page = await audit.list_entries(info.context.actor, first=first, after=after, entity_type=entity_type)
        return Connection.from_page(page, AuditEntry.from_model)
