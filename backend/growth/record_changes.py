"""What every change of an evidence record does besides the change itself, inside the same
transaction: an audit entry, the outbox event (RecordClaimed for a claim, RecordVerified for every
other state), and marking the person's progress for the debounced recompute."""
from __future__ import annotations

from typing import Any

from backend.access.actor import Actor
from backend.audit import service as audit
from backend.audit.models import AuditEntry
from backend.core import outbox
from backend.growth import dirty
from backend.growth.events import RecordClaimed, RecordVerified
from backend.growth.models import GrowthRecord, RecordStatus

ENTITY = "growth_record"


async def changed(actor: Actor, record: GrowthRecord, *, action: str, before: dict[str, Any] | None = None,
                  after: dict[str, Any] | None = None) -> AuditEntry:
    """Call inside the use case's transaction, with `record` holding its new state. Returns the audit
    entry (its id makes a per-transition notification key)."""
    entry = await audit.record(actor, action=f"{ENTITY}.{action}", entity_type=ENTITY, entity_id=record.id,
                               before=before, after={"status": record.status, **(after or {})})
    if record.status == RecordStatus.CLAIMED:
        await outbox.emit(actor, RecordClaimed(record_id=str(record.id), employee_id=str(record.employee_id),
                                               kind=record.kind.value))
    else:
        await outbox.emit(actor, RecordVerified(record_id=str(record.id), employee_id=str(record.employee_id),
                                                kind=record.kind.value, status=record.status.value,
                                                by_id=str(actor.employee_id) if actor.employee_id else None))
    await dirty.mark(actor, [record.employee_id])
    return entry


def summary(record: GrowthRecord) -> dict[str, Any]:
    """The audited description of a new record."""
    return {"employee_id": record.employee_id, "kind": record.kind, "title": record.title,
            "occurred_on": record.occurred_on, "ends_on": record.ends_on, "quantity": record.quantity,
            "attributes": record.attributes, "source": record.source, "source_ref": record.source_ref,
            "file_id": record.file_id}
