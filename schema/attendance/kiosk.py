"""Kiosk check-in over GraphQL: a person's QR badge (myBadge), the kiosk screen's header (kioskInfo), the
check-in itself (kioskCheckIn) and the tablet's heartbeat (kioskHeartbeat)."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from backend.attendance import badges, kiosk
from schema.context import Info
from schema.core.errors import UserError
from schema.core.results import attempt


@strawberry.type(description="A person's QR attendance badge, to show on the phone or print.")
class AttendanceBadge:
    token: str = strawberry.field(description='What the QR encodes: "seen-badge:v1:<employee id>:<mac>".')
    employee_number: str = strawberry.field(description="The number printed under the code.")
    name: str = strawberry.field(description="The person's name.")


@strawberry.type(description="The kiosk tablet's site and clock.")
class KioskInfo:
    site_name: str = strawberry.field(description="The site the kiosk code belongs to.")
    time_zone: str = strawberry.field(description="The site's IANA zone (times are shown in it).")
    label: str = strawberry.field(description="The kiosk code's label, e.g. 'Gate 1'.")
    server_time: datetime = strawberry.field(description="The server's clock, to spot a tablet whose clock is off.")
    synced_through: datetime | None = strawberry.field(description="Every check-in of this kiosk up to then has arrived.")

    @classmethod
    def from_data(cls, k: kiosk.KioskInfo) -> KioskInfo:
        return cls(site_name=k.site_name, time_zone=k.time_zone, label=k.label, server_time=k.server_time,
                   synced_through=k.synced_through)


@strawberry.type(description="A check-in was recorded (or had been: duplicate).")
class KioskCheckIn:
    employee_name: str = strawberry.field(description="Who checked in, for the confirmation.")
    occurred_at: datetime = strawberry.field(description="When (the tablet's clock when the person checked in).")
    direction: str = strawberry.field(description="UNKNOWN (first in / last out decides), IN or OUT.")
    duplicate: bool = strawberry.field(description="True when this id had arrived before; nothing new was stored.")


@strawberry.input(description="One check-in from the kiosk's queue.")
class KioskCheckInInput:
    event_id: str = strawberry.field(description="A UUID made on the tablet when the person checked in.")
    occurred_at: datetime = strawberry.field(description="The tablet's clock then (up to 7 days back, 5 minutes ahead).")
    badge_token: str | None = strawberry.field(default=None, description="The scanned QR badge, or …")
    employee_number: str | None = strawberry.field(default=None, description="… the typed employee number …")
    pin: str | None = strawberry.field(default=None, description="… and device PIN.")
    direction: str | None = strawberry.field(default=None, description="in or out when the person chose; else unknown.")
    still_queued: int | None = strawberry.field(
        default=None, description="Check-ins still waiting on the tablet after this one; 0 marks the kiosk synced through now.")


KioskCheckInResult = Annotated[KioskCheckIn | UserError, strawberry.union("KioskCheckInResult")]


@strawberry.type(description="The kiosk's heartbeat was recorded.")
class KioskSynced:
    kiosk: KioskInfo = strawberry.field(description="The kiosk with its updated synced-through time.")


KioskHeartbeatResult = Annotated[KioskSynced | UserError, strawberry.union("KioskHeartbeatResult")]


@strawberry.type
class KioskQuery:
    @strawberry.field(description="The signed-in person's QR attendance badge.")
    async def my_badge(self, info: Info) -> AttendanceBadge:
        b = await badges.my_badge(info.context.actor)
        return AttendanceBadge(token=b.token, employee_number=b.employee_number, name=b.name)

    @strawberry.field(description="Kiosk sessions only: the site, zone and label the tablet shows.")
    async def kiosk_info(self, info: Info) -> KioskInfo:
        return KioskInfo.from_data(await kiosk.info(info.context.actor))


@strawberry.type
class KioskMutation:
    @strawberry.mutation(description="Kiosk sessions only: record a check-in by QR badge or number + PIN (idempotent on eventId).")
    async def kiosk_check_in(self, info: Info, input: KioskCheckInInput) -> KioskCheckInResult:
        async def body() -> KioskCheckIn:
            done = await kiosk.check_in(
                info.context.actor, event_id=input.event_id, occurred_at=input.occurred_at,
                badge_token=input.badge_token, employee_number=input.employee_number, pin=input.pin,
                direction=input.direction, still_queued=input.still_queued)
            return KioskCheckIn(employee_name=done.employee_name, occurred_at=done.occurred_at,
                                direction=done.direction, duplicate=done.duplicate)
        return await attempt(body)

    @strawberry.mutation(description="Kiosk sessions only: the tablet is alive; an empty queue lets its site's days close.")
    async def kiosk_heartbeat(self, info: Info, still_queued: int) -> KioskHeartbeatResult:
        async def body() -> KioskSynced:
            return KioskSynced(kiosk=KioskInfo.from_data(await kiosk.heartbeat(info.context.actor, still_queued=still_queued)))
        return await attempt(body)
