"""Running the detectors against the database: one finding per detector in a hand-built organisation,
idempotent reruns (resolved stays resolved, open gets the new numbers, gone is marked), the cycle's
thresholds, pool scoping, permissions and other organisations."""
from __future__ import annotations

import pytest

from backend.core.errors import Forbidden, NotFound, ValidationFailed
from backend.core.models import OutboxEvent
from backend.performance import anomalies
from backend.performance.models import (
    AnomalyFlag, AnomalyKind, BonusAllocation, FlagStatus, Rating, ReviewCycle, Scorecard,
)
from tests.factories.org import make_person
from tests.factories.performance_review import AnomalyScene, anomaly_scene, card, flat_pool, rate


def expected(scene: AnomalyScene) -> set[tuple[AnomalyKind, str]]:
    a, b = scene.pair
    return {
        (AnomalyKind.DEPARTMENT_INFLATED, f"dept:{scene.sales.id}"),
        (AnomalyKind.ALL_HIGH, f"dept:{scene.sales.id}"),
        (AnomalyKind.RATING_ALLIANCE, f"dept:{scene.company.department.id}"),
        (AnomalyKind.LENIENT_RATER, f"rater:{scene.company.peer.employee.id}"),
        (AnomalyKind.RECIPROCAL_PAIR, f"pair:{a.employee.id}:{b.employee.id}"),
        (AnomalyKind.SUDDEN_JUMP, f"person:{scene.jumper.employee.id}"),
        (AnomalyKind.UNDIFFERENTIATED_POOL, f"pool:{scene.pool.id}"),
    }


async def test_every_detector_finds_its_injected_case_through_the_database(db):
    # given
    scene = await anomaly_scene()
    # when
    run = await anomalies.detect_anomalies(scene.company.hr.actor, cycle_id=scene.cycle.id, pool_id=scene.pool.id)
    # then
    assert run.raised == 7
    assert {(f.kind, f.subject_key) for f in run.flags} == expected(scene)
    assert all(f.status == FlagStatus.OPEN for f in run.flags)
    jump = next(f for f in run.flags if f.kind == AnomalyKind.SUDDEN_JUMP)
    assert (jump.employee_id, jump.department_id, jump.severity, jump.pool_id) == (
        scene.jumper.employee.id, scene.ops.id, 1.36, None)
    assert jump.evidence["numbers"] == {"total": 85.0, "baseline": 51.0, "jump": 34.0, "history": [52.0, 50.0]}
    assert jump.evidence["explanation_en"] == (f"{scene.jumper.employee.name} scored 85.0, 34.0 above their own "
                                               "average of 51.0 over 2 earlier cycles (threshold 25).")
    pool_flag = next(f for f in run.flags if f.kind == AnomalyKind.UNDIFFERENTIATED_POOL)
    assert pool_flag.pool_id == scene.pool.id
    inflated = next(f for f in run.flags if f.kind == AnomalyKind.DEPARTMENT_INFLATED)
    assert inflated.evidence["explanation_en"] == "Department Sales mean 97.0 vs org 71.5 (z = 4.2 > 1)."
    events = await OutboxEvent.filter(tenant_id=scene.company.org.id, type="performance.anomaly_flagged").values_list("payload", flat=True)
    assert sorted(e["kind"] for e in events) == sorted(k.value for k, _ in expected(scene))


async def test_a_rerun_raises_nothing_new_and_keeps_resolved_flags_resolved(db):
    # given a first run, and HR justified the jump
    scene = await anomaly_scene()
    hr = scene.company.hr.actor
    first = await anomalies.detect_anomalies(hr, cycle_id=scene.cycle.id, pool_id=scene.pool.id)
    jump = next(f for f in first.flags if f.kind == AnomalyKind.SUDDEN_JUMP)
    await anomalies.resolve_flag(hr, flag_id=jump.id, outcome=FlagStatus.JUSTIFIED, note="Closed a record deal.")
    # when
    second = await anomalies.detect_anomalies(hr, cycle_id=scene.cycle.id, pool_id=scene.pool.id)
    # then
    assert second.raised == 0
    assert {f.id for f in second.flags} == {f.id for f in first.flags}
    assert {f.id: f.status for f in second.flags}[jump.id] == FlagStatus.JUSTIFIED
    assert await OutboxEvent.filter(tenant_id=scene.company.org.id, type="performance.anomaly_flagged").count() == 7


async def test_a_rerun_updates_the_numbers_of_open_flags_and_marks_vanished_ones(db):
    # given a first run; then the jumper's total rises to 90 and the peer's generous ratings are withdrawn
    scene = await anomaly_scene()
    hr = scene.company.hr.actor
    await anomalies.run_detectors(hr, cycle_id=scene.cycle.id)
    await Scorecard.of(hr).filter(cycle_id=scene.cycle.id, employee_id=scene.jumper.employee.id).update(total=90.0)
    await Rating.of(hr).filter(cycle_id=scene.cycle.id, rater_id=scene.company.peer.employee.id).delete()
    # when
    flags = {f.kind: f for f in await anomalies.run_detectors(hr, cycle_id=scene.cycle.id)}
    # then
    assert flags[AnomalyKind.SUDDEN_JUMP].evidence["numbers"]["jump"] == 39.0
    assert flags[AnomalyKind.SUDDEN_JUMP].evidence["present"] is True
    assert flags[AnomalyKind.LENIENT_RATER].status == FlagStatus.OPEN
    assert flags[AnomalyKind.LENIENT_RATER].evidence["present"] is False


async def test_the_cycles_thresholds_decide(db):
    # given the cycle only calls a rise of 40 points a jump
    scene = await anomaly_scene(anomaly_thresholds={"jump_points": 40})
    # when
    flags = await anomalies.run_detectors(scene.company.hr.actor, cycle_id=scene.cycle.id)
    # then
    assert AnomalyKind.SUDDEN_JUMP not in {f.kind for f in flags}


async def test_a_run_without_a_pool_leaves_pool_flags_alone_and_lists_scope_by_pool(db):
    # given the pool's run flagged the pool; a second pool of the same cycle
    scene = await anomaly_scene()
    hr = scene.company.hr.actor
    await anomalies.run_detectors(hr, cycle_id=scene.cycle.id, pool_id=scene.pool.id)
    other = await flat_pool(scene.company, scene.cycle, scene.sales_people, amount_each=5)
    # when
    flags = await anomalies.run_detectors(hr, cycle_id=scene.cycle.id)
    # then: every flag of the cycle; the pool flag still "present"
    pool_flag = next(f for f in flags if f.kind == AnomalyKind.UNDIFFERENTIATED_POOL)
    assert (len(flags), pool_flag.evidence["present"]) == (7, True)
    assert len(await anomalies.list_flags(hr, cycle_id=scene.cycle.id, pool_id=other.id)) == 6
    assert len(await anomalies.list_flags(hr, cycle_id=scene.cycle.id, pool_id=scene.pool.id)) == 7
    assert await anomalies.open_flag_count(hr, cycle_id=scene.cycle.id, pool_id=other.id) == 6


async def test_flags_are_listed_open_first_then_by_severity_and_filtered_by_status(db):
    # given a run and one resolved flag
    scene = await anomaly_scene()
    hr = scene.company.hr.actor
    flags = await anomalies.run_detectors(hr, cycle_id=scene.cycle.id, pool_id=scene.pool.id)
    top = flags[0]
    await anomalies.resolve_flag(hr, flag_id=top.id, outcome=FlagStatus.ADJUSTED, note="Lowered the ratings by one.")
    # when
    listed = await anomalies.list_flags(hr, cycle_id=scene.cycle.id, pool_id=scene.pool.id)
    resolved = await anomalies.list_flags(hr, cycle_id=scene.cycle.id, status=FlagStatus.ADJUSTED)
    # then
    assert listed[-1].id == top.id
    severities = [f.severity for f in listed[:-1]]
    assert severities == sorted(severities, reverse=True)
    assert [f.id for f in resolved] == [top.id]


async def test_a_pool_of_another_cycle_is_refused(db):
    # given
    scene = await anomaly_scene()
    # when
    with pytest.raises(ValidationFailed) as error:
        await anomalies.run_detectors(scene.company.hr.actor, cycle_id=scene.october.id, pool_id=scene.pool.id)
    # then
    assert error.value.field == "poolId"
    assert await AnomalyFlag.all().count() == 0


async def test_only_hr_runs_or_reads_detectors(db):
    # given
    scene = await anomaly_scene()
    # when / then
    for person in (scene.company.manager, scene.company.employee):
        with pytest.raises(Forbidden):
            await anomalies.run_detectors(person.actor, cycle_id=scene.cycle.id)
        with pytest.raises(Forbidden):
            await anomalies.list_flags(person.actor, cycle_id=scene.cycle.id)
    assert await AnomalyFlag.all().count() == 0


async def test_another_organisations_cycle_or_pool_is_not_found(db):
    # given
    scene = await anomaly_scene()
    other = await anomaly_scene("Globex")
    hr = scene.company.hr.actor
    # when / then
    with pytest.raises(NotFound):
        await anomalies.run_detectors(hr, cycle_id=other.cycle.id)
    with pytest.raises(NotFound):
        await anomalies.run_detectors(hr, cycle_id=scene.cycle.id, pool_id=other.pool.id)
    with pytest.raises(NotFound):
        await anomalies.list_flags(hr, cycle_id=other.cycle.id)
    assert await ReviewCycle.all().count() == 6 and await AnomalyFlag.all().count() == 0


async def test_a_run_costs_the_same_statements_for_15_or_35_people(db, count_queries):
    # given a first run over 15 people
    scene = await anomaly_scene()
    hr = scene.company.hr.actor
    await anomalies.run_detectors(hr, cycle_id=scene.cycle.id, pool_id=scene.pool.id)
    before = count_queries.count
    await anomalies.run_detectors(hr, cycle_id=scene.cycle.id, pool_id=scene.pool.id)
    small = count_queries.count - before
    # and 20 more ordinary people in Ops, rated by HR, with allocations
    extra = [await make_person(scene.company.system, manager=scene.company.owner.employee,
                               department=scene.ops) for _ in range(20)]
    for i, person in enumerate(extra):
        await card(scene.company, scene.cycle, person, scene.template, 66.0 + i % 9)
        await rate(scene.company, scene.cycle, scene.company.hr, person, 3)
    await BonusAllocation.bulk_create([BonusAllocation.build_for(
        scene.company.system, pool_id=scene.pool.id, employee_id=p.employee.id, department_id=scene.ops.id,
        amount_minor=100_000) for p in extra])
    # when
    before = count_queries.count
    flags = await anomalies.run_detectors(hr, cycle_id=scene.cycle.id, pool_id=scene.pool.id)
    large = count_queries.count - before
    # then
    print(f"run_detectors statements: {small} for 15 people, {large} for 35")
    assert len(flags) == 7 and small == large
