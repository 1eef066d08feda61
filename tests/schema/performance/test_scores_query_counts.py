"""Score lists cost a constant number of SQL statements however many cards they show."""
from __future__ import annotations

from backend.performance import recompute
from schema.build import build_schema
from schema.context import Context
from tests.factories.performance_scoring import Scene, add_people, make_scene

SCHEMA = build_schema()
TEAM = "query { teamPerformance { employee { name } attention scorecard { total tiers dimensions { nameEn points } } } }"
LIST = """query($cycleId: ID!) { cycleScorecards(cycleId: $cycleId, first: 100) { edges { node {
  total tiers employee { name } department { name } dimensions { nameEn points } } } } }"""


async def _statements(counter, actor, query: str, **variables) -> int:  # type: ignore[no-untyped-def]
    before = counter.count
    result = await SCHEMA.execute(query, variable_values=variables,
                                  context_value=Context(request=None, response=None, actor=actor))  # type: ignore[arg-type]
    assert result.errors is None, result.errors
    return counter.count - before


async def _scene(name: str, n: int) -> Scene:
    scene = await make_scene(name)
    await add_people(scene, n)
    await recompute.recompute_cycle(scene.company.system, cycle_id=scene.cycle.id, only_marked=False)
    return scene


async def test_team_and_cycle_lists_cost_the_same_for_3_and_30_people(db, count_queries):
    # given teams of 3 + 3 and 3 + 30 scored people
    small, large = await _scene("Small", 3), await _scene("Large", 30)
    # when
    counts = [(await _statements(count_queries, s.company.manager.actor, TEAM),
               await _statements(count_queries, s.company.hr.actor, LIST, cycleId=str(s.cycle.id))) for s in (small, large)]
    # then
    print(f"teamPerformance/cycleScorecards statements: {counts[0]} for 6 people, {counts[1]} for 33")
    assert counts[0] == counts[1]
