"""The normalised ClockEvent (DEVICES.md) and its deterministic identity. Pure: no I/O. The
`raw` field must already be biometric-free when an event is built; it is truncated to 2 KB here."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

RAW_LIMIT = 2048


class Vendor(StrEnum):
    ZKTECO = "zkteco"
    HIKVISION = "hikvision"


class Protocol(StrEnum):
    ADMS = "adms"
    ISAPI = "isapi"
    PULL = "pull"


class Direction(StrEnum):
    IN = "IN"
    OUT = "OUT"
    BREAK_OUT = "BREAK_OUT"
    BREAK_IN = "BREAK_IN"
    OVERTIME_IN = "OVERTIME_IN"
    OVERTIME_OUT = "OVERTIME_OUT"
    UNKNOWN = "UNKNOWN"


class Flag(StrEnum):
    TZ_AMBIGUOUS = "tz_ambiguous"
    TZ_NONEXISTENT = "tz_nonexistent"
    CLOCK_SKEW_SUSPECT = "clock_skew_suspect"
    VERIFY_AMBIGUOUS = "verify_ambiguous"
    TZ_FROM_DEVICE = "tz_from_device"


class TzSource(StrEnum):
    DEVICE_OFFSET = "device_offset"  # the vendor sent an explicit UTC offset
    CONFIGURED_ZONE = "configured_zone"  # the device's IANA zone from the bridge config
    DEFAULT_ZONE = "default_zone"  # an accepted unknown device: the bridge's default zone


def event_id(vendor: str, device_sn: str, employee_pin: str, occurred_local: str) -> str:
    """sha256("v1|vendor|device_sn|employee_pin|occurred_local"): every re-send of a punch (terminal
    retry, forced re-upload, pull re-read, reinstalled bridge) gets the same id."""
    text = "|".join(["v1", vendor, device_sn, employee_pin, occurred_local])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class ClockEvent:
    vendor: Vendor
    protocol: Protocol
    device_sn: str
    employee_pin: str
    occurred_at: str  # RFC 3339 with the real offset
    occurred_local: str  # "YYYY-MM-DD HH:MM:SS", the device wall clock
    tz: str
    tz_source: TzSource
    direction: Direction
    status_code: str  # the vendor's raw in/out code; compared to detect conflicting re-sends
    verify_mode: str
    work_code: str
    received_at: str
    raw: str
    flags: tuple[Flag, ...] = field(default=())

    @property
    def event_id(self) -> str:
        return event_id(self.vendor.value, self.device_sn, self.employee_pin, self.occurred_local)

    def as_input(self) -> dict[str, Any]:
        """The backend's ClockEventInput (camelCase)."""
        return {
            "eventId": self.event_id,
            "vendor": self.vendor.value,
            "protocol": self.protocol.value,
            "deviceSn": self.device_sn,
            "employeePin": self.employee_pin,
            "occurredAt": self.occurred_at,
            "occurredLocal": self.occurred_local,
            "tz": self.tz,
            "tzSource": self.tz_source.value,
            "direction": self.direction.value,
            "verifyMode": self.verify_mode,
            "workCode": self.work_code,
            "receivedAt": self.received_at,
            "flags": [f.value for f in self.flags],
            "raw": truncate_raw(self.raw),
        }


def truncate_raw(raw: str) -> str:
    """At most RAW_LIMIT bytes of UTF-8, cut on a character boundary."""
    data = raw.encode("utf-8")
    if len(data) <= RAW_LIMIT:
        return raw
    return data[:RAW_LIMIT].decode("utf-8", errors="ignore")
