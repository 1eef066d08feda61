"""Anomaly flags over GraphQL: HR runs the detectors and reads and resolves flags; others get a UserError or
an error; another organisation's ids are unknown."""
from __future__ import annotations

from typing import Any

from backend.access.actor import Actor
from backend.performance.models import AnomalyKind
from schema.build import build_schema
from schema.context import Context
from tests.factories.performance_review import anomaly_scene

SCHEMA = build_schema()
FLAG = """id kind severity evidence explanationEn explanationZh present status resolution resolvedAt raisedAt poolId
  department { name } employee { name } otherEmployee { name } resolvedBy { name }"""
RUN = f"""mutation($cycle: ID!, $pool: ID) {{ runAnomalyDetectors(cycleId: $cycle, poolId: $pool) {{
  __typename ... on DetectorsRun {{ raised flags {{ {FLAG} }} }} ... on UserError {{ code message field }} }} }}"""
FLAGS = """query($cycle: ID!, $pool: ID, $status: FlagStatus) { anomalyFlags(cycleId: $cycle, poolId: $pool, status: $status) {
  id kind status } }"""
RESOLVE = """mutation($id: ID!, $outcome: FlagStatus!, $note: String!) { resolveAnomalyFlag(id: $id, outcome: $outcome, note: $note) {
  __typename ... on FlagResolved { flag { status resolution resolvedBy { name } } } ... on UserError { code field } } }"""


async def execute(actor: Actor, query: str, **variables: Any) -> Any:
    return await SCHEMA.execute(query, variable_values=variables,
                                context_value=Context(request=None, response=None, actor=actor))  # type: ignore[arg-type]


async def run(actor: Actor, query: str, **variables: Any) -> dict[str, Any]:
    result = await execute(actor, query, **variables)
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


async def test_hr_runs_the_detectors_and_reads_the_flags(db):
    # given
    scene = await anomaly_scene()
    hr = scene.company.hr.actor
    # when
    data = (await run(hr, RUN, cycle=str(scene.cycle.id), pool=str(scene.pool.id)))["runAnomalyDetectors"]
    # then
    assert (data["__typename"], data["raised"], len(data["flags"])) == ("DetectorsRun", 7, 7)
    by_kind = {f["kind"]: f for f in data["flags"]}
    assert set(by_kind) == {k.name for k in AnomalyKind}
    pair = by_kind["RECIPROCAL_PAIR"]
    a, b = scene.pair
    assert (pair["employee"]["name"], pair["otherEmployee"]["name"], pair["department"]) == (
        a.employee.name, b.employee.name, None)
    all_high = by_kind["ALL_HIGH"]
    assert (all_high["department"], all_high["status"], all_high["present"], all_high["poolId"]) == (
        {"name": "Sales"}, "OPEN", True, None)
    assert all_high["evidence"] == {"headcount": 5, "high_share": 1.0, "sd": 1.414, "mean": 97.0, "high_score": 85.0}
    assert all_high["explanationEn"] == "Department Sales: 100% score above 85 (≥ 90%) with a spread of 1.4 (< 5)."
    assert all_high["explanationZh"] == "部门「Sales」100% 的人高于 85 分（≥ 90%），标准差仅 1.4（< 5）。"
    assert by_kind["UNDIFFERENTIATED_POOL"]["poolId"] == str(scene.pool.id)
    listed = (await run(hr, FLAGS, cycle=str(scene.cycle.id), status="OPEN"))["anomalyFlags"]
    assert len(listed) == 7


async def test_hr_resolves_a_flag(db):
    # given
    scene = await anomaly_scene()
    hr = scene.company.hr.actor
    flags = (await run(hr, RUN, cycle=str(scene.cycle.id)))["runAnomalyDetectors"]["flags"]
    # when
    data = (await run(hr, RESOLVE, id=flags[0]["id"], outcome="JUSTIFIED", note="The new product line sold out."))
    short = (await run(hr, RESOLVE, id=flags[1]["id"], outcome="JUSTIFIED", note="fine"))
    # then
    assert data["resolveAnomalyFlag"] == {"__typename": "FlagResolved", "flag": {
        "status": "JUSTIFIED", "resolution": "The new product line sold out.", "resolvedBy": {"name": "Acme HR"}}}
    assert short["resolveAnomalyFlag"] == {"__typename": "UserError", "code": "VALIDATION", "field": "note"}
    assert len((await run(hr, FLAGS, cycle=str(scene.cycle.id), status="JUSTIFIED"))["anomalyFlags"]) == 1


async def test_a_manager_gets_a_user_error_and_cannot_read_flags(db):
    # given
    scene = await anomaly_scene()
    manager = scene.company.manager.actor
    # when
    ran = (await run(manager, RUN, cycle=str(scene.cycle.id)))["runAnomalyDetectors"]
    read = await execute(manager, FLAGS, cycle=str(scene.cycle.id))
    # then
    assert ran == {"__typename": "UserError", "code": "FORBIDDEN", "message": "Only HR can review anomaly flags.",
                   "field": None}
    assert read.errors is not None and read.errors[0].message == "Only HR can review anomaly flags."


async def test_another_organisations_cycle_is_unknown(db):
    # given
    scene = await anomaly_scene()
    other = await anomaly_scene("Globex")
    # when
    data = (await run(other.company.hr.actor, RUN, cycle=str(scene.cycle.id)))["runAnomalyDetectors"]
    malformed = (await run(scene.company.hr.actor, RUN, cycle="not-a-uuid"))["runAnomalyDetectors"]
    # then
    assert (data["__typename"], data["code"]) == ("UserError", "NOT_FOUND")
    assert (malformed["code"], malformed["field"]) == ("NOT_FOUND", "cycleId")
