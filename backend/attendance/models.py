"""Attendance tables: bridge keys, clock devices, PIN mappings, raw punches and bridge nonces; shifts,
flexible-hours options and assignments; requests (flexible hours, shift change, remote day, correction);
derived daily attendance, its recompute queue and streak marks. Written only by the services of
backend.attendance; raw punches are stored as the bridge or kiosk sent them and never edited."""
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


def monday_to_friday() -> list[int]:
    return [1, 2, 3, 4, 5]


class Shift(TenantScoped):
    # Wall-clock times in the site's zone as minutes after midnight; end <= start means overnight.
    code = fields.CharField(max_length=40)
    name_en = fields.CharField(max_length=120)
    name_zh = fields.CharField(max_length=120)
    start_minute = fields.SmallIntField()
    end_minute = fields.SmallIntField()
    break_minutes = fields.SmallIntField(default=60)
    late_grace_minutes = fields.SmallIntField(default=5)  # arriving this late is still on time
    early_grace_minutes = fields.SmallIntField(default=5)  # leaving this early is still a full day
    half_day_minutes = fields.SmallIntField(default=240)  # worked less than this: half a day (or absent below absent_minutes)
    absent_minutes = fields.SmallIntField(default=60)  # worked less than this: absent
    overtime_after_minutes = fields.SmallIntField(default=30)  # work past the end counts as overtime beyond this
    work_days: fields.JSONField[list[int]] = fields.JSONField(default=monday_to_friday)  # ISO weekdays
    flexible_option = fields.BooleanField(default=False)  # offered to employees as a flexible-hours choice
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "attendance_shift"
        unique_together = (("tenant", "code"),)


class AssignmentSource(StrEnum):
    HR = "hr"
    REQUEST = "request"  # an approved flexible-hours or shift-change request


class ShiftAssignment(TenantScoped):
    # Who works which shift at which site from `starts_on` through `ends_on` (open-ended when null).
    # The newest assignment covering a day wins; revoked ones are kept for the audit trail.
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: UUID
    shift: Any = fields.ForeignKeyField("seen.Shift", related_name=False, on_delete=fields.RESTRICT)
    shift_id: UUID
    site: Any = fields.ForeignKeyField("seen.Site", related_name=False, null=True, on_delete=fields.RESTRICT)
    site_id: UUID | None
    starts_on = fields.DateField()
    ends_on = fields.DateField(null=True)
    source = fields.CharEnumField(AssignmentSource, max_length=8, default=AssignmentSource.HR)
    request: Any = fields.ForeignKeyField("seen.AttendanceRequest", related_name=False, null=True, on_delete=fields.SET_NULL)
    request_id: UUID | None
    created_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "attendance_shift_assignment"
        indexes = (("tenant_id", "employee_id", "starts_on"),)


class RequestKind(StrEnum):
    FLEXIBLE_HOURS = "flexible_hours"  # switch to one of the organisation's flexible options
    SHIFT_CHANGE = "shift_change"  # another shift for a date range
    REMOTE_DAY = "remote_day"  # work remotely on given days (optionally using a reward-pool entitlement)
    CORRECTION = "correction"  # a missed punch: the time it should have been


class RequestStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"
    CANCELLED = "cancelled"  # by the requester while pending
    REVOKED = "revoked"  # by HR after approval; its effect is undone


class AttendanceRequest(TenantScoped):
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: UUID
    kind = fields.CharEnumField(RequestKind, max_length=16)
    status = fields.CharEnumField(RequestStatus, max_length=10, default=RequestStatus.PENDING)
    shift: Any = fields.ForeignKeyField("seen.Shift", related_name=False, null=True, on_delete=fields.RESTRICT)
    shift_id: UUID | None  # FLEXIBLE_HOURS / SHIFT_CHANGE
    starts_on = fields.DateField()
    ends_on = fields.DateField(null=True)  # null: open-ended (flexible hours); REMOTE_DAY: inclusive range
    punch_at = fields.DatetimeField(null=True)  # CORRECTION: when the missed punch happened
    punch_direction = fields.CharField(max_length=8, default="")  # CORRECTION: "in" or "out"
    entitlement_id = fields.UUIDField(null=True)  # REMOTE_DAY paid with a reward-pool entitlement
    days = fields.SmallIntField(default=0)  # REMOTE_DAY: working days the request covers
    reason = fields.CharField(max_length=500, default="")
    approver: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    approver_id: UUID | None  # the manager expected to decide
    decided_by: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    decided_by_id: UUID | None
    decided_at = fields.DatetimeField(null=True)
    decision_note = fields.CharField(max_length=500, default="")
    revoked_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "attendance_request"
        indexes = (("tenant_id", "employee_id", "starts_on"), ("tenant_id", "status", "approver_id"))


class DayStatus(StrEnum):
    PRESENT = "present"
    LATE = "late"
    EARLY_LEAVE = "early_leave"
    LATE_AND_EARLY = "late_and_early"
    HALF_DAY = "half_day"
    ABSENT = "absent"
    MISSING_PUNCH = "missing_punch"  # only one punch: an in without an out or the reverse
    REMOTE = "remote"
    ON_LEAVE = "on_leave"
    REST_DAY = "rest_day"  # no shift that day (punches on it are overtime)


class DailyAttendance(TenantScoped):
    # Derived, never typed: recomputed from punches, the shift and approved requests.
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: UUID
    day = fields.DateField()  # the shift's start day in the site's zone (an overnight shift belongs to its start)
    site: Any = fields.ForeignKeyField("seen.Site", related_name=False, null=True, on_delete=fields.SET_NULL)
    site_id: UUID | None
    shift: Any = fields.ForeignKeyField("seen.Shift", related_name=False, null=True, on_delete=fields.SET_NULL)
    shift_id: UUID | None
    status = fields.CharEnumField(DayStatus, max_length=16)
    first_in = fields.DatetimeField(null=True)
    last_out = fields.DatetimeField(null=True)
    late_minutes = fields.IntField(default=0)
    early_leave_minutes = fields.IntField(default=0)
    worked_minutes = fields.IntField(default=0)
    overtime_minutes = fields.IntField(default=0)
    punch_count = fields.SmallIntField(default=0)
    flags: fields.JSONField[list[str]] = fields.JSONField(default=list)  # e.g. "corrected", "direction_inferred"
    closed = fields.BooleanField(default=False)  # every device of the site is synced through the day's end
    computed_at = fields.DatetimeField()

    class Meta:
        table = "attendance_day"
        unique_together = (("tenant", "employee", "day"),)
        indexes = (("tenant_id", "day", "status"),)


class AttendanceRecompute(TenantScoped):
    # A person-day whose attendance must be (re)derived; a punch, request or shift change marks it.
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: UUID
    day = fields.DateField()
    requested_at = fields.DatetimeField()

    class Meta:
        table = "attendance_recompute"
        unique_together = (("tenant", "employee", "day"),)


class StreakMark(TenantScoped):
    # An attendance streak milestone reached (e.g. 20 on-time working days in a row), emitted once.
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: UUID
    length = fields.SmallIntField()
    started_on = fields.DateField()
    reached_on = fields.DateField()
    created_at = fields.DatetimeField()

    class Meta:
        table = "attendance_streak_mark"
        unique_together = (("tenant", "employee", "started_on", "length"),)
