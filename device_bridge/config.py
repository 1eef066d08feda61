"""The bridge's YAML configuration, validated into frozen dataclasses with every problem reported at
once and located (`devices[2].time_zone: ...`). The HMAC secret is read from its file here and is
never part of any repr or log line."""
from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from datetime import time
from enum import StrEnum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from device_bridge.signing import secret_from_file_content

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class ConfigError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("invalid bridge configuration:\n  " + "\n  ".join(problems))
        self.problems = problems


class DirectionPolicy(StrEnum):
    DEVICE = "device"  # use the terminal's status code
    IN = "in"  # an entrance-only terminal: every punch is IN
    OUT = "out"  # an exit-only terminal
    UNKNOWN = "unknown"  # ignore the status; the backend derives first-in/last-out


@dataclass(frozen=True, slots=True)
class DeviceConfig:
    serial: str
    vendor: str  # "zkteco" | "hikvision"
    time_zone: ZoneInfo
    direction: DirectionPolicy = DirectionPolicy.DEVICE
    protocol: str = "push"  # "push" (ADMS / ISAPI) | "pull" (ZKTeco TCP 4370 via pyzk)
    mac: str | None = None  # Hikvision: identifies the terminal when the URL does not carry SN
    address: tuple[str, int] | None = None  # pull: host and port
    comm_key: int = 0  # pull: the terminal's communication password
    poll_interval_seconds: float = 60.0


@dataclass(frozen=True, slots=True)
class RelayConfig:
    batch_size: int = 100
    backoff_base_seconds: float = 1.0
    backoff_cap_seconds: float = 600.0
    auth_pause_seconds: float = 60.0
    request_timeout_seconds: float = 30.0
    status_interval_seconds: float = 60.0
    lease_seconds: float = 120.0
    retention_days: float = 90.0  # delivered punches are forgotten after this


@dataclass(frozen=True, slots=True)
class BridgeConfig:
    bridge_id: str
    backend_url: str
    key_id: str
    secret_file: Path
    data_dir: Path
    listen_host: str
    listen_port: int
    allowed_subnets: tuple[Network, ...]
    devices: tuple[DeviceConfig, ...]
    accept_unknown_devices: bool = False
    default_time_zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    max_body_bytes: int = 4 * 1024 * 1024
    min_free_disk_bytes: int = 100 * 1024 * 1024
    clock_skew_tolerance_seconds: float = 300.0
    proxy: str | None = None
    gap_fill_daily_at: time | None = time(3, 0)  # device-local; None disables nightly gap filling
    relay: RelayConfig = field(default_factory=RelayConfig)

    def device(self, serial: str) -> DeviceConfig | None:
        return next((d for d in self.devices if d.serial == serial), None)

    def read_secret(self) -> bytes:
        """Read at use, never stored on the config object, so no repr can show it."""
        return secret_from_file_content(self.secret_file.read_bytes())


def load(path: Path) -> BridgeConfig:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise ConfigError([f"{path}: {err}"]) from None
    return parse(document, base=path.parent)


def parse(document: Any, *, base: Path) -> BridgeConfig:
    if not isinstance(document, dict):
        raise ConfigError(["the configuration must be a YAML mapping"])
    v = _Validator(document)
    host, port = v.address("listen", default="0.0.0.0:8090")
    url = v.text("backend_url")
    if url and not url.startswith(("http://", "https://")):
        v.problems.append("backend_url: must start with https:// (or http:// on a trusted network)")
    secret_file = base / v.text("secret_file")
    if not v.has_problem("secret_file"):
        v.check_secret(secret_file)
    config = BridgeConfig(
        bridge_id=v.text("bridge_id"), backend_url=url.rstrip("/"), key_id=v.text("key_id"),
        secret_file=secret_file, data_dir=base / v.text("data_dir", default="./bridge-data"),
        listen_host=host, listen_port=port, allowed_subnets=v.subnets(),
        devices=tuple(v.devices()), accept_unknown_devices=v.boolean("accept_unknown_devices", False),
        default_time_zone=v.zone(document.get("default_time_zone", "UTC"), "default_time_zone"),
        max_body_bytes=v.integer(document, "max_body_bytes", 4 * 1024 * 1024, minimum=1024),
        min_free_disk_bytes=v.integer(document, "min_free_disk_bytes", 100 * 1024 * 1024, minimum=0),
        clock_skew_tolerance_seconds=v.number(document, "clock_skew_tolerance_seconds", 300.0),
        proxy=document.get("proxy") or None, gap_fill_daily_at=v.clock_time("gap_fill_daily_at", time(3, 0)),
        relay=v.relay(),
    )
    if v.problems:
        raise ConfigError(v.problems)
    return config


class _Validator:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.problems: list[str] = []

    def has_problem(self, key: str) -> bool:
        return any(p.startswith(f"{key}:") for p in self.problems)

    def text(self, key: str, default: str | None = None, source: dict[str, Any] | None = None,
             where: str = "") -> str:
        value = (self.document if source is None else source).get(key, default)
        if not isinstance(value, str | int) or isinstance(value, bool) or str(value).strip() == "":
            self.problems.append(f"{where}{key}: required, a non-empty string")
            return ""
        return str(value).strip()

    def boolean(self, key: str, default: bool) -> bool:
        value = self.document.get(key, default)
        if not isinstance(value, bool):
            self.problems.append(f"{key}: must be true or false")
            return default
        return value

    def number(self, source: dict[str, Any], key: str, default: float, where: str = "",
               minimum: float = 0.0) -> float:
        value = source.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
            self.problems.append(f"{where}{key}: must be a number >= {minimum}")
            return default
        return float(value)

    def integer(self, source: dict[str, Any], key: str, default: int, where: str = "", minimum: int = 0,
                maximum: int | None = None) -> int:
        value = source.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum or \
                (maximum is not None and value > maximum):
            bound = f" and <= {maximum}" if maximum is not None else ""
            self.problems.append(f"{where}{key}: must be an integer >= {minimum}{bound}")
            return default
        return value

    def clock_time(self, key: str, default: time) -> time | None:
        value = self.document.get(key, default)
        if value is None or value is False or isinstance(value, time):
            return value or None
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
            return time(value // 60, value % 60)  # YAML 1.1 reads an unquoted 3:00 as 180 (minutes)
        try:
            return time.fromisoformat(str(value))
        except ValueError:
            self.problems.append(f"{key}: expected a time of day like \"03:00\" (or null), got {value!r}")
            return default

    def zone(self, name: Any, where: str) -> ZoneInfo:
        try:
            return ZoneInfo(str(name))
        except (ZoneInfoNotFoundError, ValueError):
            self.problems.append(f"{where}: unknown IANA time zone {name!r} (e.g. Asia/Shanghai)")
            return ZoneInfo("UTC")

    def address(self, key: str, default: str, source: dict[str, Any] | None = None,
                where: str = "") -> tuple[str, int]:
        text = str((self.document if source is None else source).get(key, default))
        host, _, port = text.rpartition(":")
        if not host or not port.isdigit() or not 0 <= int(port) <= 65535:
            self.problems.append(f"{where}{key}: expected host:port, got {text!r}")
            return ("0.0.0.0", 0)
        return host.strip("[]"), int(port)

    def check_secret(self, path: Path) -> None:
        try:
            content = secret_from_file_content(path.read_bytes())
        except OSError as err:
            self.problems.append(f"secret_file: cannot read {path}: {err.strerror}")
            return
        if len(content) < 16:
            self.problems.append(f"secret_file: {path} holds fewer than 16 bytes of secret")
        if os.name == "posix" and path.stat().st_mode & 0o004:
            self.problems.append(f"secret_file: {path} is world-readable (chmod 600 it)")

    def subnets(self) -> tuple[Network, ...]:
        raw = self.document.get("allowed_subnets")
        if not isinstance(raw, list) or not raw:
            self.problems.append("allowed_subnets: required, a list of CIDR networks (e.g. 192.168.1.0/24)")
            return ()
        found: list[Network] = []
        for i, item in enumerate(raw):
            try:
                found.append(ipaddress.ip_network(str(item), strict=False))
            except ValueError:
                self.problems.append(f"allowed_subnets[{i}]: not a network: {item!r}")
        return tuple(found)

    def relay(self) -> RelayConfig:
        raw = self.document.get("relay") or {}
        if not isinstance(raw, dict):
            self.problems.append("relay: must be a mapping")
            return RelayConfig()
        d = RelayConfig()
        return RelayConfig(
            batch_size=self.integer(raw, "batch_size", d.batch_size, "relay.", minimum=1, maximum=100),
            backoff_base_seconds=self.number(raw, "backoff_base_seconds", d.backoff_base_seconds, "relay.", 0.001),
            backoff_cap_seconds=self.number(raw, "backoff_cap_seconds", d.backoff_cap_seconds, "relay.", 0.001),
            auth_pause_seconds=self.number(raw, "auth_pause_seconds", d.auth_pause_seconds, "relay.", 0.001),
            request_timeout_seconds=self.number(raw, "request_timeout_seconds", d.request_timeout_seconds,
                                                "relay.", 0.1),
            status_interval_seconds=self.number(raw, "status_interval_seconds", d.status_interval_seconds,
                                                "relay.", 0.01),
            lease_seconds=self.number(raw, "lease_seconds", d.lease_seconds, "relay.", 1.0),
            retention_days=self.number(raw, "retention_days", d.retention_days, "relay.", 1.0),
        )

    def devices(self) -> list[DeviceConfig]:
        raw = self.document.get("devices", [])
        if not isinstance(raw, list):
            self.problems.append("devices: must be a list")
            return []
        found: list[DeviceConfig] = []
        seen: set[str] = set()
        for i, item in enumerate(raw):
            serial = str(item.get("serial", "")).strip() if isinstance(item, dict) else ""
            if serial and serial in seen:
                self.problems.append(f"devices[{i}].serial: {serial!r} is listed twice")
                continue
            seen.add(serial)
            device = self.device(item, f"devices[{i}].")
            if device:
                found.append(device)
        return found

    def device(self, item: Any, where: str) -> DeviceConfig | None:
        if not isinstance(item, dict):
            self.problems.append(f"{where[:-1]}: must be a mapping")
            return None
        before = len(self.problems)
        serial = self.text("serial", source=item, where=where)
        vendor = str(item.get("vendor", "")).lower()
        if vendor not in ("zkteco", "hikvision"):
            self.problems.append(f"{where}vendor: must be zkteco or hikvision, got {item.get('vendor')!r}")
        zone = self.zone(item.get("time_zone"), f"{where}time_zone")
        direction = str(item.get("direction", "device")).lower()
        if direction not in {p.value for p in DirectionPolicy}:
            self.problems.append(f"{where}direction: one of device, in, out, unknown; got {direction!r}")
            direction = "device"
        protocol = str(item.get("protocol", "push")).lower()
        address = None
        if protocol == "pull":
            if vendor != "zkteco":
                self.problems.append(f"{where}protocol: pull is only for zkteco terminals")
            address = self.address("address", "", source={"address": item.get("address", "")}, where=where)
        elif protocol != "push":
            self.problems.append(f"{where}protocol: push or pull, got {protocol!r}")
        mac = item.get("mac")
        device = DeviceConfig(
            serial=serial, vendor=vendor, time_zone=zone, direction=DirectionPolicy(direction), protocol=protocol,
            mac=str(mac).lower().replace("-", ":") if mac else None, address=address,
            comm_key=self.integer(item, "comm_key", 0, where),
            poll_interval_seconds=self.number(item, "poll_interval_seconds", 60.0, where, 1.0),
        )
        return device if len(self.problems) == before else None
