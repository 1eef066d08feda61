"""Demo time clocks: a ZKTeco gate terminal and a Hikvision face terminal at the plant, every plant worker's
PIN (their staff number, as most factories enrol it), and two weeks of raw punches shaped exactly as the
bridge delivers them — mostly on time, some late, the odd forgotten punch — so the attendance screens,
the HR overview and the streaks have real data on the first start."""
from __future__ import annotations

import hashlib
import random
import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from backend.access.actor import Actor
from backend.attendance import daily, dirty
from backend.attendance.models import ClockDevice, ClockPunch, DevicePin, DirectionPolicy
from backend.core import clock
from backend.org.models import Employee, EmployeeStatus

DAYS_OF_HISTORY = 14
TERMINALS = (("CQZ7224460246", "zkteco", "一号门闸机 Gate 1 turnstile", DirectionPolicy.FIRST_IN_LAST_OUT),
             ("DS-K1T671M-AH", "hikvision", "车间人脸识别 Workshop face terminal", DirectionPolicy.DEVICE))


async def seed_attendance_devices(actor: Actor, *, plant_id: uuid.UUID, time_zone: str) -> int:
    """Returns the number of punches seeded; their days are derived at once."""
    now = clock.now()
    devices = [await ClockDevice.create_for(actor, site_id=plant_id, serial=serial, vendor=vendor, name=name,
                                            time_zone=time_zone, direction_policy=policy, created_at=now,
                                            last_seen_at=now, synced_through=now)
               for serial, vendor, name, policy in TERMINALS]
    workers = await Employee.of(actor).filter(site_id=plant_id, status=EmployeeStatus.ACTIVE).order_by("employee_number")
    await DevicePin.bulk_create([DevicePin.build_for(actor, pin=w.employee_number, employee_id=w.id, updated_at=now)
                                 for w in workers])
    punches = list(_history(actor, devices, workers, ZoneInfo(time_zone), clock.today_in(time_zone)))
    await ClockPunch.bulk_create(punches, batch_size=500)
    await dirty.mark(actor, {(p.employee_id, p.occurred_at.astimezone(ZoneInfo(time_zone)).date())
                             for p in punches if p.employee_id is not None})
    await daily.recompute_marked(actor)  # the screens show the fortnight on the first start
    return len(punches)


def _history(actor: Actor, devices: list[ClockDevice], workers: list[Employee], zone: ZoneInfo,
             today: date) -> list[ClockPunch]:
    rng = random.Random(2026)
    rows: list[ClockPunch] = []
    for back in range(DAYS_OF_HISTORY, 0, -1):
        day = today - timedelta(days=back)
        if day.isoweekday() > 5:
            continue
        for worker in workers:
            roll = rng.random()
            if roll < 0.03:
                continue  # absent
            late = rng.random() < 0.08
            arrive = rng.randrange(8, 40) if late else -rng.randrange(3, 25)  # minutes after 08:00
            device = devices[rng.randrange(len(devices))]
            rows.append(_punch(actor, device, worker, _at(day, 8, arrive, rng, zone), "IN"))
            if roll < 0.05:
                continue  # forgot to punch out
            leave = rng.randrange(0, 75)  # minutes after 17:00
            rows.append(_punch(actor, device, worker, _at(day, 17, leave, rng, zone), "OUT"))
    return rows


def _at(day: date, hour: int, minutes: int, rng: random.Random, zone: ZoneInfo) -> datetime:
    start = datetime.combine(day, time(hour), tzinfo=zone)
    return start + timedelta(minutes=minutes, seconds=rng.randrange(60))


def _punch(actor: Actor, device: ClockDevice, worker: Employee, at: datetime, direction: str) -> ClockPunch:
    local = at.strftime("%Y-%m-%d %H:%M:%S")
    event_id = hashlib.sha256(f"v1|{device.vendor}|{device.serial}|{worker.employee_number}|{local}".encode()).hexdigest()
    protocol = "adms" if device.vendor == "zkteco" else "isapi"
    return ClockPunch.build_for(
        actor, event_id=event_id, device_id=device.id, employee_id=worker.id, vendor=device.vendor, protocol=protocol,
        device_sn=device.serial, employee_pin=worker.employee_number, occurred_at=at, occurred_local=local,
        tz=device.time_zone, tz_source="configured_zone", direction=direction if device.vendor == "hikvision" else "UNKNOWN",
        verify_mode="face" if device.vendor == "hikvision" else "fp", work_code="0", received_at=at, flags=[],
        raw_text=f"{worker.employee_number}\t{local}\t{0 if direction == 'IN' else 1}\t1", ingested_at=at,
    )
