"""Revising a template writes a new version: audited, a reason when an open cycle already uses it, scored people marked."""
from __future__ import annotations

import pytest

from backend.audit.models import AuditEntry
from backend.core import clock
from backend.core.errors import Forbidden, NotFound, ValidationFailed
from backend.performance import templates
from backend.performance.models import (
    CycleStatus, Dimension, ReviewCycle, Scorecard, ScorecardTemplate, ScoreRecompute, TemplateVersion,
)
from tests.factories.org import Company, make_company
from tests.factories.performance_config import drafts, month, template


async def _scored(company: Company, made: ScorecardTemplate, cycle: ReviewCycle) -> None:
    version = await TemplateVersion.get(template_id=made.id, version=1)
    for person in (company.employee, company.peer):
        await Scorecard.create_for(company.system, cycle_id=cycle.id, employee_id=person.employee.id,
                                   template_version_id=version.id, total=70, completion=0.7, computed_at=clock.now(), dimension_scores=b"")


async def test_a_revision_writes_the_next_version_and_makes_it_current(db):
    # given
    company = await make_company()
    made = await template(company.hr.actor, dimensions=drafts(60, 40))
    # when
    revised = await templates.revise_template(company.hr.actor, template_id=made.id, dimensions=drafts(50, 30, 20))
    # then
    assert revised.current_version == 2
    versions = {v.version: v for v in await TemplateVersion.filter(template_id=made.id)}
    assert set(versions) == {1, 2} and versions[2].created_by_id == company.hr.employee.id
    old = await Dimension.filter(version_id=versions[1].id).order_by("position").values_list("code", "weight")
    new = await Dimension.filter(version_id=versions[2].id).order_by("position").values_list("code", "weight")
    assert (list(old), list(new)) == ([("d0", 60), ("d1", 40)], [("d0", 50), ("d1", 30), ("d2", 20)])


async def test_the_revision_is_audited_with_weights_before_and_after(db):
    # given
    company = await make_company()
    made = await template(company.hr.actor, dimensions=drafts(60, 40))
    # when
    await templates.revise_template(company.hr.actor, template_id=made.id, dimensions=drafts(70, 30), reason="Q4 focus")
    # then
    entry = await AuditEntry.get(action="scorecard_template.revised", entity_id=str(made.id))
    assert entry.before == {"version": 1, "weights": {"d0": 60, "d1": 40}}
    assert entry.after == {"version": 2, "weights": {"d0": 70, "d1": 30}, "reason": "Q4 focus"}


async def test_weights_off_100_in_a_revision_name_the_sum_and_change_nothing(db):
    # given
    company = await make_company()
    made = await template(company.hr.actor)
    # when
    with pytest.raises(ValidationFailed) as failure:
        await templates.revise_template(company.hr.actor, template_id=made.id, dimensions=drafts(60, 45))
    # then
    assert (failure.value.field, failure.value.message) == (
        "dimensions", "Weights add up to 105 %; they must add up to exactly 100 %.")
    assert (await ScorecardTemplate.get(id=made.id)).current_version == 1


async def test_changing_a_template_an_open_cycle_already_scores_with_needs_a_reason(db):
    # given
    company = await make_company()
    made = await template(company.hr.actor)
    await _scored(company, made, await month(company.hr.actor, 2026, 11))
    # when
    with pytest.raises(ValidationFailed) as failure:
        await templates.revise_template(company.hr.actor, template_id=made.id, dimensions=drafts(50, 50), reason="  ")
    # then
    assert failure.value.field == "reason"
    assert (await ScorecardTemplate.get(id=made.id)).current_version == 1
    assert await TemplateVersion.filter(template_id=made.id).count() == 1


async def test_a_mid_cycle_revision_with_a_reason_marks_the_scored_people_for_recompute(db):
    # given
    company = await make_company()
    made = await template(company.hr.actor)
    cycle = await month(company.hr.actor, 2026, 11)
    await _scored(company, made, cycle)
    # when
    await templates.revise_template(company.hr.actor, template_id=made.id, dimensions=drafts(50, 50),
                                    reason="Retention matters more this quarter")
    # then
    marked = set(await ScoreRecompute.filter(cycle_id=cycle.id).values_list("employee_id", flat=True))
    assert marked == {company.employee.employee.id, company.peer.employee.id}


async def test_scorecards_of_closed_cycles_need_no_reason(db):
    # given
    company = await make_company()
    made = await template(company.hr.actor)
    cycle = await month(company.hr.actor, 2026, 10)
    await _scored(company, made, cycle)
    await ReviewCycle.filter(id=cycle.id).update(status=CycleStatus.CLOSED)
    # when
    revised = await templates.revise_template(company.hr.actor, template_id=made.id, dimensions=drafts(50, 50))
    # then
    assert revised.current_version == 2
    assert await ScoreRecompute.all().count() == 0


async def test_the_same_dimensions_again_write_no_version(db):
    # given
    company = await make_company()
    made = await template(company.hr.actor, dimensions=drafts(60, 40))
    # when
    again = await templates.revise_template(company.hr.actor, template_id=made.id, dimensions=drafts(60, 40))
    # then
    assert again.current_version == 1
    assert await AuditEntry.filter(action="scorecard_template.revised").count() == 0


async def test_only_hr_revises(db):
    # given
    company = await make_company()
    made = await template(company.hr.actor)
    # when / then
    with pytest.raises(Forbidden):
        await templates.revise_template(company.manager.actor, template_id=made.id, dimensions=drafts(50, 50))


async def test_another_organisations_template_is_not_found(db):
    # given
    ours, theirs = await make_company("Ours"), await make_company("Theirs")
    made = await template(theirs.hr.actor)
    # when / then
    with pytest.raises(NotFound):
        await templates.revise_template(ours.hr.actor, template_id=made.id, dimensions=drafts(50, 50))
    assert (await ScorecardTemplate.get(id=made.id)).current_version == 1
