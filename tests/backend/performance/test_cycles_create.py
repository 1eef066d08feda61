"""Creating review cycles: validated dates per kind, policies normalised, overlap refused, previous picked, audited."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from backend.audit.models import AuditEntry
from backend.core.errors import Conflict, Forbidden, ValidationFailed
from backend.performance import cycles
from backend.performance.detectors import Thresholds
from backend.performance.models import CycleKind, CycleStatus, ReviewCycle
from backend.performance.tiers import TierPolicy
from tests.factories.org import make_company
from tests.factories.performance_config import month


async def test_hr_creates_a_monthly_cycle_with_default_policies_and_it_is_audited(db):
    # given
    company = await make_company()
    # when
    cycle = await cycles.create_cycle(company.hr.actor, name_en=" November 2026 ", name_zh="2026年11月",
                                      kind=CycleKind.MONTHLY, starts_on=date(2026, 11, 1), ends_on=date(2026, 11, 30))
    # then
    stored = await ReviewCycle.get(id=cycle.id)
    assert (stored.name_en, stored.kind, stored.status, stored.appeal_days, stored.previous_id) == (
        "November 2026", CycleKind.MONTHLY, CycleStatus.OPEN, 5, None)
    assert stored.tier_policy == TierPolicy().as_json()
    assert stored.anomaly_thresholds == Thresholds().as_json()
    entry = await AuditEntry.get(action="review_cycle.created", entity_id=str(cycle.id))
    assert entry.after is not None and entry.after["starts_on"] == "2026-11-01" and entry.after["kind"] == "monthly"


async def test_policies_are_stored_normalised(db):
    # given
    company = await make_company()
    # when
    cycle = await month(company.hr.actor, tier_policy={"top10_percent": 5}, anomaly_thresholds={"jump_points": 30},
                        appeal_days=10)
    # then
    assert cycle.tier_policy["top10_percent"] == 5.0 and cycle.tier_policy["top20_percent"] == 20.0
    assert cycle.anomaly_thresholds["jump_points"] == 30.0 and cycle.anomaly_thresholds["dept_mean_z"] == Thresholds().dept_mean_z
    assert cycle.appeal_days == 10


async def test_quarterly_and_custom_cycles_take_their_own_spans(db):
    # given
    company = await make_company()
    # when
    quarter = await cycles.create_cycle(company.hr.actor, name_en="Q4", name_zh="第四季度", kind=CycleKind.QUARTERLY,
                                        starts_on=date(2026, 10, 1), ends_on=date(2026, 12, 31))
    custom = await cycles.create_cycle(company.hr.actor, name_en="Launch sprint", name_zh="上市冲刺", kind=CycleKind.CUSTOM,
                                       starts_on=date(2026, 11, 10), ends_on=date(2026, 12, 20))
    # then
    assert (quarter.kind, quarter.ends_on, custom.kind, custom.starts_on) == (
        CycleKind.QUARTERLY, date(2026, 12, 31), CycleKind.CUSTOM, date(2026, 11, 10))


VALID: dict[str, Any] = {"name_en": "Nov", "name_zh": "十一月", "kind": CycleKind.MONTHLY,
                         "starts_on": date(2026, 11, 1), "ends_on": date(2026, 11, 30)}


@pytest.mark.parametrize(("changes", "field"), [
    ({"name_en": "  "}, "nameEn"),
    ({"name_zh": "长" * 121}, "nameZh"),
    ({"kind": "weekly"}, "kind"),
    ({"ends_on": date(2026, 10, 31)}, "endsOn"),
    ({"starts_on": date(2026, 11, 2)}, "startsOn"),
    ({"ends_on": date(2026, 11, 29)}, "endsOn"),
    ({"ends_on": date(2026, 12, 31)}, "endsOn"),
    ({"starts_on": datetime(2026, 11, 1, 0, 0)}, "startsOn"),
    ({"kind": CycleKind.QUARTERLY, "starts_on": date(2026, 11, 1), "ends_on": date(2027, 1, 31)}, "startsOn"),
    ({"kind": CycleKind.QUARTERLY, "starts_on": date(2026, 10, 1), "ends_on": date(2026, 12, 30)}, "endsOn"),
    ({"kind": CycleKind.CUSTOM, "starts_on": date(2026, 1, 1), "ends_on": date(2027, 1, 2)}, "endsOn"),
    ({"appeal_days": -1}, "appealDays"),
    ({"appeal_days": 61}, "appealDays"),
    ({"tier_policy": {"top10_percent": 150}}, "tierPolicy"),
    ({"tier_policy": {"unknown": 1}}, "tierPolicy"),
    ({"anomaly_thresholds": {"dept_mean_z": "high"}}, "anomalyThresholds"),
    ({"anomaly_thresholds": ["not", "an", "object"]}, "anomalyThresholds"),
])
async def test_invalid_cycles_are_refused_naming_the_field(db, changes, field):
    # given
    company = await make_company()
    # when
    with pytest.raises(ValidationFailed) as failure:
        await cycles.create_cycle(company.hr.actor, **{**VALID, **changes})
    # then
    assert failure.value.field == field
    assert await ReviewCycle.all().count() == 0


async def test_an_open_cycle_of_the_same_kind_may_not_overlap(db):
    # given
    company = await make_company()
    await month(company.hr.actor, 2026, 11)
    # when
    with pytest.raises(Conflict) as failure:
        await cycles.create_cycle(company.hr.actor, name_en="Late Nov", name_zh="十一月下旬", kind=CycleKind.CUSTOM,
                                  starts_on=date(2026, 11, 20), ends_on=date(2026, 12, 5))
        await month(company.hr.actor, 2026, 11)
    # then the custom cycle was fine (another kind); the second November is refused
    assert failure.value.field == "startsOn" and "2026-11" in failure.value.message
    assert await ReviewCycle.all().count() == 2


async def test_a_closed_cycle_does_not_block_new_dates(db):
    # given
    company = await make_company()
    old = await month(company.hr.actor, 2026, 11)
    await ReviewCycle.filter(id=old.id).update(status=CycleStatus.CLOSED)
    # when
    again = await month(company.hr.actor, 2026, 11)
    # then
    assert again.previous_id is None and again.id != old.id


async def test_previous_is_the_latest_earlier_cycle_of_the_same_kind(db):
    # given
    company = await make_company()
    september = await month(company.hr.actor, 2026, 9)
    october = await month(company.hr.actor, 2026, 10)
    await cycles.create_cycle(company.hr.actor, name_en="Q3", name_zh="Q3", kind=CycleKind.QUARTERLY,
                              starts_on=date(2026, 7, 1), ends_on=date(2026, 9, 30))
    # when
    december = await month(company.hr.actor, 2026, 12)
    november = await month(company.hr.actor, 2026, 11)
    # then
    assert october.previous_id == september.id
    assert december.previous_id == october.id
    assert november.previous_id == october.id


async def test_only_hr_creates_cycles(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await month(company.manager.actor)
    assert await ReviewCycle.all().count() == 0
