"""Recording audit entries. Call inside the use case's transaction so the entry and the change
commit or roll back together."""
from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID

from backend.access.actor import Actor
from backend.audit.models import AuditEntry
from backend.core import clock


async def record(
    actor: Actor, *, action: str, entity_type: str, entity_id: UUID | str,
    before: dict[str, Any] | None = None, after: dict[str, Any] | None = None,
) -> AuditEntry:
    """`before`/`after` hold only the fields that changed (and are safe to show: never secrets)."""
    return await AuditEntry.create_for(
        actor,
        at=clock.now(),
        actor_kind=actor.kind.value,
        actor_account_id=actor.account_id,
        actor_employee_id=actor.employee_id,
        actor_label=actor.label or actor.kind.value,
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id),
        before=_plain(before),
        after=_plain(after),
        request_id=actor.request_id,
    )


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys whose values differ."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def _plain(values: dict[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    return {k: _value(v) for k, v in values.items()}


def _value(v: Any) -> Any:
    if isinstance(v, Enum):
        return v.value
    if isinstance(v, UUID):
        return str(v)
    if isinstance(v, datetime | date):
        return v.isoformat()
    return v
