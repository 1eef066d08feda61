"""Bonus pool money over GraphQL is the Fen scalar: amounts past GraphQL Int's 2^31 − 1 go in and come back
exact as JSON numbers (pool, departments, allocations, adjustments, the statement's bonus line); a string of
digits is accepted; fractions and amounts outside ±(2^53 − 1) are refused."""
from __future__ import annotations

import pytest

from backend.performance import pools
from schema.core.scalars import MAX_SAFE, parse_fen, serialize_fen
from tests.factories.performance_pools import make_pool_scene, resolve_open_flags, scored_cycle
from tests.schema.performance.test_pools_graphql import ADJUST, CREATE, PREVIEW, execute, run

BIG = 10**12  # ¥10 billion, the largest pool the backend accepts; far past 2^31 − 1
STATEMENT_BONUS = "query($c: ID!, $e: ID) { scorecardStatement(cycleId: $c, employeeId: $e) { bonusMinor bonusCurrency } }"


async def test_a_pool_past_32_bits_goes_in_and_comes_back_exact(db):
    # given
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene)
    hr = scene.company.hr.actor
    # when
    created = (await run(hr, CREATE, input={"cycleId": str(cycle.id), "name": "Big", "amountMinor": BIG}))
    pool_id = created["createBonusPool"]["pool"]["id"]
    pool = (await run(hr, PREVIEW, id=pool_id))["previewBonusPool"]["pool"]
    # then
    assert (pool["amountMinor"], pool["allocatedMinor"]) == (BIG, BIG)
    assert sum(d["amountMinor"] for d in pool["departments"]) == BIG
    assert sum(a["amountMinor"] for a in pool["allocations"]) == BIG
    assert all(isinstance(a["amountMinor"], int) for a in pool["allocations"])
    assert max(a["amountMinor"] for a in pool["allocations"]) > 2**31


async def test_an_adjustment_past_32_bits_moves_exactly_that_many_fen(db):
    # given a previewed ¥10 billion pool
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene)
    hr = scene.company.hr.actor
    pool_id = (await run(hr, CREATE, input={"cycleId": str(cycle.id), "name": "Big", "amountMinor": BIG}))[
        "createBonusPool"]["pool"]["id"]
    before = {a["employee"]["name"]: a["amountMinor"] for a in (await run(hr, PREVIEW, id=pool_id))["previewBonusPool"]["pool"]["allocations"]}
    # when 3,000,000,000 fen move, sent as a string of digits
    data = await run(hr, ADJUST, pool=pool_id, to=str(scene.company.employee.employee.id),
                     **{"from": str(scene.company.manager.employee.id)}, amount="3000000000", reason="Shared the account")
    # then
    after = {a["employee"]["name"]: a["amountMinor"] for a in data["adjustBonusAllocation"]["pool"]["allocations"]}
    assert after["Acme Manager"] == before["Acme Manager"] - 3_000_000_000
    assert after["Acme Worker"] == before["Acme Worker"] + 3_000_000_000
    assert data["adjustBonusAllocation"]["pool"]["allocatedMinor"] == BIG


async def test_the_statement_shows_a_bonus_past_32_bits(db):
    # given a locked ¥10 billion pool of a closed cycle
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene, closed=True)
    hr = scene.company.hr.actor
    pool = await pools.create_bonus_pool(hr, cycle_id=cycle.id, name="Big", amount_minor=BIG)
    previewed = await pools.preview_bonus_pool(hr, pool_id=pool.id)
    await resolve_open_flags(scene, cycle)
    await pools.approve_bonus_pool(scene.company.owner.actor, pool_id=previewed.id)
    await pools.lock_bonus_pool(hr, pool_id=pool.id)
    manager = scene.company.manager
    # when
    found = (await run(manager.actor, STATEMENT_BONUS, c=str(cycle.id), e=str(manager.employee.id)))["scorecardStatement"]
    # then
    assert found["bonusCurrency"] == "CNY" and found["bonusMinor"] > 2**31
    assert isinstance(found["bonusMinor"], int)


@pytest.mark.parametrize("amount", [1.5, "1.5", "12abc", True, 2**53, str(2**53)])
async def test_fractions_and_amounts_beyond_2_to_the_53_are_refused(db, amount):
    # given
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene)
    # when
    result = await execute(scene.company.hr.actor, CREATE, input={"cycleId": str(cycle.id), "name": "Odd", "amountMinor": amount})
    # then
    assert result.errors is not None and "Fen" in result.errors[0].message


async def test_a_literal_in_the_query_text_past_32_bits_is_read(db):
    # given
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene)
    literal = ('mutation { createBonusPool(input: {cycleId: "%s", name: "Literal", amountMinor: 5000000000}) '
               '{ __typename ... on BonusPoolSaved { pool { amountMinor } } } }') % cycle.id
    # when
    data = await run(scene.company.hr.actor, literal)
    # then
    assert data["createBonusPool"]["pool"]["amountMinor"] == 5_000_000_000


def test_the_scalar_never_rounds():
    # when / then
    assert parse_fen(5_000_000_000) == 5_000_000_000 and parse_fen(" -42 ") == -42
    assert serialize_fen(MAX_SAFE) == MAX_SAFE
    with pytest.raises(ValueError):
        serialize_fen(MAX_SAFE + 1)
    with pytest.raises(TypeError):
        serialize_fen(1.0)
