"""A pool costs a constant number of SQL statements however many people it pays: previewing it and
reading it with every allocation."""
from __future__ import annotations

from backend.performance import pools
from schema.build import build_schema
from schema.context import Context
from tests.factories.org import make_person
from tests.factories.performance_pools import PRODUCTION_TOTALS, SALES_TOTALS, make_pool_scene, scored_cycle

SCHEMA = build_schema()
POOL = """query($id: ID!) { bonusPool(id: $id) { name status allocatedMinor openFlagCount cycle { nameEn }
  departments { department { name } amountMinor } createdBy { name }
  allocations { employee { name manager { name } } department { name } amountMinor tier } } }"""


async def _pool_with(extra_sales: int, name: str):  # type: ignore[no-untyped-def]
    scene = await make_pool_scene(name)
    for _ in range(extra_sales):
        scene.sales_people.append(await make_person(scene.company.system, manager=scene.company.owner.employee,
                                                    department=scene.sales))
    totals = PRODUCTION_TOTALS + SALES_TOTALS + [60.0 + n for n in range(extra_sales)]
    cycle = await scored_cycle(scene, totals)
    pool = await pools.create_bonus_pool(scene.company.hr.actor, cycle_id=cycle.id, name="Nov", amount_minor=10**6)
    return scene, pool


async def test_previewing_costs_the_same_for_8_and_24_people(db, count_queries):
    # given
    small, small_pool = await _pool_with(0, "Small")
    large, large_pool = await _pool_with(16, "Large")
    # when
    before = count_queries.count
    await pools.preview_bonus_pool(small.company.hr.actor, pool_id=small_pool.id)
    middle = count_queries.count
    await pools.preview_bonus_pool(large.company.hr.actor, pool_id=large_pool.id)
    # then
    assert count_queries.count - middle == middle - before


async def test_reading_a_pool_costs_the_same_for_8_and_24_people(db, count_queries):
    # given
    small, small_pool = await _pool_with(0, "Small")
    large, large_pool = await _pool_with(16, "Large")
    await pools.preview_bonus_pool(small.company.hr.actor, pool_id=small_pool.id)
    await pools.preview_bonus_pool(large.company.hr.actor, pool_id=large_pool.id)
    counts = []
    # when
    for scene, pool in ((small, small_pool), (large, large_pool)):
        before = count_queries.count
        result = await SCHEMA.execute(POOL, variable_values={"id": str(pool.id)},
                                      context_value=Context(request=None, response=None,  # type: ignore[arg-type]
                                                            actor=scene.company.hr.actor))
        assert result.errors is None, result.errors
        assert len(result.data["bonusPool"]["allocations"]) == len(scene.everyone)
        counts.append(count_queries.count - before)
    # then
    assert counts[0] == counts[1]
