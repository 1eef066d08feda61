"""Review cycles over GraphQL: HR creates, edits and closes; everyone reads; failures come back as UserError."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from backend.access.actor import Actor
from backend.core import clock
from backend.performance.models import CycleStatus, ReviewCycle
from schema.build import build_schema
from schema.context import Context
from tests.factories.org import make_company
from tests.factories.performance_config import month

SCHEMA = build_schema()
FIELDS = "id nameEn nameZh kind startsOn endsOn status previousId tierPolicy anomalyThresholds appealDays closedAt scoredCount"
CREATE = f"""mutation($input: ReviewCycleInput!) {{ createReviewCycle(input: $input) {{
  __typename ... on ReviewCycleSaved {{ cycle {{ {FIELDS} }} }} ... on UserError {{ code message field }} }} }}"""
UPDATE = """mutation($id: ID!, $input: ReviewCycleInput!) { updateReviewCycle(id: $id, input: $input) {
  __typename ... on ReviewCycleSaved { cycle { nameEn appealDays } } ... on UserError { code field } } }"""
CLOSE = """mutation($id: ID!) { closeReviewCycle(id: $id) {
  __typename ... on ReviewCycleSaved { cycle { status closedAt } } ... on UserError { code message } } }"""
NOVEMBER = {"nameEn": "November 2026", "nameZh": "2026年11月", "kind": "MONTHLY", "startsOn": "2026-11-01",
            "endsOn": "2026-11-30"}


async def run(actor: Actor, query: str, **variables: Any) -> dict[str, Any]:
    result = await SCHEMA.execute(query, variable_values=variables,
                                  context_value=Context(request=None, response=None, actor=actor))  # type: ignore[arg-type]
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


async def test_hr_creates_a_cycle(db):
    # given
    company = await make_company()
    # when
    data = await run(company.hr.actor, CREATE, input={**NOVEMBER, "tierPolicy": {"top10_percent": 5}, "appealDays": 7})
    # then
    cycle = data["createReviewCycle"]["cycle"]
    assert (cycle["nameEn"], cycle["kind"], cycle["status"], cycle["startsOn"], cycle["appealDays"], cycle["scoredCount"]) == (
        "November 2026", "MONTHLY", "OPEN", "2026-11-01", 7, 0)
    assert cycle["tierPolicy"]["top10_percent"] == 5.0 and cycle["closedAt"] is None and cycle["previousId"] is None


async def test_a_monthly_cycle_that_is_not_a_month_is_a_user_error(db):
    # given
    company = await make_company()
    # when
    data = await run(company.hr.actor, CREATE, input={**NOVEMBER, "endsOn": "2026-11-29"})
    # then
    assert data["createReviewCycle"]["__typename"] == "UserError"
    assert (data["createReviewCycle"]["code"], data["createReviewCycle"]["field"]) == ("VALIDATION", "endsOn")
    assert await ReviewCycle.all().count() == 0


async def test_a_tier_policy_that_is_not_an_object_is_a_user_error(db):
    # given
    company = await make_company()
    # when
    data = await run(company.hr.actor, CREATE, input={**NOVEMBER, "tierPolicy": [1, 2]})
    # then
    assert data["createReviewCycle"]["field"] == "tierPolicy"


async def test_a_manager_may_not_create_cycles(db):
    # given
    company = await make_company()
    # when
    data = await run(company.manager.actor, CREATE, input=NOVEMBER)
    # then
    assert data["createReviewCycle"]["code"] == "FORBIDDEN"


async def test_hr_edits_an_open_cycle(db):
    # given
    company = await make_company()
    cycle = await month(company.hr.actor, 2026, 11)
    # when
    data = await run(company.hr.actor, UPDATE, id=str(cycle.id), input={**NOVEMBER, "nameEn": "Nov", "appealDays": 9})
    # then
    assert data["updateReviewCycle"]["cycle"] == {"nameEn": "Nov", "appealDays": 9}


async def test_hr_closes_a_cycle_through_the_closing_use_case(db):
    # given
    company = await make_company()
    cycle = await month(company.hr.actor, 2026, 11)
    # when
    data = await run(company.hr.actor, CLOSE, id=str(cycle.id))
    again = await run(company.hr.actor, CLOSE, id=str(cycle.id))
    # then
    assert data["closeReviewCycle"]["cycle"]["status"] == "CLOSED" and data["closeReviewCycle"]["cycle"]["closedAt"]
    assert again["closeReviewCycle"]["code"] == "CONFLICT"
    assert (await ReviewCycle.get(id=cycle.id)).status == CycleStatus.CLOSED


async def test_everyone_reads_cycles_and_the_current_one(db):
    # given
    company = await make_company()
    october = await month(company.hr.actor, 2026, 10)
    november = await month(company.hr.actor, 2026, 11)
    # when
    with clock.frozen_at(datetime(2026, 11, 18, 4, 0, tzinfo=UTC)):
        data = await run(company.employee.actor, """{ reviewCycles { id previousId } currentReviewCycle { id }
            reviewCycle(id: "%s") { nameZh } }""" % october.id)
    # then
    assert data["reviewCycles"] == [{"id": str(november.id), "previousId": str(october.id)},
                                    {"id": str(october.id), "previousId": None}]
    assert data["currentReviewCycle"] == {"id": str(november.id)}
    assert data["reviewCycle"] == {"nameZh": "2026年10月"}


async def test_another_organisations_cycle_is_not_found(db):
    # given
    ours, theirs = await make_company("Ours"), await make_company("Theirs")
    cycle = await month(theirs.hr.actor, 2026, 11)
    # when
    result = await SCHEMA.execute('{ reviewCycle(id: "%s") { id } }' % cycle.id,
                                  context_value=Context(request=None, response=None, actor=ours.hr.actor))  # type: ignore[arg-type]
    updated = await run(ours.hr.actor, UPDATE, id=str(cycle.id), input=NOVEMBER)
    # then
    assert result.errors is not None and result.errors[0].extensions == {"code": "NOT_FOUND", "field": None}
    assert updated["updateReviewCycle"]["code"] == "NOT_FOUND"


async def test_listing_cycles_with_scored_counts_costs_the_same_for_2_and_6_cycles(db, count_queries):
    # given
    company = await make_company()
    query = "{ reviewCycles { id scoredCount } scorecardTemplates { dimensions { code } assignments { department { name } } } }"
    for number in (1, 2):
        await month(company.hr.actor, 2026, number)
    before = count_queries.count
    await run(company.employee.actor, query)
    small = count_queries.count - before
    for number in (3, 4, 5, 6):
        await month(company.hr.actor, 2026, number)
    # when
    before = count_queries.count
    data = await run(company.employee.actor, query)
    large = count_queries.count - before
    # then
    assert len(data["reviewCycles"]) == 6 and small == large
