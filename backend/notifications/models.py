"""The in-app inbox. Other channels (Web Push, workplace chat) deliver copies of these rows."""
from __future__ import annotations

import uuid
from enum import StrEnum
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


class NotificationPreference(TenantScoped):
    # One row per person; the defaults apply until they save one.
    employee: Any = fields.OneToOneField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: uuid.UUID
    push_enabled = fields.BooleanField(default=True)
    chat_enabled = fields.BooleanField(default=True)
    muted_kinds: fields.JSONField[list[str]] = fields.JSONField(default=list)  # kinds that stay in the inbox only
    quiet_start = fields.TimeField(null=True)  # local time in the organisation's zone, e.g. 22:00
    quiet_end = fields.TimeField(null=True)  # e.g. 07:30; a window may cross midnight
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "notification_preference"


class PushSubscription(TenantScoped):
    # A browser's Web Push subscription (endpoint and keys from PushManager.subscribe).
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: uuid.UUID
    endpoint = fields.CharField(max_length=1000, unique=True)
    p256dh = fields.CharField(max_length=200)
    auth = fields.CharField(max_length=100)
    user_agent = fields.CharField(max_length=300, default="")
    created_at = fields.DatetimeField()
    last_success_at = fields.DatetimeField(null=True)

    class Meta:
        table = "push_subscription"


class ChatProvider(StrEnum):
    DINGTALK = "dingtalk"
    FEISHU = "feishu"
    WECOM = "wecom"


class ChatWebhook(TenantScoped):
    # The organisation's workplace-chat robot: messages go to its group with an @mention by phone.
    provider = fields.CharEnumField(ChatProvider, max_length=10)
    url = fields.CharField(max_length=500)
    secret = fields.CharField(max_length=200, null=True)  # DingTalk signing secret, Feishu signature key
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "chat_webhook"


class DeliveryChannel(StrEnum):
    PUSH = "push"
    CHAT = "chat"


class DeliveryStatus(StrEnum):
    PENDING = "pending"  # waiting for a worker, a retry, or the end of quiet hours
    SENT = "sent"
    SKIPPED = "skipped"  # muted, no subscription, channel off
    FAILED = "failed"  # gave up after retries, or the subscription is gone


class Delivery(TenantScoped):
    # One attempt chain per notification, channel and target (a push subscription, a webhook).
    notification: Any = fields.ForeignKeyField("seen.Notification", related_name="deliveries", on_delete=fields.CASCADE)
    notification_id: uuid.UUID
    channel = fields.CharEnumField(DeliveryChannel, max_length=6)
    target = fields.CharField(max_length=64)  # the subscription's or webhook's id
    status = fields.CharEnumField(DeliveryStatus, max_length=8, default=DeliveryStatus.PENDING)
    attempts = fields.IntField(default=0)
    not_before = fields.DatetimeField(null=True)  # quiet hours or a back-off
    last_error = fields.CharField(max_length=500, null=True)
    sent_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "delivery"
        unique_together = (("notification", "channel", "target"),)
        indexes = (("status", "not_before"),)
