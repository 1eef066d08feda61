"""Appeals over GraphQL: the person files and withdraws, the reviewer decides (a correction recomputes the
score), lists for the appellant and the reviewer; failures come back as UserError."""
from __future__ import annotations

from typing import Any

from backend.access.actor import Actor
from backend.core import clock
from schema.build import build_schema
from schema.context import Context
from tests.factories.performance_review import IN_WINDOW, appeal_scene, in_process_jobs, key

SCHEMA = build_schema()
APPEAL = """id dimensionCode reason evidence status dueAt overdue decision decidedAt totalBefore totalAfter filedAt
  cycle { nameEn } employee { name } reviewer { name } decidedBy { name }"""
FILE = f"""mutation($input: FileAppealInput!) {{ fileAppeal(input: $input) {{
  __typename ... on AppealChanged {{ appeal {{ {APPEAL} }} }} ... on UserError {{ code message field }} }} }}"""
DECIDE = """mutation($id: ID!, $outcome: AppealStatus!, $decision: String!, $value: Float) {
  decideAppeal(id: $id, outcome: $outcome, decision: $decision, correctedValue: $value) {
  __typename ... on AppealChanged { appeal { status totalBefore totalAfter decidedBy { name } } }
  ... on UserError { code message field } } }"""
WITHDRAW = """mutation($id: ID!) { withdrawAppeal(id: $id) { __typename ... on AppealChanged { appeal { status } }
  ... on UserError { code } } }"""
MINE = "query { myAppeals { id status totalAfter } }"
QUEUE = "query($status: AppealStatus) { appealsToDecide(status: $status) { id status employee { name } cycle { nameEn } } }"
ONE = "query($id: ID!) { appeal(id: $id) { id status totalAfter } }"


async def execute(actor: Actor, query: str, **variables: Any) -> Any:
    return await SCHEMA.execute(query, variable_values=variables,
                                context_value=Context(request=None, response=None, actor=actor))  # type: ignore[arg-type]


async def run(actor: Actor, query: str, **variables: Any) -> dict[str, Any]:
    result = await execute(actor, query, **variables)
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


def filing(scene: Any, **values: Any) -> dict[str, Any]:
    return {"cycleId": str(scene.cycle.id), "dimensionCode": "results", "reason": "Two deals are missing from the CRM.",
            "evidence": ["https://crm.example/deal/17"], "clientKey": key(), **values}


async def test_a_person_files_an_appeal_and_the_reviewer_sees_it(db):
    # given
    scene = await appeal_scene()
    c = scene.company
    with clock.frozen_at(IN_WINDOW):
        # when
        data = (await run(c.employee.actor, FILE, input=filing(scene)))["fileAppeal"]
        queue = (await run(c.owner.actor, QUEUE))["appealsToDecide"]
    # then
    appeal = data["appeal"]
    assert data["__typename"] == "AppealChanged"
    assert {k: appeal[k] for k in ("dimensionCode", "status", "overdue", "totalBefore", "totalAfter", "decision")} == {
        "dimensionCode": "results", "status": "OPEN", "overdue": False, "totalBefore": 77.0, "totalAfter": None,
        "decision": ""}
    assert (appeal["dueAt"], appeal["filedAt"]) == ("2026-12-05T02:00:00+00:00", "2026-12-02T02:00:00+00:00")
    assert (appeal["cycle"], appeal["employee"], appeal["reviewer"], appeal["decidedBy"]) == (
        {"nameEn": "November 2026"}, {"name": "Acme Worker"}, {"name": "Acme Owner"}, None)
    assert queue == [{"id": appeal["id"], "status": "OPEN", "employee": {"name": "Acme Worker"},
                      "cycle": {"nameEn": "November 2026"}}]


async def test_an_upheld_correction_shows_the_new_total_once_recomputed(db):
    # given
    scene = await appeal_scene()
    c = scene.company
    runner = in_process_jobs()
    with clock.frozen_at(IN_WINDOW):
        appeal_id = (await run(c.employee.actor, FILE, input=filing(scene)))["fileAppeal"]["appeal"]["id"]
        # when
        decided = (await run(c.owner.actor, DECIDE, id=appeal_id, outcome="UPHELD",
                             decision="The CRM export confirms both deals.", value=200))["decideAppeal"]
        await runner.wait_idle()
        seen = (await run(c.employee.actor, ONE, id=appeal_id))["appeal"]
        mine = (await run(c.employee.actor, MINE))["myAppeals"]
    # then
    assert decided == {"__typename": "AppealChanged", "appeal": {
        "status": "UPHELD", "totalBefore": 77.0, "totalAfter": None, "decidedBy": {"name": "Acme Owner"}}}
    assert seen == {"id": appeal_id, "status": "UPHELD", "totalAfter": 92.0}
    assert mine == [seen]


async def test_failures_come_back_as_user_errors(db):
    # given
    scene = await appeal_scene()
    c = scene.company
    with clock.frozen_at(IN_WINDOW):
        appeal_id = (await run(c.employee.actor, FILE, input=filing(scene)))["fileAppeal"]["appeal"]["id"]
        # when
        duplicate = (await run(c.employee.actor, FILE, input=filing(scene)))["fileAppeal"]
        short = (await run(c.employee.actor, FILE, input=filing(scene, dimensionCode=None, reason="short")))["fileAppeal"]
        by_manager = (await run(c.manager.actor, DECIDE, id=appeal_id, outcome="REJECTED",
                                decision="No."))["decideAppeal"]
        withdrawn = (await run(c.employee.actor, WITHDRAW, id=appeal_id))["withdrawAppeal"]
        again = (await run(c.employee.actor, WITHDRAW, id=appeal_id))["withdrawAppeal"]
    # then
    assert (duplicate["code"], duplicate["field"]) == ("CONFLICT", "dimensionCode")
    assert (short["code"], short["field"]) == ("VALIDATION", "reason")
    assert by_manager["code"] == "FORBIDDEN"
    assert withdrawn == {"__typename": "AppealChanged", "appeal": {"status": "WITHDRAWN"}}
    assert again == {"__typename": "UserError", "code": "CONFLICT"}


async def test_an_appeal_is_hidden_from_colleagues_and_other_organisations(db):
    # given
    scene = await appeal_scene()
    other = await appeal_scene("Globex")
    c = scene.company
    with clock.frozen_at(IN_WINDOW):
        appeal_id = (await run(c.employee.actor, FILE, input=filing(scene)))["fileAppeal"]["appeal"]["id"]
    # when
    peer = await execute(c.peer.actor, ONE, id=appeal_id)
    stranger = await execute(other.company.hr.actor, ONE, id=appeal_id)
    # then
    assert peer.errors[0].extensions["code"] == "FORBIDDEN"
    assert stranger.errors[0].extensions["code"] == "NOT_FOUND"
    assert (await run(other.company.hr.actor, QUEUE, status=None))["appealsToDecide"] == []
