"""The demo's time clocks: two plant terminals reporting in, every plant worker's PIN, and two weeks of raw
punches shaped as the bridge delivers them (unique event ids, on the right person, in the plant's zone)."""
from __future__ import annotations

from collections import Counter

from backend.access.actor import Actor
from backend.attendance.models import AttendanceRecompute, ClockDevice, ClockPunch, DailyAttendance, DayStatus, DevicePin
from backend.demo.seed import DEMO_ORG_ID, seed_demo
from backend.org.models import Employee

SYSTEM = Actor.system(DEMO_ORG_ID)


async def test_the_demo_plant_has_terminals_pins_and_two_weeks_of_punches(db):
    # when
    await seed_demo()
    # then
    devices = await ClockDevice.of(SYSTEM).order_by("serial")
    assert [(d.vendor, d.synced_through is not None) for d in devices] == [("zkteco", True), ("hikvision", True)]
    plant = devices[0].site_id
    workers = await Employee.of(SYSTEM).filter(site_id=plant).count()
    assert await DevicePin.of(SYSTEM).count() == workers
    punches = await ClockPunch.of(SYSTEM).all()
    assert len({p.event_id for p in punches}) == len(punches) > workers * 10 * 1.8
    days_per_person = Counter(employee for employee, _ in {(p.employee_id, p.occurred_local[:10]) for p in punches})
    assert min(days_per_person.values()) >= 5  # nobody is absent for half the fortnight
    assert {p.occurred_local[11:13] for p in punches} <= {"07", "08", "17", "18"}
    assert {p.occurred_at.hour for p in punches} <= {23, 0, 9, 10}  # the same instants in UTC
    days = Counter(await DailyAttendance.of(SYSTEM).values_list("status", flat=True))
    assert days[DayStatus.PRESENT] > days[DayStatus.LATE] > 0 and days[DayStatus.MISSING_PUNCH] > 0
    assert await AttendanceRecompute.of(SYSTEM).count() == 0  # the seeded fortnight is derived, not left queued
