"""Daily attendance end to end below GraphQL: ingested punches mark days, recompute_marked derives and
stores them, days close only when every device of the site is synced through the window's end, a late
punch reopens a closed day, resolving unmatched punches marks their days, and batches cost a constant
number of statements."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from backend.access.actor import Actor
from backend.attendance import daily, ingest, pins
from backend.attendance.models import AttendanceRecompute, ClockDevice, DailyAttendance, DayStatus, DirectionPolicy
from backend.core import clock
from tests.factories.attendance import event_in
from tests.factories.attendance_days import make_clock, make_shift, punch
from tests.factories.org import make_company, make_org, make_person

SHANGHAI = ZoneInfo("Asia/Shanghai")
MON = date(2026, 11, 30)
TUESDAY_NOON = datetime(2026, 12, 1, 12, 0, tzinfo=SHANGHAI)


def local(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=SHANGHAI)


async def _setup():  # type: ignore[no-untyped-def]
    c = await make_company()
    await make_shift(c.system, "default")  # 09:00–18:00, Monday to Friday
    device = await make_clock(c.system, c.site, serial="SN-GATE")
    await pins.set_device_pins(c.hr.actor, [pins.PinRow(pin="7", employee_id=str(c.employee.employee.id))])
    return c, device


def _bridge(c) -> Actor:  # type: ignore[no-untyped-def]
    return Actor.bridge(c.org.id, bridge_id="plant")


async def _row(c, day: date) -> DailyAttendance:  # type: ignore[no-untyped-def]
    return await DailyAttendance.of(c.system).get(employee_id=c.employee.employee.id, day=day)


async def test_ingested_punches_mark_their_days_and_the_recompute_stores_them(db):
    # given Monday's in (late) and out, delivered by the bridge
    c, _ = await _setup()
    events = [event_in("SN-GATE", "7", local("2026-11-30 09:17").astimezone(UTC)),
              event_in("SN-GATE", "7", local("2026-11-30 18:02").astimezone(UTC), direction="OUT")]
    with clock.frozen_at(TUESDAY_NOON):
        await ingest.ingest_clock_events(_bridge(c), events)
        marked = set(await AttendanceRecompute.of(c.system).values_list("day", flat=True))
        # when
        derived = await daily.recompute_marked(c.system)
    # then the morning punch marks Sunday too (an overnight shift could own it), and Monday is late
    assert marked == {MON - timedelta(days=1), MON}
    assert derived == 2
    monday = await _row(c, MON)
    assert (monday.status, monday.late_minutes, monday.worked_minutes, monday.punch_count) == (DayStatus.LATE, 17, 465, 2)
    assert monday.first_in == local("2026-11-30 09:17") and monday.shift_id is not None and monday.site_id == c.site.id
    assert (await _row(c, MON - timedelta(days=1))).status == DayStatus.REST_DAY
    assert await AttendanceRecompute.of(c.system).count() == 0


async def test_recomputing_twice_keeps_one_row_per_person_and_day(db):
    c, device = await _setup()
    await punch(c.system, device, c.employee.employee.id, "2026-11-30 08:59")
    with clock.frozen_at(TUESDAY_NOON):
        await daily.recompute_days(c.system, [(c.employee.employee.id, MON)])
        await punch(c.system, device, c.employee.employee.id, "2026-11-30 18:00", "OUT")
        await daily.recompute_days(c.system, [(c.employee.employee.id, MON)])
    rows = await DailyAttendance.of(c.system).filter(employee_id=c.employee.employee.id)
    assert [(r.day, r.status) for r in rows] == [(MON, DayStatus.PRESENT)]


async def test_a_day_closes_only_when_every_device_of_the_site_is_synced_through_its_end(db):
    # given Monday derived while the gate is synced only to Monday evening and a second clock never synced
    c, gate = await _setup()
    canteen = await make_clock(c.system, c.site, serial="SN-CANTEEN", policy=DirectionPolicy.FIRST_IN_LAST_OUT)
    await make_clock(c.system, c.site, serial="SN-OLD", active=False)  # inactive devices do not hold days open
    await punch(c.system, gate, c.employee.employee.id, "2026-11-30 09:00")
    await punch(c.system, canteen, c.employee.employee.id, "2026-11-30 18:00", "UNKNOWN")
    window_end = local("2026-12-01 05:00")  # Tuesday's shift 09:00 − 4 h
    await ClockDevice.of(c.system).filter(id=gate.id).update(synced_through=local("2026-11-30 20:00"))
    with clock.frozen_at(TUESDAY_NOON):
        await daily.recompute_days(c.system, [(c.employee.employee.id, MON)])
        assert not (await _row(c, MON)).closed
        # when the gate catches up but the canteen has not
        await ClockDevice.of(c.system).filter(id=gate.id).update(synced_through=window_end)
        assert await daily.close_ready_days(c.system) == 0
        # and then the canteen catches up too
        await ClockDevice.of(c.system).filter(id=canteen.id).update(synced_through=window_end + timedelta(minutes=1))
        closed = await daily.close_ready_days(c.system)
    # then
    assert closed == 1
    row = await _row(c, MON)
    assert row.closed and row.status == DayStatus.PRESENT and "direction_inferred" in row.flags


async def test_a_late_punch_reopens_and_recomputes_a_closed_day(db):
    # given Monday closed with only the in (missing punch)
    c, gate = await _setup()
    await ClockDevice.of(c.system).filter(id=gate.id).update(synced_through=local("2026-12-01 11:00"))
    with clock.frozen_at(TUESDAY_NOON):
        await ingest.ingest_clock_events(_bridge(c), [event_in("SN-GATE", "7", local("2026-11-30 08:55").astimezone(UTC))])
        await daily.recompute_marked(c.system)
        before = await _row(c, MON)
        # when the bridge delivers the out punch late
        await ingest.ingest_clock_events(_bridge(c), [
            event_in("SN-GATE", "7", local("2026-11-30 18:05").astimezone(UTC), direction="OUT")])
        await daily.recompute_marked(c.system)
    # then
    after = await _row(c, MON)
    assert (before.status, before.closed) == (DayStatus.MISSING_PUNCH, True)
    assert (after.status, after.last_out, after.id) == (DayStatus.PRESENT, local("2026-11-30 18:05"), before.id)
    assert "reopened" in after.flags


async def test_resolving_unmatched_punches_marks_and_derives_their_days(db):
    c, _ = await _setup()
    stranger_pin = "99"
    events = [event_in("SN-GATE", stranger_pin, local("2026-11-30 09:00").astimezone(UTC)),
              event_in("SN-GATE", stranger_pin, local("2026-11-30 18:00").astimezone(UTC), direction="OUT")]
    with clock.frozen_at(TUESDAY_NOON):
        await ingest.ingest_clock_events(_bridge(c), events)
        assert await AttendanceRecompute.of(c.system).count() == 0  # nobody to mark yet
        await pins.resolve_unmatched_punches(c.hr.actor, pin=stranger_pin, employee_id=str(c.peer.employee.id))
        await daily.recompute_marked(c.system)
    row = await DailyAttendance.of(c.system).get(employee_id=c.peer.employee.id, day=MON)
    assert row.status == DayStatus.PRESENT


async def test_days_not_begun_or_in_progress_without_punches_are_not_written(db):
    c, _ = await _setup()
    worker = c.employee.employee.id
    with clock.frozen_at(local("2026-11-30 08:00")):  # Monday before the shift
        stored = await daily.recompute_days(c.system, [(worker, MON), (worker, MON + timedelta(days=1))])
    assert stored == []
    with clock.frozen_at(TUESDAY_NOON):  # Monday is over: absent
        stored = await daily.recompute_days(c.system, [(worker, MON)])
    assert [r.status for r in stored] == [DayStatus.ABSENT]


async def test_other_organisations_people_are_skipped(db):
    c, _ = await _setup()
    _, other = await make_org("Other")
    stranger = await make_person(other)
    with clock.frozen_at(TUESDAY_NOON):
        assert await daily.recompute_days(c.system, [(stranger.employee.id, MON)]) == []
    assert await DailyAttendance.filter(employee_id=stranger.employee.id).count() == 0


async def test_a_recompute_costs_the_same_statements_for_3_and_30_people(db, count_queries):
    c, gate = await _setup()
    people = [(await make_person(c.system, site=c.site)).employee.id for _ in range(30)]
    for person in people:
        await punch(c.system, gate, person, "2026-11-30 09:00")
        await punch(c.system, gate, person, "2026-11-30 18:00", "OUT")

    async def cost(ids: list) -> int:
        before = count_queries.count
        with clock.frozen_at(TUESDAY_NOON):
            stored = await daily.recompute_days(c.system, [(p, d) for p in ids for d in (MON, MON + timedelta(days=-1))])
        assert len([r for r in stored if r.day == MON and r.status == DayStatus.PRESENT]) == len(ids)
        return count_queries.count - before

    few, many = await cost(people[:3]), await cost(people)
    print(f"recompute_days: {few} statements for 3 people, {many} for 30")
    assert few == many
