"""HR resolving anomaly flags: justified or adjusted with a note, audited, once; nobody else; never another
organisation's flag."""
from __future__ import annotations

import pytest

from backend.audit.models import AuditEntry
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.performance import anomalies
from backend.performance.models import AnomalyFlag, FlagStatus
from tests.factories.performance_pools import make_pool_scene, raise_flag, scored_cycle


async def _flag():  # type: ignore[no-untyped-def]
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene)
    return scene, await raise_flag(scene, cycle)


async def test_hr_justifies_an_open_flag_with_a_note(db):
    # given
    scene, flag = await _flag()
    hr = scene.company.hr.actor
    # when
    resolved = await anomalies.resolve_flag(hr, flag_id=flag.id, outcome=FlagStatus.JUSTIFIED,
                                            note="  The whole team closed the Huawei deal.  ")
    # then
    assert (resolved.status, resolved.resolution, resolved.resolved_by_id) == (
        FlagStatus.JUSTIFIED, "The whole team closed the Huawei deal.", scene.company.hr.employee.id)
    assert resolved.resolved_at is not None
    entry = await AuditEntry.get(entity_type="anomaly_flag", entity_id=str(flag.id))
    assert (entry.action, entry.before, entry.after) == ("anomaly_flag.resolved", {"status": "open"}, {
        "status": "justified", "resolution": "The whole team closed the Huawei deal.", "kind": "all_high",
        "subject": "dept:test"})


async def test_the_owner_may_resolve_as_adjusted(db):
    # given
    scene, flag = await _flag()
    # when
    resolved = await anomalies.resolve_flag(scene.company.owner.actor, flag_id=flag.id, outcome=FlagStatus.ADJUSTED,
                                            note="Moved 2,000 yuan to Ops.")
    # then
    assert resolved.status == FlagStatus.ADJUSTED


@pytest.mark.parametrize(("outcome", "note", "field"), [
    (FlagStatus.JUSTIFIED, "too short", "note"),
    (FlagStatus.JUSTIFIED, "   ", "note"),
    (FlagStatus.JUSTIFIED, "x" * 1001, "note"),
    (FlagStatus.OPEN, "Still looking at it, later.", "outcome"),
])
async def test_a_resolution_needs_an_outcome_and_a_real_note(db, outcome, note, field):
    # given
    scene, flag = await _flag()
    # when
    with pytest.raises(ValidationFailed) as error:
        await anomalies.resolve_flag(scene.company.hr.actor, flag_id=flag.id, outcome=outcome, note=note)
    # then
    assert error.value.field == field
    assert (await AnomalyFlag.get(id=flag.id)).status == FlagStatus.OPEN
    assert await AuditEntry.filter(entity_type="anomaly_flag").count() == 0


async def test_a_flag_is_resolved_once(db):
    # given
    scene, flag = await _flag()
    hr = scene.company.hr.actor
    await anomalies.resolve_flag(hr, flag_id=flag.id, outcome=FlagStatus.JUSTIFIED, note="Verified with the CRM.")
    # when
    with pytest.raises(Conflict):
        await anomalies.resolve_flag(hr, flag_id=flag.id, outcome=FlagStatus.ADJUSTED, note="Changed my mind later.")
    # then
    assert (await AnomalyFlag.get(id=flag.id)).status == FlagStatus.JUSTIFIED


async def test_managers_and_employees_cannot_resolve(db):
    # given
    scene, flag = await _flag()
    # when / then
    for person in (scene.company.manager, scene.company.employee):
        with pytest.raises(Forbidden):
            await anomalies.resolve_flag(person.actor, flag_id=flag.id, outcome=FlagStatus.JUSTIFIED,
                                         note="Looks fine to me, honestly.")
    assert (await AnomalyFlag.get(id=flag.id)).status == FlagStatus.OPEN


async def test_another_organisations_flag_is_not_found(db):
    # given
    _, flag = await _flag()
    other = await make_pool_scene("Globex")
    # when
    with pytest.raises(NotFound):
        await anomalies.resolve_flag(other.company.hr.actor, flag_id=flag.id, outcome=FlagStatus.JUSTIFIED,
                                     note="Not my organisation at all.")
    # then
    assert (await AnomalyFlag.get(id=flag.id)).status == FlagStatus.OPEN
