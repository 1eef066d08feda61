"""Infrastructure tables that belong to no domain: the transactional outbox and login throttling.
Both are allow-listed in the tenancy guard: the outbox carries a tenant id for the system actor that
replays it, and login failures are recorded before anyone is known."""
from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model


class OutboxEvent(Model):
    id = fields.UUIDField(primary_key=True)
    tenant_id = fields.UUIDField(db_index=True)
    type = fields.CharField(max_length=80)
    payload: fields.JSONField[dict[str, Any]] = fields.JSONField()
    created_at = fields.DatetimeField(db_index=True)
    dispatched_at = fields.DatetimeField(null=True, db_index=True)
    claimed_until = fields.DatetimeField(null=True)
    attempts = fields.IntField(default=0)
    last_error = fields.TextField(null=True)
    # Set by events a cron may emit twice (a birthday, a streak): the second emit is a no-op.
    dedupe_key = fields.CharField(max_length=200, null=True)

    class Meta:
        table = "outbox_event"
        unique_together = (("tenant_id", "dedupe_key"),)


class LoginFailure(Model):
    id = fields.BigIntField(primary_key=True)
    key = fields.CharField(max_length=200, db_index=True)
    at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "login_failure"
