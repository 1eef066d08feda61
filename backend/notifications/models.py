"""The in-app inbox. Other channels (Web Push, workplace chat) deliver copies of these rows."""
from __future__ import annotations

import uuid
from typing import Any

from tortoise import fields

from backend.access.tenancy import TenantScoped


class Notification(TenantScoped):
    recipient: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    recipient_id: uuid.UUID
    kind = fields.CharField(max_length=40)
    # Both languages are rendered when the notification is made: the inbox shows the reader's.
    title_en = fields.CharField(max_length=200)
    title_zh = fields.CharField(max_length=200)
    body_en = fields.CharField(max_length=500, default="")
    body_zh = fields.CharField(max_length=500, default="")
    link = fields.CharField(max_length=300)  # an in-app path the PWA opens
    # One notification per fact and recipient, however often the handler that makes it is retried.
    dedupe_key = fields.CharField(max_length=200)
    read_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "notification"
        unique_together = (("tenant", "recipient", "dedupe_key"),)
        indexes = (("tenant_id", "recipient_id", "created_at"),)  # the inbox, newest first
