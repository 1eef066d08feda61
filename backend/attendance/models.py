"""Attendance tables: bridge keys, clock devices, PIN mappings, raw punches and bridge nonces.
Written only by the services of backend.attendance; raw punches are stored as the bridge sent them."""
from __future__ import annotations

from enum import StrEnum
from typing import Any
from uuid import UUID

from tortoise import fields

from backend.access.tenancy import TenantScoped


class DirectionPolicy(StrEnum):
    DEVICE = "device"  # trust the direction the terminal reports
    FIRST_IN_LAST_OUT = "first_in_last_out"  # ignore it: the first punch of a day is in, the last out
    IN_ONLY = "in_only"  # an entrance terminal
    OUT_ONLY = "out_only"  # an exit terminal


class BridgeKey(TenantScoped):
    # A device bridge's HMAC key. The secret must be readable to verify signatures, so it is kept
    # like a metric source's secret; it is shown once on create/rotate and never returned again.
    bridge_id = fields.CharField(max_length=80)
    key_id = fields.CharField(max_length=64, unique=True)  # server-generated, so it names one tenant
    secret = fields.CharField(max_length=128)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)
    last_used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "attendance_bridge_key"
        indexes = (("tenant_id", "bridge_id"),)


class ClockDevice(TenantScoped):
    site: Any = fields.ForeignKeyField("seen.Site", related_name=False, on_delete=fields.RESTRICT)
    site_id: UUID
    serial = fields.CharField(max_length=64)
    vendor = fields.CharField(max_length=32)
    name = fields.CharField(max_length=120, default="")
    time_zone = fields.CharField(max_length=64)
    direction_policy = fields.CharEnumField(DirectionPolicy, max_length=24, default=DirectionPolicy.DEVICE)
    active = fields.BooleanField(default=True)
    last_seen_at = fields.DatetimeField(null=True)
    synced_through = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "attendance_clock_device"
        unique_together = (("tenant", "serial"),)


class DevicePin(TenantScoped):
    # The PIN people type or enrol on every terminal of the organisation (device-independent).
    pin = fields.CharField(max_length=32)
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: UUID
    updated_at = fields.DatetimeField()

    class Meta:
        table = "attendance_device_pin"
        unique_together = (("tenant", "pin"),)


class ClockPunch(TenantScoped):
    # One raw punch exactly as the bridge delivered it; employee is null while its PIN is unmatched.
    event_id = fields.CharField(max_length=128)
    device: Any = fields.ForeignKeyField("seen.ClockDevice", related_name=False, on_delete=fields.RESTRICT)
    device_id: UUID
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    employee_id: UUID | None
    vendor = fields.CharField(max_length=32)
    protocol = fields.CharField(max_length=16)
    device_sn = fields.CharField(max_length=64)
    employee_pin = fields.CharField(max_length=32)
    occurred_at = fields.DatetimeField()
    occurred_local = fields.CharField(max_length=32)
    tz = fields.CharField(max_length=64)
    tz_source = fields.CharField(max_length=32)
    direction = fields.CharField(max_length=16)
    verify_mode = fields.CharField(max_length=32)
    work_code = fields.CharField(max_length=32)
    received_at = fields.DatetimeField(null=True)
    flags: fields.JSONField[list[str]] = fields.JSONField(default=list)
    raw_text = fields.TextField()  # the bridge's `raw` (a Model attribute name is reserved)
    ingested_at = fields.DatetimeField()

    class Meta:
        table = "attendance_clock_punch"
        unique_together = (("tenant", "event_id"),)
        indexes = (("tenant_id", "employee_id", "occurred_at"), ("tenant_id", "employee_pin"))


class BridgeNonce(TenantScoped):
    # Nonces seen in the last 10 minutes: a replayed signed request is refused.
    nonce = fields.CharField(max_length=128)
    key_id = fields.CharField(max_length=64)
    seen_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "attendance_bridge_nonce"
        unique_together = (("tenant", "key_id", "nonce"),)
