"""The demo's performance history: templates assigned, three closed months with tiers, a live December,
an October pool paid, a November pool waiting on the Line 2 rating-alliance flag, and meaningful data for
the demo employee and manager."""
from __future__ import annotations

from backend.access.actor import Actor
from backend.demo.seed import DEMO_ORG_ID, seed_demo
from backend.org.models import Department, Employee
from backend.performance import progress, statements
from backend.performance.models import (
    AnomalyFlag, AnomalyKind, BonusAllocation, BonusPool, CycleStatus, FlagStatus, PoolStatus, ReviewCycle, Scorecard,
    ScorecardTemplate, TemplateAssignment, TierPlacement,
)

SYSTEM = Actor.system(DEMO_ORG_ID)


async def _login(email: str) -> Actor:
    from backend.access.models import UserAccount

    account = await UserAccount.of(SYSTEM).get(login_email=email)
    return Actor.user(tenant_id=DEMO_ORG_ID, account_id=account.id, employee_id=account.employee_id, role=account.role)


async def test_the_demo_has_templates_for_everyone_and_four_monthly_cycles(db):
    # when
    await seed_demo()
    # then
    assert await ScorecardTemplate.of(SYSTEM).count() == 5
    assert await TemplateAssignment.of(SYSTEM).count() == 9
    cycles = await ReviewCycle.of(SYSTEM).order_by("starts_on")
    assert [(c.name_en, c.status) for c in cycles] == [
        ("September 2026", CycleStatus.CLOSED), ("October 2026", CycleStatus.CLOSED),
        ("November 2026", CycleStatus.CLOSED), ("December 2026", CycleStatus.OPEN)]
    assert [c.previous_id for c in cycles] == [None, cycles[0].id, cycles[1].id, cycles[2].id]
    for cycle in cycles:
        assert await Scorecard.of(SYSTEM).filter(cycle_id=cycle.id).count() == 200
    for cycle in cycles[:3]:
        assert await TierPlacement.of(SYSTEM).filter(cycle_id=cycle.id, tier="top10").count() == 20


async def test_october_is_paid_and_november_waits_on_the_line_2_rating_alliance(db):
    # when
    await seed_demo()
    # then
    pools = {p.name: p for p in await BonusPool.of(SYSTEM).all()}
    october, november = pools["十月绩效奖金 October performance bonus"], pools["十一月绩效奖金 November performance bonus"]
    assert (october.status, november.status) == (PoolStatus.LOCKED, PoolStatus.PREVIEWED)
    paid = await BonusAllocation.of(SYSTEM).filter(pool_id=october.id).values_list("amount_minor", flat=True)
    assert sum(paid) == october.amount_minor == 30_000_000
    line2 = await Department.of(SYSTEM).get(name="二号线（装配）Line 2 Assembly")
    alliance = await AnomalyFlag.of(SYSTEM).get(kind=AnomalyKind.RATING_ALLIANCE, cycle_id=november.cycle_id)
    assert (alliance.department_id, alliance.status) == (line2.id, FlagStatus.OPEN)
    assert await AnomalyFlag.of(SYSTEM).filter(cycle_id=october.cycle_id, status=FlagStatus.OPEN).count() == 0


async def test_the_demo_employee_has_a_complete_november_statement(db):
    # given
    await seed_demo()
    employee = await _login("employee@demo.local")
    november = await ReviewCycle.of(SYSTEM).get(name_en="November 2026")
    assert employee.employee_id is not None
    # when
    statement = await statements.get_statement(employee, cycle_id=november.id, employee_id=employee.employee_id)
    # then
    assert [line.code for line in statement.lines] == ["output", "defect_rate", "safety", "attendance"]
    assert not any(line.missing for line in statement.lines)
    assert statement.card.total > 90 and statement.tiers


async def test_the_demo_manager_has_ratings_due_in_december(db):
    # given
    await seed_demo()
    manager = await _login("manager@demo.local")
    december = await ReviewCycle.of(SYSTEM).get(name_en="December 2026")
    # when
    team = await progress.team_performance(manager, cycle_id=december.id)
    # then
    assert len(team) == 47
    assert all("rating_due" in member.attention for member in team)
    worker = await Employee.of(SYSTEM).get(email="employee@demo.local")
    assert worker.id in {member.employee_id for member in team}
