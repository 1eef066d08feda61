"""Audit entries. Inserted only by backend.audit.service.record, in the same transaction as the change;
never updated or deleted."""
from __future__ import annotations



from typing import Any

from tortoise import fields

from backend.access.tenancy import TenantScoped


class AuditEntry(TenantScoped):
    at = fields.DatetimeField(db_index=True)
    actor_kind = fields.CharField(max_length=16)
    actor_account_id = fields.UUIDField(null=True)
    actor_employee_id = fields.UUIDField(null=True)
    actor_label = fields.CharField(max_length=160)
    action = fields.CharField(max_length=80)
    entity_type = fields.CharField(max_length=60, db_index=True)
    entity_id = fields.CharField(max_length=64)
    before: fields.JSONField[dict[str, Any] | None] = fields.JSONField(null=True)
    after: fields.JSONField[dict[str, Any] | None] = fields.JSONField(null=True)
    request_id = fields.CharField(max_length=64, null=True)

    class Meta:
        table = "audit_entry"


