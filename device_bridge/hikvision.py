"""Hikvision ISAPI event push, pure: a JSON body or a multipart body (the `AccessControllerEvent`
JSON part is read, the `Picture` part skipped unread) to at most one ClockEvent. `raw` is rebuilt
from an allow-list of fields, so pictures, face data or URLs to them can never be stored."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from device_bridge.events import ClockEvent, Direction, Flag, Protocol, TzSource, Vendor
from device_bridge.timezones import LOCAL_FORMAT, localize, rfc3339, skew_flags
from device_bridge.zkteco import POLICY_DIRECTIONS, PunchContext

PUNCH_MAJOR = 5
PUNCH_MINORS = {75: "face", 38: "fingerprint", 1: "card"}
ATTENDANCE = {
    "checkin": Direction.IN, "checkout": Direction.OUT, "breakout": Direction.BREAK_OUT,
    "breakin": Direction.BREAK_IN, "overtimein": Direction.OVERTIME_IN, "overtimeout": Direction.OVERTIME_OUT,
    "undefined": Direction.UNKNOWN,
}
RAW_TOP = ("eventType", "dateTime", "ipAddress", "macAddress", "channelID", "activePostCount")
RAW_ACS = ("majorEventType", "subEventType", "employeeNoString", "serialNo", "attendanceStatus",
           "cardReaderNo", "doorNo", "verifyNo", "currentVerifyMode", "userType")
JSON_PART_NAMES = {"accesscontrollerevent", "event_log"}


class NotAnEvent(ValueError):
    """The body is not a usable ISAPI event (unparseable JSON, no JSON part, bad fields)."""


@dataclass(frozen=True, slots=True)
class Notification:
    """One parsed push: its type, device hints, the punch-relevant part and the ACS serialNo."""
    event_type: str
    mac: str | None
    document: dict[str, Any]

    @property
    def acs(self) -> dict[str, Any]:
        value = self.document.get("AccessControllerEvent")
        return value if isinstance(value, dict) else {}

    @property
    def serial_no(self) -> int | None:
        value = self.acs.get("serialNo")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def is_access_event(self) -> bool:
        return self.event_type.lower() == "accesscontrollerevent" and bool(self.acs)


def parse_body(body: bytes, content_type: str) -> Notification:
    if "multipart/" in content_type.lower():
        text = json_part(body, content_type)
    else:
        text = body.decode("utf-8", errors="replace")
    try:
        document = json.loads(text)
    except ValueError:
        raise NotAnEvent("body is not JSON") from None
    if not isinstance(document, dict):
        raise NotAnEvent("JSON body is not an object")
    mac = document.get("macAddress")
    return Notification(event_type=str(document.get("eventType", "")), document=document,
                        mac=str(mac).lower().replace("-", ":") if mac else None)


def json_part(body: bytes, content_type: str) -> str:
    """The JSON part of a multipart body; other parts (pictures) are skipped without decoding."""
    match = re.search(r'boundary="?([^";,]+)"?', content_type, flags=re.IGNORECASE)
    if not match:
        raise NotAnEvent("multipart body without a boundary")
    delimiter = b"--" + match.group(1).strip().encode("latin-1")
    for part in body.split(delimiter)[1:]:
        head, sep, content = part.partition(b"\r\n\r\n")
        if not sep:
            head, sep, content = part.partition(b"\n\n")
        headers = head.decode("latin-1").lower()
        name = re.search(r'name="?([^";\r\n]+)"?', headers)
        is_json = "json" in headers or (name is not None and name.group(1) in JSON_PART_NAMES)
        if sep and is_json and (name is None or name.group(1) != "picture"):
            return content.rstrip(b"\r\n-").decode("utf-8", errors="replace")
    raise NotAnEvent("multipart body without a JSON part")


def punch(note: Notification, ctx: PunchContext) -> ClockEvent | None:
    """A ClockEvent for a successful authentication (major 5, minor face/fingerprint/card); None for
    anything else (failures, door events, heartbeats)."""
    acs = note.acs
    if not note.is_access_event or acs.get("majorEventType") != PUNCH_MAJOR or \
            acs.get("subEventType") not in PUNCH_MINORS:
        return None
    pin = str(acs.get("employeeNoString") or acs.get("employeeNo") or "").strip()
    if not pin or len(pin) > 64:
        raise NotAnEvent("authentication event without an employee number")
    moment, local, flags = _time(str(note.document.get("dateTime", "")), ctx)
    status = str(acs.get("attendanceStatus") or "undefined")
    direction = POLICY_DIRECTIONS.get(ctx.direction_policy) or ATTENDANCE.get(status.lower(), Direction.UNKNOWN)
    tz_source = TzSource.DEVICE_OFFSET if Flag.TZ_FROM_DEVICE in flags else ctx.tz_source
    return ClockEvent(
        vendor=Vendor.HIKVISION, protocol=Protocol.ISAPI, device_sn=ctx.device_sn, employee_pin=pin,
        occurred_at=rfc3339(moment), occurred_local=local.strftime(LOCAL_FORMAT), tz=ctx.zone.key,
        tz_source=tz_source, direction=direction, status_code=status.lower(),
        verify_mode=str(acs.get("subEventType")), work_code="", received_at=rfc3339(ctx.received_at.astimezone(UTC)),
        raw=safe_raw(note.document), flags=flags,
    )


def _time(text: str, ctx: PunchContext) -> tuple[datetime, datetime, tuple[Flag, ...]]:
    """Use the terminal's own offset when it sends one; otherwise the configured zone."""
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        raise NotAnEvent(f"unusable dateTime {text[:40]!r}") from None
    skew = ctx.skew_tolerance_seconds
    if parsed.tzinfo is not None:
        local = parsed.replace(tzinfo=None, microsecond=0)
        flags = (Flag.TZ_FROM_DEVICE, *skew_flags(parsed, ctx.received_at, skew))
        return parsed, local, flags
    local = parsed.replace(microsecond=0)
    resolved = localize(local, ctx.zone)
    return resolved.occurred_at, local, resolved.flags + skew_flags(resolved.occurred_at, ctx.received_at, skew)


def safe_raw(document: dict[str, Any]) -> str:
    """Only allow-listed scalar fields survive, so nothing biometric can ride along in `raw`."""
    kept: dict[str, Any] = {k: document[k] for k in RAW_TOP if _scalar(document.get(k))}
    acs = document.get("AccessControllerEvent")
    if isinstance(acs, dict):
        kept["AccessControllerEvent"] = {k: acs[k] for k in RAW_ACS if _scalar(acs.get(k))}
    return json.dumps(kept, ensure_ascii=False, separators=(",", ":"))


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool) and len(str(value)) <= 128
