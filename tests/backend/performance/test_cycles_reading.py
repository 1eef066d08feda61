"""Reading cycles: everyone in the organisation lists them newest first; the current cycle follows the organisation's day."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from backend.access.actor import Actor
from backend.core import clock
from backend.core.errors import Forbidden
from backend.performance import cycles
from backend.performance.models import CycleKind, CycleStatus, ReviewCycle, Scorecard, ScorecardTemplate, TemplateVersion
from tests.factories.org import make_company
from tests.factories.performance_config import month


async def test_everyone_lists_cycles_newest_first_and_may_filter_by_status(db):
    # given
    company = await make_company()
    october = await month(company.hr.actor, 2026, 10)
    december = await month(company.hr.actor, 2026, 12)
    november = await month(company.hr.actor, 2026, 11)
    await ReviewCycle.filter(id=october.id).update(status=CycleStatus.CLOSED)
    # when
    everything = await cycles.list_cycles(company.employee.actor)
    still_open = await cycles.list_cycles(company.employee.actor, status=CycleStatus.OPEN)
    # then
    assert [c.id for c in everything] == [december.id, november.id, october.id]
    assert [c.id for c in still_open] == [december.id, november.id]


async def test_a_kiosk_reads_no_cycles(db):
    # given
    company = await make_company()
    kiosk = Actor.kiosk(tenant_id=company.org.id, site_id=company.site.id, session_id=company.org.id, label="Gate")
    # when / then
    with pytest.raises(Forbidden):
        await cycles.list_cycles(kiosk)


async def test_the_current_cycle_contains_today_in_the_organisations_zone(db):
    # given Shanghai is UTC+8: 30 November 17:00 UTC is already 1 December there
    company = await make_company()
    await month(company.hr.actor, 2026, 11)
    december = await month(company.hr.actor, 2026, 12)
    # when
    with clock.frozen_at(datetime(2026, 11, 30, 17, 0, tzinfo=UTC)):
        current = await cycles.current_cycle(company.employee.actor)
    # then
    assert current is not None and current.id == december.id


async def test_the_shorter_cycle_wins_when_a_month_and_a_quarter_both_contain_today(db):
    # given
    company = await make_company()
    await cycles.create_cycle(company.hr.actor, name_en="Q4", name_zh="Q4", kind=CycleKind.QUARTERLY,
                              starts_on=date(2026, 10, 1), ends_on=date(2026, 12, 31))
    november = await month(company.hr.actor, 2026, 11)
    # when
    with clock.frozen_at(datetime(2026, 11, 18, 4, 0, tzinfo=UTC)):
        current = await cycles.current_cycle(company.employee.actor)
    # then
    assert current is not None and current.id == november.id


async def test_without_a_cycle_containing_today_the_latest_open_one_is_current(db):
    # given
    company = await make_company()
    september = await month(company.hr.actor, 2026, 9)
    october = await month(company.hr.actor, 2026, 10)
    await ReviewCycle.filter(id=october.id).update(status=CycleStatus.CLOSED)
    # when
    with clock.frozen_at(datetime(2026, 11, 18, 4, 0, tzinfo=UTC)):
        current = await cycles.current_cycle(company.employee.actor)
    # then
    assert current is not None and current.id == september.id


async def test_no_open_cycle_means_no_current_cycle(db):
    # given
    company = await make_company()
    cycle = await month(company.hr.actor, 2026, 11)
    await ReviewCycle.filter(id=cycle.id).update(status=CycleStatus.CLOSED)
    # when / then
    assert await cycles.current_cycle(company.employee.actor) is None


async def test_scored_counts_come_in_the_order_asked(db):
    # given
    company = await make_company()
    october, november = await month(company.hr.actor, 2026, 10), await month(company.hr.actor, 2026, 11)
    template = await ScorecardTemplate.create_for(company.system, code="t", name_en="T", name_zh="T")
    version = await TemplateVersion.create_for(company.system, template_id=template.id, version=1)
    for person in (company.employee, company.peer):
        await Scorecard.create_for(company.system, cycle_id=november.id, employee_id=person.employee.id,
                                   template_version_id=version.id, total=50, completion=0.5, computed_at=clock.now(), dimension_scores=b"")
    # when
    counts = await cycles.scored_counts(company.hr.actor, [october.id, november.id])
    # then
    assert counts == [0, 2]
