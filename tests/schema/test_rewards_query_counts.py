"""Reward lists cost a constant number of SQL statements however many redemptions they show."""
from __future__ import annotations

from backend.access.permissions import Role
from backend.rewards import redemption
from backend.rewards.models import RewardKind
from schema.build import build_schema
from schema.context import Context
from tests.backend.rewards.support import give_points, key, make_item
from tests.factories.org import Company, make_company, make_person

SCHEMA = build_schema()
MINE = "query { myRedemptions(first: 50) { edges { node { status points item { nameEn costPoints } approver { name } } } } }"
QUEUE = "query { rewardApprovals(first: 50) { edges { node { status item { nameEn } employee { name manager { name } } } } } }"
POOL = "query { rewards { nameEn costPoints stock } nextRewardWithinReach { missing item { nameEn } } }"


async def _statements(counter, actor, query: str) -> int:  # type: ignore[no-untyped-def]
    before = counter.count
    result = await SCHEMA.execute(query, context_value=Context(request=None, response=None, actor=actor))  # type: ignore[arg-type]
    assert result.errors is None, result.errors
    return counter.count - before


async def _redeem(company: Company, people: list, items: list, n: int) -> None:  # type: ignore[type-arg]
    for i in range(n):
        person = people[i % len(people)]
        await redemption.redeem(person.actor, item_id=items[i % len(items)].id, client_key=key())


async def test_redemption_lists_cost_the_same_for_3_and_24_requests(db, count_queries):
    # given people in the manager's team with points, several rewards, and 3 requests, then 24
    company: Company = await make_company()
    team = [company.employee] + [await make_person(company.system, role=Role.EMPLOYEE, manager=company.manager.employee)
                                 for _ in range(3)]
    for person in team:
        await give_points(company, person, 50_000)
    items = [await make_item(company, RewardKind.EXTRA_LEAVE, name_en=f"Leave {i}", per_person_limit=None)
             for i in range(3)]
    await _redeem(company, team[:1], items, 3)
    small = [await _statements(count_queries, company.employee.actor, MINE),
             await _statements(count_queries, company.manager.actor, QUEUE),
             await _statements(count_queries, company.employee.actor, POOL)]
    await _redeem(company, team, items, 21)
    # when
    large = [await _statements(count_queries, company.employee.actor, MINE),
             await _statements(count_queries, company.manager.actor, QUEUE),
             await _statements(count_queries, company.employee.actor, POOL)]
    # then
    print(f"myRedemptions/rewardApprovals/rewards statements: {small} for 3 requests, {large} for 24")
    assert small == large
