"""growthMap and teamGrowth over GraphQL: the whole map with records and sessions, who may read it, and a
constant number of SQL statements for the map (3 vs 12 levels) and the team (3 vs 30 people)."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from backend.core import clock
from backend.growth import progress
from backend.growth.models import EvidenceKind, LearningSession, RecordStatus
from backend.growth.track_specs import LevelDraft
from schema.build import build_schema
from schema.context import Context
from tests.factories.growth import add_record, assign, eq, level_ids, make_track, requirement, rule
from tests.factories.org import make_company, make_person

SCHEMA = build_schema()
MAP = """query($id: ID) { growthMap(employeeId: $id) { employee { name } currentLevelId levelSince computedAt
  track { code levels { code upcomingSessions { titleEn enrolled myEnrolment } } }
  levels { percent complete isCurrent completedAt level { code requirements { nameEn } resources { titleEn } }
    requirements { status current target requirement { nameEn howToEn }
      records { id title status canConfirm canRevoke confirmedBy { name } file { url } } } }
  nextStep { remaining estimatedOn estimateBasis level { code } requirement { nameEn }
    sessions { titleEn trainer { name } enrolled } resources { titleEn url } } } }"""
TEAM = """query { teamGrowth { employee { name } nextLevelPercent pendingConfirmations staleSince
  track { code levels { code } } currentLevel { code requirements { nameEn } } nextLevel { code upcomingSessions { id } } } }"""


async def _run(actor, query: str, counter=None, **variables: Any) -> tuple[dict[str, Any], int]:  # type: ignore[no-untyped-def]
    before = counter.count if counter else 0
    result = await SCHEMA.execute(query, variable_values=variables,
                                  context_value=Context(request=None, response=None, actor=actor))  # type: ignore[arg-type]
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data, (counter.count - before) if counter else 0


def _levels(n: int) -> tuple[LevelDraft, ...]:
    codes = [f"l{i}" for i in range(n)]
    return tuple(LevelDraft(code=code, name_en=code, name_zh=code, previous_code=codes[i - 1] if i else None,
                            requirements=tuple(requirement(f"{code} {j}", rule(EvidenceKind.TRAINING, j + 1,
                                                                                conditions=eq("category", f"c{j}")))
                                               for j in range(3)))
                 for i, code in enumerate(codes))


async def test_the_map_over_graphql(db):
    # given a junior with 2 of 3 equipment trainings and an equipment session ahead linked to "middle"
    c = await make_company()
    track = await make_track(c.hr.actor)
    ids = await level_ids(c.system, track)
    worker = c.employee.employee.id
    await assign(c.hr.actor, [worker], track, "junior", date(2025, 1, 1))
    for _ in range(2):
        await add_record(c.system, worker, EvidenceKind.TRAINING, category="equipment")
    soon = clock.now() + timedelta(days=7)
    await LearningSession.create_for(c.system, title_en="Lathe", title_zh="车床", starts_at=soon,
                                     ends_at=soon + timedelta(hours=2), capacity=8, attributes={"category": "equipment"},
                                     level_id=ids["middle"], trainer_id=c.manager.employee.id)
    await progress.recompute(c.system)
    # when
    mine, _ = await _run(c.employee.actor, MAP)
    theirs, _ = await _run(c.manager.actor, MAP, id=str(worker))
    refused = await SCHEMA.execute(MAP, variable_values={"id": str(worker)},
                                   context_value=Context(request=None, response=None, actor=c.peer.actor))  # type: ignore[arg-type]
    # then
    found = mine["growthMap"]
    assert found["employee"]["name"] == "Acme Worker" and found["currentLevelId"] == str(ids["junior"])
    assert [(lv["level"]["code"], lv["percent"], lv["isCurrent"]) for lv in found["levels"]][:2] == [
        ("junior", 100, True), ("middle", 83, False)]
    trainings = found["levels"][1]["requirements"][0]
    assert (trainings["status"], trainings["current"], len(trainings["records"])) == ("PARTIAL", 2.0, 2)
    assert trainings["records"][0]["canConfirm"] is False
    step = found["nextStep"]
    assert (step["level"]["code"], step["remaining"], step["estimateBasis"]) == ("middle", 1.0, "session")
    assert [s["titleEn"] for s in step["sessions"]] == ["Lathe"]
    assert found["track"]["levels"][1]["upcomingSessions"] == [{"titleEn": "Lathe", "enrolled": 0, "myEnrolment": None}]
    assert theirs["growthMap"]["levels"] == found["levels"]
    assert refused.errors and refused.errors[0].extensions["code"] == "FORBIDDEN"  # type: ignore[index]


async def test_the_map_costs_the_same_statements_for_3_and_12_levels(db, count_queries):
    # given people on tracks of 3 and 12 levels, with records, a claim and a session
    counts = []
    for n in (3, 12):
        c = await make_company(f"Org {n}")
        track = await make_track(c.hr.actor, levels=_levels(n))
        ids = await level_ids(c.system, track)
        await assign(c.hr.actor, [c.employee.employee.id], track, "l0")
        for j in range(3):
            await add_record(c.system, c.employee.employee.id, EvidenceKind.TRAINING, category=f"c{j}")
        await add_record(c.system, c.employee.employee.id, EvidenceKind.TRAINING, category="c1",
                         status=RecordStatus.CLAIMED)
        soon = clock.now() + timedelta(days=3)
        for level in ids.values():
            await LearningSession.create_for(c.system, title_en="s", title_zh="s", starts_at=soon,
                                             ends_at=soon + timedelta(hours=1), capacity=5, level_id=level,
                                             attributes={"category": "c1"})
        await progress.recompute(c.system)
        # when
        _, count = await _run(c.manager.actor, MAP, count_queries, id=str(c.employee.employee.id))
        counts.append(count)
    # then
    print(f"growthMap statements: {counts} for 3 and 12 levels")
    assert counts[0] == counts[1]


async def test_team_growth_costs_the_same_statements_for_3_and_30(db, count_queries):
    # given managers of 3 and 30 people on a track
    counts = []
    for n in (3, 30):
        c = await make_company(f"Org {n}")
        track = await make_track(c.hr.actor)
        people = [await make_person(c.system, manager=c.manager.employee) for _ in range(n)]
        await assign(c.hr.actor, [p.employee.id for p in people], track, "junior")
        for p in people:
            await add_record(c.system, p.employee.id, EvidenceKind.PROJECT, status=RecordStatus.CLAIMED)
        await progress.recompute(c.system)
        # when
        data, count = await _run(c.manager.actor, TEAM, count_queries)
        counts.append(count)
    # then
    print(f"teamGrowth statements: {counts} for 3+1 and 30+1 people")
    assert len(data["teamGrowth"]) == 31
    assert data["teamGrowth"][0]["pendingConfirmations"] == 1 and data["teamGrowth"][0]["nextLevel"]["code"] == "middle"
    assert counts[0] == counts[1]
