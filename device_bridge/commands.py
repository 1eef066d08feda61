"""Terminal commands the bridge may ever queue: a closed allow-list (INFO, CHECK, LOG, VERIFY SUM
ATTLOG and DATA QUERY ATTLOG over a time range). The check sits in the type itself, so no path
(CLI, code, a tampered database row) can produce shell, clear, delete, enrol, upgrade or reboot."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from device_bridge.timezones import LOCAL_FORMAT

_TIME = r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"
ALLOWED = re.compile(
    rf"(?:INFO|CHECK|LOG|(?:VERIFY SUM|DATA QUERY) ATTLOG StartTime={_TIME}\tEndTime={_TIME})"
)


class ForbiddenCommand(ValueError):
    """The command is not on the allow-list; nothing was queued."""


@dataclass(frozen=True, slots=True)
class DeviceCommand:
    text: str

    def __post_init__(self) -> None:
        if ALLOWED.fullmatch(self.text) is None:
            raise ForbiddenCommand(f"command not allowed: {self.text[:40]!r}")

    @classmethod
    def info(cls) -> DeviceCommand:
        return cls("INFO")

    @classmethod
    def check(cls) -> DeviceCommand:
        return cls("CHECK")

    @classmethod
    def log(cls) -> DeviceCommand:
        return cls("LOG")

    @classmethod
    def verify_attlog(cls, start: datetime, end: datetime) -> DeviceCommand:
        """Ask for the count of punches in [start, end] (device wall clock)."""
        return cls(f"VERIFY SUM ATTLOG StartTime={start:{LOCAL_FORMAT}}\tEndTime={end:{LOCAL_FORMAT}}")

    @classmethod
    def query_attlog(cls, start: datetime, end: datetime) -> DeviceCommand:
        """Make the terminal re-upload punches in [start, end]; duplicates are free (stable ids)."""
        return cls(f"DATA QUERY ATTLOG StartTime={start:{LOCAL_FORMAT}}\tEndTime={end:{LOCAL_FORMAT}}")

    def wire(self, command_id: int) -> str:
        """One `C:<id>:<command>` line of a getrequest answer."""
        return f"C:{command_id}:{self.text}"


def parse_cli(words: list[str], *, start: datetime | None = None, end: datetime | None = None) -> DeviceCommand:
    """`info`, `check`, `log`, `verify-attlog`, `query-attlog` (the last two need start and end)."""
    name = " ".join(words).strip().lower()
    simple = {"info": DeviceCommand.info, "check": DeviceCommand.check, "log": DeviceCommand.log}
    if name in simple:
        return simple[name]()
    if name in ("verify-attlog", "query-attlog"):
        if start is None or end is None:
            raise ForbiddenCommand(f"{name} needs --start and --end")
        maker = DeviceCommand.verify_attlog if name == "verify-attlog" else DeviceCommand.query_attlog
        return maker(start, end)
    raise ForbiddenCommand(f"command not allowed: {name[:40]!r}")
