"""What every request handler shares: which networks may talk to the bridge, which
serial numbers are known (and in which time zone), the clock and the relay's wake-up call."""
from __future__ import annotations

import ipaddress
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from device_bridge import registry
from device_bridge.config import BridgeConfig, DirectionPolicy
from device_bridge.db import Database
from device_bridge.events import Protocol, TzSource
from device_bridge.httpserver import Response
from device_bridge.relay import RelayStatus
from device_bridge.zkteco import PunchContext

log = logging.getLogger("device_bridge.app")
LOOPBACK_PATHS = {"/healthz"}  # monitoring on the bridge host itself is always allowed


@dataclass(slots=True)
class Bridge:
    config: BridgeConfig
    db: Database
    wake: Callable[[], None] = lambda: None
    relay_status: RelayStatus = field(default_factory=RelayStatus)
    clock: Callable[[], float] = time.time
    started_at: float = field(default_factory=time.time)

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.clock(), UTC)

    def admit(self, remote: str, path: str) -> bool:
        address = ipaddress.ip_address(remote)
        if path in LOOPBACK_PATHS and address.is_loopback:
            return True
        return any(address in net for net in self.config.allowed_subnets if net.version == address.version)

    def punch_context(self, serial: str, vendor: str, protocol: Protocol = Protocol.ADMS) -> PunchContext | None:
        """The terminal's zone and direction policy; None for an unknown serial that is refused."""
        device = self.config.device(serial)
        received = self.now()
        skew = self.config.clock_skew_tolerance_seconds
        if device is not None:
            return PunchContext(serial, device.time_zone, TzSource.CONFIGURED_ZONE, device.direction, received,
                                skew, protocol)
        if self.config.accept_unknown_devices:
            return PunchContext(serial, self.config.default_time_zone, TzSource.DEFAULT_ZONE,
                                DirectionPolicy.DEVICE, received, skew, protocol)
        return None

    async def refuse_unknown(self, serial: str, remote: str, vendor: str) -> Response:
        if await self.db.run(registry.unknown, serial, remote, self.clock()):
            log.warning("refusing unknown %s terminal %r from %s: add it to devices (or set accept_unknown_devices)",
                        vendor, serial[:64], remote)
        return Response.text(403, "UNKNOWN DEVICE")

