"""HR's rules ("when <trigger> [and conditions] then <awards>") and the record of each firing."""
from __future__ import annotations

import uuid
from typing import Any

from tortoise import fields

from backend.access.tenancy import TenantScoped


class Rule(TenantScoped):
    name = fields.CharField(max_length=120)
    trigger = fields.CharField(max_length=60)  # a key of backend.rules.catalogue.TRIGGERS
    conditions: fields.JSONField[dict[str, Any] | None] = fields.JSONField(null=True)  # validated tree
    awards: fields.JSONField[dict[str, Any]] = fields.JSONField()  # validated award spec
    active = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "rule"


class RuleFiring(TenantScoped):
    # The exactly-once guard: a rule fires at most once per event and recipient.

    rule: Any = fields.ForeignKeyField("seen.Rule", related_name="firings", on_delete=fields.CASCADE)
    rule_id: uuid.UUID
    event_id = fields.UUIDField()
    recipient: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    recipient_id: uuid.UUID
    awards: fields.JSONField[dict[str, Any]] = fields.JSONField()  # what was given, as it was then
    fired_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "rule_firing"
        unique_together = (("rule", "event_id", "recipient"),)
