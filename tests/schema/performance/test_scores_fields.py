"""Scores over GraphQL: my card with named dimensions, the statement, history, the team view, HR's ranked
list, asking for a recompute; errors come back typed; another organisation's ids are not found."""
from __future__ import annotations

from typing import Any

from backend.access.actor import Actor
from backend.performance import recompute
from backend.performance.models import DimensionSource, ScoreRecompute
from schema.build import build_schema
from schema.context import Context
from tests.factories.performance import DimensionSpec, put_value
from tests.factories.performance_scoring import make_scene, make_statement_scene

SCHEMA = build_schema()
CARD = """query($cycleId: ID, $employeeId: ID) { scorecard(cycleId: $cycleId, employeeId: $employeeId) {
  cycleId total completion missing rankDepartment rankOrganization percentileOrganization tiers
  employee { name } department { name }
  dimensions { code nameEn source weight raw unit target points weighted progress missing } } }"""
STATEMENT = """query($cycleId: ID!, $employeeId: ID) { scorecardStatement(cycleId: $cycleId, employeeId: $employeeId) {
  cycle { nameEn } employee { name } templateNameEn templateVersion total departmentSize organizationSize
  bonusMinor appealOpen tiers
  lines { code weight raw unit curveEn curveZh points weighted missing detail valueSource sourceLabel suppliedBy { name } } } }"""
HISTORY = "query($employeeId: ID) { myScoreHistory(employeeId: $employeeId) { total cycleId } }"
TEAM = "query { teamPerformance { employee { name } attention attentionScore scorecard { total } } }"
LIST = """query($cycleId: ID!, $after: String) { cycleScorecards(cycleId: $cycleId, first: 2, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { rankOrganization total employee { name } } } } }"""
RECOMPUTE = """mutation($cycleId: ID!) { recomputeScores(cycleId: $cycleId) {
  __typename ... on ScoresRecomputeQueued { cycleId queued } ... on UserError { code field } } }"""


async def run(actor: Actor, query: str, **variables: Any) -> dict[str, Any]:
    result = await SCHEMA.execute(query, variable_values=variables,
                                  context_value=Context(request=None, response=None, actor=actor))  # type: ignore[arg-type]
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


async def errors(actor: Actor, query: str, **variables: Any) -> list[str]:
    result = await SCHEMA.execute(query, variable_values=variables,
                                  context_value=Context(request=None, response=None, actor=actor))  # type: ignore[arg-type]
    return [e.extensions["code"] for e in result.errors or []]  # type: ignore[index]


async def test_my_scorecard_in_the_current_cycle(db):
    # given
    scene = await make_statement_scene()
    # when
    card = (await run(scene.company.employee.actor, CARD))["scorecard"]
    # then
    assert (card["cycleId"], card["total"], card["completion"], card["missing"]) == (str(scene.cycle.id), 88.0, 0.8, 0)
    assert (card["employee"]["name"], card["department"]["name"], card["rankOrganization"], card["tiers"]) == (
        "Acme Worker", "Acme Production", 1, [])
    assert card["dimensions"][0] == {"code": "results", "nameEn": "Results", "source": "METRIC", "weight": 40,
                                     "raw": 600000.0, "unit": "¥", "target": 500000.0, "points": 120.0,
                                     "weighted": 48.0, "progress": 1.0, "missing": False}
    assert [d["points"] for d in card["dimensions"]] == [120.0, 80.0, 70.0, 50.0]


async def test_the_statement_over_graphql(db):
    # given
    scene = await make_statement_scene()
    c = scene.company
    # when
    found = (await run(c.manager.actor, STATEMENT, cycleId=str(scene.cycle.id),
                       employeeId=str(c.employee.employee.id)))["scorecardStatement"]
    # then
    assert (found["cycle"]["nameEn"], found["employee"]["name"], found["templateNameEn"], found["templateVersion"],
            found["total"], found["departmentSize"], found["bonusMinor"]) == (
        "November 2026", "Acme Worker", "Sales", 1, 88.0, 3, None)
    results = found["lines"][0]
    assert (results["valueSource"], results["sourceLabel"], results["suppliedBy"], results["curveZh"]) == (
        "MANUAL", "typed in", {"name": "Acme Manager"}, "线性至目标 500,000 ¥：实际值 ÷ 目标 × 100，低于目标 50% 计 0 分，最高 120 分")
    assert found["lines"][2]["detail"]["relations"]["peer"]["hidden"] is True


async def test_statement_lines_name_the_metric_they_are_fed_by(db):
    # given a template whose results dimension is fed by a metric with another code, next to a rating and
    # an attendance dimension
    specs = [DimensionSpec("results", 50, metric_code="revenue", target=200),
             DimensionSpec("mentoring", 30, source=DimensionSource.RATING, target=None),
             DimensionSpec("attendance", 20, source=DimensionSource.ATTENDANCE, metric_code="attendance_rate", target=98)]
    scene = await make_scene(specs=specs)
    c = scene.company
    await put_value(c.system, scene.cycle, c.employee.employee.id, "revenue", 100)
    await recompute.recompute_cycle(c.system, cycle_id=scene.cycle.id, only_marked=False)
    # when
    found = (await run(c.manager.actor, "query($c: ID!, $e: ID) { scorecardStatement(cycleId: $c, employeeId: $e) "
                       "{ lines { code metricCode } } }", c=str(scene.cycle.id), e=str(c.employee.employee.id)))
    # then
    assert found["scorecardStatement"]["lines"] == [
        {"code": "results", "metricCode": "revenue"}, {"code": "mentoring", "metricCode": None},
        {"code": "attendance", "metricCode": "attendance_rate"}]


async def test_history_team_and_ranked_list(db):
    # given
    scene = await make_statement_scene()
    c = scene.company
    # when
    history = (await run(c.employee.actor, HISTORY))["myScoreHistory"]
    team = (await run(c.manager.actor, TEAM))["teamPerformance"]
    first = (await run(c.hr.actor, LIST, cycleId=str(scene.cycle.id)))["cycleScorecards"]
    rest = (await run(c.hr.actor, LIST, cycleId=str(scene.cycle.id), after=first["pageInfo"]["endCursor"]))["cycleScorecards"]
    # then
    assert history == [{"total": 88.0, "cycleId": str(scene.cycle.id)}]
    assert [(m["employee"]["name"], m["attentionScore"]) for m in team] == [("Acme Worker", 0)]
    assert first["totalCount"] == 3 and first["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["rankOrganization"] for e in first["edges"] + rest["edges"]] == [1, 2, 2]


async def test_hr_queues_a_recompute_and_others_get_a_typed_error(db):
    # given
    scene = await make_scene()
    c = scene.company
    # when
    queued = (await run(c.hr.actor, RECOMPUTE, cycleId=str(scene.cycle.id)))["recomputeScores"]
    refused = (await run(c.manager.actor, RECOMPUTE, cycleId=str(scene.cycle.id)))["recomputeScores"]
    # then
    assert queued == {"__typename": "ScoresRecomputeQueued", "cycleId": str(scene.cycle.id), "queued": 5}
    assert refused == {"__typename": "UserError", "code": "FORBIDDEN", "field": None}
    assert await ScoreRecompute.of(c.system).count() == 5


async def test_another_organisations_ids_are_not_found_and_strangers_forbidden(db):
    # given
    scene, other = await make_statement_scene("Acme"), await make_scene("Globex")
    c = scene.company
    # when / then
    assert await errors(c.hr.actor, STATEMENT, cycleId=str(other.cycle.id)) == ["NOT_FOUND"]
    assert await errors(c.hr.actor, LIST, cycleId=str(other.cycle.id)) == ["NOT_FOUND"]
    assert (await run(c.hr.actor, RECOMPUTE, cycleId=str(other.cycle.id)))["recomputeScores"]["code"] == "NOT_FOUND"
    assert await errors(c.peer.actor, CARD, employeeId=str(c.employee.employee.id)) == ["FORBIDDEN"]
    assert await errors(c.manager.actor, LIST, cycleId=str(scene.cycle.id)) == ["FORBIDDEN"]
