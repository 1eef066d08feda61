"""Kiosk check-in: by badge or number + PIN, stored once as a raw punch of the kiosk's own clock, replays
and concurrent duplicates answered duplicate, wrong PINs throttled, tablet times bounded, the day marked
dirty, and the kiosk's synced-through held back while its tablet still queues punches."""
from __future__ import annotations

import asyncio
import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from backend.access import authn, kiosks
from backend.access.actor import Actor
from backend.attendance import badges, kiosk, pins
from backend.attendance.models import AttendanceRecompute, ClockDevice, ClockPunch, DirectionPolicy
from backend.core import clock
from backend.core.errors import Conflict, Forbidden, InvalidCredentials, RateLimited, ValidationFailed
from backend.org.models import Employee, EmployeeStatus
from tests.factories.org import Company, make_company

SHANGHAI = ZoneInfo("Asia/Shanghai")


async def make_kiosk(c: Company, label: str = "Gate 1") -> tuple[Actor, uuid.UUID]:
    """A kiosk signed in the real way: HR issues a code, the tablet logs in with it."""
    credential, code = await kiosks.issue(c.hr.actor, site_id=c.site.id, label=label)
    issued = await authn.kiosk_login(code=code, ip="10.0.0.9", user_agent="tablet")
    actor = await authn.resolve(issued.token)
    assert actor is not None
    return actor, credential.id


async def with_pin(c: Company, pin: str = "4321") -> str:
    await pins.set_device_pins(c.hr.actor, [pins.PinRow(pin=pin, employee_id=str(c.employee.employee.id))])
    return c.employee.employee.employee_number


async def test_a_pin_check_in_is_stored_once_on_the_kiosks_own_clock(db):
    # given
    c = await make_company()
    actor, credential_id = await make_kiosk(c)
    number = await with_pin(c)
    event, at = str(uuid.uuid4()), clock.now().replace(microsecond=0)
    # when
    first = await kiosk.check_in(actor, event_id=event, occurred_at=at, employee_number=number, pin="4321")
    again = await kiosk.check_in(actor, event_id=event.upper(), occurred_at=at, employee_number=number, pin="4321")
    # then
    assert (first.employee_name, first.occurred_at, first.direction, first.duplicate) == \
        (c.employee.employee.name, at, "UNKNOWN", False)
    assert (again.duplicate, again.occurred_at) == (True, at)
    punch = await ClockPunch.of(c.system).get()  # exactly one row
    device = await ClockDevice.of(c.system).get()
    assert (punch.event_id, punch.employee_id, punch.vendor, punch.protocol, punch.verify_mode, punch.device_id) == \
        (event, c.employee.employee.id, "kiosk", "kiosk", "pin", device.id)
    assert punch.occurred_local == at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")
    assert "4321" not in punch.raw_text
    assert (device.serial, device.vendor, device.site_id, device.time_zone, device.direction_policy) == \
        (f"kiosk-{credential_id}", "kiosk", c.site.id, "Asia/Shanghai", DirectionPolicy.FIRST_IN_LAST_OUT)
    marked = await AttendanceRecompute.of(c.system).filter(employee_id=c.employee.employee.id).values_list("day", flat=True)
    assert at.astimezone(SHANGHAI).date() in marked


async def test_a_badge_check_in_with_a_chosen_direction(db):
    # given
    c = await make_company()
    actor, _ = await make_kiosk(c)
    token = badges.token_for(c.org.id, c.peer.employee.id)
    # when
    done = await kiosk.check_in(actor, event_id=str(uuid.uuid4()), occurred_at=clock.now(), badge_token=token,
                                direction="out")
    # then
    assert (done.employee_name, done.direction, done.duplicate) == (c.peer.employee.name, "OUT", False)
    assert await ClockPunch.of(c.system).filter(employee_id=c.peer.employee.id, verify_mode="qr").count() == 1


async def test_foreign_forged_and_former_peoples_badges_are_refused(db):
    # given
    c, other = await make_company("Alpha"), await make_company("Bravo")
    actor, _ = await make_kiosk(c)
    await Employee.of(c.system).filter(id=c.peer.employee.id).update(status=EmployeeStatus.LEFT)
    bad = [badges.token_for(other.org.id, other.employee.employee.id),  # valid, but for another organisation
           badges.token_for(c.org.id, other.employee.employee.id),  # our mac over someone not ours
           badges.token_for(c.org.id, c.peer.employee.id),  # has left
           badges.token_for(c.org.id, c.employee.employee.id)[:-2] + "AA"]
    # when / then
    for token in bad:
        with pytest.raises(InvalidCredentials):
            await kiosk.check_in(actor, event_id=str(uuid.uuid4()), occurred_at=clock.now(), badge_token=token)
    assert await ClockPunch.all().count() == 0


async def test_wrong_pins_and_unknown_numbers_are_throttled_per_kiosk(db):
    # given
    c = await make_company()
    actor, _ = await make_kiosk(c)
    other_kiosk, _ = await make_kiosk(c, "Gate 2")
    number = await with_pin(c)
    start = clock.now()
    attempts = [(number, "0000"), ("NOPE", "4321"), (c.peer.employee.employee_number, "4321"), (number, "43210"),
                (number, "")]
    # when
    with clock.frozen_at(start):
        for typed_number, typed_pin in attempts:
            with pytest.raises((InvalidCredentials, ValidationFailed)):
                await kiosk.check_in(actor, event_id=str(uuid.uuid4()), occurred_at=start,
                                     employee_number=typed_number, pin=typed_pin or "9")
        with pytest.raises(RateLimited):
            await kiosk.check_in(actor, event_id=str(uuid.uuid4()), occurred_at=start, employee_number=number, pin="4321")
        on_other_kiosk = await kiosk.check_in(other_kiosk, event_id=str(uuid.uuid4()), occurred_at=start,
                                              employee_number=number, pin="4321")
    with clock.frozen_at(start + timedelta(seconds=61)):
        later = await kiosk.check_in(actor, event_id=str(uuid.uuid4()), occurred_at=start, employee_number=number,
                                     pin="4321")
    # then
    assert (on_other_kiosk.duplicate, later.duplicate) == (False, False)
    assert await ClockPunch.all().count() == 2


async def test_tablet_times_are_bounded(db):
    # given
    c = await make_company()
    actor, _ = await make_kiosk(c)
    number = await with_pin(c)
    now = clock.now()
    # when / then
    for bad in (now + timedelta(minutes=6), now - timedelta(days=7, minutes=1), now.replace(tzinfo=None)):
        with pytest.raises(ValidationFailed) as caught:
            await kiosk.check_in(actor, event_id=str(uuid.uuid4()), occurred_at=bad, employee_number=number, pin="4321")
        assert caught.value.field == "occurredAt"
    old = await kiosk.check_in(actor, event_id=str(uuid.uuid4()), occurred_at=now - timedelta(days=6),
                               employee_number=number, pin="4321")
    ahead = await kiosk.check_in(actor, event_id=str(uuid.uuid4()), occurred_at=now + timedelta(minutes=4),
                                 employee_number=number, pin="4321")
    assert not old.duplicate and not ahead.duplicate
    assert sorted(tuple(p.flags) for p in await ClockPunch.all()) == [("queued",), ("tablet_clock_ahead",)]


async def test_bad_shapes_change_nothing(db):
    # given
    c = await make_company()
    actor, _ = await make_kiosk(c)
    number = await with_pin(c)
    token = badges.token_for(c.org.id, c.employee.employee.id)
    now = clock.now()
    cases = [({"event_id": "not-a-uuid", "employee_number": number, "pin": "4321"}, "eventId"),
             ({"event_id": str(uuid.uuid4()), "employee_number": number, "pin": "4321", "direction": "up"}, "direction"),
             ({"event_id": str(uuid.uuid4())}, "badgeToken"),
             ({"event_id": str(uuid.uuid4()), "badge_token": token, "employee_number": number, "pin": "4321"}, "badgeToken")]
    # when / then
    for kwargs, field in cases:
        with pytest.raises(ValidationFailed) as caught:
            await kiosk.check_in(actor, occurred_at=now, **kwargs)  # type: ignore[arg-type]
        assert caught.value.field == field
    assert await ClockPunch.all().count() == 0


async def test_only_a_live_kiosk_checks_people_in(db):
    # given
    c = await make_company()
    actor, credential_id = await make_kiosk(c)
    number = await with_pin(c)
    # when / then
    for nobody in (c.hr.actor, c.system, Actor.bridge(c.org.id, bridge_id="b1"),
                   Actor.kiosk(tenant_id=c.org.id, site_id=c.site.id, session_id=uuid.uuid4(), label="made up")):
        with pytest.raises(Forbidden):
            await kiosk.check_in(nobody, event_id=str(uuid.uuid4()), occurred_at=clock.now(), employee_number=number,
                                 pin="4321")
    await kiosks.revoke(c.hr.actor, credential_id)
    with pytest.raises(Forbidden):
        await kiosk.check_in(actor, event_id=str(uuid.uuid4()), occurred_at=clock.now(), employee_number=number, pin="4321")
    assert await ClockPunch.all().count() == 0


async def test_an_event_id_of_another_kiosk_or_person_is_a_conflict(db):
    # given
    c = await make_company()
    gate1, _ = await make_kiosk(c)
    gate2, _ = await make_kiosk(c, "Gate 2")
    number = await with_pin(c)
    event = str(uuid.uuid4())
    await kiosk.check_in(gate1, event_id=event, occurred_at=clock.now(), employee_number=number, pin="4321")
    # when / then
    with pytest.raises(Conflict):
        await kiosk.check_in(gate2, event_id=event, occurred_at=clock.now(), employee_number=number, pin="4321")
    with pytest.raises(Conflict):
        await kiosk.check_in(gate1, event_id=event, occurred_at=clock.now(),
                             badge_token=badges.token_for(c.org.id, c.peer.employee.id))
    assert await ClockPunch.all().count() == 1


async def test_concurrent_replays_store_one_punch(db):
    # given
    c = await make_company()
    actor, _ = await make_kiosk(c)
    number = await with_pin(c)
    await kiosk.info(actor)  # nothing registered yet: the device is made by the racing check-ins too
    event, at = str(uuid.uuid4()), clock.now()
    # when
    results = await asyncio.gather(*[kiosk.check_in(actor, event_id=event, occurred_at=at, employee_number=number,
                                                    pin="4321") for _ in range(8)])
    # then
    assert sorted(r.duplicate for r in results) == [False] + [True] * 7
    assert await ClockPunch.of(c.system).filter(event_id=event).count() == 1
    assert await ClockDevice.of(c.system).count() == 1


async def test_synced_through_waits_for_the_tablets_queue(db):
    # given
    c = await make_company()
    actor, _ = await make_kiosk(c)
    number = await with_pin(c)
    now = clock.now().replace(microsecond=0)
    two_hours_ago, one_hour_ago = now - timedelta(hours=2), now - timedelta(hours=1)

    async def synced() -> datetime | None:
        return (await ClockDevice.of(c.system).get()).synced_through

    # when / then: a queue drained oldest first moves it to each delivered punch, not to now
    await kiosk.check_in(actor, event_id=str(uuid.uuid4()), occurred_at=two_hours_ago, employee_number=number,
                         pin="4321", still_queued=1)
    assert await synced() == two_hours_ago
    await kiosk.check_in(actor, event_id=str(uuid.uuid4()), occurred_at=one_hour_ago, employee_number=number,
                         pin="4321")  # an older client that does not say: still only through the punch
    assert await synced() == one_hour_ago
    await kiosk.heartbeat(actor, still_queued=2)
    assert await synced() == one_hour_ago
    with clock.frozen_at(now):
        await kiosk.check_in(actor, event_id=str(uuid.uuid4()), occurred_at=two_hours_ago, employee_number=number,
                             pin="4321", still_queued=3)  # an older punch never moves it back
        assert await synced() == one_hour_ago
        info = await kiosk.heartbeat(actor, still_queued=0)
    assert await synced() == now == info.synced_through == info.server_time
    device = await ClockDevice.of(c.system).get()
    assert device.last_seen_at is not None and device.last_seen_at >= now
    with pytest.raises(ValidationFailed):
        await kiosk.heartbeat(actor, still_queued=-1)


async def test_kiosk_info_names_the_site(db):
    # given
    c = await make_company()
    actor, _ = await make_kiosk(c, "Gate 7")
    # when
    info = await kiosk.info(actor)
    # then
    assert (info.site_name, info.time_zone, info.label, info.synced_through) == (c.site.name, "Asia/Shanghai", "Gate 7", None)
    with pytest.raises(Forbidden):
        await kiosk.info(c.hr.actor)


def test_a_morning_punch_marks_the_day_before_too():
    evening = datetime(2026, 12, 6, 22, 0, tzinfo=SHANGHAI)
    morning = datetime(2026, 12, 7, 6, 0, tzinfo=SHANGHAI)
    utc_evening_is_local_morning = datetime(2026, 12, 6, 23, 30, tzinfo=ZoneInfo("UTC"))  # 07:30 on the 7th
    assert kiosk.days_to_mark(evening, "Asia/Shanghai") == [date(2026, 12, 6)]
    assert kiosk.days_to_mark(morning, "Asia/Shanghai") == [date(2026, 12, 7), date(2026, 12, 6)]
    assert kiosk.days_to_mark(utc_evening_is_local_morning, "Asia/Shanghai") == [date(2026, 12, 7), date(2026, 12, 6)]


async def test_a_check_in_costs_a_fixed_handful_of_statements(db, count_queries):
    # given a kiosk whose clock is registered already
    c = await make_company()
    actor, _ = await make_kiosk(c)
    number = await with_pin(c)
    await kiosk.check_in(actor, event_id=str(uuid.uuid4()), occurred_at=clock.now(), employee_number=number, pin="4321")

    async def cost(**who: str) -> tuple[int, int]:
        event, before = str(uuid.uuid4()), count_queries.count
        await kiosk.check_in(actor, event_id=event, occurred_at=clock.now(), **who)  # type: ignore[arg-type]
        first = count_queries.count - before
        before = count_queries.count
        await kiosk.check_in(actor, event_id=event, occurred_at=clock.now(), **who)  # type: ignore[arg-type]
        return first, count_queries.count - before

    # when
    by_pin = await cost(employee_number=number, pin="4321")
    by_badge = await cost(badge_token=badges.token_for(c.org.id, c.employee.employee.id))
    # then
    print(f"statements per check-in (new, replay): pin {by_pin}, badge {by_badge}")
    assert by_pin[0] <= 16 and by_badge[0] <= by_pin[0] and by_pin[1] < by_pin[0] and by_badge[1] < by_badge[0]
