"""Daily attendance over GraphQL: my month with its punches and rates, today's punches, a manager's and HR's
view of someone's month (and nobody else's), HR's per-site overview, and constant statement counts."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from backend.access.actor import Actor
from backend.attendance import daily
from backend.core import clock
from schema.context import Context
from tests.factories.attendance_days import make_clock, make_shift, punch
from tests.factories.org import make_company, make_org, make_person
from tests.schema.growth.evidence_support import SCHEMA, run, statements

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 2, 12, 0, tzinfo=SHANGHAI)
MONTH = """query($month: String) { myAttendance(month: $month) { month present late absent remote attendanceRate
  punctualityRate days { day status firstIn lateMinutes workedMinutes closed flags shift { code } site { name }
  punches { direction occurredAt deviceName } } } }"""
OF = """query($id: ID!) { attendanceOf(employeeId: $id, month: "2026-11") { month days { day status } } }"""
OVERVIEW = """query($day: Date) { attendanceOverview(day: $day) { site { name } day present late absent missingPunch
  total closed devices { serial syncedThrough } people { status lateMinutes employee { name } } } }"""


async def _errors(actor: Actor, query: str, **variables: Any) -> list[str]:
    result = await SCHEMA.execute(query, variable_values=variables,
                                  context_value=Context(request=None, response=None, actor=actor))  # type: ignore[arg-type]
    return [e.message for e in result.errors or []]


async def _scene():  # type: ignore[no-untyped-def]
    c = await make_company()
    await make_shift(c.system, "default")
    gate = await make_clock(c.system, c.site, serial="SN-GATE")
    gate.name = "Gate 1 大门"
    await gate.save()
    worker = c.employee.employee.id
    for text, direction in (("2026-11-30 09:20", "IN"), ("2026-11-30 18:00", "OUT"), ("2026-12-01 08:55", "IN"),
                            ("2026-12-01 18:01", "OUT"), ("2026-12-02 08:58", "IN")):
        await punch(c.system, gate, worker, text, direction)
    with clock.frozen_at(NOW):
        await daily.recompute_days(c.system, [(worker, date(2026, 11, 30)), (worker, date(2026, 12, 1))])
    return c, gate


async def test_my_month_has_days_punches_and_rates(db):
    c, _ = await _scene()
    with clock.frozen_at(NOW):
        november = (await run(c.employee.actor, MONTH, month="2026-11"))["myAttendance"]
        december = (await run(c.employee.actor, MONTH))["myAttendance"]
    assert (november["month"], november["present"], november["late"], november["punctualityRate"]) == ("2026-11", 1, 1, 0.0)
    [monday] = november["days"]
    assert (monday["status"], monday["lateMinutes"], monday["shift"]["code"], monday["site"]["name"]) == (
        "LATE", 20, "default", "Acme Plant")
    assert [(p["direction"], p["deviceName"]) for p in monday["punches"]] == [("IN", "Gate 1 大门"), ("OUT", "Gate 1 大门")]
    assert december["month"] == "2026-12"  # default: this month in my site's zone
    assert [(d["day"], d["status"], d["workedMinutes"]) for d in december["days"]] == [("2026-12-01", "PRESENT", 486)]
    assert (december["attendanceRate"], december["punctualityRate"]) == (100.0, 100.0)


async def test_today_punches_are_mine_of_today(db):
    c, _ = await _scene()
    side = await make_clock(c.system, c.site, serial="SN-SIDE")  # unnamed: its serial names it
    await punch(c.system, side, c.employee.employee.id, "2026-12-02 11:30", "OUT")
    with clock.frozen_at(NOW):
        mine = (await run(c.employee.actor, "{ todayPunches { occurredLocal direction deviceName } }"))["todayPunches"]
        others = (await run(c.peer.actor, "{ todayPunches { occurredLocal } }"))["todayPunches"]
    assert mine == [{"occurredLocal": "2026-12-02 08:58:00", "direction": "IN", "deviceName": "Gate 1 大门"},
                    {"occurredLocal": "2026-12-02 11:30:00", "direction": "OUT", "deviceName": "SN-SIDE"}]
    assert others == []


async def test_managers_and_hr_read_someones_month_others_may_not(db):
    c, _ = await _scene()
    worker = str(c.employee.employee.id)
    _, other_system = await make_org("Other")
    stranger = await make_person(other_system)
    with clock.frozen_at(NOW):
        by_manager = (await run(c.manager.actor, OF, id=worker))["attendanceOf"]
        by_hr = (await run(c.hr.actor, OF, id=worker))["attendanceOf"]
        by_peer = await _errors(c.peer.actor, OF, id=worker)
        foreign = await _errors(c.hr.actor, OF, id=str(stranger.employee.id))
        bad_month = await _errors(c.employee.actor, MONTH, month="2026-13")
    assert by_manager == by_hr and [d["status"] for d in by_manager["days"]] == ["LATE"]
    assert by_peer == ["Only their managers and HR may see someone's attendance."]
    assert foreign == ["No such employee."]
    assert bad_month == ["A month looks like 2026-12."]


async def test_hr_sees_each_sites_day_and_employees_may_not(db):
    c, gate = await _scene()
    with clock.frozen_at(NOW):
        sites = (await run(c.hr.actor, OVERVIEW, day="2026-11-30"))["attendanceOverview"]
        refused = await _errors(c.employee.actor, OVERVIEW, day="2026-11-30")
    [plant] = sites
    assert (plant["site"]["name"], plant["total"], plant["late"], plant["present"], plant["closed"]) == (
        "Acme Plant", 1, 1, 1, False)
    assert [d["serial"] for d in plant["devices"]] == ["SN-GATE"]
    assert plant["people"] == [{"status": "LATE", "lateMinutes": 20, "employee": {"name": "Acme Worker"}}]
    assert len(refused) == 1


async def test_the_overview_costs_the_same_statements_for_5_and_30_people(db, count_queries):
    async def scene(n: int):  # type: ignore[no-untyped-def]
        c = await make_company(f"Co{n}")
        await make_shift(c.system, "default")
        gate = await make_clock(c.system, c.site)
        await make_clock(c.system, c.site)
        people = [(await make_person(c.system, site=c.site)).employee.id for _ in range(n)]
        for person in people:
            await punch(c.system, gate, person, "2026-11-30 09:00")
        with clock.frozen_at(NOW):
            await daily.recompute_days(c.system, [(p, date(2026, 11, 30)) for p in people])
        return c

    small, large = await scene(5), await scene(30)
    with clock.frozen_at(NOW):
        few = await statements(count_queries, small.hr.actor, OVERVIEW, day="2026-11-30")
        many = await statements(count_queries, large.hr.actor, OVERVIEW, day="2026-11-30")
        month_few = await statements(count_queries, small.hr.actor, OF, id=str(small.employee.employee.id))
    print(f"attendanceOverview: {few} statements for 5 people, {many} for 30; attendanceOf: {month_few}")
    assert few == many
    assert many <= 8


async def test_my_month_names_its_devices_in_constant_statements(db, count_queries):
    # given one punch on one device, then three weeks of punches on three devices
    c, gate = await _scene()
    with clock.frozen_at(NOW):
        few = await statements(count_queries, c.employee.actor, MONTH, month="2026-11")
    devices = [gate, *[await make_clock(c.system, c.site) for _ in range(2)]]
    worker = c.employee.employee.id
    for day in range(9, 30):
        for i, direction in enumerate(("IN", "OUT")):
            await punch(c.system, devices[(day + i) % 3], worker, f"2026-11-{day:02d} {9 + 9 * i:02d}:00", direction)
    with clock.frozen_at(NOW):
        await daily.recompute_days(c.system, [(worker, date(2026, 11, d)) for d in range(9, 30)])
        many = await statements(count_queries, c.employee.actor, MONTH, month="2026-11")
        names = {p["deviceName"] for d in (await run(c.employee.actor, MONTH, month="2026-11"))["myAttendance"]["days"]
                 for p in d["punches"]}
    # then
    print(f"myAttendance with device names: {few} statements for 1 day, {many} for 22 days")
    assert few == many and names == {"Gate 1 大门", devices[1].serial, devices[2].serial}
