"""The progress recompute: rows per person and level from confirmed records, LevelReached exactly once per
person and level (a revoke does not re-arm it), held levels complete by promotion, marks consumed,
idempotent."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from backend.core import clock
from backend.core.models import OutboxEvent
from backend.growth import progress
from backend.growth.events import LevelReached
from backend.growth.models import EvidenceKind, GrowthRecompute, GrowthRecord, LevelProgress, RecordStatus
from tests.factories.growth import add_record, assign, level_ids, make_track
from tests.factories.org import Company, make_company

NOW = datetime(2026, 11, 20, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai


async def _rows(c: Company, employee_id) -> dict[str, LevelProgress]:  # type: ignore[no-untyped-def]
    codes = {v: k for k, v in (await level_ids(c.system, await _track(c))).items()}
    return {codes[r.level_id]: r for r in await LevelProgress.of(c.system).filter(employee_id=employee_id)}


async def _track(c: Company):  # type: ignore[no-untyped-def]
    from backend.growth.models import CareerTrack

    return await CareerTrack.of(c.system).get(code="production")


async def _reached(c: Company) -> list[dict]:  # type: ignore[type-arg]
    rows = await OutboxEvent.filter(tenant_id=c.org.id, type=LevelReached.type).order_by("created_at")
    return [r.payload for r in rows]


async def _run(c: Company, **kwargs) -> int:  # type: ignore[no-untyped-def]
    with clock.frozen_at(NOW):
        return await progress.recompute(c.system, **kwargs)


async def test_progress_rows_follow_the_confirmed_records(db):
    # given a junior (since 1 Jan 2025) with the safety training, 2 of 3 equipment trainings and a claimed one
    c = await make_company()
    track = await make_track(c.hr.actor)
    worker = c.employee.employee.id
    await assign(c.hr.actor, [worker], track, "junior", date(2025, 1, 1))
    await add_record(c.system, worker, EvidenceKind.TRAINING, category="safety")
    first = await add_record(c.system, worker, EvidenceKind.TRAINING, category="equipment")
    await add_record(c.system, worker, EvidenceKind.TRAINING, category="equipment")
    await add_record(c.system, worker, EvidenceKind.TRAINING, category="equipment", status=RecordStatus.CLAIMED)
    # when
    evaluated = await _run(c)
    # then
    rows = await _rows(c, worker)
    assert evaluated == 1
    assert set(rows) == {"junior", "middle", "senior", "lead", "technician"}
    assert (rows["junior"].percent, rows["junior"].complete) == (100, True)  # held
    middle = rows["middle"]
    assert (middle.percent, middle.complete, middle.computed_at) == (83, False, NOW)  # (2/3 + 12/12) / 2
    trainings, tenure = middle.requirements
    assert (trainings["current"], trainings["target"], trainings["status"]) == (2, 3, "partial")
    assert str(first.id) in trainings["record_ids"]
    assert (tenure["current"], tenure["status"]) == (22, "done")
    assert (rows["senior"].percent, rows["senior"].requirements[0]["status"]) == (0, "missing")
    assert await _reached(c) == []


async def test_reaching_a_level_emits_once_and_a_revoke_does_not_rearm_it(db):
    # given a junior one equipment training short of "middle"
    c = await make_company()
    track = await make_track(c.hr.actor)
    worker = c.employee.employee.id
    await assign(c.hr.actor, [worker], track, "junior", date(2025, 1, 1))
    for _ in range(2):
        await add_record(c.system, worker, EvidenceKind.TRAINING, category="equipment")
    await _run(c)
    # when the third is confirmed, then revoked, then reinstated
    third = await add_record(c.system, worker, EvidenceKind.TRAINING, category="equipment")
    await _run(c)
    reached = (await _rows(c, worker))["middle"]
    await GrowthRecord.of(c.system).filter(id=third.id).update(status=RecordStatus.REVOKED)
    await _run(c)
    revoked = (await _rows(c, worker))["middle"]
    await GrowthRecord.of(c.system).filter(id=third.id).update(status=RecordStatus.CONFIRMED)
    await _run(c)
    # then one event, completed_at kept through the revoke
    ids = await level_ids(c.system, track)
    assert await _reached(c) == [{"employee_id": str(worker), "track_id": str(track.id), "track_code": "production",
                                  "level_id": str(ids["middle"]), "level_code": "middle"}]
    assert (reached.complete, reached.completed_at) == (True, NOW)
    assert (revoked.complete, revoked.percent, revoked.completed_at) == (False, 83, NOW)


async def test_levels_held_by_promotion_are_complete_without_an_event(db):
    # given a senior whose records meet nothing
    c = await make_company()
    track = await make_track(c.hr.actor)
    await assign(c.hr.actor, [c.employee.employee.id], track, "senior", date(2026, 1, 1))
    # when
    await _run(c)
    # then
    rows = await _rows(c, c.employee.employee.id)
    assert {k: (r.percent, r.complete) for k, r in rows.items()} == {
        "junior": (100, True), "middle": (100, True), "senior": (100, True), "lead": (0, False),
        "technician": (0, False)}
    assert all(r.completed_at is None for r in rows.values())
    assert await _reached(c) == []


async def test_a_second_run_writes_nothing(db, count_queries):
    # given everyone computed once
    c = await make_company()
    track = await make_track(c.hr.actor)
    await assign(c.hr.actor, [p.employee.id for p in c.people()], track, "junior", date(2025, 1, 1))
    await add_record(c.system, c.employee.employee.id, EvidenceKind.PROJECT)
    await _run(c)
    before = count_queries.count
    # when
    await _run(c)
    # then only reads
    statements = count_queries.statements[before:]
    assert statements and all(s.lstrip().upper().startswith("SELECT") for s in statements), statements


async def test_only_marked_people_are_recomputed_and_late_marks_survive(db):
    # given two members marked by the assignment, and one marked again after the run starts
    c = await make_company()
    track = await make_track(c.hr.actor)
    await assign(c.hr.actor, [c.employee.employee.id, c.peer.employee.id], track, "junior")
    await GrowthRecompute.of(c.system).update(requested_at=NOW - timedelta(seconds=1))
    await GrowthRecompute.of(c.system).filter(employee_id=c.peer.employee.id).update(
        requested_at=NOW + timedelta(seconds=1))
    # when
    evaluated = await _run(c, only_marked=True)
    # then
    assert evaluated == 1
    assert await LevelProgress.of(c.system).filter(employee_id=c.peer.employee.id).count() == 0
    assert set(await GrowthRecompute.of(c.system).values_list("employee_id", flat=True)) == {c.peer.employee.id}
    assert await progress.has_pending_marks(c.system)


async def test_people_off_every_track_lose_their_rows(db):
    # given a computed member whose membership is then removed
    c = await make_company()
    track = await make_track(c.hr.actor)
    await assign(c.hr.actor, [c.employee.employee.id], track)
    await _run(c)
    from backend.growth.models import TrackMembership

    await TrackMembership.of(c.system).delete()
    # when
    await _run(c, employee_ids=[c.employee.employee.id])
    # then
    assert await LevelProgress.of(c.system).count() == 0


async def test_a_person_not_yet_at_the_entry_level_counts_tenure_from_hire(db):
    # given someone on the track without a level (hired 1 March 2022)
    c = await make_company()
    track = await make_track(c.hr.actor)
    await assign(c.hr.actor, [c.employee.employee.id], track)
    # when
    await _run(c)
    # then the entry level is not held, the next level's tenure has not started
    rows = await _rows(c, c.employee.employee.id)
    assert (rows["junior"].percent, rows["junior"].complete) == (0, False)
    assert rows["middle"].requirements[1]["current"] == 0
