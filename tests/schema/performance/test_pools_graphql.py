"""Tiers and bonus pools over GraphQL: the whole HR flow, user errors, tier visibility and tenancy."""
from __future__ import annotations

from typing import Any

from backend.access.actor import Actor
from schema.build import build_schema
from schema.context import Context
from tests.factories.performance_pools import make_pool_scene, resolve_open_flags, scored_cycle

SCHEMA = build_schema()
POOL_FIELDS = """id name amountMinor currency status formula allocatedMinor openFlagCount exportCsvUrl exportXlsxUrl
  cycle { nameEn status } createdBy { name } approvedBy { name }
  departments { department { name } headcount meanScore weight amountMinor }
  allocations { employee { name } department { name } amountMinor tier score adjusted }"""
RESULT = f"__typename ... on BonusPoolSaved {{ pool {{ {POOL_FIELDS} }} }} ... on UserError {{ code message field }}"
CREATE = f"mutation($input: BonusPoolInput!) {{ createBonusPool(input: $input) {{ {RESULT} }} }}"
PREVIEW = f"mutation($id: ID!) {{ previewBonusPool(id: $id) {{ {RESULT} }} }}"
ADJUST = f"""mutation($pool: ID!, $to: ID!, $from: ID!, $amount: Fen!, $reason: String!) {{
  adjustBonusAllocation(poolId: $pool, employeeId: $to, fromEmployeeId: $from, amountMinor: $amount, reason: $reason)
  {{ {RESULT} }} }}"""
APPROVE = f"mutation($id: ID!) {{ approveBonusPool(id: $id) {{ {RESULT} }} }}"
LOCK = f"mutation($id: ID!) {{ lockBonusPool(id: $id) {{ {RESULT} }} }}"
POOLS = "query($cycle: ID) { bonusPools(cycleId: $cycle) { id name status } }"
POOL = f"query($id: ID!) {{ bonusPool(id: $id) {{ {POOL_FIELDS} }} }}"
TIERS = "query($cycle: ID!) { cycleTiers(cycleId: $cycle) { employee { name } tier position basis } }"


async def execute(actor: Actor, query: str, **variables: Any):
    return await SCHEMA.execute(query, variable_values=variables,
                                context_value=Context(request=None, response=None, actor=actor))  # type: ignore[arg-type]


async def run(actor: Actor, query: str, **variables: Any) -> dict[str, Any]:
    result = await execute(actor, query, **variables)
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


async def test_hr_drafts_previews_approves_with_a_second_person_and_locks(db):
    # given
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene, closed=True)
    hr, owner = scene.company.hr.actor, scene.company.owner.actor
    # when
    created = (await run(hr, CREATE, input={"cycleId": str(cycle.id), "name": "Nov bonus", "amountMinor": 1_000_000}))
    pool_id = created["createBonusPool"]["pool"]["id"]
    previewed = (await run(hr, PREVIEW, id=pool_id))["previewBonusPool"]["pool"]
    await resolve_open_flags(scene, cycle)
    own = (await run(hr, APPROVE, id=pool_id))["approveBonusPool"]
    approved = (await run(owner, APPROVE, id=pool_id))["approveBonusPool"]["pool"]
    locked = (await run(hr, LOCK, id=pool_id))["lockBonusPool"]["pool"]
    # then
    assert created["createBonusPool"]["pool"]["status"] == "DRAFT"
    assert created["createBonusPool"]["pool"]["allocations"] == []
    assert (previewed["status"], previewed["allocatedMinor"], previewed["currency"]) == ("PREVIEWED", 1_000_000, "CNY")
    assert [(d["department"]["name"], d["headcount"], d["meanScore"], d["weight"], d["amountMinor"])
            for d in previewed["departments"]] == [("Acme Production", 5, 74.6, 1.0, 636_519),
                                                   ("Acme Sales", 3, 71.0, 1.0, 363_481)]
    top = previewed["allocations"][0]
    assert (top["employee"]["name"], top["amountMinor"], top["tier"], top["score"], top["adjusted"]) == (
        "Acme Manager", 315_402, "TOP10", 92.0, False)
    assert (own["__typename"], own["code"]) == ("UserError", "FORBIDDEN")
    assert (approved["status"], approved["approvedBy"], approved["createdBy"]) == (
        "APPROVED", {"name": "Acme Owner"}, {"name": "Acme HR"})
    assert locked["status"] == "LOCKED"
    assert locked["exportCsvUrl"] == f"/exports/bonus-pools/{pool_id}.csv"
    assert locked["exportXlsxUrl"] == f"/exports/bonus-pools/{pool_id}.xlsx"


async def test_an_adjustment_moves_money_and_marks_both_people(db):
    # given
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene)
    hr = scene.company.hr.actor
    pool_id = (await run(hr, CREATE, input={"cycleId": str(cycle.id), "name": "Nov", "amountMinor": 1_000_000}))[
        "createBonusPool"]["pool"]["id"]
    await run(hr, PREVIEW, id=pool_id)
    # when
    data = await run(hr, ADJUST, pool=pool_id, to=str(scene.company.employee.employee.id),
                     **{"from": str(scene.company.manager.employee.id)}, amount=2_000, reason="Shared the account")
    # then
    pool = data["adjustBonusAllocation"]["pool"]
    adjusted = {a["employee"]["name"]: (a["amountMinor"], a["adjusted"]) for a in pool["allocations"] if a["adjusted"]}
    assert adjusted == {"Acme Manager": (313_402, True), "Acme Worker": (95_135, True)}
    assert pool["allocatedMinor"] == 1_000_000


async def test_mistakes_come_back_as_user_errors(db):
    # given
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene)
    hr = scene.company.hr.actor
    # when
    zero = (await run(hr, CREATE, input={"cycleId": str(cycle.id), "name": "Nov", "amountMinor": 0}))["createBonusPool"]
    bad_formula = (await run(hr, CREATE, input={"cycleId": str(cycle.id), "name": "Nov", "amountMinor": 1,
                                                "formula": [1]}))["createBonusPool"]
    bad_id = (await run(hr, PREVIEW, id="not-a-uuid"))["previewBonusPool"]
    as_manager = (await run(scene.company.manager.actor, CREATE, input={
        "cycleId": str(cycle.id), "name": "Nov", "amountMinor": 1}))["createBonusPool"]
    # then
    assert (zero["code"], zero["field"]) == ("VALIDATION", "amountMinor")
    assert (bad_formula["code"], bad_formula["field"]) == ("VALIDATION", "formula")
    assert (bad_id["code"], bad_id["field"]) == ("NOT_FOUND", "id")
    assert as_manager["code"] == "FORBIDDEN"


async def test_pools_are_listed_for_hr_and_refused_to_employees(db):
    # given
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene)
    hr = scene.company.hr.actor
    await run(hr, CREATE, input={"cycleId": str(cycle.id), "name": "Nov", "amountMinor": 500})
    # when
    listed = (await run(hr, POOLS, cycle=str(cycle.id)))["bonusPools"]
    refused = await execute(scene.company.employee.actor, POOLS)
    # then
    assert [(p["name"], p["status"]) for p in listed] == [("Nov", "DRAFT")]
    assert refused.errors is not None and refused.errors[0].extensions["code"] == "FORBIDDEN"


async def test_cycle_tiers_show_scores_only_to_those_who_may_see_them(db):
    # given: a closed cycle, the manager top10
    scene = await make_pool_scene()
    cycle = await scored_cycle(scene, closed=True)
    # when
    as_peer = (await run(scene.company.peer.actor, TIERS, cycle=str(cycle.id)))["cycleTiers"]
    as_hr = (await run(scene.company.hr.actor, TIERS, cycle=str(cycle.id)))["cycleTiers"]
    # then
    assert as_peer == [{"employee": {"name": "Acme Manager"}, "tier": "TOP10", "position": 1, "basis": None}]
    assert as_hr == [{"employee": {"name": "Acme Manager"}, "tier": "TOP10", "position": 1, "basis": 92.0}]


async def test_another_organisations_pool_and_cycle_are_not_found(db):
    # given
    scene = await make_pool_scene()
    other = await make_pool_scene("Other")
    theirs = await scored_cycle(other, closed=True)
    their_pool = (await run(other.company.hr.actor, CREATE, input={
        "cycleId": str(theirs.id), "name": "Theirs", "amountMinor": 500}))["createBonusPool"]["pool"]["id"]
    hr = scene.company.hr.actor
    # when
    pool = await execute(hr, POOL, id=their_pool)
    tiers = await execute(hr, TIERS, cycle=str(theirs.id))
    create = (await run(hr, CREATE, input={"cycleId": str(theirs.id), "name": "Mine", "amountMinor": 5}))
    # then
    assert pool.errors is not None and pool.errors[0].extensions["code"] == "NOT_FOUND"
    assert tiers.errors is not None and tiers.errors[0].extensions["code"] == "NOT_FOUND"
    assert create["createBonusPool"]["code"] == "NOT_FOUND"
    assert (await run(hr, POOLS))["bonusPools"] == []
