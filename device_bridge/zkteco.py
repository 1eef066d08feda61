"""ZKTeco ADMS ("iclock" push) protocol, pure: ATTLOG lines to ClockEvents (malformed lines set
aside with a reason), OPERLOG triage (biometric lines are counted by their first word and never
read further), the initialisation answer and devicecmd results. No I/O, no logging."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from device_bridge.config import DirectionPolicy
from device_bridge.events import ClockEvent, Direction, Flag, Protocol, TzSource, Vendor
from device_bridge.timezones import LOCAL_FORMAT, adms_timezone_option, localize, parse_local, rfc3339, skew_flags

STATUS_DIRECTIONS = {
    "0": Direction.IN, "1": Direction.OUT, "2": Direction.BREAK_OUT, "3": Direction.BREAK_IN,
    "4": Direction.OVERTIME_IN, "5": Direction.OVERTIME_OUT, "255": Direction.UNKNOWN,
}
AMBIGUOUS_VERIFY = {"0", "2"}  # the vendor document and real devices disagree on these
BIOMETRIC_WORDS = {"FP", "FACE", "FVEIN", "BIODATA", "USERPIC", "BIOPHOTO"}
POLICY_DIRECTIONS = {DirectionPolicy.IN: Direction.IN, DirectionPolicy.OUT: Direction.OUT,
                     DirectionPolicy.UNKNOWN: Direction.UNKNOWN}
MAX_PIN_LENGTH = 64
QUARANTINE_MAX = 256


@dataclass(frozen=True, slots=True)
class PunchContext:
    """What the bridge knows about the terminal a body came from."""
    device_sn: str
    zone: ZoneInfo
    tz_source: TzSource
    direction_policy: DirectionPolicy
    received_at: datetime
    skew_tolerance_seconds: float
    protocol: Protocol = Protocol.ADMS


@dataclass(slots=True)
class AttlogResult:
    events: list[ClockEvent] = field(default_factory=list)
    quarantined: list[tuple[str, str]] = field(default_factory=list)  # (line, reason)
    dropped: int = 0  # not punches and possibly sensitive (key=value data, biometric words): unstored

    @property
    def lines(self) -> int:
        return len(self.events) + len(self.quarantined) + self.dropped


@dataclass(slots=True)
class OperlogResult:
    oplog: list[str] = field(default_factory=list)
    biometric: int = 0
    users: int = 0
    other: int = 0

    @property
    def lines(self) -> int:
        return len(self.oplog) + self.biometric + self.users + self.other


def decode(body: bytes) -> str:
    return body.decode("utf-8", errors="replace")


def lines_of(text: str) -> Iterator[str]:
    """Non-blank lines, tolerant of CRLF, bare CR and trailing whitespace."""
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            yield line.rstrip(" \t")


def parse_attlog(text: str, ctx: PunchContext) -> AttlogResult:
    result = AttlogResult()
    for line in lines_of(text):
        try:
            result.events.append(punch(line, ctx))
        except ValueError as err:
            if storable(line):
                result.quarantined.append((line, str(err)[:200]))
            else:
                result.dropped += 1
    return result


def storable(line: str) -> bool:
    """Only short lines without key=value data may be quarantined: a real ATTLOG line never has
    `=`, while every USER, FP, FACE, BIODATA ... line does, so nothing of those can be kept."""
    words = line.split(None, 1)
    first = words[0].upper() if words else ""
    return len(line) <= QUARANTINE_MAX and "=" not in line and first not in BIOMETRIC_WORDS | {"USER"}


def punch(line: str, ctx: PunchContext) -> ClockEvent:
    """`PIN\\tTime\\tStatus\\tVerify\\tWorkcode\\t...`; older firmware stops after Time or Status."""
    fields = [f.strip() for f in line.split("\t")]
    if len(fields) < 2:
        raise ValueError("fewer than two TAB-separated fields")
    pin, when = fields[0], parse_local(fields[1])
    if not pin or len(pin) > MAX_PIN_LENGTH or not pin.isprintable():
        raise ValueError("missing or unusable PIN")
    status = fields[2] if len(fields) > 2 and fields[2] else "255"
    if not status.isdigit():
        raise ValueError(f"status {status[:10]!r} is not a number")
    verify = fields[3] if len(fields) > 3 else ""
    work_code = fields[4] if len(fields) > 4 else ""
    return build(ctx, pin=pin, local=when, status=status, verify=verify, work_code=work_code, raw=line)


def build(ctx: PunchContext, *, pin: str, local: datetime, status: str, verify: str, work_code: str,
          raw: str) -> ClockEvent:
    """A ClockEvent from a wall-clock punch interpreted in the terminal's zone."""
    resolved = localize(local, ctx.zone)
    flags = list(resolved.flags) + list(skew_flags(resolved.occurred_at, ctx.received_at, ctx.skew_tolerance_seconds))
    if verify in AMBIGUOUS_VERIFY:
        flags.append(Flag.VERIFY_AMBIGUOUS)
    direction = POLICY_DIRECTIONS.get(ctx.direction_policy) or STATUS_DIRECTIONS.get(status, Direction.UNKNOWN)
    return ClockEvent(
        vendor=Vendor.ZKTECO, protocol=ctx.protocol, device_sn=ctx.device_sn, employee_pin=pin,
        occurred_at=rfc3339(resolved.occurred_at), occurred_local=local.strftime(LOCAL_FORMAT),
        tz=ctx.zone.key, tz_source=ctx.tz_source, direction=direction, status_code=status, verify_mode=verify,
        work_code=work_code, received_at=rfc3339(ctx.received_at.astimezone(UTC)), raw=raw, flags=tuple(flags),
    )


def triage_operlog(text: str) -> OperlogResult:
    """Keep OPLOG audit lines; count USER lines (they carry device passwords) and biometric lines
    by their first word only, storing nothing of them."""
    result = OperlogResult()
    for line in lines_of(text):
        word = line.lstrip().split(None, 1)[0].upper() if line.strip() else ""
        if word in BIOMETRIC_WORDS:
            result.biometric += 1
        elif word == "USER":
            result.users += 1
        elif word == "OPLOG":
            result.oplog.append(line[:512])
        else:
            result.other += 1
    return result


def init_answer(sn: str, zone: ZoneInfo, now: datetime, stamps: dict[str, str]) -> str:
    """The answer to `GET /iclock/cdata?options=all`. TransFlag names attendance and operation
    logs only: the popular `1111000000` would make terminals upload photos and new templates."""
    options = [
        f"GET OPTION FROM: {sn}",
        f"ATTLOGStamp={stamps.get('ATTLOG', 'None')}",
        f"OPERLOGStamp={stamps.get('OPERLOG', 'None')}",
        f"ATTPHOTOStamp={stamps.get('ATTPHOTO', 'None')}",
        "ErrorDelay=30",
        "Delay=10",
        "TransTimes=00:00;14:05",
        "TransInterval=1",
        "TransFlag=TransData AttLog\tOpLog",
        f"TimeZone={adms_timezone_option(zone, now)}",
        "Realtime=1",
        "Encrypt=0",
    ]
    return "\n".join(options) + "\n"


def parse_options(text: str) -> dict[str, str]:
    """`table=options` bodies: `~Key=Value` pairs separated by commas or newlines."""
    found: dict[str, str] = {}
    for line in lines_of(text):
        for pair in line.split(","):
            key, sep, value = pair.strip().lstrip("~").partition("=")
            if sep and key:
                found[key.strip()[:64]] = value.strip()[:256]
    return found


def parse_devicecmd(text: str) -> list[tuple[int, str, str]]:
    """`ID=<id>&Return=<code>&CMD=<word>` lines to (id, return code, command word)."""
    results: list[tuple[int, str, str]] = []
    for line in lines_of(text):
        pairs = dict(p.partition("=")[::2] for p in line.strip().split("&"))
        pairs = {k.strip().upper(): v.strip() for k, v in pairs.items()}
        if pairs.get("ID", "").isdigit():
            results.append((int(pairs["ID"]), pairs.get("RETURN", "")[:16], pairs.get("CMD", "")[:32]))
    return results
