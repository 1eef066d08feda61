"""plans_for: which shift, site and zone apply to a person on a day, remote days and corrections, in a
constant number of queries."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from backend.attendance.derivation import Correction
from backend.attendance.models import RequestStatus
from backend.attendance.schedule import plans_for
from backend.org.models import Site
from tests.factories.attendance_days import approved_correction, approved_remote, assign, make_shift
from tests.factories.org import make_company, make_org, make_person

MON = date(2026, 12, 7)
SAT = date(2026, 12, 12)


async def test_the_newest_unrevoked_assignment_covering_the_day_wins(db):
    # given a day shift from December, a newer night shift for one week, and a revoked even newer one
    c = await make_company()
    worker = c.employee.employee.id
    day, night, late = (await make_shift(c.system, "day"), await make_shift(c.system, "night", start="22:00", end="06:00"),
                        await make_shift(c.system, "late", start="14:00", end="22:00"))
    now = datetime(2026, 12, 1, tzinfo=UTC)
    await assign(c.system, worker, day, date(2026, 12, 1), created_at=now)
    await assign(c.system, worker, night, MON, MON + timedelta(days=4), created_at=now + timedelta(hours=1))
    await assign(c.system, worker, late, MON, created_at=now + timedelta(hours=2), revoked=True)
    # when
    plans = await plans_for(c.system, [worker], MON - timedelta(days=1), SAT + timedelta(days=2))
    # then
    assert plans[(worker, MON)].shift_id == night.id and plans[(worker, MON)].shift.overnight
    assert plans[(worker, MON - timedelta(days=1))].shift is None  # Sunday: a rest day of the day shift
    assert plans[(worker, SAT)].shift is None
    assert plans[(worker, SAT + timedelta(days=2))].shift_id == day.id  # the night week is over
    assert len(plans) == 9


async def test_without_an_assignment_the_default_shift_applies_else_rest_days(db):
    c = await make_company()
    worker = c.employee.employee.id
    assert (await plans_for(c.system, [worker], MON, MON))[(worker, MON)].shift is None
    default = await make_shift(c.system, "default", start="08:30", end="17:30", work_days=[1, 2, 3, 4, 5, 6])
    plans = await plans_for(c.system, [worker], MON, SAT)
    assert plans[(worker, MON)].shift_id == default.id and plans[(worker, MON)].shift.start_minute == 510
    assert plans[(worker, SAT)].shift_id == default.id  # Saturday is one of its work days


async def test_site_and_zone_come_from_the_assignment_then_the_employee_then_the_organisation(db):
    c = await make_company()
    berlin = await Site.create_for(c.system, name="Berlin", time_zone="Europe/Berlin")
    day = await make_shift(c.system, "day")
    nowhere = await make_person(c.system)  # no site
    await assign(c.system, c.employee.employee.id, day, MON, site=berlin)
    plans = await plans_for(c.system, [c.employee.employee.id, c.peer.employee.id, nowhere.employee.id], MON, MON)
    assert (plans[(c.employee.employee.id, MON)].site_id, plans[(c.employee.employee.id, MON)].tz) == (
        berlin.id, "Europe/Berlin")
    assert (plans[(c.peer.employee.id, MON)].site_id, plans[(c.peer.employee.id, MON)].tz) == (c.site.id, "Asia/Shanghai")
    assert (plans[(nowhere.employee.id, MON)].site_id, plans[(nowhere.employee.id, MON)].tz) == (None, "Asia/Shanghai")


async def test_approved_remote_days_and_corrections_apply_pending_ones_do_not(db):
    c = await make_company()
    worker = c.employee.employee.id
    await make_shift(c.system, "default")
    await approved_remote(c.system, worker, MON, MON + timedelta(days=1))
    await approved_remote(c.system, worker, MON + timedelta(days=3), status=RequestStatus.PENDING)
    await approved_remote(c.system, worker, MON - timedelta(days=3), MON - timedelta(days=1))  # overlaps the Sunday
    missed = datetime(2026, 12, 9, 10, 0, tzinfo=UTC)
    await approved_correction(c.system, worker, MON + timedelta(days=2), missed, "out")
    await approved_correction(c.system, worker, MON + timedelta(days=2), missed, "in", status=RequestStatus.DECLINED)
    plans = await plans_for(c.system, [worker], MON - timedelta(days=1), MON + timedelta(days=4))
    assert [d.remote for d in (plans[(worker, MON + timedelta(days=n))] for n in range(-1, 5))] == [
        True, True, True, False, False, False]
    assert plans[(worker, MON + timedelta(days=2))].corrections == (Correction(at=missed, direction="out"),)
    assert plans[(worker, MON)].corrections == ()


async def test_other_organisations_people_get_no_plans(db):
    c = await make_company()
    _, other_system = await make_org("Other")
    stranger = await make_person(other_system)
    assert await plans_for(c.system, [stranger.employee.id], MON, MON) == {}


async def test_the_same_number_of_queries_for_3_and_30_people(db, count_queries):
    c = await make_company()
    day = await make_shift(c.system, "day")
    people = [(await make_person(c.system, site=c.site)).employee.id for _ in range(30)]
    for n, person in enumerate(people):
        await assign(c.system, person, day, MON - timedelta(days=n))
        await approved_remote(c.system, person, MON)

    async def cost(ids: list) -> int:
        before = count_queries.count
        plans = await plans_for(c.system, ids, MON, MON + timedelta(days=6))
        assert len(plans) == 7 * len(ids)
        return count_queries.count - before

    small, large = await cost(people[:3]), await cost(people)
    print(f"plans_for: {small} statements for 3 people, {large} for 30")
    assert small == large <= 6
