"""Editing an open cycle: changed fields audited, closed cycles final, overlaps refused, other organisations unseen."""
from __future__ import annotations

from datetime import date

import pytest

from backend.audit.models import AuditEntry
from backend.core.errors import Conflict, NotFound, ValidationFailed
from backend.performance import cycles
from backend.performance.models import CycleKind, CycleStatus, ReviewCycle
from tests.factories.org import make_company
from tests.factories.performance_config import month


async def test_hr_edits_an_open_cycle_and_only_the_changes_are_audited(db):
    # given
    company = await make_company()
    cycle = await month(company.hr.actor, 2026, 11)
    # when
    edited = await cycles.update_cycle(company.hr.actor, cycle_id=cycle.id, name_en="November", name_zh=cycle.name_zh,
                                       kind=CycleKind.MONTHLY, starts_on=cycle.starts_on, ends_on=cycle.ends_on,
                                       appeal_days=7, tier_policy={"min_group_size": 3})
    # then
    assert (edited.name_en, edited.appeal_days, edited.tier_policy["min_group_size"]) == ("November", 7, 3)
    entry = await AuditEntry.get(action="review_cycle.updated", entity_id=str(cycle.id))
    assert entry.before is not None and entry.after is not None
    assert set(entry.after) == {"name_en", "appeal_days", "tier_policy"}
    assert (entry.before["name_en"], entry.after["appeal_days"]) == ("2026-11", 7)


async def test_an_edit_that_changes_nothing_writes_no_audit_entry(db):
    # given
    company = await make_company()
    cycle = await month(company.hr.actor, 2026, 11)
    # when
    await cycles.update_cycle(company.hr.actor, cycle_id=cycle.id, name_en=cycle.name_en, name_zh=cycle.name_zh,
                              kind=cycle.kind, starts_on=cycle.starts_on, ends_on=cycle.ends_on)
    # then
    assert await AuditEntry.filter(action="review_cycle.updated").count() == 0


async def test_moving_the_dates_repicks_the_previous_cycle(db):
    # given
    company = await make_company()
    september = await month(company.hr.actor, 2026, 9)
    october = await month(company.hr.actor, 2026, 10)
    cycle = await month(company.hr.actor, 2026, 12)
    # when
    moved = await cycles.update_cycle(company.hr.actor, cycle_id=cycle.id, name_en="Oct?", name_zh="十月？",
                                      kind=CycleKind.CUSTOM, starts_on=date(2026, 10, 1), ends_on=date(2026, 10, 15))
    # then no custom cycle came before it
    assert cycle.previous_id == october.id and moved.previous_id is None and september.previous_id is None


async def test_a_closed_cycle_cannot_be_edited(db):
    # given
    company = await make_company()
    cycle = await month(company.hr.actor, 2026, 10)
    await ReviewCycle.filter(id=cycle.id).update(status=CycleStatus.CLOSED)
    # when
    with pytest.raises(Conflict):
        await cycles.update_cycle(company.hr.actor, cycle_id=cycle.id, name_en="Changed", name_zh=cycle.name_zh,
                                  kind=cycle.kind, starts_on=cycle.starts_on, ends_on=cycle.ends_on)
    # then
    assert (await ReviewCycle.get(id=cycle.id)).name_en == "2026-10"


async def test_an_edit_may_not_overlap_another_open_cycle_of_its_kind(db):
    # given
    company = await make_company()
    await month(company.hr.actor, 2026, 10)
    cycle = await month(company.hr.actor, 2026, 11)
    # when
    with pytest.raises(Conflict):
        await cycles.update_cycle(company.hr.actor, cycle_id=cycle.id, name_en="Oct", name_zh="十月",
                                  kind=CycleKind.MONTHLY, starts_on=date(2026, 10, 1), ends_on=date(2026, 10, 31))
    # then
    assert (await ReviewCycle.get(id=cycle.id)).starts_on == date(2026, 11, 1)


async def test_an_invalid_edit_changes_nothing(db):
    # given
    company = await make_company()
    cycle = await month(company.hr.actor, 2026, 11)
    # when
    with pytest.raises(ValidationFailed):
        await cycles.update_cycle(company.hr.actor, cycle_id=cycle.id, name_en="", name_zh="x",
                                  kind=cycle.kind, starts_on=cycle.starts_on, ends_on=cycle.ends_on)
    # then
    assert (await ReviewCycle.get(id=cycle.id)).name_en == "2026-11"


async def test_another_organisations_cycle_is_not_found(db):
    # given
    ours, theirs = await make_company("Ours"), await make_company("Theirs")
    cycle = await month(theirs.hr.actor, 2026, 11)
    # when / then
    with pytest.raises(NotFound):
        await cycles.get_cycle(ours.hr.actor, cycle.id)
    with pytest.raises(NotFound):
        await cycles.update_cycle(ours.hr.actor, cycle_id=cycle.id, name_en="Mine", name_zh="我的",
                                  kind=cycle.kind, starts_on=cycle.starts_on, ends_on=cycle.ends_on)
    assert (await ReviewCycle.get(id=cycle.id)).name_en == "2026-11"
